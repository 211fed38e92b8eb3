import { parseHj212Time, isPlausibleQn, type BeijingTime } from './beijing-time';
import { CP_END, CP_MALFORMED, CpFieldReader } from './cp-reader';
import { decodeFlag, FLAG_VERSION_2005, type Hj212Flag } from './flag';
import type { FramedPacket } from './frame';
import { readHeader } from './header-reader';
import { fillCodeUnits, isDigits } from './text-scan';

/** Which edition's rules the packet follows. `2017` covers later revisions (Flag version ≥ 1). */
export type Hj212Edition = '2005' | '2017';

/** Something odd that did not stop decoding. Codes are stable. */
export interface DecodeWarning {
  readonly code:
    | 'NON_UTF8_BYTES'
    | 'BAD_FLAG'
    | 'BAD_QN'
    | 'BAD_PACKET_NUMBER'
    | 'BAD_DATATIME'
    | 'MALFORMED_FIELD'
    | 'DUPLICATE_KEY'
    | 'MISSING_FIELD'
    | 'SPLIT_WITHOUT_NUMBERS';
  readonly message: string;
}

export type DecodeError =
  /** No `CP=&&` in the data segment. */
  | { readonly code: 'MISSING_CP'; readonly message: string }
  /** `CP=&&` is present but the segment does not end with `&&` (hj212.md §6.5: reject). */
  | { readonly code: 'CP_NOT_CLOSED'; readonly message: string };

/** A decoded data segment. All values stay strings; unit-aware conversion happens later. */
export interface Hj212Message {
  readonly edition: Hj212Edition;
  /** Header QN (request number). A 2005 answer's QN lives in `cp.QN` instead. */
  readonly qn: string | null;
  readonly st: string | null;
  readonly cn: string | null;
  readonly pw: string | null;
  readonly mn: string | null;
  /** Header Flag, decoded; null when absent or not an integer 0–255 (see `flagText`). */
  readonly flag: Hj212Flag | null;
  readonly flagText: string | null;
  readonly pnum: number | null;
  readonly pno: number | null;
  /** Header keys the standard does not define. */
  readonly headerExtra: Readonly<Record<string, string>>;
  /** The CP body exactly as received (between `CP=&&` and the closing `&&`). */
  readonly cpText: string;
  /** CP keys without a `-` (`DataTime`, `QnRtn`, `ExeRtn`, a 2005 answer's `QN`, a stray `Flag`…). */
  readonly cp: Readonly<Record<string, string>>;
  /** Pollutant fields: code → suffix → raw value, e.g. `{ a34004: { Rtd: '35.2', Flag: 'N' } }`. */
  readonly values: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** `cp.DataTime` read as Beijing time; null when absent or not a calendar instant. */
  readonly dataTime: BeijingTime | null;
  readonly warnings: readonly DecodeWarning[];
}

export type DecodeResult = { readonly ok: true; readonly message: Hj212Message } | { readonly ok: false; readonly error: DecodeError };

/** A decoded data segment without its pollutant values, which went to a {@link PollutantFieldSink}. */
export type Hj212Envelope = Omit<Hj212Message, 'values'>;

export type EnvelopeDecodeResult = { readonly ok: true; readonly message: Hj212Envelope } | { readonly ok: false; readonly error: DecodeError };

/**
 * Receives the pollutant fields (`code-Suffix=value`) of a CP body in wire order, each as the
 * reader positioned on it: a caller that needs only a few values reads them without the
 * `values` record being built.
 */
export interface PollutantFieldSink {
  pollutantField(field: CpFieldReader): void;
}

const CP_OPEN = 'CP=&&';
const CP_CLOSE = '&&';
const utf8 = new TextDecoder('utf-8');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function dictionary<T>(): Record<string, T> {
  // Keys come off the wire: a null prototype keeps `__proto__` and friends inert.
  return Object.create(null) as Record<string, T>;
}

/** Builds the public `values` record: code → suffix → the first value received. */
class ValueRecord implements PollutantFieldSink {
  readonly values = dictionary<Record<string, string>>();

  pollutantField(field: CpFieldReader): void {
    const entry = (this.values[field.code()] ??= dictionary<string>());
    const suffix = field.suffix();
    // Repeats are normal (`01-Flag` after both `01-Rtd` and `01-ZsRtd`); the first belongs to the primary value.
    if (!(suffix in entry)) entry[suffix] = field.value();
  }
}

/**
 * Decodes the data segment of an accepted frame. Bytes are read as UTF-8 (HJ 212-2017 allows
 * UTF-8 Chinese in free text); invalid sequences become U+FFFD with a `NON_UTF8_BYTES` warning.
 */
export function decodeHj212Packet(packet: Pick<FramedPacket, 'data'>): DecodeResult {
  const warnings: DecodeWarning[] = [];
  const segment = segmentText(packet.data, warnings);
  return withValues(segment, warnings, asciiBytes(segment, packet.data, warnings));
}

/**
 * Decodes a data segment `QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;[PNUM=…;PNO=…;]CP=&&…&&`
 * (hj212.md §4 and §6; HJ/T 212-2005 tolerated per §12). Header keys are read in any
 * order from the part before the first `CP=&&` only, so CP keys named `QN` or `Flag` never
 * overwrite header ones. Missing header fields are warnings, not errors: 2005 uploads lack QN
 * and Flag. `DataTime` is Beijing time (UTC+8).
 */
export function decodeHj212DataSegment(segment: string, initialWarnings: readonly DecodeWarning[] = []): DecodeResult {
  return withValues(segment, [...initialWarnings], undefined);
}

function withValues(segment: string, warnings: DecodeWarning[], ascii: Uint8Array | undefined): DecodeResult {
  const record = new ValueRecord();
  const decoded = decodeEnvelope(segment, warnings, record, ascii);
  if (!decoded.ok) return decoded;
  const m = decoded.message;
  return {
    ok: true,
    message: {
      edition: m.edition,
      qn: m.qn,
      st: m.st,
      cn: m.cn,
      pw: m.pw,
      mn: m.mn,
      flag: m.flag,
      flagText: m.flagText,
      pnum: m.pnum,
      pno: m.pno,
      headerExtra: m.headerExtra,
      cpText: m.cpText,
      cp: m.cp,
      values: record.values,
      dataTime: m.dataTime,
      warnings: m.warnings,
    },
  };
}

/**
 * Like {@link decodeHj212Packet}, but the pollutant fields go to `sink` as they are read instead
 * of into a `values` record: the gateway's path, which needs one value and one flag per code.
 * Everything else (header, standalone CP keys, warnings) is decoded exactly the same way.
 */
export function decodeHj212Envelope(packet: Pick<FramedPacket, 'data'>, sink: PollutantFieldSink): EnvelopeDecodeResult {
  const warnings: DecodeWarning[] = [];
  const segment = segmentText(packet.data, warnings);
  return decodeEnvelope(segment, warnings, sink, asciiBytes(segment, packet.data, warnings));
}

/**
 * The bytes of an all-ASCII segment, whose code units they are. Valid UTF-8 decodes to as many
 * UTF-16 units as bytes only when every byte is ASCII (a multi-byte sequence yields fewer).
 */
function asciiBytes(segment: string, data: Uint8Array, warnings: readonly DecodeWarning[]): Uint8Array | undefined {
  return warnings.length === 0 && segment.length === data.length ? data : undefined;
}

function segmentText(data: Uint8Array, warnings: DecodeWarning[]): string {
  try {
    return strictUtf8.decode(data);
  } catch {
    warnings.push({ code: 'NON_UTF8_BYTES', message: 'data segment is not valid UTF-8; invalid bytes replaced by U+FFFD' });
    return utf8.decode(data);
  }
}

/** Code units kept for the next decode; taken while in use, so a sink that decodes again gets its own. */
let spareUnits: Uint16Array | null = null;

function decodeEnvelope(segment: string, warnings: DecodeWarning[], sink: PollutantFieldSink, ascii: Uint8Array | undefined): EnvelopeDecodeResult {
  const cpStart = segment.indexOf(CP_OPEN);
  if (cpStart < 0) return { ok: false, error: { code: 'MISSING_CP', message: 'data segment has no "CP=&&"' } };
  const bodyStart = cpStart + CP_OPEN.length;
  if (segment.length < bodyStart + CP_CLOSE.length || !segment.endsWith(CP_CLOSE)) {
    return { ok: false, error: { code: 'CP_NOT_CLOSED', message: 'CP is not closed with "&&" at the end of the data segment' } };
  }
  const units = fillCodeUnits(segment, spareUnits, ascii);
  spareUnits = null;
  const header = readHeader(segment, units, cpStart, warnings);
  const bodyEnd = segment.length - CP_CLOSE.length;
  const cpText = segment.slice(bodyStart, bodyEnd);
  let cp: Record<string, string>;
  try {
    cp = readCp(segment, units, bodyStart, bodyEnd, warnings, sink);
  } finally {
    spareUnits = units;
  }

  const flagText = header.Flag ?? null;
  const flag = flagText === null ? null : decodeFlag(flagText);
  if (flagText !== null && flag === null) warnings.push({ code: 'BAD_FLAG', message: `Flag ${JSON.stringify(flagText)} is not an integer 0–255` });

  const qn = header.QN ?? null;
  if (qn !== null && !isPlausibleQn(qn)) warnings.push({ code: 'BAD_QN', message: `QN ${JSON.stringify(qn)} is not 14–17 digits` });
  if (header.ST === undefined) warnings.push({ code: 'MISSING_FIELD', message: 'header has no ST' });
  if (header.CN === undefined) warnings.push({ code: 'MISSING_FIELD', message: 'header has no CN' });
  if (header.MN === undefined) warnings.push({ code: 'MISSING_FIELD', message: 'header has no MN' });

  const pnum = readPacketNumber(header.PNUM, 'PNUM', warnings);
  const pno = readPacketNumber(header.PNO, 'PNO', warnings);
  if (flag?.split === true && (pnum === null || pno === null)) {
    warnings.push({ code: 'SPLIT_WITHOUT_NUMBERS', message: 'Flag marks a split packet but PNUM/PNO are missing' });
  }

  let dataTime: BeijingTime | null = null;
  if (cp.DataTime !== undefined) {
    dataTime = parseHj212Time(cp.DataTime);
    if (dataTime === null) warnings.push({ code: 'BAD_DATATIME', message: `DataTime ${JSON.stringify(cp.DataTime)} is not a valid YYYYMMDDhhmmss[zzz]` });
  }

  return {
    ok: true,
    message: {
      // 2017 makes Flag mandatory; its absence (or version bits 0) means a 2005-style sender.
      edition: flag === null || flag.version === FLAG_VERSION_2005 ? '2005' : '2017',
      qn,
      st: header.ST ?? null,
      cn: header.CN ?? null,
      pw: header.PW ?? null,
      mn: header.MN ?? null,
      flag,
      flagText,
      pnum,
      pno,
      headerExtra: header.extra,
      cpText,
      cp,
      dataTime,
      warnings,
    },
  };
}

/** Standalone keys of the CP body `segment[start, end)` into a record; pollutant fields to `sink`. Malformed-token warnings come first. */
function readCp(segment: string, units: Uint16Array, start: number, end: number, warnings: DecodeWarning[], sink: PollutantFieldSink): Record<string, string> {
  const cp = dictionary<string>();
  let keyWarnings: DecodeWarning[] | null = null;
  const reader = new CpFieldReader().reset(segment, start, end, units);
  for (let token = reader.next(); token !== CP_END; token = reader.next()) {
    if (token === CP_MALFORMED) {
      warnings.push({ code: 'MALFORMED_FIELD', message: `CP token ${JSON.stringify(reader.key())} has no key=value` });
      continue;
    }
    // Pollutant codes never contain '-', values may ("S08-Rtd=-0.4"): split the key, not the field.
    if (reader.isPollutant()) {
      sink.pollutantField(reader);
      continue;
    }
    if (reader.keyStart === reader.keyEnd) {
      (keyWarnings ??= []).push({ code: 'MALFORMED_FIELD', message: 'CP field with an empty key' });
      continue;
    }
    const key = reader.key();
    if (key in cp) {
      (keyWarnings ??= []).push({ code: 'DUPLICATE_KEY', message: `CP key ${key} repeated; first value kept` });
      continue;
    }
    cp[key] = reader.value();
  }
  if (keyWarnings !== null) warnings.push(...keyWarnings);
  return cp;
}

function readPacketNumber(text: string | undefined, name: string, warnings: DecodeWarning[]): number | null {
  if (text === undefined) return null;
  // Some senders zero-pad (`0002`), which is still decimal.
  if (isDigits(text, 1, 4)) return Number(text);
  warnings.push({ code: 'BAD_PACKET_NUMBER', message: `${name} ${JSON.stringify(text)} is not a number` });
  return null;
}
