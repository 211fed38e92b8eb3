import type { DutyCycle } from '../../../contracts/catalog';
import { addDays, addMonths, beijingDate, endOfBeijingDay } from '../../platform/beijing-dates';

/**
 * Due dates of a data duty (报送义务): the first due date, then one per cycle. A release fulfils
 * the due date of the window it falls in — (previous due date, due date] — so the next due date
 * is the first one after the window of the last release. Dates are Beijing calendar days; a due
 * date's deadline is the end of that day.
 */
const MONTHS: Partial<Record<DutyCycle, number>> = { monthly: 1, quarterly: 3, semiannual: 6, annual: 12 };
const DAYS: Partial<Record<DutyCycle, number>> = { daily: 1, weekly: 7 };

/** The k-th due date (k = 0 is the first), always counted from the first so month ends do not drift. */
export function dueDate(firstDueDate: string, cycle: DutyCycle, k: number): string {
  const months = MONTHS[cycle];
  return months === undefined ? addDays(firstDueDate, (DAYS[cycle] ?? 1) * k) : addMonths(firstDueDate, months * k);
}

/** The next due date not covered by a release at `lastSuppliedAt` (null: nothing supplied yet). */
export function nextDueDate(firstDueDate: string, cycle: DutyCycle, lastSuppliedAt: number | null): string {
  if (lastSuppliedAt === null || lastSuppliedAt < endOfBeijingDay(firstDueDate) - windowLength(firstDueDate, cycle)) return firstDueDate;
  // The release covers the first due date whose deadline (end of that Beijing day) is after it.
  let k = 0;
  while (endOfBeijingDay(dueDate(firstDueDate, cycle, k)) <= lastSuppliedAt) k += 1;
  return dueDate(firstDueDate, cycle, k + 1);
}

/** The length of the first window: a release this long before the first deadline already counts. */
function windowLength(firstDueDate: string, cycle: DutyCycle): number {
  return endOfBeijingDay(dueDate(firstDueDate, cycle, 1)) - endOfBeijingDay(firstDueDate);
}

export function isOverdue(nextDue: string, now: number): boolean {
  return now >= endOfBeijingDay(nextDue);
}

export { beijingDate };
