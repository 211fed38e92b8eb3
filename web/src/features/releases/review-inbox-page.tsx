import { Select, Table, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReviewInbox } from '../../../../src/contracts/releases';
import { RELEASE_STATUSES, type ReleaseStatus } from '../../../../src/contracts/sharing';
import { FIRST_PAGE, toLimitOffset, type Paging } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { useErrorText } from '../../app/format/use-error-text';
import { PageTitle } from '../../app/shell/page-title';
import { ReleaseStatusTag } from './badges';

type Item = ReviewInbox['items'][number];

/** 发布审核: releases of the datasets the organisation is custodian of, waiting ones first by default. */
export function ReviewInboxPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const errorText = useErrorText();
  const [status, setStatus] = useState<ReleaseStatus | undefined>('submitted');
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const inbox = useApiQuery<ReviewInbox>('/releases/review-inbox', { status, ...toLimitOffset(paging) });
  return (
    <div data-testid="review-inbox">
      <PageTitle
        title={t('releases.review.title')}
        extra={
          <Select
            data-testid="review-status-filter"
            allowClear
            style={{ width: 180 }}
            value={status}
            onChange={(value) => {
              setStatus(value);
              setPaging(FIRST_PAGE);
            }}
            options={RELEASE_STATUSES.map((value) => ({ value, label: t(`releases.statuses.${value}`) }))}
          />
        }
      />
      {inbox.error && <Typography.Paragraph type="danger">{errorText(inbox.error)}</Typography.Paragraph>}
      <Table<Item>
        data-testid="review-table"
        size="small"
        rowKey={(item) => item.release.id}
        loading={inbox.loading}
        dataSource={inbox.data?.items ?? []}
        onRow={(item) => ({ 'data-release-id': item.release.id }) as HTMLAttributes<HTMLElement>}
        pagination={{ current: paging.current, pageSize: paging.pageSize, total: inbox.data?.total ?? 0, onChange: (current, pageSize) => setPaging({ current, pageSize }) }}
        columns={[
          { key: 'dataset', title: t('releases.review.dataset'), render: (_, item) => (en ? item.dataset.titleEn : item.dataset.titleZh) },
          { key: 'sequence', title: t('releases.list.sequence'), render: (_, item) => item.release.sequence },
          { key: 'rows', title: t('releases.list.rows'), render: (_, item) => item.release.rowCount },
          { key: 'by', title: t('releases.list.submittedBy'), render: (_, item) => item.release.submittedBy.name },
          { key: 'at', title: t('releases.list.submittedAt'), render: (_, item) => formatBeijingTime(item.release.submittedAt) },
          { key: 'status', title: t('releases.list.status'), render: (_, item) => <ReleaseStatusTag status={item.release.status} /> },
          { key: 'open', title: '', render: (_, item) => <Link to={`/sharing/releases/${item.release.id}`}>{t('releases.review.open')}</Link> },
        ]}
      />
    </div>
  );
}
