import { ApiOutlined } from '@ant-design/icons';
import { defineFeature } from '../../app/features/feature-registry';

export default defineFeature({
  id: 'tokens',
  routes: [{ path: '/admin/tokens', permission: 'tokens:manage', page: async () => (await import('./tokens-page')).TokensPage }],
  menu: [{ path: '/admin/tokens', label: 'nav.tokens', icon: <ApiOutlined />, section: 'admin', order: 40, permission: 'tokens:manage' }],
});
