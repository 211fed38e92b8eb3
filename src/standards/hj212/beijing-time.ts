import { isDigits } from './text-scan';

/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** A packet timestamp resolved to an instant. */
export interface BeijingTime {
  /** ISO-8601 in Beijing time with an explicit `+08:00`, e.g. `2016-08-24T00:38:17+08:00`. */
  readonly iso: string;
  /** Milliseconds since the Unix epoch (UTC). */
  readonly epochMs: number;
}

/**
 * Parses an HJ 212 timestamp `YYYYMMDDhhmmss`, or the 17-digit form with milliseconds that
 * 2005-era loggers send (hj212.md §6.2, §12.10). Packets carry no zone: the time is Beijing
 * local time (UTC+8). Returns null for anything that is not a real calendar instant; whether
 * the instant is plausible (e.g. a logger clock stuck at 2000-02-02) is the caller's call.
 */
export function parseHj212Time(text: string): BeijingTime | null {
  // Read digit by digit: this runs once per packet on the gateway's hot path.
  if ((text.length !== 14 && text.length !== 17) || !isDigits(text, 14, 17)) return null;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 4, 2);
  const day = digitsAt(text, 6, 2);
  const hour = digitsAt(text, 8, 2);
  const minute = digitsAt(text, 10, 2);
  const second = digitsAt(text, 12, 2);
  const withMillis = text.length === 17;
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  // Date.UTC reads years 0–99 as 19xx; years below 1000 are refused above.
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, withMillis ? digitsAt(text, 14, 3) : 0);
  const fraction = withMillis ? `.${text.slice(14)}` : '';
  return {
    iso: `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T${text.slice(8, 10)}:${text.slice(10, 12)}:${text.slice(12, 14)}${fraction}+08:00`,
    epochMs: utc - BEIJING_OFFSET_MS,
  };
}

/** Value of `count` ASCII digits at `start` (the caller has checked they are digits). */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) value = value * 10 + text.charCodeAt(i) - 0x30;
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function beijingParts(epochMs: number): string {
  const d = new Date(epochMs + BEIJING_OFFSET_MS);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return (
    pad(d.getUTCFullYear(), 4) + pad(d.getUTCMonth() + 1) + pad(d.getUTCDate()) +
    pad(d.getUTCHours()) + pad(d.getUTCMinutes()) + pad(d.getUTCSeconds()) + pad(d.getUTCMilliseconds(), 3)
  );
}

/** Formats an instant as the 14-digit Beijing-time `YYYYMMDDhhmmss` used by `DataTime`, `SystemTime`, `BeginTime`. */
export function formatHj212Time(epochMs: number): string {
  return beijingParts(epochMs).slice(0, 14);
}

/** Formats an instant as a 17-digit request number `QN` (`YYYYMMDDhhmmsszzz`, Beijing time, hj212.md §4). */
export function formatQn(epochMs: number): string {
  return beijingParts(epochMs);
}

/** A QN as seen in the field: 14–17 digits (a lost byte leaves 16; hj212.md §4). */
export function isPlausibleQn(text: string): boolean {
  return isDigits(text, 14, 17);
}
