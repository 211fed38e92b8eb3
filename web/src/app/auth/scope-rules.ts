import type { Me, Role } from '../../../../src/contracts/identity';

/**
 * The organisation-scoping rules of the identity module, mirrored so the web only offers what
 * the server will allow (the server still decides: these only hide buttons).
 */

export function hasRole(me: Me, role: Role): boolean {
  return me.user.roles.includes(role);
}

export function isPlatformAdmin(me: Me): boolean {
  return hasRole(me, 'platform_admin');
}

/** New organisations are created by platform administrators. */
export function mayCreateOrganisation(me: Me): boolean {
  return isPlatformAdmin(me) && me.permissions.includes('organisations:manage');
}

/** Platform admins edit any organisation; an organisation's admin edits their own. */
export function mayUpdateOrganisation(me: Me, organisationId: string): boolean {
  if (!me.permissions.includes('organisations:manage')) return false;
  return isPlatformAdmin(me) || (hasRole(me, 'org_admin') && me.organisation.id === organisationId);
}

/** Platform admins manage every organisation's users; an organisation's admin their own organisation's. */
export function mayManageUsersOf(me: Me, organisationId: string): boolean {
  if (!me.permissions.includes('users:manage')) return false;
  return isPlatformAdmin(me) || (hasRole(me, 'org_admin') && me.organisation.id === organisationId);
}

/** Only platform admins touch a platform administrator's account; nobody changes their own roles. */
export function mayManageUser(me: Me, target: { id: string; organisationId: string; roles: readonly Role[] }): boolean {
  if (!mayManageUsersOf(me, target.organisationId)) return false;
  return !target.roles.includes('platform_admin') || isPlatformAdmin(me);
}

/** Verifying the audit hash chain is for platform administrators. */
export function mayVerifyAuditChain(me: Me): boolean {
  return isPlatformAdmin(me) && me.permissions.includes('audit:read');
}

/** Roles this user may hand out to a user of an organisation of the given kind. */
export function grantableRoles(me: Me, organisationKind: string | undefined, allRoles: readonly Role[]): Role[] {
  return allRoles.filter((role) => {
    if (role === 'platform_admin') return isPlatformAdmin(me);
    if (role === 'working_group_member') return organisationKind === 'working_group';
    return true;
  });
}
