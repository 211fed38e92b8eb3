import { HomeOutlined } from '@ant-design/icons';
import { defineFeature } from '../../app/features/feature-registry';

export default defineFeature({
  id: 'home',
  routes: [{ path: '/', page: async () => (await import('./home-page')).HomePage }],
  menu: [{ path: '/', label: 'nav.home', icon: <HomeOutlined />, section: 'main', order: 0 }],
});
