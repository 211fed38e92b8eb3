import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/login-page';
import { RequireAuth } from './auth/require-auth';
import { RequirePermission } from './auth/require-permission';
import type { FeatureRoute } from './features/feature-registry';
import { FEATURE_ROUTES } from './features/features';
import { AppShell } from './shell/app-shell';
import { NotFoundPage, PageLoading } from './shell/page-states';

function toRoute(route: FeatureRoute): RouteObject {
  const Page = lazy(async () => ({ default: (await route.page()) as ComponentType }));
  const element = (
    <RequirePermission permission={route.permission}>
      <Suspense fallback={<PageLoading />}>
        <Page />
      </Suspense>
    </RequirePermission>
  );
  return route.path === '/' ? { index: true, element } : { path: route.path, element };
}

/** Sign-in outside the shell; every feature page inside it, behind sign-in. */
export function createAppRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    {
      path: '/',
      element: (
        <RequireAuth>
          <AppShell />
        </RequireAuth>
      ),
      children: [...FEATURE_ROUTES.map(toRoute), { path: '*', element: <NotFoundPage /> }],
    },
  ]);
}
