import { Type, type Static } from 'typebox';
import { Id, Instant, PageQuery } from './common';

/** Lower-case hex SHA-256. */
const Sha256Hex = Type.String({ pattern: '^[0-9a-f]{64}$' });

export const AuditEvent = Type.Object(
  {
    seq: Type.Integer({ description: 'Position in the hash chain, from 1' }),
    id: Id,
    occurredAt: Instant,
    actorUserId: Type.Union([Id, Type.Null()], { description: 'Null for system actions' }),
    actorName: Type.Union([Type.String(), Type.Null()], { description: "The actor's username at the time" }),
    actorDisplayName: Type.Union([Type.String(), Type.Null()], { description: "The actor's display name at the time" }),
    organisationId: Type.Union([Id, Type.Null()], { description: "The actor's organisation" }),
    targetOrganisationId: Type.Union([Id, Type.Null()], { description: 'The organisation whose record was touched, when not the actor’s' }),
    action: Type.String({ description: 'e.g. user.create, auth.login, token.revoke' }),
    objectType: Type.String(),
    objectId: Type.Union([Type.String(), Type.Null()]),
    requestId: Type.Union([Type.String(), Type.Null()]),
    ip: Type.Union([Type.String(), Type.Null()]),
    beforeDigest: Type.Union([Sha256Hex, Type.Null()], { description: 'SHA-256 of the canonical JSON of the state before' }),
    afterDigest: Type.Union([Sha256Hex, Type.Null()], { description: 'SHA-256 of the canonical JSON of the state after' }),
    prevHash: Sha256Hex,
    hash: Sha256Hex,
  },
  { $id: 'AuditEvent' },
);
export type AuditEvent = Static<typeof AuditEvent>;

/**
 * Filters combine with AND. `organisationId` matches events whose actor organisation or target
 * organisation is that one; `from` is inclusive and `to` exclusive.
 */
export const ListAuditEventsQuery = Type.Object(
  {
    actorUserId: Type.Optional(Id),
    organisationId: Type.Optional(Id),
    action: Type.Optional(Type.String({ maxLength: 100 })),
    objectType: Type.Optional(Type.String({ maxLength: 100 })),
    objectId: Type.Optional(Type.String({ maxLength: 100 })),
    from: Type.Optional(Instant),
    to: Type.Optional(Instant),
    ...PageQuery,
  },
  {
    additionalProperties: false,
    description: 'Filters combine with AND; organisationId matches the actor or the target organisation; from is inclusive, to exclusive',
  },
);
export type ListAuditEventsQuery = Static<typeof ListAuditEventsQuery>;
export const ListAuditEventsResponse = Type.Object({
  items: Type.Array(AuditEvent, { description: 'Newest first' }),
  total: Type.Integer({ description: 'Events matching the filter' }),
});
export type ListAuditEventsResponse = Static<typeof ListAuditEventsResponse>;

export const AuditVerifyResponse = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer({ description: 'Events found intact before the first broken link (all of them when ok)' }),
  firstBrokenSeq: Type.Union([Type.Integer(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
});
export type AuditVerifyResponse = Static<typeof AuditVerifyResponse>;
