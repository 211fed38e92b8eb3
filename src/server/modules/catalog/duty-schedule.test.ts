import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DUTY_CYCLES } from '../../../contracts/catalog';
import { addMonths, endOfBeijingDay, startOfBeijingDay } from '../../platform/beijing-dates';
import { dueDate, isOverdue, nextDueDate } from './duty-schedule';
import { freshnessOf } from './freshness';

const DAY = 86_400_000;

describe('data-duty schedule', () => {
  it('counts due dates from the first so month ends do not drift', () => {
    expect(dueDate('2026-01-31', 'monthly', 1)).toBe('2026-02-28');
    expect(dueDate('2026-01-31', 'monthly', 2)).toBe('2026-03-31');
    expect(dueDate('2026-03-31', 'quarterly', 1)).toBe('2026-06-30');
    expect(dueDate('2024-02-29', 'annual', 1)).toBe('2025-02-28');
    expect(dueDate('2026-11-06', 'weekly', 3)).toBe('2026-11-27');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });

  it('a release covers the due date of its window; nothing supplied leaves the first date due', () => {
    expect(nextDueDate('2026-09-30', 'monthly', null)).toBe('2026-09-30');
    // 23:59 Beijing on the due date still counts for it.
    expect(nextDueDate('2026-09-30', 'monthly', endOfBeijingDay('2026-09-30') - 60_000)).toBe('2026-10-30');
    expect(nextDueDate('2026-09-30', 'monthly', endOfBeijingDay('2026-09-30'))).toBe('2026-11-30');
    // Far too early (before the first window) does not count.
    expect(nextDueDate('2026-09-30', 'monthly', startOfBeijingDay('2026-01-01'))).toBe('2026-09-30');
    expect(isOverdue('2026-11-27', startOfBeijingDay('2026-11-28'))).toBe(true);
    expect(isOverdue('2026-11-28', startOfBeijingDay('2026-11-28') + 23 * 3_600_000)).toBe(false);
  });

  it('the next due date always lies after the release and at most two cycles after it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DUTY_CYCLES), fc.integer({ min: 0, max: 3 * 365 }), fc.integer({ min: 0, max: 86_399_999 }), (cycle, days, ms) => {
        const first = '2025-01-31';
        const released = startOfBeijingDay(first) + days * DAY + ms;
        const next = nextDueDate(first, cycle, released);
        expect(endOfBeijingDay(next)).toBeGreaterThan(released);
        expect(endOfBeijingDay(next) - released).toBeLessThanOrEqual(2 * 370 * DAY);
      }),
    );
  });
});

describe('freshness', () => {
  const now = Date.parse('2026-11-28T06:00:00Z');
  it('is fresh within one cycle, due within two, overdue later; irregular data is never overdue', () => {
    expect(freshnessOf({ updateCycle: 'weekly', lastReleaseAt: now - 6 * DAY, since: 0 }, now)).toBe('fresh');
    expect(freshnessOf({ updateCycle: 'weekly', lastReleaseAt: now - 8 * DAY, since: 0 }, now)).toBe('due');
    expect(freshnessOf({ updateCycle: 'weekly', lastReleaseAt: now - 15 * DAY, since: 0 }, now)).toBe('overdue');
    expect(freshnessOf({ updateCycle: 'monthly', lastReleaseAt: null, since: now - 10 * DAY }, now)).toBe('due');
    expect(freshnessOf({ updateCycle: 'monthly', lastReleaseAt: null, since: now - 40 * DAY }, now)).toBe('overdue');
    expect(freshnessOf({ updateCycle: 'irregular', lastReleaseAt: null, since: 0 }, now)).toBe('due');
    expect(freshnessOf({ updateCycle: 'other', lastReleaseAt: 1, since: 0 }, now)).toBe('fresh');
  });
});
