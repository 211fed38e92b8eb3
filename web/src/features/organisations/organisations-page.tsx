import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../../../src/contracts/identity';
import type { Page } from '../../app/api/page';
import { FIRST_PAGE, toLimitOffset, type Paging } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { mayCreateOrganisation, mayUpdateOrganisation } from '../../app/auth/scope-rules';
import { useMe } from '../../app/auth/use-auth';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { useDivisions } from '../../app/reference/divisions';
import { invalidateOrganisationDirectory } from '../../app/reference/organisations';
import { LoadFailedResult } from '../../app/shell/page-states';
import { PageTitle } from '../../app/shell/page-title';
import { OrganisationFilters, type OrganisationFilter } from './organisation-filters';
import { OrganisationFormModal } from './organisation-form-modal';
import { OrganisationKindTag } from './organisation-kind-tag';

/** 机构管理: the organisation directory, with create and edit for those allowed. */
export function OrganisationsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const divisions = useDivisions();
  const [filter, setFilter] = useState<OrganisationFilter>({});
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const [modal, setModal] = useState<{ open: boolean; editing?: Organisation }>({ open: false });
  const query = useApiQuery<Page<Organisation>>('/organisations', { ...filter, ...toLimitOffset(paging) });
  const english = i18n.language === 'en';

  const columns: TableColumnsType<Organisation> = [
    {
      title: t('organisations.name'),
      key: 'name',
      render: (_, org) => (
        <>
          <div>{english ? org.nameEn : org.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {english ? org.name : org.nameEn}
          </Typography.Text>
        </>
      ),
    },
    { title: t('organisations.kind'), dataIndex: 'kind', render: (kind: Organisation['kind']) => <OrganisationKindTag kind={kind} /> },
    { title: t('organisations.province'), dataIndex: 'provinceCode', render: (code: string) => divisions.nameOf(code) },
    {
      title: t('organisations.division'),
      dataIndex: 'divisionCode',
      render: (code: string) => (
        <>
          {divisions.nameOf(code)} <span className="mono">{code}</span>
        </>
      ),
    },
    { title: t('organisations.uscc'), dataIndex: 'uscc', render: (uscc: string | null) => <span className="mono">{uscc ?? '—'}</span> },
    { title: t('common.updatedAtBeijing'), dataIndex: 'updatedAt', render: formatBeijingTime, width: 180 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, org) =>
        mayUpdateOrganisation(me, org.id) ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setModal({ open: true, editing: org })}>
            {t('common.edit')}
          </Button>
        ) : null,
    },
  ];

  const changeFilter = (next: OrganisationFilter) => {
    setFilter(next);
    setPaging((current) => ({ ...current, current: 1 }));
  };

  return (
    <>
      <PageTitle
        title={t('organisations.title')}
        extra={
          mayCreateOrganisation(me) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ open: true })}>
              {t('organisations.create')}
            </Button>
          )
        }
      />
      <Card>
        <OrganisationFilters value={filter} onChange={changeFilter} provinces={divisions.data?.provinces ?? []} />
        {query.error && !query.data ? (
          <LoadFailedResult error={query.error} onRetry={query.reload} />
        ) : (
          <Table<Organisation>
            rowKey="id"
            data-testid="organisations-table"
            loading={query.loading}
            columns={columns}
            dataSource={query.data?.items ?? []}
            pagination={{
              current: paging.current,
              pageSize: paging.pageSize,
              total: query.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
            }}
            onChange={(pagination) => setPaging({ current: pagination.current ?? 1, pageSize: pagination.pageSize ?? FIRST_PAGE.pageSize })}
          />
        )}
      </Card>
      <OrganisationFormModal
        open={modal.open}
        editing={modal.editing}
        provinces={divisions.data?.provinces ?? []}
        onClose={() => setModal({ open: false })}
        onSaved={() => {
          setModal({ open: false });
          invalidateOrganisationDirectory();
          query.reload();
        }}
      />
    </>
  );
}
