import type { Actor } from '../../platform/actor';
import type { AuditVisibility } from './audit.repository';

/**
 * Who may read the audit trail and how much of it, decided from the actor's roles. The route
 * has already checked the `audit:read` permission (or token scope); these rules narrow it.
 */

/**
 * Platform admins and working-group members see every event; an org admin sees the events whose
 * actor organisation or target organisation is their own; anyone else sees nothing (null).
 */
export function auditVisibilityFor(actor: Pick<Actor, 'roles' | 'organisationId'>): AuditVisibility | null {
  if (actor.roles.includes('platform_admin') || actor.roles.includes('working_group_member')) return { kind: 'all' };
  if (actor.roles.includes('org_admin')) return { kind: 'organisation', organisationId: actor.organisationId };
  return null;
}

/** Verifying the whole chain reads every event, so it is for platform admins only. */
export function canVerifyAuditChain(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.includes('platform_admin');
}
