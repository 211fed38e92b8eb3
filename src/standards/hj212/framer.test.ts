import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHj212Framer, type FramerEvent } from './framer';
import { ascii, concatBytes, framed, text } from './test-helpers';

const SEGMENT_A = 'QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&';
const SEGMENT_B = 'ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&DataTime=20160824003817000;B01-Rtd=36.91;011-Rtd=231.0,011-Flag=N&&';
const SEGMENT_C = 'QN=20231008123340461;ST=22;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&a34004-Rtd=35.2,a34004-Flag=N&&';

function packetsOf(events: FramerEvent[]): string[] {
  return events.flatMap((e) => (e.kind === 'packet' ? [text(e.packet.data)] : []));
}

function codesOf(events: FramerEvent[]): string[] {
  return events.map((e) => (e.kind === 'packet' ? 'PACKET' : e.error.code));
}

function runAll(stream: Uint8Array, chunkSizes: number[] = [stream.length]): FramerEvent[] {
  const framer = createHj212Framer();
  const events: FramerEvent[] = [];
  let offset = 0;
  let i = 0;
  while (offset < stream.length) {
    const size = Math.max(1, chunkSizes[i++ % chunkSizes.length]!);
    events.push(...framer.push(stream.subarray(offset, offset + size)));
    offset += size;
  }
  events.push(...framer.flush());
  return events;
}

describe('createHj212Framer', () => {
  it('frames the Appendix A packet and reports its length and CRC', () => {
    const events = runAll(ascii(`##0101${SEGMENT_A}1C80\r\n`));
    expect(codesOf(events)).toEqual(['PACKET']);
    const first = events[0]!;
    if (first.kind !== 'packet') throw new Error('expected a packet');
    expect(first.packet.lengthField).toBe(101);
    expect(first.packet.crcText).toBe('1C80');
    expect(first.packet.crcAlgorithm).toBe('hj212');
    expect(first.packet.overStandardLength).toBe(false);
    expect(text(first.packet.frame)).toBe(`##0101${SEGMENT_A}1C80`);
  });

  it('accepts CR LF, LF, CR or nothing after the CRC without counting them as garbage', () => {
    const stream = concatBytes([framed(SEGMENT_A, 'CRLF'), framed(SEGMENT_B, 'LF'), ascii(text(framed(SEGMENT_C, 'none')) + '\r'), framed(SEGMENT_A, 'none'), framed(SEGMENT_B)]);
    const events = runAll(stream);
    expect(codesOf(events)).toEqual(['PACKET', 'PACKET', 'PACKET', 'PACKET', 'PACKET']);
    expect(packetsOf(events)).toEqual([SEGMENT_A, SEGMENT_B, SEGMENT_C, SEGMENT_A, SEGMENT_B]);
  });

  it('accepts a lower-case CRC', () => {
    const events = runAll(ascii(`##0101${SEGMENT_A}1c80\r\n`));
    expect(codesOf(events)).toEqual(['PACKET']);
  });

  it('skips junk, "##test…" and "##9ST=…" and counts the skipped bytes', () => {
    const junk = ascii('\x00\x01modbus');
    const stream = concatBytes([junk, framed(SEGMENT_A), ascii('##test13912345678\x00\r\n'), ascii('##9ST=31;CN=2011\r\n'), framed(SEGMENT_B)]);
    const events = runAll(stream);
    expect(codesOf(events)).toEqual(['GARBAGE_SKIPPED', 'PACKET', 'BAD_LENGTH_FIELD', 'GARBAGE_SKIPPED', 'BAD_LENGTH_FIELD', 'GARBAGE_SKIPPED', 'PACKET']);
    const skipped = events.flatMap((e) => (e.kind === 'error' && e.error.code === 'GARBAGE_SKIPPED' ? [e.error.bytes] : []));
    expect(skipped).toEqual([junk.length, '##test13912345678\x00\r\n'.length, '##9ST=31;CN=2011\r\n'.length]);
    const bad = events[2]!;
    expect(bad.kind === 'error' && bad.error.code === 'BAD_LENGTH_FIELD' && bad.error.field).toBe('test');
  });

  it('rejects a frame with a wrong CRC and resyncs so the next packet survives', () => {
    const broken = ascii(`##0101${SEGMENT_A}1C81\r\n`);
    const events = runAll(concatBytes([broken, framed(SEGMENT_B)]));
    expect(codesOf(events)).toEqual(['CRC_MISMATCH', 'GARBAGE_SKIPPED', 'PACKET']);
    const mismatch = events[0]!;
    if (mismatch.kind !== 'error' || mismatch.error.code !== 'CRC_MISMATCH') throw new Error('expected CRC_MISMATCH');
    expect(mismatch.error.expected).toBe('1C80');
    expect(mismatch.error.received).toBe('1C81');
    expect(packetsOf(events)).toEqual([SEGMENT_B]);
  });

  it('does not let a corrupted (too long) length swallow the next good packet', () => {
    // Bytes lost on the link: the declared length now reaches into the next packet.
    const lossy = ascii(`##0110${SEGMENT_A}1C80\r\n`);
    const events = runAll(concatBytes([lossy, framed(SEGMENT_B), framed(SEGMENT_C)]));
    expect(packetsOf(events)).toEqual([SEGMENT_B, SEGMENT_C]);
    expect(codesOf(events)[0]).toBe('CRC_MISMATCH');
  });

  it('rejects a length over the cap and resyncs', () => {
    const framer = createHj212Framer({ maxDataLength: 200 });
    const big = framed(`ST=32;CN=2011;PW=1;MN=1;CP=&&${'a'.repeat(300)}=1&&`);
    const events = [...framer.push(concatBytes([big, framed(SEGMENT_A)])), ...framer.flush()];
    expect(codesOf(events)).toEqual(['LENGTH_OVER_CAP', 'GARBAGE_SKIPPED', 'PACKET']);
  });

  it('accepts a 1623-byte packet split after 1410 bytes and flags it as over 1024 (hj212.md §1)', () => {
    const values = Array.from({ length: 80 }, (_, i) => `a${String(10000 + i)}-Rtd=${(i * 1.5).toFixed(2)}`).join(';');
    let segment = `QN=20160801085857223;ST=31;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20160801080000;${values}&&`;
    segment = segment.replace('&&DataTime', `&&Pad=${'x'.repeat(1623 - 12 - new TextEncoder().encode(segment).length - 5)};DataTime`);
    const packet = framed(segment);
    expect(packet.length).toBe(1623);
    const framer = createHj212Framer();
    expect(framer.push(packet.subarray(0, 1410))).toEqual([]);
    expect(framer.bufferedBytes).toBe(1410);
    const events = framer.push(packet.subarray(1410));
    expect(codesOf(events)).toEqual(['PACKET']);
    const first = events[0]!;
    expect(first.kind === 'packet' && first.packet.overStandardLength).toBe(true);
  });

  it('counts UTF-8 bytes, not characters, for Chinese Info text', () => {
    const segment = 'QN=20160801085857223;ST=32;CN=3020;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&DataTime=20160801085857;i11001-Info=//仪器故障；请检查//&&';
    const packet = framed(segment);
    expect(text(packet).slice(2, 6)).toBe(String(new TextEncoder().encode(segment).length).padStart(4, '0'));
    expect(packetsOf(runAll(packet, [3]))).toEqual([segment]);
  });

  it('keeps waiting on a bogus length until resync() is called', () => {
    const framer = createHj212Framer();
    expect(codesOf(framer.push(concatBytes([ascii('##9999QN=1;'), framed(SEGMENT_A)])))).toEqual([]);
    const events = framer.resync();
    expect(codesOf(events)).toEqual(['STALLED_FRAME', 'GARBAGE_SKIPPED', 'PACKET']);
    expect(framer.bufferedBytes).toBe(0);
  });

  it('reports a truncated frame at end of stream, and still finds complete frames behind it', () => {
    const framer = createHj212Framer();
    const partial = ascii(`##0500${SEGMENT_A.slice(0, 40)}`);
    framer.push(concatBytes([partial, framed(SEGMENT_B)]));
    const events = framer.flush();
    expect(codesOf(events)).toEqual(['TRUNCATED_FRAME', 'GARBAGE_SKIPPED', 'PACKET']);
    expect(codesOf(framer.flush())).toEqual([]);
  });

  it('reports trailing junk at flush', () => {
    const framer = createHj212Framer();
    framer.push(ascii('2BC0\r\n#'));
    const events = framer.flush();
    expect(events).toEqual([{ kind: 'error', error: { code: 'GARBAGE_SKIPPED', bytes: 7, message: 'skipped 7 byte(s) before a frame start' } }]);
  });

  it('keeps its buffer bounded whatever is pushed', () => {
    const framer = createHj212Framer({ maxDataLength: 1024 });
    const junk = new Uint8Array(1 << 20).fill(0x41);
    junk.set(ascii('##9999'), 0);
    junk.set(ascii('##1000'), 500_000);
    framer.push(junk);
    expect(framer.bufferedBytes).toBeLessThanOrEqual(1024 + 11);
    const tail = [...framer.push(framed(SEGMENT_A)), ...framer.flush()];
    expect(packetsOf(tail)).toEqual([SEGMENT_A]);
  });

  it('optionally accepts CRC-16/MODBUS, straight or byte-swapped (hj212.md §3.6)', () => {
    // CRC-16/MODBUS of SEGMENT_A is 0x0759.
    const straight = ascii(`##0101${SEGMENT_A}0759\r\n`);
    const swapped = ascii(`##0101${SEGMENT_A}5907\r\n`);
    expect(codesOf(runAll(straight))).toEqual(['CRC_MISMATCH', 'GARBAGE_SKIPPED']);
    const tolerant = createHj212Framer({ crcTolerance: 'modbus' });
    const events = [...tolerant.push(concatBytes([straight, swapped])), ...tolerant.flush()];
    expect(events.map((e) => (e.kind === 'packet' ? e.packet.crcAlgorithm : e.error.code))).toEqual(['modbus', 'modbus-swapped']);
  });

  it('yields the same events however the stream is chunked (property)', () => {
    const segments = [SEGMENT_A, SEGMENT_B, SEGMENT_C];
    // Junk without '#' so it cannot form frames, plus the two real-world junk shapes.
    const junk = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => b.map((x) => (x === 0x23 || x === 0x0d || x === 0x0a ? 0x20 : x))),
      fc.constantFrom(ascii('##test13912345678\x00'), ascii('##9ST=31;CN=2011;'), ascii('##0101QN=broken')),
    );
    const piece = fc.oneof(
      fc.record({ segment: fc.constantFrom(...segments), terminator: fc.constantFrom('CRLF' as const, 'LF' as const, 'none' as const) }).map((p) => ({ bytes: framed(p.segment, p.terminator), segment: p.segment as string | null })),
      junk.map((bytes) => ({ bytes, segment: null as string | null })),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }), (pieces, chunks) => {
        const stream = concatBytes(pieces.map((p) => p.bytes));
        const whole = runAll(stream);
        const chunked = runAll(stream, chunks);
        expect(codesOf(chunked)).toEqual(codesOf(whole));
        expect(packetsOf(chunked)).toEqual(packetsOf(whole));
        // A packet whose predecessor is junk ending right before it is always found.
        const expected = pieces.flatMap((p) => (p.segment === null ? [] : [p.segment]));
        expect(packetsOf(whole)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
