import { TeamOutlined } from '@ant-design/icons';
import { defineFeature } from '../../app/features/feature-registry';

export default defineFeature({
  id: 'users',
  routes: [
    { path: '/admin/users', permission: 'users:read', page: async () => (await import('./users-page')).UsersPage },
    { path: '/admin/users/:id', permission: 'users:read', page: async () => (await import('./user-detail-page')).UserDetailPage },
  ],
  menu: [{ path: '/admin/users', label: 'nav.users', icon: <TeamOutlined />, section: 'admin', order: 20, permission: 'users:read' }],
});
