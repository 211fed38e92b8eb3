import type { Freshness } from '../../../contracts/catalog';
import type { UpdateCycle } from '../../../contracts/sharing';
import { DAY_MS } from '../../platform/beijing-dates';

/**
 * Freshness (时效) of a dataset: how old its last accepted release is against its 更新周期.
 * fresh: within one cycle; due: within two cycles (the next release is owed); overdue: later.
 * Real-time data is delivered in at least daily releases, so its cycle counts as a day.
 * 不定期/其他 have no cycle: fresh once anything was released, otherwise due — never overdue.
 */
const CYCLE_MS: Partial<Record<UpdateCycle, number>> = {
  realtime: DAY_MS,
  daily: DAY_MS,
  weekly: 7 * DAY_MS,
  monthly: 31 * DAY_MS,
  quarterly: 92 * DAY_MS,
  semiannual: 183 * DAY_MS,
  annual: 366 * DAY_MS,
};

export interface FreshnessInput {
  updateCycle: UpdateCycle;
  lastReleaseAt: number | null;
  /** When the clock started for a dataset that never released (published, else created). */
  since: number;
}

export function freshnessOf(input: FreshnessInput, now: number): Freshness {
  const cycle = CYCLE_MS[input.updateCycle];
  if (cycle === undefined) return input.lastReleaseAt === null ? 'due' : 'fresh';
  if (input.lastReleaseAt === null) return now - input.since <= cycle ? 'due' : 'overdue';
  const age = now - input.lastReleaseAt;
  if (age <= cycle) return 'fresh';
  return age <= 2 * cycle ? 'due' : 'overdue';
}
