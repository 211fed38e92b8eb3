import { Type, type Static } from 'typebox';
import { Id, Instant, StringEnum } from './common';
import { ORGANISATION_KINDS } from './identity';

/**
 * `GET /api/v1/home/summary`: the signed-in user's own organisation at a glance. Every figure
 * is about the caller's organisation (or its province), never about another organisation's
 * private records.
 */
export const HomeSummary = Type.Object(
  {
    generatedAt: Instant,
    organisation: Type.Object({
      id: Id,
      name: Type.String(),
      nameEn: Type.String(),
      kind: StringEnum(ORGANISATION_KINDS),
      divisionCode: Type.String(),
      provinceCode: Type.String(),
    }),
    /** Accounts of the organisation. `locked` = temporarily locked after failed sign-ins. */
    users: Type.Object({
      total: Type.Integer({ minimum: 0 }),
      active: Type.Integer({ minimum: 0 }),
      disabled: Type.Integer({ minimum: 0 }),
      locked: Type.Integer({ minimum: 0 }),
    }),
    /** Personal API tokens of the organisation's users that are neither revoked nor expired. */
    tokens: Type.Object({ active: Type.Integer({ minimum: 0 }) }),
    /** Audit events by the organisation's people or about its records since `since` (7 days). */
    audit: Type.Object({ events: Type.Integer({ minimum: 0 }), since: Instant }),
    /**
     * Organisations in the caller's province by kind; for regional bodies (province 000000) the
     * whole region.
     */
    organisationsInArea: Type.Object({
      provinceCode: Type.String({ description: 'GB/T 2260 province code, or 000000 for the whole region' }),
      total: Type.Integer({ minimum: 0 }),
      byKind: Type.Array(Type.Object({ kind: StringEnum(ORGANISATION_KINDS), count: Type.Integer({ minimum: 0 }) })),
    }),
  },
  { $id: 'HomeSummary' },
);
export type HomeSummary = Static<typeof HomeSummary>;
