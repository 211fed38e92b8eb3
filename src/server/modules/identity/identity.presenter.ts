import type { ApiToken, Organisation, User } from '../../../contracts/identity';
import { toIso } from '../../platform/clock';
import type { OrganisationRow } from './organisation.repository';
import type { TokenRow } from './token.repository';
import type { UserWithRoles } from './user.repository';

/** Rows → API shapes. Never returns hashes, counters or other internals. */
export function presentOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    nameEn: row.name_en,
    kind: row.kind,
    divisionCode: row.division_code,
    provinceCode: row.province_code,
    uscc: row.uscc,
    parentId: row.parent_id,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** `now` decides whether a past lockout still shows: an expired lock is presented as null. */
export function presentUser(row: UserWithRoles, now: number): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    organisationId: row.organisation_id,
    roles: row.roles,
    locale: row.locale,
    status: row.status,
    lockedUntil: row.locked_until !== null && row.locked_until > now ? toIso(row.locked_until) : null,
    lastLoginAt: toIso(row.last_login_at),
    createdAt: toIso(row.created_at),
  };
}

export function presentToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    expiresAt: toIso(row.expires_at),
    revokedAt: toIso(row.revoked_at),
    lastUsedAt: toIso(row.last_used_at),
    createdAt: toIso(row.created_at),
  };
}
