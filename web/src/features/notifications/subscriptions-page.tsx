import { App, Button, Drawer, Empty, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Subscription, WebhookDelivery as Delivery } from '../../../../src/contracts/notifications';
import { api } from '../../app/api/api-client';
import { FIRST_PAGE, toLimitOffset, type Page, type Paging } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { useErrorText } from '../../app/format/use-error-text';
import { PageTitle } from '../../app/shell/page-title';

const STATUS_COLOURS = { pending: 'gold', delivered: 'green', failed: 'red' } as const;

/** 我的关注: the datasets the user follows, with each webhook's delivery history. */
export function SubscriptionsPage() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const list = useApiQuery<{ items: Subscription[] }>('/subscriptions');
  const [open, setOpen] = useState<Subscription>();

  return (
    <div data-testid="subscriptions-page">
      <PageTitle title={t('notifications.subscriptions.title')} />
      {list.error && <Typography.Paragraph type="danger">{errorText(list.error)}</Typography.Paragraph>}
      <Table<Subscription>
        data-testid="subscriptions-table"
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('notifications.subscriptions.empty')} /> }}
        pagination={false}
        columns={[
          {
            key: 'dataset',
            title: t('notifications.subscriptions.dataset'),
            render: (_, row) => <Link to={`/sharing/datasets/${row.datasetId}`}>{i18n.language === 'en' ? row.datasetTitleEn : row.datasetTitleZh}</Link>,
          },
          { key: 'events', title: t('notifications.subscriptions.events'), render: (_, row) => row.events.map((event) => <Tag key={event}>{t(`notifications.follow.eventNames.${event}`)}</Tag>) },
          { key: 'webhook', title: t('notifications.subscriptions.webhook'), render: (_, row) => row.webhookUrl ?? <Typography.Text type="secondary">{t('notifications.subscriptions.none')}</Typography.Text> },
          { key: 'since', title: t('notifications.subscriptions.since'), render: (_, row) => formatBeijingTime(row.createdAt) },
          {
            key: 'deliveries',
            render: (_, row) =>
              row.webhookUrl ? (
                <Button size="small" data-testid="subscription-deliveries" onClick={() => setOpen(row)}>
                  {t('notifications.subscriptions.deliveries')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Drawer width={760} open={open !== undefined} onClose={() => setOpen(undefined)} title={t('notifications.subscriptions.deliveries')} destroyOnHidden>
        {open && <Deliveries subscription={open} />}
      </Drawer>
    </div>
  );
}

function Deliveries({ subscription }: { subscription: Subscription }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const deliveries = useApiQuery<Page<Delivery>>(`/subscriptions/${subscription.id}/deliveries`, toLimitOffset(paging));

  async function redeliver(delivery: Delivery) {
    try {
      await api.post(`/webhook-deliveries/${delivery.id}/redeliver`);
      void message.success(t('notifications.subscriptions.redelivered'));
      deliveries.reload();
    } catch (error) {
      void message.error(errorText(error));
    }
  }

  return (
    <Table<Delivery>
      data-testid="deliveries-table"
      rowKey="id"
      size="small"
      loading={deliveries.loading}
      dataSource={deliveries.data?.items ?? []}
      pagination={{ current: paging.current, pageSize: paging.pageSize, total: deliveries.data?.total ?? 0, onChange: (current, pageSize) => setPaging({ current, pageSize }) }}
      columns={[
        { key: 'time', title: t('notifications.list.time'), render: (_, row) => formatBeijingTime(row.createdAt) },
        { key: 'event', title: t('notifications.subscriptions.deliveryEvent'), dataIndex: 'event' },
        { key: 'status', title: t('notifications.subscriptions.deliveryStatus'), render: (_, row) => <Tag color={STATUS_COLOURS[row.status]}>{t(`notifications.subscriptions.statuses.${row.status}`)}</Tag> },
        { key: 'attempts', title: t('notifications.subscriptions.attempts'), dataIndex: 'attempts', align: 'right' },
        { key: 'last', title: t('notifications.subscriptions.lastResult'), render: (_, row) => row.lastError ?? row.lastStatusCode ?? '—' },
        { key: 'next', title: t('notifications.subscriptions.nextAttempt'), render: (_, row) => formatBeijingTime(row.nextAttemptAt) },
        {
          key: 'actions',
          render: (_, row) =>
            row.status === 'pending' ? null : (
              <Button size="small" onClick={() => void redeliver(row)}>
                {t('notifications.subscriptions.redeliver')}
              </Button>
            ),
        },
      ]}
    />
  );
}
