import { FundProjectionScreenOutlined } from '@ant-design/icons';
import { defineFeature } from '../../app/features/feature-registry';

/** 共享成效: the sharing dashboard of the region and each province (M1.4). */
export default defineFeature({
  id: 'sharingFigures',
  routes: [{ path: '/sharing/figures', page: async () => (await import('./figures-page')).SharingFiguresPage, permission: 'catalog:read' }],
  menu: [{ path: '/sharing/figures', label: 'sharingFigures.nav.figures', icon: <FundProjectionScreenOutlined />, section: 'collaboration', order: 107, permission: 'catalog:read' }],
});
