import { AuditOutlined } from '@ant-design/icons';
import { defineFeature } from '../../app/features/feature-registry';

export default defineFeature({
  id: 'audit',
  routes: [{ path: '/admin/audit', permission: 'audit:read', page: async () => (await import('./audit-page')).AuditPage }],
  menu: [{ path: '/admin/audit', label: 'nav.audit', icon: <AuditOutlined />, section: 'admin', order: 30, permission: 'audit:read' }],
});
