import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CpFieldReader } from './cp-reader';
import { decodeHj212DataSegment, decodeHj212Envelope, decodeHj212Packet, type Hj212Message, type PollutantFieldSink } from './decoder';

function decode(segment: string): Hj212Message {
  const result = decodeHj212DataSegment(segment);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.message;
}

const warningCodes = (m: Hj212Message): string[] => m.warnings.map((w) => w.code);

describe('decodeHj212DataSegment', () => {
  it('decodes the Appendix A request', () => {
    const m = decode('QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&');
    expect(m).toMatchObject({
      edition: '2017',
      qn: '20160801085857223',
      st: '32',
      cn: '1062',
      pw: '100000',
      mn: '010000A8900016F000169DC0',
      flag: { raw: 5, ackRequested: true, split: false, version: 1 },
      pnum: null,
      pno: null,
      cpText: 'RtdInterval=30',
      cp: { RtdInterval: '30' },
      dataTime: null,
    });
    expect(m.warnings).toEqual([]);
  });

  it('splits pollutant keys on the first "-" and keeps values as exact strings', () => {
    const m = decode(
      'QN=20231008123340461;ST=22;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20231008123300;a34004-Rtd=35.20,a34004-Flag=N;S08-Rtd=-0.408594;100000-Ia=1.5&&',
    );
    expect(m.values).toEqual({ a34004: { Rtd: '35.20', Flag: 'N' }, S08: { Rtd: '-0.408594' }, '100000': { Ia: '1.5' } });
    expect(m.cp).toEqual({ DataTime: '20231008123300' });
  });

  it('reads DataTime as Beijing time (UTC+8), 14 or 17 digits', () => {
    const m = decode('ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&DataTime=20160824003817000;B01-Rtd=36.91&&');
    expect(m.dataTime).toEqual({ iso: '2016-08-24T00:38:17.000+08:00', epochMs: Date.UTC(2016, 7, 23, 16, 38, 17) });
    const n = decode('ST=32;CN=2061;PW=1;MN=1;Flag=4;CP=&&DataTime=20160801084000&&');
    expect(n.dataTime).toEqual({ iso: '2016-08-01T08:40:00+08:00', epochMs: Date.UTC(2016, 7, 1, 0, 40, 0) });
  });

  it('warns about an impossible DataTime but keeps the raw text', () => {
    const m = decode('ST=32;CN=2011;PW=1;MN=1;CP=&&DataTime=20160231120000&&');
    expect(m.dataTime).toBeNull();
    expect(m.cp.DataTime).toBe('20160231120000');
    expect(warningCodes(m)).toEqual(['BAD_DATATIME']);
  });

  it('tolerates a 2005 upload without QN and Flag', () => {
    const m = decode('ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&DataTime=20160824003817000;B01-Rtd=36.91;011-Rtd=231.0,011-Flag=N;060-Rtd=1.803,060-Flag=N&&');
    expect(m.edition).toBe('2005');
    expect(m.qn).toBeNull();
    expect(m.flag).toBeNull();
    expect(m.values['011']).toEqual({ Rtd: '231.0', Flag: 'N' });
    expect(m.warnings).toEqual([]);
  });

  it('keeps header QN/Flag apart from CP QN/Flag (hj212.md §6.5)', () => {
    const ack = decode('ST=91;CN=9011;PW=123456;MN=LD130100000452;Flag=0;CP=&&QN=20160824005010010;QnRtn=1&&');
    expect(ack.qn).toBeNull();
    expect(ack.cp.QN).toBe('20160824005010010');
    expect(ack.edition).toBe('2005');
    const stray = decode('QN=20231008123340461;ST=22;CN=2011;PW=1;MN=1;Flag=4;CP=&&DataTime=20231008123300;a34001-Rtd=92;Flag=N&&');
    expect(stray.flag?.raw).toBe(4);
    expect(stray.cp.Flag).toBe('N');
  });

  it('decodes Flag bits generically, including split parts and later versions', () => {
    const part = decode('QN=20160801085000535;ST=32;CN=2061;PW=1;MN=1;Flag=7;PNO=0002;PNUM=0002;CP=&&DataTime=20160801080000;w01018-Avg=1&&');
    expect(part.flag).toEqual({ raw: 7, ackRequested: true, split: true, version: 1 });
    expect(part.pnum).toBe(2);
    expect(part.pno).toBe(2);
    const later = decode('QN=20250101000000000;ST=32;CN=9015;PW=1;MN=1;Flag=9;CP=&&&&');
    expect(later.flag).toEqual({ raw: 9, ackRequested: true, split: false, version: 2 });
    expect(later.edition).toBe('2017');
    const splitWithoutNumbers = decode('ST=32;CN=2061;PW=1;MN=1;Flag=6;CP=&&&&');
    expect(warningCodes(splitWithoutNumbers)).toEqual(['SPLIT_WITHOUT_NUMBERS']);
  });

  it('survives the typos of the standard’s Appendix C (hj212.md §6.5)', () => {
    const missingSemicolon = decode('QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5CP=&&01018-Rtd=50.1&&');
    expect(missingSemicolon.flag?.raw).toBe(5);
    expect(missingSemicolon.values['01018']).toEqual({ Rtd: '50.1' });
    const comma = decode('QN=20160801085000534,ST=32;CN=2011;PW=1;MN=1;Flag=4;CP=&& &&');
    expect(comma.qn).toBe('20160801085000534');
    expect(comma.st).toBe('32');
    expect(comma.cpText).toBe(' ');
    expect(comma.cp).toEqual({});
    expect(comma.warnings).toEqual([]);
  });

  it('trims stray spaces and accepts one field per item and repeated keys', () => {
    const m = decode('QN=20160801085857223;ST=23;CN=2011;PW=123456;MN=1;Flag=5;CP=&&DataTime=20160801085857; LA-Rtd=50.1;011-Rtd=231.0;011-Flag=N;01-Rtd=1,01-Flag=N;01-ZsRtd=2,01-Flag=D&&');
    expect(m.values.LA).toEqual({ Rtd: '50.1' });
    expect(m.values['011']).toEqual({ Rtd: '231.0', Flag: 'N' });
    expect(m.values['01']).toEqual({ Rtd: '1', Flag: 'N', ZsRtd: '2' });
  });

  it('treats //…// Info text as opaque, including Chinese, ";" and ","', () => {
    const m = decode('QN=20160801085857223;ST=32;CN=3020;PW=1;MN=1;Flag=4;CP=&&DataTime=20160801085857;PolId=w01018;i11001-Info=//仪器故障; 请检查,谢谢//;i12001-Info=2&&');
    expect(m.values.i11001).toEqual({ Info: '仪器故障; 请检查,谢谢' });
    expect(m.values.i12001).toEqual({ Info: '2' });
    expect(m.cp.PolId).toBe('w01018');
  });

  it('warns, without failing, about malformed tokens, bad QN/Flag/PNUM and missing header fields', () => {
    const m = decode('QN=2016;ST=31;C11;PW=1;Flag=x;PNUM=a;CP=&&junk;a=1&&');
    expect(warningCodes(m).sort()).toEqual(['BAD_FLAG', 'BAD_PACKET_NUMBER', 'BAD_QN', 'MALFORMED_FIELD', 'MALFORMED_FIELD', 'MISSING_FIELD', 'MISSING_FIELD'].sort());
    expect(m.flagText).toBe('x');
    expect(m.flag).toBeNull();
  });

  it('keeps unknown header keys and ignores header key repeats', () => {
    const m = decode('ST=\u0000\u0000;CN=2031;PW=1;MN=1;Ver=2;ST=22;CP=&&&&');
    expect(m.st).toBe('\u0000\u0000');
    expect(m.headerExtra).toEqual({ Ver: '2' });
    expect(warningCodes(m)).toEqual(['DUPLICATE_KEY']);
  });

  it('is safe against prototype keys', () => {
    const m = decode('ST=1;CN=1;PW=1;MN=1;__proto__=x;CP=&&__proto__=y;constructor-Rtd=1;toString=2&&');
    expect(m.cp.__proto__).toBe('y');
    expect(m.values.constructor).toEqual({ Rtd: '1' });
    expect(({} as Record<string, unknown>).Rtd).toBeUndefined();
  });

  it('returns typed errors for a missing or unclosed CP', () => {
    expect(decodeHj212DataSegment('ST=32;CN=2011')).toMatchObject({ ok: false, error: { code: 'MISSING_CP' } });
    expect(decodeHj212DataSegment('ST=32;CN=2011;CP=&&a=1')).toMatchObject({ ok: false, error: { code: 'CP_NOT_CLOSED' } });
    expect(decodeHj212DataSegment('CP=&&')).toMatchObject({ ok: false, error: { code: 'CP_NOT_CLOSED' } });
    expect(decodeHj212DataSegment('CP=&&&')).toMatchObject({ ok: false, error: { code: 'CP_NOT_CLOSED' } });
    expect(decodeHj212DataSegment('CP=&&&&')).toMatchObject({ ok: true });
  });

  it('decodes bytes as UTF-8 and warns about invalid sequences', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('ST=32;CN=3020;PW=1;MN=1;CP=&&i11001-Info=//'), 0xff, 0xfe, ...new TextEncoder().encode('//&&')]);
    const result = decodeHj212Packet({ data: bytes });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.message.values.i11001?.Info).toBe('\ufffd\ufffd');
    expect(warningCodes(result.message)).toEqual(['NON_UTF8_BYTES']);
  });
});

/** A sink that records what it is handed, as strings. */
function recordingSink(): PollutantFieldSink & { fields: [code: string, suffix: string, value: string][] } {
  const fields: [string, string, string][] = [];
  return { fields, pollutantField: (field: CpFieldReader) => void fields.push([field.code(), field.suffix(), field.value()]) };
}

const utf8 = new TextEncoder();
const segmentArb = fc
  .array(
    fc.constantFrom('QN=20231008123340461;', 'ST=32;', 'CN=2061;', 'PW=1;', 'MN=LD1;', 'Flag=5;', 'Flag=x;', 'Ver=2;', 'CP=&&', '&&', 'DataTime=20231008120000;',
      'w01018-Avg=1.5,', 'w01018-Flag=N;', '011-Rtd=2;', '01-Rtd=1,01-Flag=N;01-ZsRtd=2,01-Flag=D;', '__proto__-Rtd=1;', 'a=1;', 'a=2;', 'junk;', '=3;', ' ', ',', ';', '//仪器;故障//', '-'),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('decodeHj212Envelope', () => {
  it('decodes everything but the values, and hands the sink every pollutant field in wire order', () => {
    const segment = 'QN=20231008123340461;ST=22;CN=2061;PW=1;MN=AIR1;Flag=5;CP=&&DataTime=20231008120000;a34004-Avg=35,a34004-Flag=N;01-Rtd=1,01-Flag=N;01-ZsRtd=2,01-Flag=D&&';
    const sink = recordingSink();
    const result = decodeHj212Envelope({ data: utf8.encode(segment) }, sink);
    const { values, ...envelope } = decode(segment);
    expect(result).toEqual({ ok: true, message: envelope });
    expect(values).toEqual({ a34004: { Avg: '35', Flag: 'N' }, '01': { Rtd: '1', Flag: 'N', ZsRtd: '2' } });
    expect(sink.fields).toEqual([
      ['a34004', 'Avg', '35'],
      ['a34004', 'Flag', 'N'],
      ['01', 'Rtd', '1'],
      ['01', 'Flag', 'N'],
      ['01', 'ZsRtd', '2'],
      ['01', 'Flag', 'D'],
    ]);
  });

  it('agrees with decodeHj212Packet on any segment: same envelope, and the sink sees what the values record keeps (property)', () => {
    fc.assert(
      fc.property(segmentArb, (segment) => {
        const data = utf8.encode(segment);
        const sink = recordingSink();
        const full = decodeHj212Packet({ data });
        const envelope = decodeHj212Envelope({ data }, sink);
        if (!full.ok) {
          expect(envelope).toEqual(full);
          return;
        }
        const { values, ...rest } = full.message;
        expect(envelope).toEqual({ ok: true, message: rest });
        const firstOfEach = Object.create(null) as Record<string, Record<string, string>>;
        for (const [code, suffix, value] of sink.fields) (firstOfEach[code] ??= Object.create(null) as Record<string, string>)[suffix] ??= value;
        expect(firstOfEach).toEqual(values);
      }),
      { numRuns: 1000 },
    );
  });
});
