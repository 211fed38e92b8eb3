import type { OrganisationKind, Permission, Role } from '../../contracts/identity';

/** Who is making a request, as established by the authenticator. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  /** GB/T 2260 code of the organisation's province (e.g. 320000), or 000000 for regional bodies. */
  provinceCode: string;
  roles: Role[];
  /** Effective permissions: the roles' permissions, narrowed to the token's scopes for tokens. */
  permissions: ReadonlySet<Permission>;
  via: 'session' | 'token';
  sessionId: string | null;
  tokenId: string | null;
}

/** Context of the request that caused a write, for the audit trail. */
export interface RequestMeta {
  requestId: string | null;
  ip: string | null;
}
