import { PERMISSIONS, type Permission } from '../../../contracts/identity';
import type { Executor } from '../../db/database';
import type { Actor } from '../../platform/actor';
import { permissionsOf } from './identity.policy';
import type { OrganisationRepository, OrganisationRow } from './organisation.repository';
import type { UserRepository, UserWithRoles } from './user.repository';

/** A user together with their organisation: everything an Actor is built from. */
export interface Principal {
  user: UserWithRoles;
  organisation: OrganisationRow;
}

export async function loadPrincipal(
  executor: Executor,
  repositories: { users: Pick<UserRepository, 'findById'>; organisations: Pick<OrganisationRepository, 'findById'> },
  userId: string,
): Promise<Principal | undefined> {
  const user = await repositories.users.findById(executor, userId);
  if (user === undefined) return undefined;
  const organisation = await repositories.organisations.findById(executor, user.organisation_id);
  return organisation === undefined ? undefined : { user, organisation };
}

/** Permissions in the contract's order, for stable responses. */
export function sortedPermissions(permissions: Iterable<Permission>): Permission[] {
  const set = new Set(permissions);
  return PERMISSIONS.filter((permission) => set.has(permission));
}

/**
 * The Actor for a principal. For a token, the effective permissions are its scopes narrowed to
 * what the owner's roles grant now, so a demoted owner's old tokens lose power at once.
 */
export function buildActor(
  principal: Principal,
  via: { kind: 'session'; sessionId: string } | { kind: 'token'; tokenId: string; scopes: readonly Permission[] },
): Actor {
  const { user, organisation } = principal;
  const fromRoles = permissionsOf(user.roles);
  const permissions = via.kind === 'token' ? new Set(via.scopes.filter((scope) => fromRoles.has(scope))) : fromRoles;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    organisationId: organisation.id,
    organisationKind: organisation.kind,
    provinceCode: organisation.province_code,
    roles: [...user.roles],
    permissions,
    via: via.kind,
    sessionId: via.kind === 'session' ? via.sessionId : null,
    tokenId: via.kind === 'token' ? via.tokenId : null,
  };
}
