/**
 * Calendar dates in Beijing time (UTC+8, no daylight saving) ↔ UTC epoch ms. Dates users enter
 * (发布日期, temporal coverage, duty deadlines, when a code stops being valid) are Beijing
 * calendar days; storage is UTC.
 */
const HOUR = 3_600_000;
const BEIJING_OFFSET = 8 * HOUR;
export const DAY_MS = 24 * HOUR;

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

/** 00:00 Beijing time of the date, as UTC epoch ms. */
export function startOfBeijingDay(date: string): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) - BEIJING_OFFSET;
}

/** The deadline of a due date: the end of that Beijing day (next day 00:00), as UTC epoch ms. */
export function endOfBeijingDay(date: string): number {
  return startOfBeijingDay(date) + DAY_MS;
}

/** The Beijing calendar date of an instant. */
export function beijingDate(epochMs: number): string {
  return new Date(epochMs + BEIJING_OFFSET).toISOString().slice(0, 10);
}

/** True when the text is a real calendar date (rejects 2026-02-30). */
export function isRealDate(date: string): boolean {
  const [y, m, d] = parts(date);
  const back = new Date(Date.UTC(y, m - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
}

/** Adds calendar months, clamping to the month's last day (01-31 + 1 month = 02-28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
