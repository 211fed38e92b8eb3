import { Card, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../../src/contracts/audit';
import { FIRST_PAGE, toLimitOffset, type Page, type Paging } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { mayVerifyAuditChain } from '../../app/auth/scope-rules';
import { useMe } from '../../app/auth/use-auth';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { useOrganisationDirectory } from '../../app/reference/organisations';
import { LoadFailedResult } from '../../app/shell/page-states';
import { PageTitle } from '../../app/shell/page-title';
import { AuditFilters, type AuditFilter } from './audit-filters';
import { VerifyChainButton } from './verify-chain-button';
import { useCodeLabel } from '../../app/format/use-code-label';

/** 审计日志: the tamper-evident trail of who did what, newest first. */
export function AuditPage() {
  const { t } = useTranslation();
  const me = useMe();
  const directory = useOrganisationDirectory();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const query = useApiQuery<Page<AuditEvent>>('/audit-events', { ...filter, ...toLimitOffset(paging) });
  const actionLabel = useCodeLabel('audit.actions');

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { title: t('common.timeBeijing'), dataIndex: 'occurredAt', render: formatBeijingTime, width: 180 },
    { title: t('audit.actor'), dataIndex: 'actorName', render: (name: string | null) => name ?? t('audit.system') },
    { title: t('audit.organisation'), dataIndex: 'organisationId', render: (id: string | null) => (id ? directory.nameOf(id) : '—') },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (action: string) => (
        <>
          {actionLabel(action) !== action && <div>{actionLabel(action)}</div>}
          <span className="mono">{action}</span>
        </>
      ),
    },
    { title: t('audit.objectType'), dataIndex: 'objectType', render: (type: string) => <span className="mono">{type}</span> },
    {
      title: t('audit.objectId'),
      dataIndex: 'objectId',
      render: (id: string | null) =>
        id ? (
          <Tooltip title={id}>
            <Typography.Text className="mono" copyable={{ text: id }}>
              {id.slice(0, 8)}
            </Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    { title: t('audit.requestId'), dataIndex: 'requestId', render: (id: string | null) => <span className="mono">{id ? id.slice(0, 8) : '—'}</span> },
  ];

  const changeFilter = (next: AuditFilter) => {
    setFilter(next);
    setPaging((current) => ({ ...current, current: 1 }));
  };

  return (
    <>
      <PageTitle title={t('audit.title')} />
      {mayVerifyAuditChain(me) && (
        <Card style={{ marginBottom: 16 }} size="small">
          <VerifyChainButton />
        </Card>
      )}
      <Card>
        <AuditFilters value={filter} onChange={changeFilter} />
        {query.error && !query.data ? (
          <LoadFailedResult error={query.error} onRetry={query.reload} />
        ) : (
          <Table<AuditEvent>
            rowKey="id"
            size="middle"
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
    </>
  );
}
