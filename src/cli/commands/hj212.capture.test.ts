import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHj212Framer, decodeHj212Packet } from '../../standards/hj212';
import { decodeHj212Line } from './hj212';
import { sharedDataPath } from '../../../test/helpers/shared-data';

// Real 2016 traffic, one packet per line (see the README beside the files). This test lives with
// the CLI because standards/ may not read files.
const CAPTURE_DIR = sharedDataPath('data', 'hj212-capture');
const files = existsSync(CAPTURE_DIR) ? readdirSync(CAPTURE_DIR).filter((name) => name.endsWith('.h212')).sort() : [];

/** Lines split on LF as bytes; `decodeHj212Line` gets them as text, as readline would. */
function linesOf(data: Uint8Array): string[] {
  const decoder = new TextDecoder();
  const lines: string[] = [];
  let start = 0;
  while (start < data.length) {
    let end = data.indexOf(0x0a, start);
    if (end < 0) end = data.length;
    const line = data.subarray(start, end);
    if (!(line.length === 0 || (line.length === 1 && line[0] === 0x0d))) lines.push(decoder.decode(line));
    start = end + 1;
  }
  return lines;
}

describe.skipIf(files.length === 0)('real HJ 212 capture (2016-08-24, 3 files)', () => {
  const data = files.map((name) => readFileSync(join(CAPTURE_DIR, name)));

  it('decodes every line or rejects it with a typed reason', () => {
    const outcomes: Record<string, number> = {};
    let lengthMismatchWithValidCrc = 0;
    const editions: Record<string, number> = {};
    const cns: Record<string, number> = {};
    let lines = 0;
    for (const file of data) {
      for (const line of linesOf(file)) {
        lines++;
        const result = decodeHj212Line(line) as
          | { ok: true; version: string; cn: string | null; crcValid: boolean; lengthValid: boolean }
          | { ok: false; error: { code: string; message: string } };
        const outcome = result.ok ? 'OK' : result.error.code;
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        if (!result.ok) {
          expect(result.error.message.length).toBeGreaterThan(0);
          const lenient = decodeHj212Line(line, { acceptLengthMismatch: true }) as { ok: boolean };
          if (result.error.code === 'LENGTH_MISMATCH' && lenient.ok) lengthMismatchWithValidCrc++;
          continue;
        }
        expect(result.crcValid && result.lengthValid).toBe(true);
        editions[result.version] = (editions[result.version] ?? 0) + 1;
        const cn = result.cn ?? 'none';
        cns[cn] = (cns[cn] ?? 0) + 1;
      }
    }
    expect(lines).toBe(26_777);
    // 26 761 packets with valid length and HJ 212 CRC; the rest is link damage and junk. The one
    // CRC_MISMATCH is the logger that printed a bogus CRC, CR LF, then the right CRC ("2BC0") on
    // a line of its own, one of the three MISSING_HEADER lines (hj212.md §3.6).
    expect(outcomes).toEqual({ OK: 26_761, LENGTH_MISMATCH: 10, CRC_MISMATCH: 1, BAD_LENGTH_FIELD: 2, MISSING_HEADER: 3 });
    // Lost bytes break length and CRC together; none of these is a sender miscount.
    expect(lengthMismatchWithValidCrc).toBe(0);
    // 2005-style loggers throughout (no Flag, or Flag with version bits 0).
    expect(editions).toEqual({ '2005': 26_761 });
    // Uploads, 2005 alarms (2072), answers, a 1013 time-calibration request and vendor keep-alives.
    expect(cns).toEqual({
      '1013': 11,
      '2011': 13_529,
      '2021': 2_642,
      '2031': 222,
      '2051': 5_309,
      '2061': 998,
      '2072': 30,
      '2073': 6,
      '8013': 1_376,
      '9011': 204,
      '9012': 202,
      '9015': 2_232,
    });
  });

  it('finds the same packets when the raw files are streamed through the framer in TCP-sized chunks', () => {
    const events: Record<string, number> = {};
    let decoded = 0;
    for (const file of data) {
      const framer = createHj212Framer();
      const all = [];
      for (let offset = 0; offset < file.length; offset += 1460) all.push(...framer.push(file.subarray(offset, offset + 1460)));
      all.push(...framer.flush());
      for (const event of all) {
        const key = event.kind === 'packet' ? 'PACKET' : event.error.code;
        events[key] = (events[key] ?? 0) + 1;
        if (event.kind === 'packet' && decodeHj212Packet(event.packet).ok) decoded++;
      }
    }
    expect(events).toEqual({ PACKET: 26_761, CRC_MISMATCH: 11, BAD_LENGTH_FIELD: 2, GARBAGE_SKIPPED: 13 });
    expect(decoded).toBe(26_761);
  });
});
