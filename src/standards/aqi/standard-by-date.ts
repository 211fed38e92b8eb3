import type { AqiStandard } from './breakpoints';

/** HJ 633-2026 is in force from 2026-03-01 00:00 Beijing time (domain-standards.md §1.0). */
const SWITCH_DATE = '2026-03-01';
const SWITCH_EPOCH_MS = Date.UTC(2026, 1, 28, 16, 0, 0);

/**
 * The HJ 633 edition for data stamped at `when`: 2012 before 2026-03-01, 2026 from then on.
 * Accepts epoch milliseconds, a date `YYYY-MM-DD` or a local date-time without zone (both
 * read as Beijing time), or an ISO-8601 date-time with `Z` or an offset. Null if unreadable.
 */
export function aqiStandardFor(when: string | number): AqiStandard | null {
  if (typeof when === 'number') return Number.isFinite(when) ? (when >= SWITCH_EPOCH_MS ? '2026' : '2012') : null;
  const text = when.trim();
  const local = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(text);
  if (local) {
    if (!isCalendarDate(local[1]!)) return null;
    return local[1]! >= SWITCH_DATE ? '2026' : '2012';
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) return null;
  if (!isCalendarDate(text.slice(0, 10))) return null;
  const epochMs = Date.parse(text);
  return Number.isNaN(epochMs) ? null : aqiStandardFor(epochMs);
}

function isCalendarDate(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(2000, month - 1, day));
  probe.setUTCFullYear(year);
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}
