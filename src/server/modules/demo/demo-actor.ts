import type { Actor } from '../../platform/actor';
import { permissionsOf, SYSTEM, type IdentityService } from '../identity';

/**
 * The service-level actor of a demo account (as after sign-in), for arranging demo and test data
 * through the ordinary services without clicking; undefined when the account does not exist.
 */
export async function demoActorOf(identity: Pick<IdentityService, 'users' | 'organisations'>, username: string): Promise<Actor | undefined> {
  const user = await identity.users.findByUsername(SYSTEM, username);
  if (user === undefined) return undefined;
  const organisation = await identity.organisations.get(SYSTEM, user.organisationId);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    organisationId: organisation.id,
    organisationKind: organisation.kind,
    provinceCode: organisation.provinceCode,
    roles: [...user.roles],
    permissions: permissionsOf(user.roles),
    via: 'session',
    sessionId: null,
    tokenId: null,
  };
}
