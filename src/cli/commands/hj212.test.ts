import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeHj212Line } from './hj212';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const APPENDIX_A = '##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80';
const UPLOAD_2005 =
  '##0139ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&DataTime=20160824003817000;B01-Rtd=36.91;011-Rtd=231.0,011-Flag=N;060-Rtd=1.803,060-Flag=N&&4980';

describe('decodeHj212Line', () => {
  it('decodes a 2017 request', () => {
    expect(decodeHj212Line(APPENDIX_A)).toEqual({
      ok: true,
      version: '2017',
      crcValid: true,
      lengthValid: true,
      qn: '20160801085857223',
      st: '32',
      cn: '1062',
      pw: '100000',
      mn: '010000A8900016F000169DC0',
      flag: 5,
      pnum: null,
      pno: null,
      dataTime: null,
      values: {},
      cp: { RtdInterval: '30' },
      warnings: [],
    });
  });

  it('reports CRC and length failures with their codes', () => {
    expect(decodeHj212Line(APPENDIX_A.replace('1C80', '1C08'))).toMatchObject({ ok: false, error: { code: 'CRC_MISMATCH' } });
    expect(decodeHj212Line(APPENDIX_A.replace('##0101', '##0100'))).toMatchObject({ ok: false, error: { code: 'LENGTH_MISMATCH' } });
    expect(decodeHj212Line(APPENDIX_A.replace('##0101', '##0100'), { acceptLengthMismatch: true })).toMatchObject({ ok: true, lengthValid: false, crcValid: true });
    expect(decodeHj212Line(APPENDIX_A.replace('1C80', '0759'), { crcTolerance: 'modbus' })).toMatchObject({ ok: true });
  });
});

describe('yrd-eco hj212 decode (spawned)', () => {
  it('writes one JSON line per input line and never stops on a bad one', () => {
    const input = [UPLOAD_2005, 'garbage', `${APPENDIX_A.slice(0, -1)}1`, '', APPENDIX_A].join('\n') + '\n';
    const run = spawnSync(process.execPath, ['bin/yrd-eco.mjs', 'hj212', 'decode'], { cwd: ROOT, input, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => (l.ok === true ? 'ok' : (l.error as { code: string }).code))).toEqual(['ok', 'MISSING_HEADER', 'CRC_MISMATCH', 'ok']);
    expect(lines[0]).toMatchObject({
      version: '2005',
      qn: null,
      flag: null,
      mn: 'LD130133000015',
      dataTime: '2016-08-24T00:38:17.000+08:00',
      values: { B01: { Rtd: '36.91' }, '011': { Rtd: '231.0', Flag: 'N' }, '060': { Rtd: '1.803', Flag: 'N' } },
      cp: { DataTime: '20160824003817000' },
    });
  });
});
