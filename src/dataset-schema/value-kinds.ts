import type { FieldType, Literal } from '../contracts/dataset-schema';

/**
 * The kinds values have inside rule expressions. Field types collapse onto them: every textual
 * type is `text`; dates and datetimes are both `time` (compared as instants); geometries can
 * only be tested for blanks.
 */
export type ValueKind = 'number' | 'text' | 'time' | 'boolean' | 'geometry';

export function kindOfFieldType(type: FieldType): ValueKind {
  switch (type) {
    case 'integer':
    case 'decimal':
      return 'number';
    case 'string':
    case 'text':
    case 'code':
    case 'division':
      return 'text';
    case 'date':
    case 'datetime':
      return 'time';
    case 'boolean':
      return 'boolean';
    case 'point':
    case 'line':
    case 'polygon':
      return 'geometry';
  }
}

/** Kind of a literal; `null` fits every kind. */
export function kindOfLiteral(value: Literal): ValueKind | null {
  if (value === null) return null;
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'text';
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/;
const BEIJING_OFFSET_MS = 8 * 3600_000;

/**
 * Parses an ISO date (`2026-11-28`) or datetime (`2026-11-28T08:00:00`, with or without zone)
 * to epoch ms. Values without a zone are Beijing time (UTC+8): that is what Chinese users and
 * HJ 212 write. A date is the instant its Beijing day starts. Returns null if not a real date.
 */
export function parseInstant(text: string, allowTime: boolean): number | null {
  const dateOnly = DATE.exec(text);
  if (dateOnly) return utcFromParts(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3]), 0, 0, 0, 0, null);
  if (!allowTime) return null;
  const match = DATE_TIME.exec(text);
  if (!match) return null;
  const millis = match[7] ? Number(match[7].padEnd(3, '0')) : 0;
  return utcFromParts(Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6] ?? 0), millis, match[8] ?? null);
}

function utcFromParts(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number, zone: string | null): number | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return wallClock - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone: string | null): number {
  if (zone === null) return BEIJING_OFFSET_MS;
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 3600_000 + Number(digits.slice(2, 4)) * 60_000);
}

/** Year, month, day of an instant on the Beijing calendar. */
export function beijingDateParts(epochMs: number): { year: number; month: number; day: number } {
  const shifted = new Date(epochMs + BEIJING_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}
