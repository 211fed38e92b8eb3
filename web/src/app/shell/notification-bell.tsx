import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Empty, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Notification } from '../../../../src/contracts/notifications';
import { api } from '../api/api-client';
import { useApiQuery } from '../api/use-api-query';
import { onNotificationsChanged } from './notification-events';

const POLL_MS = 60_000;

/** The header's bell: unread count and the five newest unread notifications, refreshed every minute. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = useApiQuery<{ items: Notification[]; unread: number }>('/notifications', { unreadOnly: true, limit: 5 });
  const { reload } = unread;
  useEffect(() => {
    const timer = setInterval(reload, POLL_MS);
    const off = onNotificationsChanged(reload);
    return () => {
      clearInterval(timer);
      off();
    };
  }, [reload]);

  async function openItem(notification: Notification) {
    setOpen(false);
    await api.post('/notifications/read', { ids: [notification.id] }).catch(() => undefined);
    reload();
    void navigate(notification.link ?? '/notifications');
  }

  const items = unread.data?.items ?? [];
  return (
    <Dropdown
      trigger={['click']}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) reload();
      }}
      popupRender={() => (
        <div className="notification-bell__panel" data-testid="notification-panel">
          {items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.bell.empty')} />
          ) : (
            items.map((item) => (
              <a key={item.id} className="notification-bell__item" data-testid="notification-item" onClick={() => void openItem(item)}>
                {i18n.language === 'en' ? item.titleEn : item.titleZh}
              </a>
            ))
          )}
          <Typography.Link
            className="notification-bell__all"
            onClick={() => {
              setOpen(false);
              void navigate('/notifications');
            }}
          >
            {t('notifications.bell.all')}
          </Typography.Link>
        </div>
      )}
    >
      <Button type="text" aria-label={t('notifications.bell.title')} data-testid="notification-bell">
        <Badge count={unread.data?.unread ?? 0} size="small" data-testid="notification-count">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}
