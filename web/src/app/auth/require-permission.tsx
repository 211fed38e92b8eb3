import type { ReactNode } from 'react';
import type { Permission } from '../../../../src/contracts/identity';
import { ForbiddenResult } from '../shell/page-states';
import { useAuth } from './use-auth';

/** Renders its children only for users holding `permission` (when one is given). */
export function RequirePermission({ permission, children }: { permission?: Permission; children: ReactNode }) {
  const { can } = useAuth();
  if (permission && !can(permission)) return <ForbiddenResult />;
  return children;
}
