/** The source of "now" in epoch milliseconds (UTC). Tests substitute a fixed or stepping clock. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Epoch milliseconds → ISO-8601 UTC text, the API's representation of an instant. */
export function toIso(epochMs: number): string;
export function toIso(epochMs: number | null): string | null;
export function toIso(epochMs: number | null): string | null {
  return epochMs === null ? null : new Date(epochMs).toISOString();
}

/** ISO-8601 text (any offset) → epoch milliseconds; undefined stays undefined. */
export function fromIso(iso: string | undefined): number | undefined {
  return iso === undefined ? undefined : Date.parse(iso);
}
