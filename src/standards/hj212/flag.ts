import { isDigits } from './text-scan';

/**
 * The header `Flag` bit field (hj212.md §5): `V5 V4 V3 V2 V1 V0 D A`.
 * A (bit 0) = the receiver must answer; D (bit 1) = one part of a split transmission
 * (carries PNUM/PNO); bits 2–7 = protocol version (0 = HJ/T 212-2005, 1 = HJ 212-2017).
 */
export interface Hj212Flag {
  /** The integer as received, 0–255. */
  readonly raw: number;
  /** Bit A: an answer (e.g. 9014) is required. */
  readonly ackRequested: boolean;
  /** Bit D: split transmission part. */
  readonly split: boolean;
  /** Bits 2–7. 0 = 2005, 1 = 2017; 2 is seen in the field (Flag=8/9) for a later draft. */
  readonly version: number;
}

/** Version bits of HJ/T 212-2005 senders (Flag 0–3). */
export const FLAG_VERSION_2005 = 0;
/** Version bits of HJ 212-2017 (Flag 4–7). */
export const FLAG_VERSION_2017 = 1;

/** Decodes a Flag value; null unless it is a decimal integer 0–255. */
export function decodeFlag(text: string): Hj212Flag | null {
  if (!isDigits(text, 1, 3)) return null;
  const raw = Number(text);
  if (raw > 255) return null;
  return { raw, ackRequested: (raw & 1) === 1, split: ((raw >> 1) & 1) === 1, version: raw >> 2 };
}

/** Builds a Flag value. Defaults: version 2017, not split. Parentheses matter here (see hj212.md §5). */
export function encodeFlag(bits: { ackRequested: boolean; split?: boolean; version?: number }): number {
  const version = bits.version ?? FLAG_VERSION_2017;
  return ((version & 0x3f) << 2) | ((bits.split === true ? 1 : 0) << 1) | (bits.ackRequested ? 1 : 0);
}
