/**
 * Tables of the identity module (migration 20261128-01-identity). Times are UTC epoch
 * milliseconds; secrets are stored only as lower-case hex SHA-256 digests.
 */
import type { OrganisationKind, Permission, Role } from '../../../contracts/identity';

export interface OrganisationsTable {
  id: string;
  name: string;
  name_en: string;
  kind: OrganisationKind;
  /** GB/T 2260 code of the area the organisation serves; `000000` = the whole region. */
  division_code: string;
  /** `division_code` with the last four digits zeroed (`000000` stays `000000`). */
  province_code: string;
  /** GB 32100 unified social credit code; null where the body has none (e.g. the working group). */
  uscc: string | null;
  parent_id: string | null;
  created_at: number;
  updated_at: number;
}

export type UserStatus = 'active' | 'disabled';

export interface UsersTable {
  id: string;
  organisation_id: string;
  /** As typed at creation; unique case-insensitively (index on lower(username)). */
  username: string;
  display_name: string;
  email: string | null;
  /** `scrypt$<log2N>$<r>$<p>$<salt b64>$<hash b64>`, see password.ts. */
  password_hash: string;
  locale: 'zh-CN' | 'en';
  status: UserStatus;
  /** Consecutive failed logins since the last success, unlock or lockout. */
  failed_logins: number;
  locked_until: number | null;
  last_login_at: number | null;
  password_changed_at: number;
  created_at: number;
  updated_at: number;
}

export interface UserRolesTable {
  user_id: string;
  role: Role;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  /** SHA-256 of the 256-bit cookie value; the value itself is never stored. */
  secret_hash: string;
  created_at: number;
  /** Absolute expiry (created_at + SESSION_TTL_HOURS); not extended by activity. */
  expires_at: number;
  /** Updated at most once a minute. */
  last_seen_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  /** The first characters of the secret, shown in lists so the owner can recognise it. */
  prefix: string;
  /** SHA-256 of the secret. */
  secret_hash: string;
  /** JSON array of permissions, fixed at creation. */
  scopes: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  /** Updated at most once a minute. */
  last_used_at: number | null;
}

/** Parsed form of `api_tokens.scopes`. */
export type TokenScopes = Permission[];

export interface IdentityTables {
  organisations: OrganisationsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
}
