import { ApartmentOutlined } from '@ant-design/icons';
import { defineFeature } from '../../app/features/feature-registry';

export default defineFeature({
  id: 'organisations',
  routes: [
    {
      path: '/admin/organisations',
      permission: 'organisations:read',
      page: async () => (await import('./organisations-page')).OrganisationsPage,
    },
  ],
  menu: [
    {
      path: '/admin/organisations',
      label: 'nav.organisations',
      icon: <ApartmentOutlined />,
      section: 'admin',
      order: 10,
      permission: 'organisations:read',
    },
  ],
});
