import type { FramerError } from '../../../standards/hj212';

/** Longest raw text kept in the bad-packet log and the quarantine. */
export const MAX_RAW_CHARS = 4096;

const utf8 = new TextDecoder('utf-8');

/**
 * Bytes as text for people to read: UTF-8 with replacement characters, bounded. NUL becomes
 * U+2400 (␀) because PostgreSQL text cannot hold it (real loggers send `ST=` followed by NULs).
 */
export function rawText(bytes: Uint8Array): string {
  const text = utf8.decode(bytes.length > MAX_RAW_CHARS * 4 ? bytes.subarray(0, MAX_RAW_CHARS * 4) : bytes).replaceAll('\u0000', '\u2400');
  return text.length > MAX_RAW_CHARS ? text.slice(0, MAX_RAW_CHARS) : text;
}

function lastIndexOfBytes(haystack: Uint8Array, needle: Uint8Array, before: number): number {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.length).lastIndexOf(Buffer.from(needle), before);
}

const ascii = (text: string) => Buffer.from(text, 'latin1');

/**
 * Best-effort raw text of a frame the stream framer refused. The framer reports what was wrong
 * (length field, CRC text) but not the bytes, so the frame is located in the connection's recent
 * bytes: the latest `##LLLL` whose CRC text is the one received (CRC_MISMATCH), or the latest
 * `##` followed by the bad length field. Returns null when it cannot be found.
 */
export function locateRefusedFrame(recent: Uint8Array, error: FramerError, bufferedBytes: number): string | null {
  switch (error.code) {
    case 'CRC_MISMATCH': {
      const head = ascii(`##${String(error.length).padStart(4, '0')}`);
      const crc = ascii(error.received);
      let at = recent.length;
      while (at > 0) {
        at = lastIndexOfBytes(recent, head, at - 1);
        if (at < 0) return null;
        const crcAt = at + 6 + error.length;
        if (crcAt + 4 <= recent.length && Buffer.from(recent.subarray(crcAt, crcAt + 4)).equals(crc)) {
          return rawText(recent.subarray(at, crcAt + 4));
        }
      }
      return null;
    }
    case 'BAD_LENGTH_FIELD':
    case 'LENGTH_OVER_CAP': {
      const head = ascii(error.code === 'BAD_LENGTH_FIELD' ? `##${error.field}` : `##${String(error.length).padStart(4, '0')}`);
      const at = lastIndexOfBytes(recent, head, recent.length - 1);
      return at < 0 ? null : rawText(recent.subarray(at, Math.min(recent.length, at + 256)));
    }
    case 'STALLED_FRAME':
    case 'TRUNCATED_FRAME':
      return rawText(recent.subarray(Math.max(0, recent.length - Math.max(bufferedBytes, error.buffered))));
    case 'GARBAGE_SKIPPED':
      return null;
  }
}
