import { Table, Tabs, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { AccessRequest } from '../../../../src/contracts/access';
import { FIRST_PAGE, toLimitOffset, type Page, type Paging } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { useErrorText } from '../../app/format/use-error-text';
import { PageTitle } from '../../app/shell/page-title';
import { DeadlineLeft, statusColour } from './deadline';
import { useOrganisationDirectory } from '../../app/reference/organisations';

type Box = 'inbox' | 'outbox';

/** 共享申请: the organisation's inbox (to answer, with deadlines) and outbox (sent). */
export function RequestsPage() {
  const { t, i18n } = useTranslation();
  const directory = useOrganisationDirectory();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const box: Box = params.get('box') === 'outbox' ? 'outbox' : 'inbox';
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const requests = useApiQuery<Page<AccessRequest>>('/access-requests', { box, ...toLimitOffset(paging) });
  const en = i18n.language === 'en';

  return (
    <div data-testid="access-requests-page">
      <PageTitle title={t('access.requests.title')} />
      <Tabs
        activeKey={box}
        onChange={(key) => {
          setParams({ box: key });
          setPaging(FIRST_PAGE);
        }}
        items={[
          { key: 'inbox', label: <span data-testid="tab-inbox">{t('access.requests.inbox')}</span> },
          { key: 'outbox', label: <span data-testid="tab-outbox">{t('access.requests.outbox')}</span> },
        ]}
      />
      {requests.error && <Typography.Paragraph type="danger">{errorText(requests.error)}</Typography.Paragraph>}
      <Table<AccessRequest>
        data-testid="access-requests-table"
        rowKey="id"
        size="small"
        loading={requests.loading}
        dataSource={requests.data?.items ?? []}
        onRow={(request) => ({ 'data-request-id': request.id }) as HTMLAttributes<HTMLElement>}
        pagination={{
          current: paging.current,
          pageSize: paging.pageSize,
          total: requests.data?.total ?? 0,
          showTotal: (count) => t('access.requests.total', { count }),
          onChange: (current, pageSize) => setPaging({ current, pageSize }),
        }}
        columns={[
          { key: 'dataset', title: t('access.requests.dataset'), render: (_, r) => <Link to={`/sharing/requests/${r.id}`}>{en ? r.datasetTitleEn || r.datasetTitle : r.datasetTitle}</Link> },
          {
            key: 'party',
            title: box === 'inbox' ? t('access.requests.requester') : t('access.requests.decider'),
            render: (_, r) => (box === 'inbox' ? directory.localName(r.requestingOrganisationId, r.requestingOrganisationName) : directory.localName(r.decidingOrganisationId, r.decidingOrganisationName)),
          },
          { key: 'submittedAt', title: t('access.requests.submittedAt'), render: (_, r) => formatBeijingTime(r.submittedAt) },
          {
            key: 'status',
            title: t('access.requests.status'),
            render: (_, r) => (
              <Tag color={statusColour(r.status)} data-testid="request-status">
                {t(`access.statuses.${r.status}`)}
              </Tag>
            ),
          },
          { key: 'deadline', title: t('access.requests.deadline'), render: (_, r) => r.deadlineDate },
          { key: 'left', title: t('access.requests.daysLeft'), render: (_, r) => <DeadlineLeft request={r} /> },
        ]}
      />
    </div>
  );
}
