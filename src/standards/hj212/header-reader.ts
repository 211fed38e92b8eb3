import type { DecodeWarning } from './decoder';
import { trimmedEnd, trimmedStart } from './text-scan';

/** The header items of a data segment (the part before `CP=&&`), as received. */
export interface Hj212Header {
  QN: string | undefined;
  ST: string | undefined;
  CN: string | undefined;
  PW: string | undefined;
  MN: string | undefined;
  Flag: string | undefined;
  PNUM: string | undefined;
  PNO: string | undefined;
  /** Keys the standard does not define (null prototype: keys come off the wire). */
  extra: Record<string, string>;
}

type KnownKey = Exclude<keyof Hj212Header, 'extra'>;
const KNOWN: ReadonlySet<string> = new Set<KnownKey>(['QN', 'ST', 'CN', 'PW', 'MN', 'Flag', 'PNUM', 'PNO']);

const SEMICOLON = 0x3b;
const COMMA = 0x2c;
const EQUALS = 0x3d;

/**
 * Reads the header items of `segment[0, end)` in any order; `units` are the segment's code
 * units. Items are `;`-separated; `,` is tolerated because firmware copied the standard's typo
 * (`QN=…534,ST=32`). Keys and values are trimmed; a repeated key keeps its first value
 * (DUPLICATE_KEY), a token without `key=` is a MALFORMED_FIELD warning.
 */
export function readHeader(segment: string, units: Uint16Array, end: number, warnings: DecodeWarning[]): Hj212Header {
  const header: Hj212Header = {
    QN: undefined,
    ST: undefined,
    CN: undefined,
    PW: undefined,
    MN: undefined,
    Flag: undefined,
    PNUM: undefined,
    PNO: undefined,
    extra: Object.create(null) as Record<string, string>,
  };
  let tokenStart = 0;
  while (tokenStart <= end) {
    let tokenEnd = tokenStart;
    while (tokenEnd < end) {
      const code = units[tokenEnd]!;
      if (code === SEMICOLON || code === COMMA) break;
      tokenEnd++;
    }
    readItem(segment, units, trimmedStart(units, tokenStart, tokenEnd), tokenEnd, header, warnings);
    tokenStart = tokenEnd + 1;
  }
  return header;
}

function readItem(segment: string, units: Uint16Array, start: number, tokenEnd: number, header: Hj212Header, warnings: DecodeWarning[]): void {
  if (start === tokenEnd) return;
  const end = trimmedEnd(units, start, tokenEnd);
  let eq = start;
  while (eq < end && units[eq] !== EQUALS) eq++;
  if (eq === start || eq === end) {
    warnings.push({ code: 'MALFORMED_FIELD', message: `header token ${JSON.stringify(segment.slice(start, end))} has no key=value` });
    return;
  }
  const key = segment.slice(start, trimmedEnd(units, start, eq));
  const value = segment.slice(trimmedStart(units, eq + 1, end), end);
  if (KNOWN.has(key)) {
    const known = key as KnownKey;
    if (header[known] === undefined) header[known] = value;
    else warnings.push({ code: 'DUPLICATE_KEY', message: `header key ${key} repeated; first value kept` });
    return;
  }
  if (key in header.extra) warnings.push({ code: 'DUPLICATE_KEY', message: `header key ${key} repeated; first value kept` });
  else header.extra[key] = value;
}
