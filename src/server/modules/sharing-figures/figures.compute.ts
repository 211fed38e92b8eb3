import type { FigureScope, SharingFigures, TrendPoint } from '../../../contracts/sharing-figures';
import { DATASET_THEMES, SHARING_TYPES, type AccessRequestStatus, type DatasetStatus, type DatasetTheme, type ReleaseStatus, type SharingType } from '../../../contracts/sharing';

/**
 * The figures are computed from small "facts" each part hands over (one row per dataset, duty,
 * request, release, upload, and exchanges per consumer and day), so the arithmetic is pure and
 * testable and no module reads another's tables.
 */
export interface DatasetFact {
  ownerProvinceCode: string;
  theme: DatasetTheme;
  sharingType: SharingType;
  status: DatasetStatus;
  publishedAt: number | null;
  freshness: 'fresh' | 'due' | 'overdue';
}
export interface DutyFact {
  provinceCode: string;
  overdue: boolean;
}
export interface RequestFact {
  /** Province of the dataset's owner (the side that answers). */
  ownerProvinceCode: string;
  status: AccessRequestStatus;
  submittedAt: number;
  decidedAt: number | null;
  deadlineAt: number;
  /** Working days from submission to answer; null while pending. */
  answerWorkingDays: number | null;
}
export interface ReleaseFact {
  ownerProvinceCode: string;
  status: ReleaseStatus;
  submittedAt: number;
  decidedAt: number | null;
}
export interface ValidationFact {
  ownerProvinceCode: string;
  at: number;
  passed: boolean;
}
export interface ExchangeFact {
  ownerProvinceCode: string;
  consumerOrganisationId: string;
  /** Any instant of the Beijing day the exchanges happened on. */
  at: number;
  exchanges: number;
  rows: number;
}

export interface Facts {
  datasets: DatasetFact[];
  duties: DutyFact[];
  requests: RequestFact[];
  releases: ReleaseFact[];
  validations: ValidationFact[];
  exchanges: ExchangeFact[];
}

/** The memoranda's milestones (M1.4). */
export const MILESTONES = [
  { year: 2023, zh: '机制全面建立', en: 'Mechanism fully established' },
  { year: 2025, zh: '高效运行、数据高质共享', en: 'Efficient operation, high-quality sharing' },
];

/** Trends cover at most this many months back from now. */
export const TREND_MONTHS = 36;

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const monthOf = (at: number) => new Date(at + BEIJING_OFFSET_MS).toISOString().slice(0, 7);

/** The first instant (UTC ms) after Beijing month `YYYY-MM` ends. */
function monthEnd(month: string): number {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return Date.UTC(year, monthNumber, 1) - BEIJING_OFFSET_MS;
}

function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (;;) {
    const label = `${year}-${String(month).padStart(2, '0')}`;
    out.push(label);
    if (label >= last) return out;
    month += 1;
    if (month === 13) [year, month] = [year + 1, 1];
  }
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function inScope<T>(rows: readonly T[], provinceOf: (row: T) => string, scope: FigureScope): T[] {
  return scope === '000000' ? [...rows] : rows.filter((row) => provinceOf(row) === scope);
}

const answered = (request: RequestFact) => request.decidedAt !== null && request.status !== 'withdrawn';

export function computeFigures(all: Facts, scope: FigureScope, now: number): Omit<SharingFigures, 'generatedAt'> {
  const datasets = inScope(all.datasets, (d) => d.ownerProvinceCode, scope);
  const duties = inScope(all.duties, (d) => d.provinceCode, scope);
  const requests = inScope(all.requests, (r) => r.ownerProvinceCode, scope);
  const releases = inScope(all.releases, (r) => r.ownerProvinceCode, scope);
  const validations = inScope(all.validations, (v) => v.ownerProvinceCode, scope);
  const exchanges = inScope(all.exchanges, (e) => e.ownerProvinceCode, scope);

  const published = datasets.filter((d) => d.status === 'published');
  const bySharingType = Object.fromEntries(SHARING_TYPES.map((type) => [type, published.filter((d) => d.sharingType === type).length])) as Record<SharingType, number>;
  const byTheme = DATASET_THEMES.map((theme) => {
    const ofTheme = published.filter((d) => d.theme === theme);
    return {
      theme,
      unconditional: ofTheme.filter((d) => d.sharingType === 'unconditional').length,
      conditional: ofTheme.filter((d) => d.sharingType === 'conditional').length,
      not_shared: ofTheme.filter((d) => d.sharingType === 'not_shared').length,
    };
  }).filter((row) => row.unconditional + row.conditional + row.not_shared > 0);

  const late = (request: RequestFact) => (request.decidedAt === null ? request.status === 'pending' && now > request.deadlineAt : request.decidedAt > request.deadlineAt);
  const answeredRequests = requests.filter(answered);
  const passed = validations.filter((v) => v.passed).length;

  // From the first fact (a loop, not Math.min(...spread): exchange facts can be many), at most TREND_MONTHS back.
  let first = now;
  for (const at of [...published.map((d) => d.publishedAt ?? now), ...requests.map((r) => r.submittedAt), ...releases.map((r) => r.submittedAt)]) first = Math.min(first, at);
  for (const exchange of exchanges) first = Math.min(first, exchange.at);
  const startMonth = monthOf(Math.max(first, Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() - (TREND_MONTHS - 1), 1)));
  const trend: TrendPoint[] = monthsBetween(startMonth, monthOf(now)).map((month) => {
    const end = monthEnd(month);
    const publishedByThen = published.filter((d) => d.publishedAt !== null && d.publishedAt < end);
    const inMonth = (at: number | null) => at !== null && monthOf(at) === month;
    const answeredInMonth = answeredRequests.filter((r) => inMonth(r.decidedAt));
    const validationsInMonth = validations.filter((v) => inMonth(v.at));
    const exchangesInMonth = exchanges.filter((e) => inMonth(e.at));
    return {
      month,
      publishedDatasets: publishedByThen.length,
      unconditionalShare: ratio(publishedByThen.filter((d) => d.sharingType === 'unconditional').length, publishedByThen.length),
      requestsSubmitted: requests.filter((r) => inMonth(r.submittedAt)).length,
      requestsAnswered: answeredInMonth.length,
      medianAnswerWorkingDays: median(answeredInMonth.flatMap((r) => (r.answerWorkingDays === null ? [] : [r.answerWorkingDays]))),
      releasesAccepted: releases.filter((r) => (r.status === 'accepted' || r.status === 'superseded') && inMonth(r.decidedAt)).length,
      validationPassRate: ratio(validationsInMonth.filter((v) => v.passed).length, validationsInMonth.length),
      exchanges: exchangesInMonth.reduce((sum, e) => sum + e.exchanges, 0),
      consumerOrganisations: new Set(exchangesInMonth.map((e) => e.consumerOrganisationId)).size,
    };
  });

  return {
    province: scope,
    datasets: {
      published: published.length,
      bySharingType,
      byTheme,
      unconditionalShare: ratio(bySharingType.unconditional, published.length),
      fresh: published.filter((d) => d.freshness === 'fresh').length,
      due: published.filter((d) => d.freshness === 'due').length,
      overdue: published.filter((d) => d.freshness === 'overdue').length,
    },
    duties: { active: duties.length, onTime: duties.filter((d) => !d.overdue).length, overdue: duties.filter((d) => d.overdue).length },
    releases: {
      accepted: releases.filter((r) => r.status === 'accepted' || r.status === 'superseded').length,
      awaitingReview: releases.filter((r) => r.status === 'submitted').length,
      correctionRequested: releases.filter((r) => r.status === 'correction_requested').length,
    },
    validation: { uploads: validations.length, passed, passRate: ratio(passed, validations.length) },
    requests: {
      submitted: requests.length,
      pending: requests.filter((r) => r.status === 'pending').length,
      approved: requests.filter((r) => r.status === 'approved').length,
      partiallyApproved: requests.filter((r) => r.status === 'partially_approved').length,
      refused: requests.filter((r) => r.status === 'refused').length,
      overdue: requests.filter(late).length,
      answeredInTime: ratio(answeredRequests.filter((r) => !late(r)).length, answeredRequests.length),
      medianAnswerWorkingDays: median(answeredRequests.flatMap((r) => (r.answerWorkingDays === null ? [] : [r.answerWorkingDays]))),
    },
    consumers: {
      organisations: new Set(exchanges.map((e) => e.consumerOrganisationId)).size,
      exchanges: exchanges.reduce((sum, e) => sum + e.exchanges, 0),
      rows: exchanges.reduce((sum, e) => sum + e.rows, 0),
    },
    trend,
    milestones: MILESTONES,
  };
}
