import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDataAck, decodeHj212Packet, type FramedPacket } from '../../../standards/hj212';
import { createConnectionCodec } from './connection-codec';
import { mapDataPacket } from './packet-mapper';

const utf8 = new TextEncoder();
const NOW = Date.UTC(2026, 10, 28, 12);
const packet = (segment: string) => ({ data: utf8.encode(segment) }) as FramedPacket;

/** What the gateway did before it had a codec: the full decode, mapDataPacket, buildDataAck. */
function generic(segment: string) {
  const decoded = decodeHj212Packet(packet(segment));
  if (!decoded.ok) return { decoded };
  const { values, ...envelope } = decoded.message;
  const ack = buildDataAck(decoded.message);
  return {
    decoded: { ok: true, message: envelope },
    mapped: mapDataPacket(decoded.message, 7, NOW, 600_000),
    ack: ack.ok ? ack.packet.bytes : null,
    values,
  };
}

function viaCodec(codec: ReturnType<typeof createConnectionCodec>, segment: string) {
  const decoded = codec.decode(packet(segment));
  if (!decoded.ok) return { decoded };
  return { decoded, mapped: codec.mapData(decoded.message, 7, NOW, 600_000), ack: codec.dataAck(decoded.message) };
}

// Codes that matter: array-index keys ('1', '100000') sort first in an object, '01' does not;
// 2005 codes that normalise onto a 2017 code present too ('011' → w01018, 'S01' → a19001).
const code = fc.constantFrom('w01018', 'w21003', '011', 'a19001', 'S01', '1', '7', '100000', '01', '4294967295', '__proto__', 'constructor', 'toString');
const suffix = fc.constantFrom('Rtd', 'Avg', 'Min', 'Flag', 'ZsRtd', 'Cou');
const value = fc.constantFrom('1', '-0.5', '.5', '1e3', 'N', 'D', '', ' 2 ', 'x', '1e400', '//a;b//');
const upload = fc
  .record({
    cn: fc.constantFrom('2011', '2061', '2051', '2031', '2021'),
    mn: fc.constantFrom('MN1', 'MN2'),
    qn: fc.constantFrom('20261128120000001', '20261128120000002', 'a=b'),
    dataTime: fc.constantFrom('20261128100000', '20261128100000000', '20261128230000', '20260231000000', ''),
    fields: fc.array(fc.tuple(code, suffix, value), { maxLength: 20 }),
    separators: fc.array(fc.constantFrom(';', ','), { minLength: 20, maxLength: 20 }),
  })
  .map(({ cn, mn, qn, dataTime, fields, separators }) => {
    const cp = [dataTime === '' ? 'Other=1' : `DataTime=${dataTime}`, ...fields.map(([c, s, v], i) => `${c}-${s}=${v}${i < fields.length - 1 ? separators[i] : ''}`)];
    return `QN=${qn};ST=32;CN=${cn};PW=123456;MN=${mn};Flag=5;CP=&&${cp[0]};${cp.slice(1).join('')}&&`;
  });

describe('connection codec', () => {
  it('decodes, maps and acks exactly like decodeHj212Packet + mapDataPacket + buildDataAck, packet after packet (property)', () => {
    // Repeating and reordering uploads on one codec exercises what it keeps between packets.
    const stream = fc.array(upload, { minLength: 1, maxLength: 6 }).chain((uploads) => fc.shuffledSubarray([...uploads, ...uploads, ...uploads], { minLength: 1 }));
    fc.assert(
      fc.property(stream, (segments) => {
        const codec = createConnectionCodec();
        for (const segment of segments) {
          const { values: _values, ...expected } = generic(segment);
          expect(viaCodec(codec, segment)).toEqual(expected);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps wire codes such as __proto__ plain strings', () => {
    const codec = createConnectionCodec();
    const decoded = codec.decode(packet('QN=1;ST=32;CN=2061;PW=1;MN=M;Flag=4;CP=&&DataTime=20261128100000;__proto__-Avg=1,__proto__-Flag=N;constructor-Avg=2;toString-Avg=3&&'));
    if (!decoded.ok) throw new Error(decoded.error.message);
    const mapped = codec.mapData(decoded.message, 1, NOW, 0);
    expect(mapped.ok && mapped.readings.map((r) => [r.parameterCode, r.value, r.flag])).toEqual([
      ['__proto__', 1, 'N'],
      ['constructor', 2, null],
      ['toString', 3, null],
    ]);
    expect(({} as Record<string, unknown>).Avg).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('refuses to map a message it did not decode last (the values would belong to another packet)', () => {
    const codec = createConnectionCodec();
    const first = codec.decode(packet('ST=32;CN=2061;PW=1;MN=M;CP=&&DataTime=20261128100000;w01018-Avg=1&&'));
    codec.decode(packet('ST=32;CN=2061;PW=1;MN=M;CP=&&DataTime=20261128100000;w21003-Avg=2&&'));
    if (!first.ok) throw new Error(first.error.message);
    expect(() => codec.mapData(first.message, 1, NOW, 0)).toThrow(/decoded last/);
  });
});
