import { BellOutlined, IssuesCloseOutlined, StarOutlined } from '@ant-design/icons';
import { defineFeature } from '../../app/features/feature-registry';

/** 站内通知, 我的关注 (subscriptions with webhook deliveries) and 数据纠错 (data-error reports). */
export default defineFeature({
  id: 'notifications',
  routes: [
    { path: '/notifications', page: async () => (await import('./notifications-page')).NotificationsPage },
    { path: '/sharing/subscriptions', page: async () => (await import('./subscriptions-page')).SubscriptionsPage, permission: 'catalog:read' },
    { path: '/sharing/data-errors', page: async () => (await import('./data-errors-page')).DataErrorsPage, permission: 'data:read' },
  ],
  menu: [
    { path: '/sharing/subscriptions', label: 'notifications.nav.subscriptions', icon: <StarOutlined />, section: 'collaboration', order: 108, permission: 'catalog:read' },
    { path: '/sharing/data-errors', label: 'notifications.nav.dataErrors', icon: <IssuesCloseOutlined />, section: 'collaboration', order: 109, permission: 'data:read' },
    { path: '/notifications', label: 'notifications.nav.notifications', icon: <BellOutlined />, section: 'main', order: 10 },
  ],
});
