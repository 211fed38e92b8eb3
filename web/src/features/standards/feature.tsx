import { CalculatorOutlined } from '@ant-design/icons';
import { defineFeature } from '../../app/features/feature-registry';

/** 标准计算器: HJ 212, HJ 633, GB 3838 and GB 32100 for every signed-in user. */
export default defineFeature({
  id: 'standards',
  routes: [{ path: '/standards', page: async () => (await import('./standards-page')).StandardsPage }],
  menu: [{ path: '/standards', label: 'standards.nav', icon: <CalculatorOutlined />, section: 'collaboration', order: 190 }],
});
