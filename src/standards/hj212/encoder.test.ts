import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHj212Envelope, decodeHj212Packet } from './decoder';
import { encodeHj212DataSegment, encodeHj212Packet, frameHj212DataSegment, type Hj212PacketFields } from './encoder';
import { createHj212Framer } from './framer';
import { parseHj212Packet } from './parse-packet';

describe('encodeHj212Packet', () => {
  it('reproduces the Appendix A packet byte for byte', () => {
    const result = encodeHj212Packet({
      qn: '20160801085857223',
      st: '32',
      cn: '1062',
      pw: '100000',
      mn: '010000A8900016F000169DC0',
      flag: 5,
      cp: { RtdInterval: '30' },
    });
    expect(result.ok && result.packet.text).toBe(
      '##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n',
    );
  });

  it('writes a 2005-style packet without QN and Flag, one item per pollutant', () => {
    const result = encodeHj212DataSegment({
      st: '32',
      cn: '2011',
      pw: '123456',
      mn: 'LD130133000015',
      cp: { DataTime: '20160824003817000' },
      values: { B01: { Rtd: '36.91' }, '011': { Rtd: '231.0', Flag: 'N' } },
    });
    expect(result).toEqual({ ok: true, segment: 'ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&DataTime=20160824003817000;B01-Rtd=36.91;011-Rtd=231.0,011-Flag=N&&' });
  });

  it('writes PNUM/PNO for split parts and counts UTF-8 bytes in the length', () => {
    const result = encodeHj212Packet({ qn: '1', st: '32', cn: '3020', pw: '1', mn: '1', flag: 6, pnum: 2, pno: 1, values: { i11001: { Info: '正常;ok' } } }, 'none');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.packet.dataSegment).toBe('QN=1;ST=32;CN=3020;PW=1;MN=1;Flag=6;PNUM=2;PNO=1;CP=&&i11001-Info=//正常;ok//&&');
    expect(result.packet.text.slice(2, 6)).toBe(String(new TextEncoder().encode(result.packet.dataSegment).length).padStart(4, '0'));
    expect(result.packet.text.endsWith('&&')).toBe(false);
  });

  it('returns typed errors instead of writing an undecodable packet', () => {
    const base = { st: '32', cn: '2011', pw: '1', mn: '1' };
    expect(encodeHj212Packet({ ...base, mn: 'a;b' })).toMatchObject({ ok: false, error: { code: 'INVALID_HEADER_VALUE', field: 'MN' } });
    expect(encodeHj212Packet({ ...base, cp: { 'a-b': '1' } })).toMatchObject({ ok: false, error: { code: 'INVALID_KEY' } });
    expect(encodeHj212Packet({ ...base, values: { 'a-1': { Rtd: '1' } } })).toMatchObject({ ok: false, error: { code: 'INVALID_KEY' } });
    expect(encodeHj212Packet({ ...base, values: { a: { 'R td': '1' } } })).toMatchObject({ ok: false, error: { code: 'INVALID_KEY' } });
    expect(encodeHj212Packet({ ...base, cp: { Info: 'a//b;c' } })).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE' } });
    expect(frameHj212DataSegment('x'.repeat(10_000))).toMatchObject({ ok: false, error: { code: 'TOO_LONG', length: 10_000 } });
  });
});

const token = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.]{0,7}$/);
// NUL bytes occur in real headers (`ST=\0\0` in the 2016 capture).
const headerValue = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_.-]{0,12}$/), fc.constant('\u0000\u0000'));
const value = fc.oneof(
  fc.stringMatching(/^-?[0-9]{1,5}(\.[0-9]{1,4})?$/),
  fc.constantFrom('N', 'F', 'D', '', 'http://x', '仪器故障；请检查', 'a;b,c', ' padded ', '/lead', '-3.5'),
  fc.string({ maxLength: 20 }).filter((v) => !v.includes('//') && !v.endsWith('/')),
);
const fieldsArb: fc.Arbitrary<Hj212PacketFields> = fc.record(
  {
    qn: fc.stringMatching(/^[0-9]{17}$/),
    st: headerValue,
    cn: fc.stringMatching(/^[0-9]{4}$/),
    pw: headerValue,
    mn: headerValue,
    flag: fc.integer({ min: 0, max: 255 }),
    pnum: fc.integer({ min: 1, max: 9999 }),
    pno: fc.integer({ min: 1, max: 9999 }),
    cp: fc.dictionary(token, value, { maxKeys: 4 }),
    values: fc.dictionary(token, fc.dictionary(token, value, { minKeys: 1, maxKeys: 4 }), { maxKeys: 6 }),
  },
  { requiredKeys: ['st', 'cn', 'pw', 'mn'] },
);

function normalise(fields: Hj212PacketFields) {
  const plain = (v: Record<string, unknown>) => JSON.parse(JSON.stringify(v)) as unknown;
  return {
    qn: fields.qn ?? null,
    st: fields.st,
    cn: fields.cn,
    pw: fields.pw,
    mn: fields.mn,
    flag: fields.flag ?? null,
    pnum: fields.pnum ?? null,
    pno: fields.pno ?? null,
    cp: plain(fields.cp ?? {}),
    values: plain(fields.values ?? {}),
  };
}

describe('frameHj212DataSegment (property)', () => {
  it('gives as bytes exactly the UTF-8 of its text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), fc.constantFrom('CRLF' as const, 'LF' as const, 'none' as const), (segment, terminator) => {
        const framed = frameHj212DataSegment(segment, terminator);
        if (!framed.ok) throw new Error(framed.error.message);
        expect(framed.packet.bytes).toEqual(new TextEncoder().encode(framed.packet.text));
      }),
    );
  });
});

describe('encode → frame → decode round trip (property)', () => {
  it('gives back what was encoded', () => {
    fc.assert(
      fc.property(fieldsArb, (fields) => {
        const encoded = encodeHj212Packet(fields);
        if (!encoded.ok) {
          // Only an oversized packet may be refused by these generators.
          expect(encoded.error.code).toBe('TOO_LONG');
          return;
        }
        const framer = createHj212Framer();
        const events = [...framer.push(encoded.packet.bytes), ...framer.flush()];
        expect(events).toHaveLength(1);
        const event = events[0]!;
        if (event.kind !== 'packet') throw new Error(event.error.message);
        const decoded = decodeHj212Packet(event.packet);
        if (!decoded.ok) throw new Error(decoded.error.message);
        const m = decoded.message;
        expect(
          normalise({ qn: m.qn ?? undefined, st: m.st!, cn: m.cn!, pw: m.pw!, mn: m.mn!, flag: m.flag?.raw, pnum: m.pnum ?? undefined, pno: m.pno ?? undefined, cp: m.cp, values: m.values }),
        ).toEqual(normalise(fields));
      }),
      { numRuns: 500 },
    );
  });
});

describe('corrupted packets (property)', () => {
  const validPacket = fieldsArb.map((f) => encodeHj212Packet(f)).filter((r) => r.ok).map((r) => (r.ok ? r.packet.bytes : new Uint8Array()));

  it('never throw: a typed error, or a valid decode when the damage is benign', () => {
    const corruption = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
    );
    fc.assert(
      fc.property(validPacket, fc.array(corruption, { minLength: 1, maxLength: 4 }), (packet, damages) => {
        let bytes = packet;
        for (const d of damages) {
          const at = d.at % (bytes.length + 1);
          if (d.kind === 'flip' && at < bytes.length) bytes = Uint8Array.from(bytes, (b, i) => (i === at ? d.byte : b));
          if (d.kind === 'truncate') bytes = bytes.slice(0, at);
          if (d.kind === 'delete') bytes = Uint8Array.from([...bytes.slice(0, at), ...bytes.slice(at + 1)]);
          if (d.kind === 'insert') bytes = Uint8Array.from([...bytes.slice(0, at), d.byte, ...bytes.slice(at)]);
        }
        const parsed = parseHj212Packet(bytes);
        if (!parsed.ok) expect(parsed.error.code).toMatch(/^[A-Z_]+$/);
        const framer = createHj212Framer();
        const events = [...framer.push(bytes), ...framer.flush()];
        for (const event of events) {
          if (event.kind === 'error') expect(event.error.code).toMatch(/^[A-Z_]+$/);
          else {
            expect(decodeHj212Packet(event.packet).ok !== undefined).toBe(true);
            expect(decodeHj212Envelope(event.packet, { pollutantField: (field) => field.value() }).ok !== undefined).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
