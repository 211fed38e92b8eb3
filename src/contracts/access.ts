import { Type, type Static } from 'typebox';
import { DivisionCode, Id, Instant, PageQuery, StringEnum, Text } from './common';
import { ACCESS_REQUEST_STATUSES } from './sharing';

/**
 * Secure sharing (高效安全共享): access requests (共享申请), their answers, grants and the
 * exchange log. See docs/sharing.md.
 */

/** Beijing calendar date 'YYYY-MM-DD' (the period of use is agreed in days, not instants). */
export const BeijingDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Beijing calendar date YYYY-MM-DD' });

/** A field of the dataset as `table.field` (both lower-case identifiers of the schema). */
export const QualifiedField = Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}\\.[a-z][a-z0-9_]{0,62}$', description: 'table.field' });

export const ACCESS_REQUEST_EVENT_KINDS = [
  'submitted', // 提交申请
  'reminder', // 临近答复期限提醒
  'escalated', // 逾期未答复，提交工作专班
  'approved',
  'partially_approved',
  'refused',
  'withdrawn',
] as const;
export type AccessRequestEventKind = (typeof ACCESS_REQUEST_EVENT_KINDS)[number];

export const CreateAccessRequest = Type.Object(
  {
    datasetId: Id,
    purpose: Text(1000, { description: '用途' }),
    /** 法律依据: required for 不予共享 datasets. */
    legalBasis: Type.Optional(Text(1000)),
    /** Requested fields; absent = every field of the current schema. */
    fields: Type.Optional(Type.Array(QualifiedField, { minItems: 1, maxItems: 500, uniqueItems: true })),
    /** Requested rows as GB/T 2260 codes (a province, a city, a county); absent = all rows. */
    scopeCodes: Type.Optional(Type.Array(DivisionCode, { minItems: 1, maxItems: 50, uniqueItems: true })),
    /** 使用期限: first and last day of use (Beijing dates). */
    useFrom: BeijingDate,
    useUntil: BeijingDate,
    /** 留存期限: days the requester keeps the data after the period of use. */
    retentionDays: Type.Integer({ minimum: 0, maximum: 3650 }),
    /** 转授权 / 对外提供: normally forbidden; asking for it needs a reason. */
    onwardSharing: Type.Optional(Type.Boolean({ default: false })),
    onwardSharingReason: Type.Optional(Text(1000)),
  },
  { additionalProperties: false },
);
export type CreateAccessRequest = Static<typeof CreateAccessRequest>;

export const DecideAccessRequest = Type.Object(
  {
    decision: StringEnum(['approve', 'partially_approve', 'refuse'] as const),
    /** Partial approval: the granted subset of the requested fields. */
    fields: Type.Optional(Type.Array(QualifiedField, { minItems: 1, maxItems: 500, uniqueItems: true })),
    /** Partial approval: the granted rows, each inside the requested scope. */
    scopeCodes: Type.Optional(Type.Array(DivisionCode, { minItems: 1, maxItems: 50, uniqueItems: true })),
    /** Reasons: required for a refusal and for a partial approval. */
    reasons: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export type DecideAccessRequest = Static<typeof DecideAccessRequest>;

export const AccessRequestEvent = Type.Object({
  id: Id,
  kind: StringEnum(ACCESS_REQUEST_EVENT_KINDS),
  at: Instant,
  actorUserId: Type.Union([Id, Type.Null()]),
  actorDisplayName: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
});
export type AccessRequestEvent = Static<typeof AccessRequestEvent>;

export const AccessRequest = Type.Object(
  {
    id: Id,
    datasetId: Id,
    datasetTitle: Type.String(),
    datasetTitleEn: Type.String(),
    sharingType: Type.String(),
    requestingOrganisationId: Id,
    requestingOrganisationName: Type.String(),
    requestedBy: Id,
    /** The organisation that answers: the owner, or the working group for 不予共享. */
    decidingOrganisationId: Id,
    decidingOrganisationName: Type.String(),
    purpose: Type.String(),
    legalBasis: Type.Union([Type.String(), Type.Null()]),
    fields: Type.Union([Type.Array(Type.String()), Type.Null()]),
    scopeCodes: Type.Union([Type.Array(Type.String()), Type.Null()]),
    useFrom: Type.String(),
    useUntil: Type.String(),
    retentionDays: Type.Integer(),
    onwardSharing: Type.Boolean(),
    onwardSharingReason: Type.Union([Type.String(), Type.Null()]),
    status: StringEnum(ACCESS_REQUEST_STATUSES),
    submittedAt: Instant,
    /** Last Beijing day to answer (答复期限) and the instant it passes. */
    deadlineDate: Type.String(),
    deadlineAt: Instant,
    replyWorkingDays: Type.Integer(),
    /** Calendar the deadline was computed with (e.g. chinese-days@1.5.7). */
    calendarVersion: Type.String(),
    /** Working days left until the deadline today (negative: overdue); null once answered or when the calendar cannot tell. */
    workingDaysLeft: Type.Union([Type.Integer(), Type.Null()]),
    overdue: Type.Boolean(),
    escalatedAt: Type.Union([Instant, Type.Null()]),
    decidedAt: Type.Union([Instant, Type.Null()]),
    decidedBy: Type.Union([Id, Type.Null()]),
    reasons: Type.Union([Type.String(), Type.Null()]),
    grantId: Type.Union([Id, Type.Null()]),
    events: Type.Array(AccessRequestEvent),
  },
  { $id: 'AccessRequest' },
);
export type AccessRequest = Static<typeof AccessRequest>;

export const ListAccessRequestsQuery = Type.Object(
  {
    box: StringEnum(['inbox', 'outbox'] as const),
    status: Type.Optional(StringEnum(ACCESS_REQUEST_STATUSES)),
    datasetId: Type.Optional(Id),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ListAccessRequestsQuery = Static<typeof ListAccessRequestsQuery>;
export const ListAccessRequestsResponse = Type.Object({ items: Type.Array(Type.Ref('AccessRequest')), total: Type.Integer() });

export const GRANT_STATUSES = ['active', 'expired', 'revoked', 'not_yet_valid'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

export const Grant = Type.Object(
  {
    id: Id,
    requestId: Id,
    datasetId: Id,
    datasetTitle: Type.String(),
    datasetTitleEn: Type.String(),
    granteeOrganisationId: Id,
    granteeOrganisationName: Type.String(),
    grantorOrganisationId: Id,
    grantorOrganisationName: Type.String(),
    purpose: Type.String(),
    /** null = every field. */
    fields: Type.Union([Type.Array(Type.String()), Type.Null()]),
    /** null = every row. */
    scopeCodes: Type.Union([Type.Array(Type.String()), Type.Null()]),
    validFrom: Instant,
    validUntil: Instant,
    status: StringEnum(GRANT_STATUSES),
    revokedAt: Type.Union([Instant, Type.Null()]),
    revokeReason: Type.Union([Type.String(), Type.Null()]),
    createdAt: Instant,
  },
  { $id: 'Grant' },
);
export type Grant = Static<typeof Grant>;

export const ListGrantsQuery = Type.Object(
  {
    side: StringEnum(['received', 'given'] as const),
    datasetId: Type.Optional(Id),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ListGrantsQuery = Static<typeof ListGrantsQuery>;
export const ListGrantsResponse = Type.Object({ items: Type.Array(Type.Ref('Grant')), total: Type.Integer() });

export const RevokeGrantRequest = Type.Object({ reason: Text(1000) }, { additionalProperties: false });
export type RevokeGrantRequest = Static<typeof RevokeGrantRequest>;

/** What the caller may read of a dataset (effective grant). */
export const EffectiveAccess = Type.Object({
  kind: StringEnum(['owner', 'unconditional', 'granted', 'none'] as const),
  grantId: Type.Union([Id, Type.Null()]),
  fields: Type.Union([Type.Array(Type.String()), Type.Null()]),
  scopeCodes: Type.Union([Type.Array(Type.String()), Type.Null()]),
  until: Type.Union([Instant, Type.Null()]),
});
export type EffectiveAccess = Static<typeof EffectiveAccess>;

export const CreateGrantTokenRequest = Type.Object({ name: Text(100) }, { additionalProperties: false });
export type CreateGrantTokenRequest = Static<typeof CreateGrantTokenRequest>;

export const Exchange = Type.Object(
  {
    id: Id,
    seq: Type.Integer(),
    occurredAt: Instant,
    datasetId: Id,
    datasetTitle: Type.String(),
    releaseId: Type.String(),
    table: Type.String(),
    ownerOrganisationId: Id,
    consumerOrganisationId: Id,
    consumerOrganisationName: Type.String(),
    consumerUserId: Id,
    viaToken: Type.Boolean(),
    grantId: Type.Union([Id, Type.Null()]),
    accessKind: Type.String(),
    purpose: Type.Union([Type.String(), Type.Null()]),
    fields: Type.Array(Type.String()),
    scopeCodes: Type.Union([Type.Array(Type.String()), Type.Null()]),
    rowCount: Type.Integer(),
    format: Type.String(),
    hash: Type.String(),
  },
  { $id: 'Exchange' },
);
export type Exchange = Static<typeof Exchange>;

export const ListExchangesQuery = Type.Object(
  {
    side: StringEnum(['owner', 'consumer'] as const),
    datasetId: Type.Optional(Id),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ListExchangesQuery = Static<typeof ListExchangesQuery>;
export const ListExchangesResponse = Type.Object({ items: Type.Array(Type.Ref('Exchange')), total: Type.Integer() });

export const ExchangeSummaryQuery = Type.Object({ datasetId: Type.Optional(Id) }, { additionalProperties: false });
export const ExchangeSummary = Type.Object({
  items: Type.Array(
    Type.Object({
      consumerOrganisationId: Id,
      consumerOrganisationName: Type.String(),
      datasetId: Id,
      datasetTitle: Type.String(),
      reads: Type.Integer(),
      rows: Type.Integer(),
      lastAt: Instant,
    }),
  ),
});
export type ExchangeSummary = Static<typeof ExchangeSummary>;

/** A signed exchange receipt (HMAC-SHA256 over the canonical JSON of `body`). */
export const ExchangeReceipt = Type.Object(
  {
    // Null before the other member of each union: AJV's type coercion would otherwise turn a
    // null into "" while trying the string member, and the signature would no longer match.
    body: Type.Object(
      {
        kind: Type.Literal('yrd-eco.exchange-receipt'),
        version: Type.Literal(1),
        exchangeId: Id,
        seq: Type.Integer({ minimum: 1 }),
        hash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
        occurredAt: Instant,
        datasetId: Id,
        releaseId: Type.String({ maxLength: 64 }),
        table: Type.String({ maxLength: 64 }),
        ownerOrganisationId: Id,
        consumerOrganisationId: Id,
        consumerUserId: Id,
        grantId: Type.Union([Type.Null(), Id]),
        purpose: Type.Union([Type.Null(), Type.String({ maxLength: 1000 })]),
        fields: Type.Array(Type.String({ maxLength: 130 }), { maxItems: 1000 }),
        scopeCodes: Type.Union([Type.Null(), Type.Array(Type.String({ maxLength: 6 }), { maxItems: 50 })]),
        rowCount: Type.Integer({ minimum: 0 }),
      },
      { additionalProperties: false },
    ),
    signature: Type.String({ maxLength: 128 }),
    algorithm: Type.Literal('HMAC-SHA256'),
  },
  { additionalProperties: false },
);
export type ExchangeReceipt = Static<typeof ExchangeReceipt>;

export const ReceiptVerification = Type.Object({
  /** The signature was made with the platform's key over exactly this body. */
  signatureValid: Type.Boolean(),
  /** The exchange log still holds this exchange with this hash. */
  inLog: Type.Boolean(),
});

export const ExchangeVerifyResponse = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  firstBrokenSeq: Type.Union([Type.Integer(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
});

export const SHARED_DATA_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type SharedDataFormat = (typeof SHARED_DATA_FORMATS)[number];

export const SharedRowsQuery = Type.Object(
  {
    table: Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' }),
    cursor: Type.Optional(Type.String({ maxLength: 400 })),
    limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 100 }),
    /** json (paged; default), csv or xlsx (bulk export of one page of up to 10 000 rows). */
    format: Type.Optional(StringEnum(SHARED_DATA_FORMATS)),
    /** An earlier accepted release; default the latest accepted one. */
    releaseId: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type SharedRowsQuery = Static<typeof SharedRowsQuery>;

export const SharedRowsPage = Type.Object({
  datasetId: Id,
  releaseId: Type.String(),
  releaseSequence: Type.Integer(),
  table: Type.String(),
  fields: Type.Array(Type.String()),
  items: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
