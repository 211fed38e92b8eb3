import { AuditOutlined, KeyOutlined, SendOutlined } from '@ant-design/icons';
import { defineFeature } from '../../app/features/feature-registry';

/** 高效安全共享: access requests (inbox/outbox with deadlines), grants, the exchange log. */
export default defineFeature({
  id: 'access',
  routes: [
    { path: '/sharing/requests', page: async () => (await import('./requests-page')).RequestsPage, permission: 'catalog:read' },
    { path: '/sharing/requests/:id', page: async () => (await import('./request-detail-page')).RequestDetailPage, permission: 'catalog:read' },
    { path: '/sharing/grants', page: async () => (await import('./grants-page')).GrantsPage, permission: 'catalog:read' },
    { path: '/sharing/exchange-log', page: async () => (await import('./exchange-log-page')).ExchangeLogPage, permission: 'data:read' },
  ],
  menu: [
    { path: '/sharing/requests', label: 'access.nav.requests', icon: <SendOutlined />, section: 'collaboration', order: 130, permission: 'catalog:read' },
    { path: '/sharing/grants', label: 'access.nav.grants', icon: <KeyOutlined />, section: 'collaboration', order: 131, permission: 'catalog:read' },
    { path: '/sharing/exchange-log', label: 'access.nav.exchangeLog', icon: <AuditOutlined />, section: 'collaboration', order: 132, permission: 'data:read' },
  ],
});
