import { PERMISSIONS, type OrganisationKind, type Permission, type Role } from '../../../contracts/identity';
import type { Actor } from '../../platform/actor';

/**
 * Who may do what in the identity module. Routes check one permission each (the auth guard);
 * the services then apply the organisation-scoping rules below, which a permission alone
 * cannot express. Every rule lives here so that it can be read and reviewed in one place.
 */

/** Monitoring stations and readings are shared among all members of the platform. */
const MONITORING_READ: readonly Permission[] = ['stations:read', 'readings:read'];

/** Every member may browse the catalog and read what is shared with its organisation. */
const SHARING_READ: readonly Permission[] = ['catalog:read', 'data:read'];

/** Those who keep an organisation's datasets (数据管理). */
const SHARING_STEWARD: readonly Permission[] = ['catalog:manage', 'data:submit', 'data:review', 'access:request'];

/**
 * Permissions of each role. A user's permissions are the union over their roles. A module that
 * adds permissions to the contract maps them to roles here.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  // Platform administrators hold every permission, including those added later.
  platform_admin: PERMISSIONS,
  working_group_member: [
    'organisations:read',
    'users:read',
    'audit:read',
    'tokens:manage',
    ...MONITORING_READ,
    'alerts:read',
    ...SHARING_READ,
    'dictionary:manage',
    'data:review',
    'access:decide',
  ],
  org_admin: [
    'organisations:read',
    'organisations:manage',
    'users:read',
    'users:manage',
    'audit:read',
    'tokens:manage',
    ...MONITORING_READ,
    'stations:manage',
    'readings:write',
    'readings:validate',
    'alerts:read',
    ...SHARING_READ,
    ...SHARING_STEWARD,
    'access:decide',
  ],
  data_steward: [
    'organisations:read',
    'tokens:manage',
    ...MONITORING_READ,
    'stations:manage',
    'readings:write',
    'readings:validate',
    'alerts:read',
    ...SHARING_READ,
    ...SHARING_STEWARD,
  ],
  analyst: ['organisations:read', 'tokens:manage', ...MONITORING_READ, 'alerts:read', ...SHARING_READ, 'access:request'],
  inspector: ['organisations:read', 'tokens:manage', ...MONITORING_READ, 'alerts:read', ...SHARING_READ],
  read_only: ['organisations:read', ...MONITORING_READ, ...SHARING_READ],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const permissions = new Set<Permission>();
  for (const role of roles) for (const permission of ROLE_PERMISSIONS[role]) permissions.add(permission);
  return permissions;
}

/**
 * The platform itself, acting from the CLI or the demo seeder: allowed everything, audited with
 * a null actor. HTTP routes never use it — they always pass the request's actor.
 */
export interface SystemCaller {
  readonly kind: 'system';
}
export const SYSTEM: SystemCaller = Object.freeze({ kind: 'system' });
export type Caller = Actor | SystemCaller;

export function isSystem(caller: Caller): caller is SystemCaller {
  return 'kind' in caller && caller.kind === 'system';
}

function hasRole(caller: Caller, role: Role): boolean {
  return !isSystem(caller) && caller.roles.includes(role);
}

function can(caller: Caller, permission: Permission): boolean {
  return isSystem(caller) || caller.permissions.has(permission);
}

export function isPlatformAdmin(caller: Caller): boolean {
  return isSystem(caller) || hasRole(caller, 'platform_admin');
}

/** Platform admins and working-group members see users across the whole region. */
export function readsAcrossRegion(caller: Caller): boolean {
  return isPlatformAdmin(caller) || hasRole(caller, 'working_group_member');
}

/**
 * The organisation whose users the caller may list, or `all` for region-wide readers, or null
 * when they may not read users at all.
 */
export function userReadScope(caller: Caller): { all: true } | { organisationId: string } | null {
  if (!can(caller, 'users:read')) return null;
  if (readsAcrossRegion(caller)) return { all: true };
  return isSystem(caller) ? { all: true } : { organisationId: caller.organisationId };
}

export function canReadUsersOf(caller: Caller, organisationId: string): boolean {
  const scope = userReadScope(caller);
  return scope !== null && ('all' in scope || scope.organisationId === organisationId);
}

/** Platform admins manage every organisation's users; org admins only their own organisation's. */
export function canManageUsersOf(caller: Caller, organisationId: string): boolean {
  if (!can(caller, 'users:manage')) return false;
  if (isPlatformAdmin(caller)) return true;
  return !isSystem(caller) && hasRole(caller, 'org_admin') && caller.organisationId === organisationId;
}

/**
 * May the caller manage (edit, reset, unlock, revoke tokens of) this user? Only platform admins
 * touch a platform administrator's account, so an org admin cannot take one over.
 */
export function canManageUser(caller: Caller, target: { organisationId: string; roles: readonly Role[] }): boolean {
  if (!canManageUsersOf(caller, target.organisationId)) return false;
  return !target.roles.includes('platform_admin') || isPlatformAdmin(caller);
}

/** Organisation directory entries (names, codes) are public to every signed-in user. */
export function canReadOrganisations(caller: Caller): boolean {
  return can(caller, 'organisations:read');
}

export function canCreateOrganisation(caller: Caller): boolean {
  return can(caller, 'organisations:manage') && isPlatformAdmin(caller);
}

export function canUpdateOrganisation(caller: Caller, organisationId: string): boolean {
  if (!can(caller, 'organisations:manage')) return false;
  if (isPlatformAdmin(caller)) return true;
  return !isSystem(caller) && hasRole(caller, 'org_admin') && caller.organisationId === organisationId;
}

export interface RoleGrantProblem {
  rule: 'own_roles' | 'platform_admin_only' | 'working_group_only';
  message: string;
  messageZh: string;
}

/**
 * Problems with giving `roles` to a user of an organisation of `organisationKind`. `target` is
 * the existing user when roles are changed (absent on creation). Empty means allowed.
 */
export function roleGrantProblems(
  caller: Caller,
  roles: readonly Role[],
  organisationKind: OrganisationKind,
  target?: { id: string; roles: readonly Role[] },
): RoleGrantProblem[] {
  const problems: RoleGrantProblem[] = [];
  if (target && !isSystem(caller) && target.id === caller.userId) {
    problems.push({ rule: 'own_roles', message: 'Nobody changes their own roles or status', messageZh: '不能修改自己的角色或状态' });
  }
  const grantsPlatformAdmin = roles.includes('platform_admin') && !(target?.roles.includes('platform_admin') ?? false);
  if (grantsPlatformAdmin && !isPlatformAdmin(caller)) {
    problems.push({
      rule: 'platform_admin_only',
      message: 'Only platform administrators grant platform_admin',
      messageZh: '只有平台管理员可以授予平台管理员角色',
    });
  }
  if (roles.includes('working_group_member') && organisationKind !== 'working_group') {
    problems.push({
      rule: 'working_group_only',
      message: 'working_group_member is only for members of the working group (工作专班)',
      messageZh: '工作专班成员角色仅限工作专班所属人员',
    });
  }
  return problems;
}

/** Token scopes are bounded by what the creating caller may do right now. */
export function scopesBeyond(granted: ReadonlySet<Permission>, requested: readonly Permission[]): Permission[] {
  return requested.filter((scope) => !granted.has(scope));
}
