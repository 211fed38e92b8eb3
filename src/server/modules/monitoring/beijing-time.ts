/** Beijing time (UTC+8, no daylight saving) at the edges of the API and the exports. */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** 2026-11-28T08:00:00.000+08:00 */
export function toBeijingIso(epochMs: number): string {
  return `${new Date(epochMs + BEIJING_OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}

/** 2026-11-28 08:00:00, the form people type and read in spreadsheets. */
export function toBeijingText(epochMs: number): string {
  const iso = new Date(epochMs + BEIJING_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

const BEIJING_TEXT = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** `YYYY-MM-DD HH:mm[:ss]` read as Beijing time → UTC epoch ms; undefined when not a real time. */
export function parseBeijingText(text: string): number | undefined {
  const m = BEIJING_TEXT.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  return utc - BEIJING_OFFSET_MS;
}

/**
 * A spreadsheet date cell (exceljs gives a Date whose UTC fields are the wall-clock fields
 * typed in Excel, which has no time zone) read as Beijing time → UTC epoch ms.
 */
export function beijingWallClockToEpoch(cell: Date): number {
  return cell.getTime() - BEIJING_OFFSET_MS;
}
