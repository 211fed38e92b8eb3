import { Type, type Static } from 'typebox';
import { Id, Instant, PageQuery } from './common';

export const AuditEvent = Type.Object(
  {
    seq: Type.Integer({ description: 'Position in the hash chain, from 1' }),
    id: Id,
    occurredAt: Instant,
    actorUserId: Type.Union([Id, Type.Null()]),
    actorName: Type.Union([Type.String(), Type.Null()]),
    organisationId: Type.Union([Id, Type.Null()]),
    action: Type.String({ description: 'e.g. user.create, auth.login, token.revoke' }),
    objectType: Type.String(),
    objectId: Type.Union([Type.String(), Type.Null()]),
    requestId: Type.Union([Type.String(), Type.Null()]),
    beforeDigest: Type.Union([Type.String(), Type.Null()]),
    afterDigest: Type.Union([Type.String(), Type.Null()]),
    hash: Type.String(),
  },
  { $id: 'AuditEvent' },
);
export type AuditEvent = Static<typeof AuditEvent>;

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
  { additionalProperties: false },
);
export const ListAuditEventsResponse = Type.Object({ items: Type.Array(AuditEvent), total: Type.Integer() });

export const AuditVerifyResponse = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  firstBrokenSeq: Type.Union([Type.Integer(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
});
export type AuditVerifyResponse = Static<typeof AuditVerifyResponse>;
