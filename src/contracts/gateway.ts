import { Type, type Static, type TSchema } from 'typebox';
import { Id, Instant, PageQuery, StringEnum } from './common';

/** HJ 212 MN as used in filters: opaque device key (hj212.md §4), printable, bounded. */
const Mn = Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\x21-\\x7e]+$' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const GatewayConnection = Type.Object({
  id: Type.Integer(),
  remoteAddress: Type.String(),
  mn: Nullable(Type.String()),
  connectedAt: Instant,
  packetsOk: Type.Integer(),
  packetsBad: Type.Integer(),
  lastPacketAt: Nullable(Instant),
  paused: Type.Boolean({ description: 'Reading paused by back-pressure (commit queue over its limit)' }),
});
export type GatewayConnection = Static<typeof GatewayConnection>;

export const GatewayStatusResponse = Type.Object({
  enabled: Type.Boolean(),
  listening: Nullable(Type.Object({ host: Type.String(), port: Type.Integer() })),
  connectionCount: Type.Integer(),
  /** At most 500, most recent activity first. */
  connections: Type.Array(GatewayConnection),
  totals: Type.Object({
    connectionsAccepted: Type.Integer(),
    connectionsClosedIdle: Type.Integer(),
    connectionsClosedGarbage: Type.Integer(),
    packetsOk: Type.Integer({ description: 'Frames with valid length and CRC that were decoded and handled' }),
    packetsBad: Type.Integer({ description: 'Refused frames and rejected packets' }),
    dataPackets: Type.Integer(),
    quarantinedPackets: Type.Integer(),
    heartbeats: Type.Integer(),
    answers: Type.Integer(),
    otherPackets: Type.Integer(),
    readingsQueued: Type.Integer(),
    readingsCommitted: Type.Integer(),
    readingsInserted: Type.Integer(),
    readingsDuplicate: Type.Integer(),
    readingsDeferred: Type.Integer({ description: 'Committed into the SQLite readings inbox under load: durable, visible after the next move (their duplicates are not counted)' }),
    valuesRejected: Type.Integer(),
    acksSent: Type.Integer(),
    acksWithheld: Type.Integer({ description: 'Acks not sent because the commit failed' }),
    garbageBytes: Type.Integer(),
    overStandardLength: Type.Integer({ description: 'Accepted packets longer than the standard 1024 bytes' }),
  }),
  rates: Type.Object({
    packetsPerSecond: Type.Number({ description: 'Over the last 10 s' }),
    readingsPerSecond: Type.Number({ description: 'Readings committed, over the last 10 s' }),
  }),
  errorsByReason: Type.Record(Type.String(), Type.Integer()),
  byMn: Type.Array(Type.Object({ mn: Type.String(), packetsOk: Type.Integer(), packetsBad: Type.Integer(), lastPacketAt: Instant })),
  batch: Type.Object({
    pendingRows: Type.Integer(),
    batches: Type.Integer(),
    failedBatches: Type.Integer(),
    lastBatchRows: Type.Integer(),
    lastBatchMs: Type.Number(),
    maxBatchRows: Type.Integer(),
    badPacketsNotLogged: Type.Integer(),
  }),
});
export type GatewayStatusResponse = Static<typeof GatewayStatusResponse>;

export const BadPacket = Type.Object({
  id: Id,
  receivedAt: Instant,
  remoteAddress: Nullable(Type.String()),
  mn: Nullable(Type.String()),
  reason: Type.String({ description: 'Stable code: CRC_MISMATCH, BAD_LENGTH_FIELD, LENGTH_OVER_CAP, STALLED_FRAME, TRUNCATED_FRAME, MISSING_CP, CP_NOT_CLOSED, MISSING_MN, MISSING_DATATIME, BAD_DATATIME, FUTURE_DATATIME, NON_NUMERIC_VALUE, GARBAGE_LIMIT' }),
  message: Type.String(),
  raw: Nullable(Type.String({ description: 'Raw text (best effort for framing errors), at most 4096 characters' })),
});
export type BadPacket = Static<typeof BadPacket>;

export const ListBadPacketsQuery = Type.Object(
  { mn: Type.Optional(Mn), reason: Type.Optional(Type.String({ maxLength: 40, pattern: '^[A-Z_]+$' })), ...PageQuery },
  { additionalProperties: false },
);
export type ListBadPacketsQuery = Static<typeof ListBadPacketsQuery>;
export const ListBadPacketsResponse = Type.Object({ items: Type.Array(BadPacket), total: Type.Integer() });
export type ListBadPacketsResponse = Static<typeof ListBadPacketsResponse>;

export const QUARANTINE_STATUSES = ['pending', 'assigned'] as const;

export const QuarantinedMn = Type.Object({
  id: Id,
  mn: Type.String(),
  status: StringEnum(QUARANTINE_STATUSES),
  firstSeenAt: Instant,
  lastSeenAt: Instant,
  packetCount: Type.Integer({ description: 'Packets received for this MN' }),
  storedPackets: Type.Integer({ description: 'Raw packets kept for re-ingestion' }),
  lastRaw: Type.String(),
  lastSt: Nullable(Type.String()),
  lastCn: Nullable(Type.String()),
  lastRemoteAddress: Nullable(Type.String()),
  assignedStationId: Nullable(Type.String()),
  assignedAt: Nullable(Instant),
});
export type QuarantinedMn = Static<typeof QuarantinedMn>;

export const ListQuarantineQuery = Type.Object({ status: Type.Optional(StringEnum(QUARANTINE_STATUSES)), ...PageQuery }, { additionalProperties: false });
export type ListQuarantineQuery = Static<typeof ListQuarantineQuery>;
export const ListQuarantineResponse = Type.Object({ items: Type.Array(QuarantinedMn), total: Type.Integer() });
export type ListQuarantineResponse = Static<typeof ListQuarantineResponse>;

export const AssignQuarantineRequest = Type.Object({ stationId: Id }, { additionalProperties: false });
export type AssignQuarantineRequest = Static<typeof AssignQuarantineRequest>;

export const AssignQuarantineResponse = Type.Object({
  id: Id,
  mn: Type.String(),
  stationId: Id,
  packetsReplayed: Type.Integer(),
  packetsRejected: Type.Integer({ description: 'Stored packets refused on re-ingestion (e.g. unparsable DataTime)' }),
  readingsInserted: Type.Integer(),
  readingsDuplicate: Type.Integer(),
  valuesRejected: Type.Integer(),
});
export type AssignQuarantineResponse = Static<typeof AssignQuarantineResponse>;
