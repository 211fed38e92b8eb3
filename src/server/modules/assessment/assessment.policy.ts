import type { Actor } from '../../platform/actor';

/**
 * Who may see and handle exceedance alerts. Alerts are routed to the station's owner
 * organisation: its members see them; the working group and platform admins see all (for
 * supervision); only the owner organisation acknowledges or closes them.
 */
export function canSeeAllAlerts(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.includes('platform_admin') || actor.roles.includes('working_group_member');
}

export function canTransitionAlert(actor: Pick<Actor, 'organisationId' | 'permissions'>, alert: { organisation_id: string }): boolean {
  return alert.organisation_id === actor.organisationId && actor.permissions.has('alerts:read');
}
