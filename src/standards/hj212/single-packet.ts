import {
  DEFAULT_MAX_DATA_LENGTH,
  FRAME_OVERHEAD,
  STANDARD_MAX_DATA_LENGTH,
  bytesToLatin1,
  checkFrameCrc,
  readLengthDigits,
  type CrcAlgorithm,
  type CrcTolerance,
  type FramedPacket,
} from './frame';

/** Why one complete packet (e.g. one line of a capture file) is not a valid frame. */
export type PacketCheckError =
  | { readonly code: 'MISSING_HEADER'; readonly message: string }
  | { readonly code: 'BAD_LENGTH_FIELD'; readonly field: string; readonly message: string }
  | { readonly code: 'TOO_SHORT'; readonly bytes: number; readonly message: string }
  | { readonly code: 'LENGTH_OVER_CAP'; readonly length: number; readonly cap: number; readonly message: string }
  | {
      readonly code: 'LENGTH_MISMATCH';
      readonly declared: number;
      readonly actual: number;
      /** Whether the CRC matches the bytes actually present (true = a sender miscount, false = lost bytes). */
      readonly crcValid: boolean;
      readonly message: string;
    }
  | {
      readonly code: 'CRC_MISMATCH';
      readonly expected: string;
      readonly received: string;
      readonly message: string;
    };

export interface CheckedPacket extends FramedPacket {
  readonly lengthValid: boolean;
  readonly crcValid: boolean;
}

export type PacketCheckResult =
  | { readonly ok: true; readonly packet: CheckedPacket }
  | { readonly ok: false; readonly error: PacketCheckError };

export interface PacketCheckOptions {
  /** Default 9999, as for the stream framer. */
  readonly maxDataLength?: number;
  readonly crcTolerance?: CrcTolerance;
  /**
   * Accept a packet whose length field disagrees with the bytes present when the CRC over the
   * bytes present is valid (a sender miscount, hj212.md §2.3). Off by default: corruption is
   * far more common than miscounting senders.
   */
  readonly acceptLengthMismatch?: boolean;
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * Validates one complete packet whose end is known (one line of a capture, one datagram):
 * `##`, 4-digit length, data segment, 4 hex CRC digits, optional CR/LF. Unlike the stream
 * framer it can tell a wrong length from a wrong CRC, because the end is given. A length
 * mismatch is reported first: it means bytes were lost or added, so the CRC says little more.
 */
export function checkHj212Packet(bytes: Uint8Array, options: PacketCheckOptions = {}): PacketCheckResult {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === LF || bytes[end - 1] === CR)) end--;
  if (end < 2 || bytes[0] !== 0x23 || bytes[1] !== 0x23) {
    return { ok: false, error: { code: 'MISSING_HEADER', message: 'packet does not start with "##"' } };
  }
  if (end < FRAME_OVERHEAD) {
    return { ok: false, error: { code: 'TOO_SHORT', bytes: end, message: `only ${end} byte(s); a frame needs at least ${FRAME_OVERHEAD}` } };
  }
  const declared = readLengthDigits(bytes, 2);
  if (declared < 0) {
    const field = bytesToLatin1(bytes, 2, 6);
    return { ok: false, error: { code: 'BAD_LENGTH_FIELD', field, message: `length field ${JSON.stringify(field)} is not 4 digits` } };
  }
  const cap = options.maxDataLength ?? DEFAULT_MAX_DATA_LENGTH;
  if (declared > cap) {
    return { ok: false, error: { code: 'LENGTH_OVER_CAP', length: declared, cap, message: `length ${declared} exceeds the cap ${cap}` } };
  }
  const actual = end - FRAME_OVERHEAD;
  const crc = checkFrameCrc(bytes, 6, 6 + actual, 6 + actual, options.crcTolerance ?? 'strict');
  const lengthValid = actual === declared;
  if (!lengthValid && !(crc.ok && options.acceptLengthMismatch === true)) {
    return {
      ok: false,
      error: {
        code: 'LENGTH_MISMATCH',
        declared,
        actual,
        crcValid: crc.ok,
        message: `length field says ${declared} byte(s) but the data segment has ${actual}`,
      },
    };
  }
  if (!crc.ok) {
    return {
      ok: false,
      error: {
        code: 'CRC_MISMATCH',
        expected: crc.expected,
        received: crc.received,
        message: `CRC ${JSON.stringify(crc.received)} does not match computed ${crc.expected}`,
      },
    };
  }
  return { ok: true, packet: checkedPacket(bytes, actual, declared, crc.algorithm) };
}

function checkedPacket(bytes: Uint8Array, actual: number, declared: number, algorithm: CrcAlgorithm): CheckedPacket {
  const frame = bytes.slice(0, actual + FRAME_OVERHEAD);
  return {
    frame,
    data: frame.subarray(6, 6 + actual),
    lengthField: declared,
    crcText: bytesToLatin1(frame, 6 + actual, 10 + actual),
    crcAlgorithm: algorithm,
    overStandardLength: actual > STANDARD_MAX_DATA_LENGTH,
    lengthValid: actual === declared,
    crcValid: true,
  };
}
