import { Type, type Static } from 'typebox';
import { Instant, StringEnum } from './common';
import { DATASET_THEMES, SHARING_TYPES } from './sharing';

/**
 * Sharing figures (共享成效, memorandum M1.4): how far the region is toward "机制全面建立 (2023)"
 * and "高效运行、数据高质共享 (2025)", for the whole region or one province.
 */

/** 000000 = the whole Yangtze River Delta; otherwise one of the four provinces. */
export const FIGURE_SCOPES = ['000000', '310000', '320000', '330000', '340000'] as const;
export type FigureScope = (typeof FIGURE_SCOPES)[number];

export const SharingFiguresQuery = Type.Object(
  { province: Type.Optional(StringEnum(FIGURE_SCOPES)) },
  { additionalProperties: false },
);

const Count = Type.Integer({ minimum: 0 });
const Ratio = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description: 'share 0–1; null when there is nothing to divide by' });
const Days = Type.Union([Type.Number({ minimum: 0 }), Type.Null()]);

export const ThemeCounts = Type.Object({
  theme: StringEnum(DATASET_THEMES),
  unconditional: Count,
  conditional: Count,
  not_shared: Count,
});

export const TrendPoint = Type.Object({
  /** Beijing month `YYYY-MM`. */
  month: Type.String(),
  /** Published datasets at the month's end (cumulative). */
  publishedDatasets: Count,
  /** Of those, the share shared unconditionally (无条件共享). */
  unconditionalShare: Ratio,
  requestsSubmitted: Count,
  requestsAnswered: Count,
  /** Median working days from submission to answer, of the requests answered that month. */
  medianAnswerWorkingDays: Days,
  releasesAccepted: Count,
  validationPassRate: Ratio,
  exchanges: Count,
  consumerOrganisations: Count,
});
export type TrendPoint = Static<typeof TrendPoint>;

export const SharingFigures = Type.Object({
  province: StringEnum(FIGURE_SCOPES),
  generatedAt: Instant,
  datasets: Type.Object({
    published: Count,
    bySharingType: Type.Object(Object.fromEntries(SHARING_TYPES.map((type) => [type, Count])) as Record<(typeof SHARING_TYPES)[number], typeof Count>),
    byTheme: Type.Array(ThemeCounts),
    unconditionalShare: Ratio,
    /** Timeliness against the update cycle (动态管理): fresh, due, overdue. */
    fresh: Count,
    due: Count,
    overdue: Count,
  }),
  duties: Type.Object({ active: Count, onTime: Count, overdue: Count }),
  releases: Type.Object({ accepted: Count, awaitingReview: Count, correctionRequested: Count }),
  validation: Type.Object({ uploads: Count, passed: Count, passRate: Ratio }),
  requests: Type.Object({
    submitted: Count,
    pending: Count,
    approved: Count,
    partiallyApproved: Count,
    refused: Count,
    /** Pending past the deadline, or answered after it. */
    overdue: Count,
    answeredInTime: Ratio,
    medianAnswerWorkingDays: Days,
  }),
  consumers: Type.Object({ organisations: Count, exchanges: Count, rows: Count }),
  trend: Type.Array(TrendPoint),
  /** The memoranda's milestones, for the charts. */
  milestones: Type.Array(Type.Object({ year: Type.Integer(), zh: Type.String(), en: Type.String() })),
});
export type SharingFigures = Static<typeof SharingFigures>;
