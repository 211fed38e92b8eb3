import { App, Badge, Button, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Notification } from '../../../../src/contracts/notifications';
import { api } from '../../app/api/api-client';
import { FIRST_PAGE, toLimitOffset, type Paging } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { useErrorText } from '../../app/format/use-error-text';
import { announceNotificationsChanged } from '../../app/shell/notification-events';
import { PageTitle } from '../../app/shell/page-title';
import { useNotificationText } from './use-notification-text';

interface NotificationPage {
  items: Notification[];
  total: number;
  unread: number;
}

/** 站内通知: everything addressed to the user or to their organisation's role, newest first. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const textOf = useNotificationText();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const list = useApiQuery<NotificationPage>('/notifications', { unreadOnly, ...toLimitOffset(paging) });

  async function markRead(body: { ids: string[] } | { all: true }) {
    try {
      await api.post('/notifications/read', body);
      list.reload();
      announceNotificationsChanged();
    } catch (error) {
      void message.error(errorText(error));
    }
  }

  async function open(notification: Notification) {
    if (!notification.read) await markRead({ ids: [notification.id] });
    if (notification.link) void navigate(notification.link);
  }

  return (
    <div data-testid="notifications-page">
      <PageTitle title={t('notifications.list.title')} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Space>
          <Switch data-testid="notifications-unread-only" checked={unreadOnly} onChange={(value) => (setUnreadOnly(value), setPaging(FIRST_PAGE))} />
          {t('notifications.list.unreadOnly')}
        </Space>
        <Button data-testid="notifications-mark-all" disabled={!list.data?.unread} onClick={() => void markRead({ all: true })}>
          {t('notifications.list.markAllRead')} {list.data?.unread ? <Badge count={list.data.unread} /> : null}
        </Button>
      </Space>
      {list.error && <Typography.Paragraph type="danger">{errorText(list.error)}</Typography.Paragraph>}
      <Table<Notification>
        data-testid="notifications-table"
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: paging.current,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (count) => t('notifications.list.total', { count }),
          onChange: (current, pageSize) => setPaging({ current, pageSize }),
        }}
        columns={[
          { key: 'time', title: t('notifications.list.time'), width: 180, render: (_, row) => formatBeijingTime(row.createdAt) },
          {
            key: 'message',
            title: t('notifications.list.message'),
            render: (_, row) => (
              <Space>
                {!row.read && <Badge status="processing" text={<Typography.Text strong>{t('notifications.list.unread')}</Typography.Text>} />}
                <span data-testid="notification-title">{textOf(row)}</span>
              </Space>
            ),
          },
          {
            key: 'actions',
            width: 200,
            render: (_, row) => (
              <Space size="small">
                {row.link && (
                  <Button size="small" type="link" onClick={() => void open(row)}>
                    {t('notifications.list.open')}
                  </Button>
                )}
                {!row.read && (
                  <Button size="small" onClick={() => void markRead({ ids: [row.id] })}>
                    {t('notifications.list.markRead')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
