import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dataset } from '../../../../src/contracts/catalog';
import type { Me } from '../../../../src/contracts/identity';
import type { Upload, UploadList, UploadReport, UploadStatus } from '../../../../src/contracts/releases';
import { RULE_SEVERITIES } from '../../../../src/contracts/sharing';
import { FIRST_PAGE, toLimitOffset, type Paging } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { EnteredText } from '../../app/format/entered-text';
import { useErrorText } from '../../app/format/use-error-text';
import { SeverityTag } from './badges';
import { ValidationReportView } from './validation-report';

const STATUS_COLOURS: Record<UploadStatus, string> = { rejected: 'red', pending: 'gold', released: 'green' };

/** The owner and the custodian see a dataset's uploads (the API refuses everyone else). */
export function seesUploads(me: Me, dataset: Dataset): boolean {
  return me.user.roles.includes('platform_admin') || me.organisation.id === dataset.ownerOrganisationId || me.organisation.id === dataset.custodianOrganisationId;
}

/**
 * The dataset page's 校验报告 tab (imported by the catalog feature): every upload, newest first,
 * with its schema version and result counts; one opens below with its full validation report.
 */
export function UploadsDatasetTab({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const [opened, setOpened] = useState<string>();
  const uploads = useApiQuery<UploadList>(`/datasets/${dataset.id}/uploads`, toLimitOffset(paging));
  return (
    <div data-testid="dataset-uploads-tab">
      {uploads.error && <Typography.Paragraph type="danger">{errorText(uploads.error)}</Typography.Paragraph>}
      <Table<Upload>
        data-testid="dataset-uploads"
        size="small"
        rowKey="id"
        loading={uploads.loading}
        dataSource={uploads.data?.items ?? []}
        locale={{ emptyText: t('releases.uploads.empty') }}
        onRow={(upload) => ({ 'data-upload-id': upload.id }) as HTMLAttributes<HTMLElement>}
        pagination={{ current: paging.current, pageSize: paging.pageSize, total: uploads.data?.total ?? 0, hideOnSinglePage: true, onChange: (current, pageSize) => setPaging({ current, pageSize }) }}
        columns={[
          { key: 'at', title: t('releases.uploads.uploadedAt'), render: (_, upload) => formatBeijingTime(upload.createdAt) },
          { key: 'file', title: t('releases.uploads.file'), render: (_, upload) => <EnteredText text={upload.fileName ?? upload.channel.toUpperCase()} /> },
          { key: 'schema', title: t('releases.review.schema'), render: (_, upload) => `v${upload.schemaVersion}` },
          { key: 'mode', title: t('releases.wizard.mode'), render: (_, upload) => t(`releases.modes.${upload.mode}`) },
          { key: 'rows', title: t('releases.report.rows'), dataIndex: 'rowCount' },
          { key: 'counts', title: t('releases.uploads.problems'), render: (_, upload) => <ResultCounts upload={upload} /> },
          { key: 'status', title: t('releases.list.status'), render: (_, upload) => <Tag color={STATUS_COLOURS[upload.status]}>{t(`releases.uploadStatuses.${upload.status}`)}</Tag> },
          { key: 'by', title: t('releases.uploads.uploadedBy'), render: (_, upload) => <EnteredText text={upload.uploadedBy.name} /> },
          {
            key: 'open',
            render: (_, upload) => (
              <Button size="small" type={opened === upload.id ? 'primary' : 'default'} onClick={() => setOpened(upload.id)}>
                {t('releases.uploads.open')}
              </Button>
            ),
          },
        ]}
      />
      {opened && <OpenedReport key={opened} datasetId={dataset.id} uploadId={opened} />}
    </div>
  );
}

function ResultCounts({ upload }: { upload: Upload }) {
  const { t } = useTranslation();
  const found = RULE_SEVERITIES.filter((severity) => upload.counts[severity] > 0);
  if (found.length === 0) return <Typography.Text type="success">{t('releases.uploads.none')}</Typography.Text>;
  return (
    <Space size={4} wrap>
      {found.map((severity) => (
        <span key={severity}>
          <SeverityTag severity={severity} /> {upload.counts[severity]}
        </span>
      ))}
    </Space>
  );
}

function OpenedReport({ datasetId, uploadId }: { datasetId: string; uploadId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const report = useApiQuery<UploadReport>(`/datasets/${datasetId}/uploads/${uploadId}`);
  return (
    <Card size="small" title={t('releases.report.title')} style={{ marginTop: 16 }} loading={report.loading && !report.data}>
      {report.error && <Typography.Text type="danger">{errorText(report.error)}</Typography.Text>}
      {report.data && <ValidationReportView initial={report.data} />}
    </Card>
  );
}
