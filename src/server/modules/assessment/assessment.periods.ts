/**
 * Beijing-time (UTC+8, no daylight saving) calendar periods as UTC epoch milliseconds of their
 * start. A reading at 2026-01-01T16:00Z is 2026-01-02 00:00 in Beijing, so it belongs to the
 * Beijing day starting at 2026-01-01T16:00Z.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * HOUR_MS;

export function hourStart(epochMs: number): number {
  return Math.floor(epochMs / HOUR_MS) * HOUR_MS;
}

export function beijingDayStart(epochMs: number): number {
  return Math.floor((epochMs + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

/** Beijing calendar fields of an instant (month 1–12). */
export function beijingParts(epochMs: number): { year: number; month: number; day: number; hour: number } {
  const d = new Date(epochMs + OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours() };
}

export function beijingMonthStart(epochMs: number): number {
  const { year, month } = beijingParts(epochMs);
  return Date.UTC(year, month - 1, 1) - OFFSET_MS;
}

export function beijingYearStart(epochMs: number): number {
  return Date.UTC(beijingParts(epochMs).year, 0, 1) - OFFSET_MS;
}

export function nextBeijingMonthStart(monthStart: number): number {
  const { year, month } = beijingParts(monthStart);
  return Date.UTC(year, month, 1) - OFFSET_MS;
}

export function nextBeijingYearStart(yearStart: number): number {
  return Date.UTC(beijingParts(yearStart).year + 1, 0, 1) - OFFSET_MS;
}

export function daysInBeijingMonth(monthStart: number): number {
  return Math.round((nextBeijingMonthStart(monthStart) - monthStart) / DAY_MS);
}

export function daysInBeijingYear(yearStart: number): number {
  return Math.round((nextBeijingYearStart(yearStart) - yearStart) / DAY_MS);
}
