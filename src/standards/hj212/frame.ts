import { allocateBytes } from './byte-slab';
import { formatCrc16, hj212Crc16, modbusCrc16, swapCrcBytes } from './crc16';

/** Largest data segment the standard allows (hj212.md §2.1). Longer ones are flagged, not rejected. */
export const STANDARD_MAX_DATA_LENGTH = 1024;

/**
 * Default hard cap on the length field: 9999, the largest value 4 digits can carry
 * (hj212.md §2.2 recommends accepting > 1024 up to 9999 or a smaller configured limit).
 */
export const DEFAULT_MAX_DATA_LENGTH = 9999;

/** Bytes around the data segment: `##` + 4 length digits before it, 4 CRC digits after it. */
export const FRAME_OVERHEAD = 10;

/**
 * Which checksums to accept. `strict` = HJ 212 CRC only (the default). `modbus` also accepts
 * CRC-16/MODBUS printed high-byte-first or byte-swapped, which some loggers send (hj212.md §3.6);
 * enable it per device, never globally.
 */
export type CrcTolerance = 'strict' | 'modbus';

/** Which algorithm matched the CRC text of an accepted frame. */
export type CrcAlgorithm = 'hj212' | 'modbus' | 'modbus-swapped';

/** One complete frame, `##` through the CRC digits (the CR LF terminator is not included). */
export interface FramedPacket {
  /** `##LLLL<data>CCCC`, a copy owned by the caller (it may share its ArrayBuffer with other frames; see `allocateBytes`). */
  readonly frame: Uint8Array;
  /** The data segment (a view into `frame`), exactly the bytes the length field counts. */
  readonly data: Uint8Array;
  /** Value of the 4-digit length field. */
  readonly lengthField: number;
  /** The 4 CRC characters as received. */
  readonly crcText: string;
  readonly crcAlgorithm: CrcAlgorithm;
  /** The data segment exceeds the standard's 1024 bytes: accepted, but worth a warning. */
  readonly overStandardLength: boolean;
}

const ZERO = 0x30;
const NINE = 0x39;

/** Value of 4 ASCII decimal digits at `offset`, or -1 if any byte is not a digit. */
export function readLengthDigits(bytes: Uint8Array, offset: number): number {
  let value = 0;
  for (let i = offset; i < offset + 4; i++) {
    const b = bytes[i]!;
    if (b < ZERO || b > NINE) return -1;
    value = value * 10 + (b - ZERO);
  }
  return value;
}

function hexValue(b: number): number {
  if (b >= ZERO && b <= NINE) return b - ZERO;
  const lower = b | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/** Value of 4 ASCII hex digits (either case) at `offset`, or -1 if any is not hex. */
export function readCrcDigits(bytes: Uint8Array, offset: number): number {
  let value = 0;
  for (let i = offset; i < offset + 4; i++) {
    const digit = hexValue(bytes[i]!);
    if (digit < 0) return -1;
    value = (value << 4) | digit;
  }
  return value;
}

/** Latin-1 view of a few bytes, for error messages only (never throws, never mangles length). */
export function bytesToLatin1(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end && i < bytes.length; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

export type CrcCheck =
  | { readonly ok: true; readonly algorithm: CrcAlgorithm }
  | { readonly ok: false; readonly expected: string; readonly received: string };

const HJ212_CRC_OK: CrcCheck = Object.freeze({ ok: true, algorithm: 'hj212' });

/**
 * Checks the CRC text at `crcOffset` against the data segment `bytes[dataStart, dataEnd)`.
 * The comparison is case-insensitive (hj212.md §3.1).
 */
export function checkFrameCrc(
  bytes: Uint8Array,
  dataStart: number,
  dataEnd: number,
  crcOffset: number,
  tolerance: CrcTolerance,
): CrcCheck {
  const expected = hj212Crc16(bytes, dataStart, dataEnd);
  const received = readCrcDigits(bytes, crcOffset);
  if (received === expected) return HJ212_CRC_OK;
  if (tolerance === 'modbus' && received >= 0) {
    const modbus = modbusCrc16(bytes, dataStart, dataEnd);
    if (received === modbus) return { ok: true, algorithm: 'modbus' };
    if (received === swapCrcBytes(modbus)) return { ok: true, algorithm: 'modbus-swapped' };
  }
  return { ok: false, expected: formatCrc16(expected), received: bytesToLatin1(bytes, crcOffset, crcOffset + 4) };
}

/** Builds the packet record for an accepted frame that starts at `start` in `bytes`. */
export function makeFramedPacket(
  bytes: Uint8Array,
  start: number,
  dataLength: number,
  algorithm: CrcAlgorithm,
): FramedPacket {
  const frame = allocateBytes(dataLength + FRAME_OVERHEAD);
  frame.set(bytes.subarray(start, start + frame.length));
  const crcAt = 6 + dataLength;
  return {
    frame,
    data: frame.subarray(6, crcAt),
    lengthField: dataLength,
    crcText: String.fromCharCode(frame[crcAt]!, frame[crcAt + 1]!, frame[crcAt + 2]!, frame[crcAt + 3]!),
    crcAlgorithm: algorithm,
    overStandardLength: dataLength > STANDARD_MAX_DATA_LENGTH,
  };
}
