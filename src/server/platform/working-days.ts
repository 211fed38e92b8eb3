import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { beijingDate } from './beijing-dates';

/**
 * Working days of the Chinese official calendar (法定节假日 and 调休 makeup working days), for
 * deadlines such as "the provider replies within 10 working days" (国发〔2016〕51号).
 *
 * Wraps the `chinese-days` package, but reads its published day tables instead of calling its
 * date functions: those parse and format dates in the process's local time zone, and under a
 * zone west of UTC they answer for the previous day (catalog-standards.md §5.2). Here every date
 * is a Beijing calendar date written 'YYYY-MM-DD' and all arithmetic is on UTC midnights, so
 * the host's TZ cannot move a deadline.
 *
 * The package silently treats years it does not know as plain Monday–Friday; this module
 * refuses them instead (CalendarNotCoveredError) unless the configured override table declares
 * the year complete — that is how an administrator enters next year's State Council notice
 * before the package has it.
 */

const require = createRequire(import.meta.url);
const packageVersion = (require('chinese-days/package.json') as { version: string }).version;
const dayTables = require('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date the calendar cannot answer for: the holiday arrangement of its year is not known. */
export class CalendarNotCoveredError extends Error {
  constructor(readonly years: number[]) {
    super(
      `The working-day calendar has no official holiday arrangement for ${years.join(', ')}; update the chinese-days package or enter the year in WORKING_DAY_OVERRIDES`,
    );
    this.name = 'CalendarNotCoveredError';
  }
}

/** Local corrections: a day made a holiday ('off') or a working day ('work'). */
export interface WorkingDayOverrides {
  days: Readonly<Record<string, 'off' | 'work'>>;
  /**
   * Years the override table describes completely (every holiday and makeup working day of the
   * notice entered and reviewed); such a year counts as covered even when the package lacks it.
   */
  completeYears: readonly number[];
}

export interface WorkingDayCalendar {
  /** `chinese-days@<version>` plus a digest of the overrides in use; stored with every deadline. */
  readonly version: string;
  isCovered(year: number): boolean;
  /** Throws CalendarNotCoveredError for a year that is not covered. */
  isWorkingDay(date: string): boolean;
  /**
   * The n-th working day strictly after `date` (the start day itself never counts), n ≥ 1.
   * Throws CalendarNotCoveredError when any day walked over lies in an uncovered year.
   */
  addWorkingDays(date: string, n: number): string;
  /**
   * Working days in (from, to]: how many working days are left from `from` until `to`.
   * Negative when `to` is before `from` (working days overdue). 0 for the same day.
   */
  workingDaysBetween(from: string, to: string): number;
}

/** Parses 'YYYY-MM-DD' to the epoch ms of its UTC midnight; throws a RangeError for anything else. */
function dayNumber(date: string): number {
  const match = DATE_TEXT.exec(date);
  if (match === null) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const epoch = Date.UTC(year, month - 1, day);
  const check = new Date(epoch);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`No such calendar date: ${date}`);
  }
  return epoch;
}

function dateText(epochUtcMidnight: number): string {
  return new Date(epochUtcMidnight).toISOString().slice(0, 10);
}

/**
 * The last millisecond of a Beijing calendar day, as UTC epoch ms: when a deadline on that day
 * passes (inclusive, unlike beijing-dates' `endOfBeijingDay`, the next day's 00:00).
 */
export function lastMomentOfBeijingDay(date: string): number {
  return dayNumber(date) + DAY_MS - BEIJING_OFFSET_MS - 1;
}

const packageYears = new Set(Object.keys(dayTables.holidays).map((date) => Number(date.slice(0, 4))));

/** Years 2004 onwards that the installed package has holiday data for. */
export function packageCoveredYears(): number[] {
  return [...packageYears].sort((a, b) => a - b);
}

export function createWorkingDayCalendar(overrides: WorkingDayOverrides = { days: {}, completeYears: [] }): WorkingDayCalendar {
  for (const date of Object.keys(overrides.days)) dayNumber(date);
  const completeYears = new Set(overrides.completeYears);
  const overrideEntries = Object.entries(overrides.days).sort(([a], [b]) => (a < b ? -1 : 1));
  const version =
    overrideEntries.length === 0 && completeYears.size === 0
      ? `chinese-days@${packageVersion}`
      : `chinese-days@${packageVersion}+overrides:${createHash('sha256')
          .update(JSON.stringify({ days: overrideEntries, completeYears: [...completeYears].sort() }))
          .digest('hex')
          .slice(0, 12)}`;

  const isCovered = (year: number) => packageYears.has(year) || completeYears.has(year);

  function working(epoch: number): boolean {
    const date = dateText(epoch);
    const year = Number(date.slice(0, 4));
    if (!isCovered(year)) throw new CalendarNotCoveredError([year]);
    const override = overrides.days[date];
    if (override !== undefined) return override === 'work';
    if (dayTables.workdays[date] !== undefined) return true;
    if (dayTables.holidays[date] !== undefined) return false;
    const weekday = new Date(epoch).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  return {
    version,
    isCovered,
    isWorkingDay: (date) => working(dayNumber(date)),
    addWorkingDays(date, n) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`addWorkingDays needs a whole number ≥ 1 (got ${n})`);
      let epoch = dayNumber(date);
      let counted = 0;
      while (counted < n) {
        epoch += DAY_MS;
        if (working(epoch)) counted += 1;
      }
      return dateText(epoch);
    },
    workingDaysBetween(from, to) {
      const start = dayNumber(from);
      const end = dayNumber(to);
      const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
      let count = 0;
      for (let epoch = low + DAY_MS; epoch <= high; epoch += DAY_MS) if (working(epoch)) count += 1;
      return sign * count;
    },
  };
}

/**
 * The maintenance alarm (catalog-standards.md §5.2): from December 1st (Beijing) deadlines of
 * ten working days already reach into next year, so next year's holiday arrangement must be in
 * the calendar by then. Returns the warning to log, or null when all is well.
 */
export function calendarMaintenanceWarning(calendar: Pick<WorkingDayCalendar, 'isCovered' | 'version'>, now: number): string | null {
  const today = beijingDate(now);
  const year = Number(today.slice(0, 4));
  if (!calendar.isCovered(year)) {
    return `The working-day calendar (${calendar.version}) has no holidays for the current year ${year}: every deadline fails until chinese-days is updated or WORKING_DAY_OVERRIDES / WORKING_DAY_OVERRIDE_YEARS give ${year}.`;
  }
  if (today.slice(5, 7) === '12' && !calendar.isCovered(year + 1)) {
    return `It is ${today}: the working-day calendar (${calendar.version}) has no holidays for ${year + 1}; deadlines reaching into ${year + 1} fail (503 CALENDAR_NOT_COVERED). Run \`npm update chinese-days\` once it has them, or enter the State Council notice in WORKING_DAY_OVERRIDES / WORKING_DAY_OVERRIDE_YEARS.`;
  }
  return null;
}

/**
 * Parses the override table of the configuration: `2027-01-01:off,2027-02-06:work,…`.
 * Returns the problems instead of throwing so the config loader can list them all.
 */
export function parseWorkingDayOverrides(daysText: string, completeYearsText: string): { overrides: WorkingDayOverrides; problems: string[] } {
  const problems: string[] = [];
  const days: Record<string, 'off' | 'work'> = {};
  for (const item of daysText.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [date, kind] = item.split(':').map((part) => part.trim());
    let validDate = false;
    try {
      if (date !== undefined) {
        dayNumber(date);
        validDate = true;
      }
    } catch {
      validDate = false;
    }
    if (!validDate || (kind !== 'off' && kind !== 'work')) {
      problems.push(`WORKING_DAY_OVERRIDES entries look like 2027-01-01:off or 2027-02-06:work (got "${item}")`);
      continue;
    }
    days[date!] = kind;
  }
  const completeYears: number[] = [];
  for (const item of completeYearsText.split(',').map((part) => part.trim()).filter(Boolean)) {
    if (!/^\d{4}$/.test(item)) {
      problems.push(`WORKING_DAY_OVERRIDE_YEARS lists four-digit years (got "${item}")`);
      continue;
    }
    const year = Number(item);
    if (!Object.keys(days).some((date) => date.startsWith(`${year}-`))) {
      problems.push(`WORKING_DAY_OVERRIDE_YEARS names ${year}, but WORKING_DAY_OVERRIDES has no day of ${year}`);
      continue;
    }
    completeYears.push(year);
  }
  return { overrides: { days, completeYears }, problems };
}
