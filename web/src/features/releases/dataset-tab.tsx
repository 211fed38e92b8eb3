import { Button, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Dataset } from '../../../../src/contracts/catalog';
import type { Release, ReleaseList } from '../../../../src/contracts/releases';
import { useApiQuery } from '../../app/api/use-api-query';
import { useMe } from '../../app/auth/use-auth';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { ReleaseStatusTag } from './badges';

/**
 * The dataset page's 发布版本 tab (imported by the catalog feature): the releases the caller may
 * see (the owner and the custodian see all; others the accepted one and its history) and, for
 * the owner's submitters, the way to the upload wizard.
 */
export function ReleasesDatasetTab({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation();
  const me = useMe();
  const releases = useApiQuery<ReleaseList>(`/datasets/${dataset.id}/releases`, { limit: 50 });
  const submitter = me.permissions.includes('data:submit') && me.organisation.id === dataset.ownerOrganisationId;
  return (
    <div data-testid="releases-dataset-tab">
      {submitter && (
        <Link to={`/sharing/datasets/${dataset.id}/upload`}>
          <Button type="primary" style={{ marginBottom: 12 }} data-testid="open-upload-wizard">
            {t('releases.list.upload')}
          </Button>
        </Link>
      )}
      <Table<Release>
        data-testid="dataset-releases"
        size="small"
        rowKey="id"
        loading={releases.loading}
        dataSource={releases.data?.items ?? []}
        locale={{ emptyText: t('releases.list.empty') }}
        pagination={false}
        columns={[
          { key: 'sequence', title: t('releases.list.sequence'), render: (_, release) => <Link to={`/sharing/releases/${release.id}`}>{release.sequence}</Link> },
          { key: 'status', title: t('releases.list.status'), render: (_, release) => <ReleaseStatusTag status={release.status} /> },
          { key: 'rows', title: t('releases.list.rows'), dataIndex: 'rowCount' },
          { key: 'by', title: t('releases.list.submittedBy'), render: (_, release) => release.submittedBy.name },
          { key: 'at', title: t('releases.list.submittedAt'), render: (_, release) => formatBeijingTime(release.submittedAt) },
        ]}
      />
    </div>
  );
}
