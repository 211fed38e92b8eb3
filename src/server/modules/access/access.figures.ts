import { sql } from 'kysely';
import type { AccessRequestStatus } from '../../../contracts/sharing';
import type { Executor } from '../../db/database';
import { beijingDate } from '../../platform/beijing-dates';
import { CalendarNotCoveredError, type WorkingDayCalendar } from '../../platform/working-days';

/** One access request as the sharing figures need it (共享成效). */
export interface AccessRequestFact {
  datasetId: string;
  status: AccessRequestStatus;
  submittedAt: number;
  decidedAt: number | null;
  deadlineAt: number;
  /** Working days from submission to the answer (null while pending or outside the calendar). */
  answerWorkingDays: number | null;
}

/** Exchanges of one consumer with one owner on one Beijing day. */
export interface ExchangeDayFact {
  ownerOrganisationId: string;
  consumerOrganisationId: string;
  /** UTC midnight of the Beijing day, as epoch ms of that day's start in Beijing. */
  dayStart: number;
  exchanges: number;
  rows: number;
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export async function accessRequestFacts(executor: Executor, calendar: Pick<WorkingDayCalendar, 'workingDaysBetween'>): Promise<AccessRequestFact[]> {
  const rows = await executor.selectFrom('access_requests').select(['dataset_id', 'status', 'submitted_at', 'decided_at', 'deadline_at']).execute();
  return rows.map((row) => {
    let answerWorkingDays: number | null = null;
    if (row.decided_at !== null && row.status !== 'withdrawn') {
      try {
        answerWorkingDays = calendar.workingDaysBetween(beijingDate(row.submitted_at), beijingDate(row.decided_at));
      } catch (error) {
        // A figure is not worth failing the dashboard for a year the calendar lacks.
        if (!(error instanceof CalendarNotCoveredError)) throw error;
      }
    }
    return { datasetId: row.dataset_id, status: row.status, submittedAt: row.submitted_at, decidedAt: row.decided_at, deadlineAt: row.deadline_at, answerWorkingDays };
  });
}

/**
 * The exchange log summed per owner, consumer and Beijing day in SQL (the log can be long; the
 * result is bounded by days × pairs). Integer division of bigints truncates on both dialects.
 */
export async function exchangeDayFacts(executor: Executor): Promise<ExchangeDayFact[]> {
  // Literals, not parameters: PostgreSQL matches the GROUP BY expression to the selected one textually.
  const day = sql<number>`(occurred_at + ${sql.lit(BEIJING_OFFSET_MS)}) / ${sql.lit(DAY_MS)}`;
  const rows = await executor
    .selectFrom('exchange_log')
    .select((eb) => [
      'owner_organisation_id',
      'consumer_organisation_id',
      day.as('day'),
      eb.fn.countAll<number>().as('exchanges'),
      eb.fn.sum<number>('row_count').as('rows'),
    ])
    .groupBy(['owner_organisation_id', 'consumer_organisation_id', day])
    .execute();
  return rows.map((row) => ({
    ownerOrganisationId: row.owner_organisation_id,
    consumerOrganisationId: row.consumer_organisation_id,
    dayStart: Number(row.day) * DAY_MS - BEIJING_OFFSET_MS,
    exchanges: Number(row.exchanges),
    rows: Number(row.rows),
  }));
}
