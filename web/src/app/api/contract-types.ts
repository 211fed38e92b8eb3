import type {
  ApiToken as ApiTokenContract,
  CreateOrganisationRequest as CreateOrganisationRequestContract,
  CreateTokenRequest as CreateTokenRequestContract,
  CreateUserRequest as CreateUserRequestContract,
  Me as MeContract,
  Organisation as OrganisationContract,
  OrganisationKind,
  Permission,
  Role,
  UpdateOrganisationRequest,
  UpdateUserRequest as UpdateUserRequestContract,
  User as UserContract,
} from '../../../../src/contracts/identity';

/**
 * The identity contract's types as the web uses them. The enum fields are spelled out from the
 * constant lists (ROLES, PERMISSIONS, ORGANISATION_KINDS), because `StringEnum` in
 * src/contracts/common.ts currently makes `Static<>` infer `never` for them (its mapped tuple
 * is readonly, which `Type.Union` does not accept). Once that is fixed these stay equal to the
 * contract's own types.
 */
type WithFields<T, Fields> = Omit<T, keyof Fields> & Fields;

export type { OrganisationKind, Permission, Role, UpdateOrganisationRequest };
export type UserStatus = 'active' | 'disabled';

export type Organisation = WithFields<OrganisationContract, { kind: OrganisationKind }>;
export type User = WithFields<UserContract, { roles: Role[]; status: UserStatus }>;
export type Me = WithFields<MeContract, { user: User; organisation: Organisation; permissions: Permission[] }>;
export type ApiToken = WithFields<ApiTokenContract, { scopes: Permission[] }>;

export type CreateOrganisationRequest = WithFields<CreateOrganisationRequestContract, { kind: OrganisationKind }>;
export type CreateUserRequest = WithFields<CreateUserRequestContract, { roles: Role[] }>;
export type UpdateUserRequest = WithFields<UpdateUserRequestContract, { roles?: Role[]; status?: UserStatus }>;
export type CreateTokenRequest = WithFields<CreateTokenRequestContract, { scopes: Permission[] }>;

type HomeSummaryContract = import('../../../../src/contracts/home').HomeSummary;
/** `GET /home/summary`, with the same enum-field repair as above. */
export type HomeSummary = WithFields<
  HomeSummaryContract,
  {
    organisation: WithFields<HomeSummaryContract['organisation'], { kind: OrganisationKind }>;
    organisationsInArea: WithFields<HomeSummaryContract['organisationsInArea'], { byKind: Array<{ kind: OrganisationKind; count: number }> }>;
  }
>;
