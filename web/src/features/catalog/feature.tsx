import { DatabaseOutlined, ScheduleOutlined } from '@ant-design/icons';
import { defineFeature } from '../../app/features/feature-registry';

/** 数据目录 (faceted search, dataset pages, metadata and schema editing) and 报送义务. */
export default defineFeature({
  id: 'catalog',
  routes: [
    { path: '/sharing/catalog', page: async () => (await import('./catalog-page')).CatalogPage, permission: 'catalog:read' },
    { path: '/sharing/datasets/new', page: async () => (await import('./dataset-form-page')).DatasetFormPage, permission: 'catalog:manage' },
    { path: '/sharing/datasets/:id', page: async () => (await import('./dataset-page')).DatasetPage, permission: 'catalog:read' },
    { path: '/sharing/datasets/:id/edit', page: async () => (await import('./dataset-form-page')).DatasetFormPage, permission: 'catalog:manage' },
    { path: '/sharing/datasets/:id/schema', page: async () => (await import('./schema-editor-page')).SchemaEditorPage, permission: 'catalog:manage' },
    { path: '/sharing/duties', page: async () => (await import('./duties-page')).DutiesPage, permission: 'catalog:read' },
  ],
  menu: [
    { path: '/sharing/catalog', label: 'catalog.nav.catalog', icon: <DatabaseOutlined />, section: 'collaboration', order: 110, permission: 'catalog:read' },
    { path: '/sharing/duties', label: 'catalog.nav.duties', icon: <ScheduleOutlined />, section: 'collaboration', order: 111, permission: 'catalog:read' },
  ],
});
