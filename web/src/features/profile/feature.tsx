import { defineFeature } from '../../app/features/feature-registry';

/** 个人设置: reached from the user menu, so it has no side-navigation entry. */
export default defineFeature({
  id: 'profile',
  routes: [{ path: '/profile', page: async () => (await import('./profile-page')).ProfilePage }],
});
