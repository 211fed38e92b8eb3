import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from './use-auth';

/** Renders its children for a signed-in user; otherwise sends the visitor to the sign-in page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, signedOutByUser } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (status === 'loading') {
    return (
      <div className="full-page-centre">
        <Spin size="large" description={t('common.loading')} />
      </div>
    );
  }
  if (status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    // After a deliberate sign-out the next person starts at home; after an expired session the
    // same person returns to where they were.
    const target = next === '/' || signedOutByUser ? '/login' : `/login?next=${encodeURIComponent(next)}`;
    return <Navigate to={target} replace />;
  }
  return children;
}
