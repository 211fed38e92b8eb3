import { BookOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { defineFeature } from '../../app/features/feature-registry';

/** 标准统一: the data dictionary — data elements and versioned code lists. */
export default defineFeature({
  id: 'dictionary',
  routes: [
    { path: '/dictionary/elements', page: async () => (await import('./data-elements-page')).DataElementsPage, permission: 'catalog:read' },
    { path: '/dictionary/elements/:code', page: async () => (await import('./data-element-page')).DataElementPage, permission: 'catalog:read' },
    { path: '/dictionary/code-lists', page: async () => (await import('./code-lists-page')).CodeListsPage, permission: 'catalog:read' },
    { path: '/dictionary/code-lists/:code', page: async () => (await import('./code-list-page')).CodeListPage, permission: 'catalog:read' },
  ],
  menu: [
    { path: '/dictionary/elements', label: 'dictionary.nav.elements', icon: <BookOutlined />, section: 'collaboration', order: 120, permission: 'catalog:read' },
    { path: '/dictionary/code-lists', label: 'dictionary.nav.codeLists', icon: <UnorderedListOutlined />, section: 'collaboration', order: 121, permission: 'catalog:read' },
  ],
});
