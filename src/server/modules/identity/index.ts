/**
 * The identity module's only public surface: organisations, users, roles and permissions,
 * password sign-in with sessions, personal API tokens and the home summary.
 */
import type { Authenticator } from '../../http/auth-guard';
import type { Actor } from '../../platform/actor';
import { createAuthService, type AuthService } from './auth.service';
import { createAuthenticator } from './authenticator';
import { createHomeService, type HomeService } from './home.service';
import type { IdentityDeps } from './identity.deps';
import { organisationStandards } from './identity.standards';
import { createOrganisationRepository } from './organisation.repository';
import { createOrganisationService, type OrganisationService } from './organisation.service';
import { createPasswordHasher } from './password';
import { createTokenService, type TokenService } from './token.service';
import { createUserRepository } from './user.repository';
import { createUserService, type UserService } from './user.service';

export interface IdentityService {
  auth: AuthService;
  organisations: OrganisationService;
  users: UserService;
  tokens: TokenService;
  home: HomeService;
}

export interface IdentityModule {
  service: IdentityService;
  authenticator: Authenticator;
}

/** Builds the identity services and the request authenticator (called by context.ts only). */
export function createIdentityModule(deps: IdentityDeps): IdentityModule {
  const hasher = createPasswordHasher(deps.config.passwordHash.scryptLog2N);
  const organisations = createOrganisationRepository(deps.database.dialect);
  const users = createUserRepository(deps.database.dialect);
  const csrfTokens = new WeakMap<Actor, string>();

  const auth = createAuthService({ ...deps, hasher, users, organisations, csrfTokens });
  const tokens = createTokenService({ ...deps, users, organisations });
  const service: IdentityService = {
    auth,
    organisations: createOrganisationService({ ...deps, organisations, standards: organisationStandards }),
    users: createUserService({ ...deps, hasher, users, organisations }),
    tokens,
    home: createHomeService({ ...deps, users, organisations }),
  };
  return { service, authenticator: createAuthenticator({ auth, tokens, csrfTokens }) };
}

export { registerIdentityRoutes } from './identity.routes';
export { ROLE_PERMISSIONS, SYSTEM, isSystem, permissionsOf, type Caller, type SystemCaller } from './identity.policy';
export { checkPasswordRules, generatePassword, PASSWORD_MIN_LENGTH, type PasswordProblem } from './password';
export { SESSION_COOKIE } from './secrets';
export type { IdentityDeps } from './identity.deps';
export type { AuthService, LoginResult } from './auth.service';
export type { OrganisationService, OrganisationStandards } from './organisation.service';
export type { UserService, ListUsersInput } from './user.service';
export type { TokenService } from './token.service';
export type { HomeService } from './home.service';
