import { AuditOutlined } from '@ant-design/icons';
import { defineFeature } from '../../app/features/feature-registry';

/** 数据上传向导 (upload, validation report, release) and 发布审核 (custodian review). */
export default defineFeature({
  id: 'releases',
  routes: [
    { path: '/sharing/datasets/:id/upload', page: async () => (await import('./upload-wizard-page')).UploadWizardPage, permission: 'data:submit' },
    { path: '/sharing/review', page: async () => (await import('./review-inbox-page')).ReviewInboxPage, permission: 'data:review' },
    { path: '/sharing/releases/:id', page: async () => (await import('./release-page')).ReleasePage, permission: 'catalog:read' },
  ],
  menu: [{ path: '/sharing/review', label: 'releases.nav.review', icon: <AuditOutlined />, section: 'collaboration', order: 125, permission: 'data:review' }],
});
