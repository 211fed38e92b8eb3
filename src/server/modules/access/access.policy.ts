import type { SharingType } from '../../../contracts/sharing';
import type { Actor } from '../../platform/actor';

/**
 * Object-level rules of secure sharing (which organisation may do what). Route permissions
 * (`access:request`, `access:decide`, `data:read`) are checked by the guard; these decide on the
 * organisation.
 */

/** Who answers a request: the owner, or for 不予共享 the working group (not the owner). */
export function decidingOrganisation(sharingType: SharingType, ownerOrganisationId: string, workingGroupId: string | undefined): string | undefined {
  return sharingType === 'not_shared' ? workingGroupId : ownerOrganisationId;
}

/**
 * The deciding organisation's people with `access:decide`; once a request is escalated
 * (overdue), the working group may answer it as well.
 */
export function canDecide(actor: Actor, request: { deciding_organisation_id: string; escalated_at: number | null }): boolean {
  if (!actor.permissions.has('access:decide')) return false;
  if (actor.organisationId === request.deciding_organisation_id) return true;
  return request.escalated_at !== null && actor.organisationKind === 'working_group';
}

/** A request is visible to both sides and, once escalated, to the working group. */
export function canSeeRequest(actor: Actor, request: { requesting_organisation_id: string; deciding_organisation_id: string; escalated_at: number | null }): boolean {
  if (actor.roles.includes('platform_admin')) return true;
  if (actor.organisationId === request.requesting_organisation_id || actor.organisationId === request.deciding_organisation_id) return true;
  return request.escalated_at !== null && actor.organisationKind === 'working_group';
}

export function canWithdraw(actor: Actor, request: { requesting_organisation_id: string }): boolean {
  return actor.permissions.has('access:request') && actor.organisationId === request.requesting_organisation_id;
}

/** Grants are revoked by the granting organisation (the owner, or the working group that granted). */
export function canRevokeGrant(actor: Actor, grant: { grantor_organisation_id: string }): boolean {
  return actor.permissions.has('access:decide') && actor.organisationId === grant.grantor_organisation_id;
}

export function canSeeGrant(actor: Actor, grant: { grantor_organisation_id: string; grantee_organisation_id: string }): boolean {
  return actor.roles.includes('platform_admin') || actor.organisationId === grant.grantor_organisation_id || actor.organisationId === grant.grantee_organisation_id;
}
