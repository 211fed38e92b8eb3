import {
  DEFAULT_MAX_DATA_LENGTH,
  FRAME_OVERHEAD,
  bytesToLatin1,
  checkFrameCrc,
  makeFramedPacket,
  readLengthDigits,
  type CrcTolerance,
  type FramedPacket,
} from './frame';

/** Why bytes were dropped or a `##` candidate was refused. Codes are stable. */
export type FramerError =
  /** Bytes before the next frame start were dropped (junk, foreign protocols, broken frames). */
  | { readonly code: 'GARBAGE_SKIPPED'; readonly bytes: number; readonly message: string }
  /** The 4 bytes after `##` are not all digits (e.g. `##9ST=…` after lost bytes, `##test…`). */
  | { readonly code: 'BAD_LENGTH_FIELD'; readonly field: string; readonly message: string }
  /** The length field exceeds the configured hard cap. */
  | { readonly code: 'LENGTH_OVER_CAP'; readonly length: number; readonly cap: number; readonly message: string }
  /** The CRC text does not match the data segment (or is not hex); usually bytes lost on the link. */
  | {
      readonly code: 'CRC_MISMATCH';
      readonly length: number;
      readonly expected: string;
      readonly received: string;
      readonly message: string;
    }
  /** The caller gave up waiting for the rest of a frame (read timeout): resynchronised past it. */
  | { readonly code: 'STALLED_FRAME'; readonly length: number; readonly buffered: number; readonly message: string }
  /** The stream ended inside a frame. */
  | { readonly code: 'TRUNCATED_FRAME'; readonly length: number; readonly buffered: number; readonly message: string };

export type FramerEvent =
  | { readonly kind: 'packet'; readonly packet: FramedPacket }
  | { readonly kind: 'error'; readonly error: FramerError };

export interface Hj212FramerOptions {
  /**
   * Hard cap on the length field. Default 9999 (hj212.md §2.2): frames over the standard's 1024
   * bytes are accepted and only flagged with `overStandardLength`.
   */
  readonly maxDataLength?: number;
  /** Default `strict` (HJ 212 CRC only); see {@link CrcTolerance}. */
  readonly crcTolerance?: CrcTolerance;
}

export interface Hj212Framer {
  /** Feeds bytes as they arrive; returns what could be decided so far, in stream order. */
  push(chunk: Uint8Array): FramerEvent[];
  /**
   * Gives up on the incomplete frame at the head of the buffer, e.g. after a read timeout, so a
   * bogus length cannot stall the connection (hj212.md §2.3 step 4).
   */
  resync(): FramerEvent[];
  /** End of stream: reports what is left (truncated frame, trailing junk) and resets. */
  flush(): FramerEvent[];
  /** Bytes held waiting for the rest of a frame; at most `maxDataLength + 11`. */
  readonly bufferedBytes: number;
}

const HASH = 0x23;
const CR = 0x0d;
const LF = 0x0a;

const enum TerminatorState {
  None,
  ExpectCrOrLf,
  ExpectLf,
}

/**
 * Creates a stream framer for one TCP connection (hj212.md §2.3). It works on bytes only: the
 * length field counts UTF-8 bytes and the CRC covers bytes. It resynchronises on the next `##`
 * after any failure and accepts CR LF, a lone LF, a lone CR or nothing after the CRC.
 *
 * Memory is bounded: the internal buffer never exceeds one maximal frame plus a terminator
 * byte, however large the pushed chunks are. Events do not depend on how the stream is chunked
 * (except for `resync`, which the caller triggers).
 */
export function createHj212Framer(options: Hj212FramerOptions = {}): Hj212Framer {
  const cap = Math.max(0, Math.min(DEFAULT_MAX_DATA_LENGTH, Math.floor(options.maxDataLength ?? DEFAULT_MAX_DATA_LENGTH)));
  const tolerance = options.crcTolerance ?? 'strict';
  // One maximal frame plus one byte, so a full buffer always lets the scan make progress.
  const buffer = new Uint8Array(cap + FRAME_OVERHEAD + 1);
  let length = 0;
  let pendingGarbage = 0;
  let terminator: TerminatorState = TerminatorState.None;

  function emitGarbage(events: FramerEvent[]): void {
    if (pendingGarbage === 0) return;
    const bytes = pendingGarbage;
    pendingGarbage = 0;
    events.push({ kind: 'error', error: { code: 'GARBAGE_SKIPPED', bytes, message: `skipped ${bytes} byte(s) before a frame start` } });
  }

  function reject(error: FramerError, events: FramerEvent[]): void {
    emitGarbage(events);
    events.push({ kind: 'error', error });
  }

  /** Consumes every decidable byte from the buffer head, then compacts. */
  function scan(events: FramerEvent[]): void {
    let pos = 0;
    for (;;) {
      if (terminator !== TerminatorState.None) {
        if (pos >= length) break;
        const b = buffer[pos]!;
        if (terminator === TerminatorState.ExpectCrOrLf && b === CR) {
          pos++;
          terminator = TerminatorState.ExpectLf;
          continue;
        }
        if (b === LF) pos++;
        terminator = TerminatorState.None;
        continue;
      }
      const start = findFrameStart(buffer, pos, length);
      if (start < 0) {
        // Keep a trailing '#': it may be the first half of the next `##`.
        const keep = length > pos && buffer[length - 1] === HASH ? 1 : 0;
        pendingGarbage += length - keep - pos;
        pos = length - keep;
        break;
      }
      pendingGarbage += start - pos;
      pos = start;
      if (length - pos < 6) break;
      const dataLength = readLengthDigits(buffer, pos + 2);
      if (dataLength < 0) {
        const field = bytesToLatin1(buffer, pos + 2, pos + 6);
        reject({ code: 'BAD_LENGTH_FIELD', field, message: `length field ${JSON.stringify(field)} is not 4 digits` }, events);
        pos++;
        pendingGarbage++;
        continue;
      }
      if (dataLength > cap) {
        reject({ code: 'LENGTH_OVER_CAP', length: dataLength, cap, message: `length ${dataLength} exceeds the cap ${cap}` }, events);
        pos++;
        pendingGarbage++;
        continue;
      }
      const frameLength = dataLength + FRAME_OVERHEAD;
      if (length - pos < frameLength) break;
      const crc = checkFrameCrc(buffer, pos + 6, pos + 6 + dataLength, pos + 6 + dataLength, tolerance);
      if (!crc.ok) {
        reject(
          {
            code: 'CRC_MISMATCH',
            length: dataLength,
            expected: crc.expected,
            received: crc.received,
            message: `CRC ${JSON.stringify(crc.received)} does not match computed ${crc.expected}`,
          },
          events,
        );
        pos++;
        pendingGarbage++;
        continue;
      }
      emitGarbage(events);
      events.push({ kind: 'packet', packet: makeFramedPacket(buffer, pos, dataLength, crc.algorithm) });
      pos += frameLength;
      terminator = TerminatorState.ExpectCrOrLf;
    }
    if (pos > 0) {
      buffer.copyWithin(0, pos, length);
      length -= pos;
    }
  }

  /** Drops the first byte of an incomplete frame at the head and rescans; false if none. */
  function abandonHead(events: FramerEvent[], code: 'STALLED_FRAME' | 'TRUNCATED_FRAME'): boolean {
    if (length < 2 || buffer[0] !== HASH || buffer[1] !== HASH) return false;
    const declared = length >= 6 ? readLengthDigits(buffer, 2) : -1;
    const what = code === 'STALLED_FRAME' ? 'gave up waiting for' : 'stream ended inside';
    reject({ code, length: declared, buffered: length, message: `${what} a frame (${length} byte(s) buffered)` }, events);
    buffer.copyWithin(0, 1, length);
    length -= 1;
    pendingGarbage++;
    scan(events);
    return true;
  }

  return {
    push(chunk) {
      const events: FramerEvent[] = [];
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(buffer.length - length, chunk.length - offset);
        buffer.set(chunk.subarray(offset, offset + take), length);
        length += take;
        offset += take;
        scan(events);
      }
      return events;
    },
    resync() {
      const events: FramerEvent[] = [];
      abandonHead(events, 'STALLED_FRAME');
      return events;
    },
    flush() {
      const events: FramerEvent[] = [];
      while (abandonHead(events, 'TRUNCATED_FRAME'));
      pendingGarbage += length;
      length = 0;
      terminator = TerminatorState.None;
      emitGarbage(events);
      return events;
    },
    get bufferedBytes() {
      return length;
    },
  };
}

/** Index of the next `##` at or after `from`, or -1. */
function findFrameStart(bytes: Uint8Array, from: number, end: number): number {
  let i = from;
  while (i < end - 1) {
    const hit = bytes.indexOf(HASH, i);
    if (hit < 0 || hit >= end - 1) return -1;
    if (bytes[hit + 1] === HASH) return hit;
    i = hit + 1;
  }
  return -1;
}
