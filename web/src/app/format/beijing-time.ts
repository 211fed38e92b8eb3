/** China Standard Time (北京时间) is UTC+8 all year: no daylight saving. */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * A UTC instant from the API (ISO-8601) as Beijing time `YYYY-MM-DD HH:mm:ss`, whatever the
 * browser's own time zone. Empty values show as `—`; unparseable ones are shown unchanged.
 */
export function formatBeijingTime(instant: string | null | undefined): string {
  if (!instant) return '—';
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const t = new Date(ms + BEIJING_OFFSET_MS);
  return (
    `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ` +
    `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`
  );
}

/** A Beijing calendar date; `month` is 1–12. */
export interface BeijingDate {
  year: number;
  month: number;
  day: number;
}

/** The UTC instant (ISO) at which a Beijing calendar day begins (00:00:00.000 北京时间). */
export function beijingDayStart(date: BeijingDate): string {
  return new Date(Date.UTC(date.year, date.month - 1, date.day) - BEIJING_OFFSET_MS).toISOString();
}

/** The last millisecond of a Beijing calendar day (23:59:59.999 北京时间), as a UTC ISO instant. */
export function beijingDayEnd(date: BeijingDate): string {
  return new Date(Date.UTC(date.year, date.month - 1, date.day + 1) - BEIJING_OFFSET_MS - 1).toISOString();
}

/** The Beijing calendar date (`YYYY-MM-DD`) of an instant in epoch ms — by default today's — whatever the browser's time zone. */
export function beijingDateOf(epochMs = Date.now()): string {
  return new Date(epochMs + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** True when the instant lies in the future. */
export function isFuture(instant: string | null | undefined, now = Date.now()): boolean {
  return !!instant && Date.parse(instant) > now;
}
