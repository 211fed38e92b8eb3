import { formatCrc16, hj212Crc16 } from './crc16';
import { DEFAULT_MAX_DATA_LENGTH } from './frame';

/** What to put in a packet. Values are sent exactly as given (strings, not numbers). */
export interface Hj212PacketFields {
  /** Request number, 17 digits in 2017; omit for a 2005-style upload. */
  readonly qn?: string;
  readonly st: string;
  readonly cn: string;
  readonly pw: string;
  readonly mn: string;
  /** Omit for a 2005-style packet without Flag. */
  readonly flag?: number;
  readonly pnum?: number;
  readonly pno?: number;
  /** Standalone CP keys, written first in insertion order (put `DataTime` first by convention). */
  readonly cp?: Readonly<Record<string, string>>;
  /** Pollutant fields, one `;` item per code: `code-Suffix=value,code-Suffix=value`. */
  readonly values?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export type EncodeError =
  | { readonly code: 'INVALID_HEADER_VALUE'; readonly field: string; readonly message: string }
  | { readonly code: 'INVALID_KEY'; readonly key: string; readonly message: string }
  | { readonly code: 'INVALID_VALUE'; readonly key: string; readonly message: string }
  | { readonly code: 'TOO_LONG'; readonly length: number; readonly message: string };

export type Terminator = 'CRLF' | 'LF' | 'none';

export interface EncodedPacket {
  /** The whole frame, terminator included. */
  readonly bytes: Uint8Array;
  /** The same frame as text. */
  readonly text: string;
  /** The data segment that the length and CRC cover. */
  readonly dataSegment: string;
}

export type EncodeResult = { readonly ok: true; readonly packet: EncodedPacket } | { readonly ok: false; readonly error: EncodeError };

const encoder = new TextEncoder();
const HEADER_FORBIDDEN = /[;,=&\r\n]/;
/** CP keys and pollutant codes: no separators, no spaces, no '-' (the decoder splits keys on it). */
const PLAIN_KEY = /^[^\s;,=&/-][^;,=&\s-]*$/;
/** Suffixes come after the first '-', so they may contain '-' themselves. */
const SUFFIX = /^[^;,=&\s]+$/;
export const TERMINATORS: Readonly<Record<Terminator, string>> = { CRLF: '\r\n', LF: '\n', none: '' };

/** Whether a header value can be written as is: no `;` `,` `=` `&` or line break, no edge spaces. */
export function isSendableHeaderValue(value: string): boolean {
  return !HEADER_FORBIDDEN.test(value) && value === value.trim();
}

/**
 * Builds the data segment `QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;[PNUM=…;PNO=…;]CP=&&…&&` in the
 * standard order (hj212.md §4). A value that the decoder would split or trim (it contains
 * `;` or `,`, or has edge spaces) is wrapped in `//…//`, the standard's free-text form.
 */
export function encodeHj212DataSegment(fields: Hj212PacketFields): { ok: true; segment: string } | { ok: false; error: EncodeError } {
  const header: [string, string | number | undefined][] = [
    ['QN', fields.qn],
    ['ST', fields.st],
    ['CN', fields.cn],
    ['PW', fields.pw],
    ['MN', fields.mn],
    ['Flag', fields.flag],
    ['PNUM', fields.pnum],
    ['PNO', fields.pno],
  ];
  const parts: string[] = [];
  for (const [key, raw] of header) {
    if (raw === undefined) continue;
    const value = String(raw);
    if (!isSendableHeaderValue(value)) {
      return { ok: false, error: { code: 'INVALID_HEADER_VALUE', field: key, message: `header ${key} may not contain ; , = & or line breaks, or edge spaces` } };
    }
    parts.push(`${key}=${value}`);
  }
  const items: string[] = [];
  for (const [key, value] of Object.entries(fields.cp ?? {})) {
    if (!PLAIN_KEY.test(key)) return { ok: false, error: { code: 'INVALID_KEY', key, message: `CP key ${JSON.stringify(key)} is not a plain key without '-'` } };
    const written = writeValue(key, value);
    if (!written.ok) return written;
    items.push(`${key}=${written.text}`);
  }
  for (const [code, suffixes] of Object.entries(fields.values ?? {})) {
    if (!PLAIN_KEY.test(code)) return { ok: false, error: { code: 'INVALID_KEY', key: code, message: `pollutant code ${JSON.stringify(code)} is invalid` } };
    const item: string[] = [];
    for (const [suffix, value] of Object.entries(suffixes)) {
      const key = `${code}-${suffix}`;
      if (!SUFFIX.test(suffix)) return { ok: false, error: { code: 'INVALID_KEY', key, message: `suffix ${JSON.stringify(suffix)} is invalid` } };
      const written = writeValue(key, value);
      if (!written.ok) return written;
      item.push(`${key}=${written.text}`);
    }
    if (item.length > 0) items.push(item.join(','));
  }
  parts.push(`CP=&&${items.join(';')}&&`);
  return { ok: true, segment: parts.join(';') };
}

function writeValue(key: string, value: string): { ok: true; text: string } | { ok: false; error: EncodeError } {
  const plain = !/[;,]/.test(value) && value === value.trim() && !value.startsWith('//');
  if (plain) return { ok: true, text: value };
  if (value.includes('//') || value.endsWith('/')) {
    return { ok: false, error: { code: 'INVALID_VALUE', key, message: `value of ${key} needs //…// quoting but contains '//' or ends with '/'` } };
  }
  return { ok: true, text: `//${value}//` };
}

/**
 * Frames a data segment: `##` + 4-digit UTF-8 byte length + segment + HJ 212 CRC (4 upper-case
 * hex digits) + terminator (CR LF by default, hj212.md §2.1).
 */
export function frameHj212DataSegment(segment: string, terminator: Terminator = 'CRLF'): EncodeResult {
  const data = encoder.encode(segment);
  if (data.length > DEFAULT_MAX_DATA_LENGTH) {
    return { ok: false, error: { code: 'TOO_LONG', length: data.length, message: `data segment is ${data.length} bytes; 4 digits allow 9999` } };
  }
  const bytes = new Uint8Array(frameLength(data.length, terminator));
  bytes.set(data, FRAME_DATA_OFFSET);
  sealFrame(bytes, data.length, terminator);
  const text = `##${String(data.length).padStart(4, '0')}${segment}${formatCrc16(hj212Crc16(data))}${TERMINATORS[terminator]}`;
  return { ok: true, packet: { bytes, text, dataSegment: segment } };
}

/** Where the data segment starts in a frame: after `##` and the 4 length digits. */
export const FRAME_DATA_OFFSET = 6;

/** Bytes of a whole frame around `dataLength` data bytes: `##LLLL`, the data, 4 CRC digits, the terminator. */
export function frameLength(dataLength: number, terminator: Terminator): number {
  return FRAME_DATA_OFFSET + dataLength + 4 + TERMINATORS[terminator].length;
}

const HEX_UPPER = '0123456789ABCDEF';

/**
 * Completes a frame whose `dataLength` ≤ 9999 data bytes are already at {@link FRAME_DATA_OFFSET}
 * of `frame` (sized with {@link frameLength}): writes `##`, the length digits, the HJ 212 CRC as
 * 4 upper-case hex digits and the terminator — the bytes of the text `frameHj212DataSegment` builds.
 */
export function sealFrame(frame: Uint8Array, dataLength: number, terminator: Terminator): void {
  frame[0] = 0x23;
  frame[1] = 0x23;
  for (let i = 5, rest = dataLength; i >= 2; i--, rest = Math.floor(rest / 10)) frame[i] = 0x30 + (rest % 10);
  const dataEnd = FRAME_DATA_OFFSET + dataLength;
  const crc = hj212Crc16(frame, FRAME_DATA_OFFSET, dataEnd);
  for (let i = 0; i < 4; i++) frame[dataEnd + i] = HEX_UPPER.charCodeAt((crc >>> (12 - 4 * i)) & 0xf);
  const ending = TERMINATORS[terminator];
  for (let i = 0; i < ending.length; i++) frame[dataEnd + 4 + i] = ending.charCodeAt(i);
}

/** Encodes and frames a packet in one step; see {@link encodeHj212DataSegment} and {@link frameHj212DataSegment}. */
export function encodeHj212Packet(fields: Hj212PacketFields, terminator: Terminator = 'CRLF'): EncodeResult {
  const segment = encodeHj212DataSegment(fields);
  if (!segment.ok) return segment;
  return frameHj212DataSegment(segment.segment, terminator);
}
