import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, type Role } from '../../../contracts/identity';
import type { Actor } from '../../platform/actor';
import {
  canCreateOrganisation,
  canManageUser,
  canManageUsersOf,
  canReadUsersOf,
  canUpdateOrganisation,
  permissionsOf,
  ROLE_PERMISSIONS,
  roleGrantProblems,
  SYSTEM,
  userReadScope,
} from './identity.policy';

const JS = 'org-js';
const AH = 'org-ah';

function actor(roles: Role[], organisationId = JS, permissions = permissionsOf(roles)): Actor {
  return {
    userId: `user-${roles.join('-')}-${organisationId}`,
    username: 'u',
    displayName: 'U',
    organisationId,
    organisationKind: 'provincial_department',
    provinceCode: '320000',
    roles,
    permissions,
    via: 'session',
    sessionId: 's',
    tokenId: null,
  };
}

describe('role → permission table', () => {
  it('covers every role with known permissions; platform_admin has all', () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
    for (const permissions of Object.values(ROLE_PERMISSIONS)) for (const p of permissions) expect(PERMISSIONS).toContain(p);
    expect([...permissionsOf(['platform_admin'])].sort()).toEqual([...PERMISSIONS].sort());
    expect([...permissionsOf(['read_only'])]).toEqual(['organisations:read', 'stations:read', 'readings:read', 'catalog:read', 'data:read']);
  });

  it('every role can read the organisation directory; only admins manage users', () => {
    for (const role of ROLES) expect(permissionsOf([role]).has('organisations:read')).toBe(true);
    const managers = ROLES.filter((role) => permissionsOf([role]).has('users:manage'));
    expect(managers).toEqual(['platform_admin', 'org_admin']);
  });
});

describe('organisation scoping', () => {
  it('org admins read and manage their own organisation only', () => {
    const admin = actor(['org_admin']);
    expect(userReadScope(admin)).toEqual({ organisationId: JS });
    expect(canReadUsersOf(admin, JS)).toBe(true);
    expect(canReadUsersOf(admin, AH)).toBe(false);
    expect(canManageUsersOf(admin, JS)).toBe(true);
    expect(canManageUsersOf(admin, AH)).toBe(false);
  });

  it('working-group members read across the region and manage nobody', () => {
    const member = actor(['working_group_member'], 'org-wg');
    expect(userReadScope(member)).toEqual({ all: true });
    expect(canReadUsersOf(member, AH)).toBe(true);
    expect(canManageUsersOf(member, AH)).toBe(false);
  });

  it('platform admins and the system caller may do everything', () => {
    for (const caller of [actor(['platform_admin'], 'org-wg'), SYSTEM]) {
      expect(canManageUsersOf(caller, AH)).toBe(true);
      expect(canCreateOrganisation(caller)).toBe(true);
      expect(canUpdateOrganisation(caller, AH)).toBe(true);
    }
  });

  it('analysts and read-only users read no users', () => {
    expect(userReadScope(actor(['analyst']))).toBeNull();
    expect(userReadScope(actor(['read_only']))).toBeNull();
  });

  it('a token narrowed below users:read reads no users even for an org admin', () => {
    expect(userReadScope(actor(['org_admin'], JS, new Set(['organisations:read'])))).toBeNull();
  });

  it("only platform admins touch a platform admin's account", () => {
    const target = { organisationId: JS, roles: ['platform_admin'] as Role[] };
    expect(canManageUser(actor(['org_admin']), target)).toBe(false);
    expect(canManageUser(actor(['platform_admin'], 'org-wg'), target)).toBe(true);
    expect(canManageUser(actor(['org_admin']), { organisationId: JS, roles: ['analyst'] })).toBe(true);
  });

  it('organisations: created by platform admins only, updated by them or the own org admin', () => {
    expect(canCreateOrganisation(actor(['org_admin']))).toBe(false);
    expect(canUpdateOrganisation(actor(['org_admin']), JS)).toBe(true);
    expect(canUpdateOrganisation(actor(['org_admin']), AH)).toBe(false);
    expect(canUpdateOrganisation(actor(['data_steward']), JS)).toBe(false);
  });
});

describe('role grants', () => {
  const rules = (...args: Parameters<typeof roleGrantProblems>) => roleGrantProblems(...args).map((problem) => problem.rule);

  it('nobody changes their own roles', () => {
    const admin = actor(['platform_admin']);
    expect(rules(admin, ['platform_admin', 'analyst'], 'working_group', { id: admin.userId, roles: ['platform_admin'] })).toEqual(['own_roles']);
  });

  it('only platform admins grant platform_admin', () => {
    expect(rules(actor(['org_admin']), ['platform_admin'], 'provincial_department')).toEqual(['platform_admin_only']);
    expect(rules(actor(['platform_admin'], 'org-wg'), ['platform_admin'], 'provincial_department')).toEqual([]);
    expect(rules(SYSTEM, ['platform_admin'], 'working_group')).toEqual([]);
  });

  it('working_group_member only within the working group', () => {
    expect(rules(SYSTEM, ['working_group_member'], 'provincial_department')).toEqual(['working_group_only']);
    expect(rules(SYSTEM, ['working_group_member'], 'working_group')).toEqual([]);
  });
});
