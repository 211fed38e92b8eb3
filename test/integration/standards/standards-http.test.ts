import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aqiForLine } from '../../../src/cli/commands/aqi';
import { decodeHj212Line } from '../../../src/cli/commands/hj212';
import { checkUsccCode } from '../../../src/cli/commands/uscc';
import { waterClassForLine } from '../../../src/cli/commands/water-class';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV, makeOrganisation, makeSignedInUser, type Session } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';

/** HJ 212-2017 Appendix A, the standard's own worked example (hj212.md §3.3). */
const APPENDIX_A = '##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80';
/** A 2005-style real-time data packet with pollutant values. */
const HJ212_2005 = '##0139ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&DataTime=20160824003817000;B01-Rtd=36.91;011-Rtd=231.0,011-Flag=N;060-Rtd=1.803,060-Flag=N&&4980';
/** A valid USCC (GB 32100 check character 6, organisation code 19220382-1). */
const USCC_VALID = '914403001922038216';
/** Fixed "now" so that items without a date pick the same edition in the CLI function and the route. */
const NOW = Date.UTC(2026, 10, 28, 6);

type Json = Record<string, unknown>;

for (const dialect of testDialects()) {
  describe(`standards calculator over HTTP (${dialect})`, () => {
    let t: TestApp;
    let session: Session;

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV, context: { clock: { now: () => NOW } } });
      const organisation = await makeOrganisation(t.ctx);
      ({ session } = await makeSignedInUser(t.app, t.ctx, { organisationId: organisation.id }));
    });
    afterAll(async () => t?.close());

    const post = (url: string, payload: unknown, headers: Record<string, string> = session.headers(true)) =>
      t.app.inject({ method: 'POST', url: `/api/v1/standards/${url}`, payload: payload as Json, headers });
    const results = (response: { statusCode: number; body: string; json(): unknown }) => {
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { results: Json[] }).results;
    };

    it('refuses callers who are not signed in (401), before reading the body', async () => {
      for (const url of ['hj212/decode', 'aqi', 'water-class', 'uscc/check']) {
        const response = await post(url, { anything: true }, {});
        expect(response.statusCode, url).toBe(401);
        expect(response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      }
      const get = await t.app.inject({ method: 'GET', url: `/api/v1/standards/uscc/${USCC_VALID}` });
      expect(get.statusCode).toBe(401);
    });

    it('refuses a signed-in POST without the CSRF token', async () => {
      const response = await post('aqi', { items: [{ 'PM2.5': 60 }] }, session.headers(false));
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'CSRF_FAILED' } });
    });

    it('decodes the HJ 212-2017 Appendix A packet exactly as `yrd-eco hj212 decode` does', async () => {
      const packets = [APPENDIX_A, `${APPENDIX_A}\r\n`, HJ212_2005];
      const out = results(await post('hj212/decode', { packets }));
      expect(out[0]).toEqual({
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
      expect(out[2]).toMatchObject({
        ok: true,
        version: '2005',
        cn: '2011',
        dataTime: '2016-08-24T00:38:17.000+08:00',
        values: { B01: { Rtd: '36.91' }, '011': { Rtd: '231.0', Flag: 'N' }, '060': { Rtd: '1.803', Flag: 'N' } },
      });
      // The response schema drops nothing: each object is the CLI's, key for key.
      expect(out).toEqual(packets.map((packet) => decodeHj212Line(packet)));
    });

    it('reports a wrong CRC or length field per packet, with the reason, and honours the tolerances', async () => {
      const badCrc = APPENDIX_A.replace(/1C80$/, '1C08');
      const badLength = APPENDIX_A.replace('##0101', '##0100');
      const out = results(await post('hj212/decode', { packets: [badCrc, badLength, 'garbage', APPENDIX_A] }));
      expect(out.map((r) => (r.ok ? 'ok' : (r.error as { code: string }).code))).toEqual(['CRC_MISMATCH', 'LENGTH_MISMATCH', expect.any(String), 'ok']);
      expect((out[0]!.error as { message: string }).message).toMatch(/1C80|1C08/i);
      expect(out).toEqual([badCrc, badLength, 'garbage', APPENDIX_A].map((packet) => decodeHj212Line(packet)));

      const tolerant = results(await post('hj212/decode', { packets: [badLength], acceptLengthMismatch: true }));
      expect(tolerant[0]).toMatchObject({ ok: true, crcValid: true, lengthValid: false });
    });

    it('computes AQI like `yrd-eco aqi`, with per-item errors in the results', async () => {
      const items = [
        { SO2: 150, NO2: 80, PM10: 150, 'PM2.5': 75, CO: 4, O3_8h: 160 },
        { 'PM2.5': 120, PM10: 160, NO2: 150 },
        { 'PM2.5': -3 },
        { 'PM2.5': 0, PM10: 0, NO2: null },
      ];
      const out = results(await post('aqi', { standard: '2012', mode: 'daily', items }));
      expect(out[0]).toMatchObject({ ok: true, aqi: 100, level: 2, category: '良', standard: '2012', mode: 'daily' });
      expect(out[1]).toMatchObject({
        ok: true,
        aqi: 158,
        level: 4,
        category: '中度污染',
        categoryEn: 'Moderately polluted',
        color: '#FF0000',
        iaqi: { NO2: 135, PM10: 105, 'PM2.5': 158 },
        primaryPollutants: ['PM2.5'],
        exceedingPollutants: ['NO2', 'PM10', 'PM2.5'],
      });
      expect(out[2]).toMatchObject({ ok: false, error: { code: 'INVALID_CONCENTRATION' } });
      // 0 stays 0 (not coerced to null), null means "not supplied".
      expect(out[3]).toMatchObject({ ok: true, aqi: 0, iaqi: { 'PM2.5': 0, PM10: 0 } });
      expect(out).toEqual(items.map((item) => aqiForLine(JSON.stringify(item), { standard: '2012', mode: 'daily', now: NOW })));
    });

    it('picks the HJ 633 edition by each item’s date, else by today', async () => {
      const items = [{ 'PM2.5': 60, date: '2026-02-28' }, { 'PM2.5': 60, date: '2026-03-01' }, { 'PM2.5': 60 }, { 'PM2.5': 60, time: Date.UTC(2025, 0, 1) }, { 'PM2.5': 3, date: 'someday' }];
      const out = results(await post('aqi', { items }));
      expect(out.map((r) => [r.standard, r.aqi])).toEqual([
        ['2012', 82],
        ['2026', 100],
        ['2026', 100],
        ['2012', 82],
        [undefined, undefined],
      ]);
      expect(out[4]).toMatchObject({ ok: false, error: { code: 'INVALID_DATE' } });
      expect(out).toEqual(items.map((item) => aqiForLine(JSON.stringify(item), { now: NOW })));
    });

    it('takes the HJ 633-2012 real-time PM 24 h sliding means (and SO2 24 h for SO2 1 h > 800) over HTTP and in the CLI alike', async () => {
      const items = [
        { 'PM2.5': 50, 'PM2.5_24h': 120, PM10_24h: 200, date: '2026-02-01' },
        { 'PM2.5': 50, 'PM2.5_24h': 120, date: '2026-03-02' },
        { SO2: 801, SO2_24h: 150, date: '2026-02-01' },
      ];
      const out = results(await post('aqi', { mode: 'hourly', items }));
      expect(out[0]).toMatchObject({ ok: true, aqi: 158, iaqi: { 'PM2.5': 69, 'PM2.5_24h': 158, PM10_24h: 125 }, primaryPollutants: ['PM2.5_24h'] });
      expect(out[1]).toMatchObject({ ok: true, standard: '2026', aqi: 80, iaqi: { 'PM2.5': 80 } });
      expect(out[2]).toMatchObject({ ok: true, aqi: 100, iaqi: { SO2: 100 } });
      expect(out).toEqual(items.map((item) => aqiForLine(JSON.stringify(item), { mode: 'hourly', now: NOW })));
    });

    it('classifies water samples like `yrd-eco water-class`, main pollutants with exceedance multiples', async () => {
      const items = [{ pH: 7.1, DO: 6.2, COD: 35, 'NH3-N': 2.5, TP: 0.35 }, { DO: 5.5, COD: 18, 'NH3-N': 0.8, TP: 0.04 }, { COD: -1 }];
      const river = results(await post('water-class', { items }));
      expect(river[0]).toMatchObject({
        ok: true,
        class: '劣V',
        grade: '重度污染',
        waterBody: 'river',
        itemClasses: { pH: 'I', DO: 'II', COD: 'V', 'NH3-N': '劣V', TP: 'V' },
        mainPollutants: [
          { item: 'NH3-N', class: '劣V', value: 2.5, classIIILimit: 1, exceedanceMultiple: 1.5 },
          { item: 'COD', class: 'V', exceedanceMultiple: 0.75 },
          { item: 'TP', class: 'V', exceedanceMultiple: 0.75 },
        ],
      });
      expect(river[2]).toMatchObject({ ok: false });
      expect(river).toEqual(items.map((item) => waterClassForLine(JSON.stringify(item))));

      const lake = results(await post('water-class', { waterBody: 'lake', includeReferenceItems: ['TN'], items: [{ TP: 0.05, TN: 1.8 }] }));
      expect(lake[0]).toMatchObject({ ok: true, class: 'V', waterBody: 'lake' });
      expect(lake).toEqual([waterClassForLine('{"TP":0.05,"TN":1.8}', { waterBody: 'lake', includeReferenceItems: ['TN'] })]);
    });

    it('checks USCCs one by one (GET) and in batches (POST) like `yrd-eco uscc check`', async () => {
      const one = await t.app.inject({ method: 'GET', url: `/api/v1/standards/uscc/${USCC_VALID}`, headers: session.headers() });
      expect(one.statusCode).toBe(200);
      expect(one.json()).toEqual({ code: USCC_VALID, valid: true, orgCodeValid: true, error: null });

      const codes = [USCC_VALID, '91440300192203821X', '12345', ' 91320100MA1FL4T379 '];
      const out = results(await post('uscc/check', { codes }));
      expect(out[1]).toMatchObject({ valid: false, orgCodeValid: true, error: { code: 'CHECK_CHARACTER_MISMATCH' } });
      expect(out[2]).toMatchObject({ valid: false, error: { code: 'INVALID_LENGTH' } });
      expect(out).toEqual(codes.map((code) => checkUsccCode(code)));
    });

    it('refuses malformed requests with 400 VALIDATION_FAILED', async () => {
      const bad: Array<[string, unknown]> = [
        ['hj212/decode', { packets: [APPENDIX_A], extra: 1 }],
        ['hj212/decode', { packets: [] }],
        ['hj212/decode', { packets: Array.from({ length: 1001 }, () => 'x') }],
        ['hj212/decode', { packets: ['#'.repeat(64 * 1024 + 1)] }],
        // Under the character bound, over 64 KiB of UTF-8.
        ['hj212/decode', { packets: ['测'.repeat(30_000)] }],
        ['hj212/decode', { packets: [APPENDIX_A], crcTolerance: 'lenient' }],
        ['aqi', { items: [{ 'PM2.5': 60, station: 'S1' }] }],
        ['aqi', { items: [{ 'PM2.5': 'lots' }] }],
        ['aqi', { standard: '2020', items: [{ 'PM2.5': 60 }] }],
        ['aqi', { mode: 'weekly', items: [{ 'PM2.5': 60 }] }],
        ['aqi', { items: Array.from({ length: 1001 }, () => ({ 'PM2.5': 60 })) }],
        ['aqi', { items: [] }],
        ['aqi', { items: [{ 'PM2.5': 60, date: 'x'.repeat(41) }] }],
        ['water-class', { items: [{ COD: 20, WaterTemp: 18 }] }],
        ['water-class', { waterBody: 'sea', items: [{ COD: 20 }] }],
        ['water-class', { includeReferenceItems: ['COD'], items: [{ COD: 20 }] }],
        ['water-class', { items: Array.from({ length: 1001 }, () => ({ COD: 20 })) }],
        ['uscc/check', { codes: [] }],
        ['uscc/check', { codes: ['x'.repeat(65)] }],
        ['uscc/check', { codes: Array.from({ length: 1001 }, () => USCC_VALID) }],
        ['uscc/check', { codes: [USCC_VALID], strict: true }],
      ];
      for (const [url, payload] of bad) {
        const response = await post(url, payload);
        expect(response.statusCode, `${url} ${JSON.stringify(payload).slice(0, 80)}`).toBe(400);
        expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
      }
      const tooLong = await t.app.inject({ method: 'GET', url: `/api/v1/standards/uscc/${'9'.repeat(65)}`, headers: session.headers() });
      expect(tooLong.statusCode).toBe(400);
    });

    it('accepts the largest allowed batch', async () => {
      const out = results(await post('uscc/check', { codes: Array.from({ length: 1000 }, () => USCC_VALID) }));
      expect(out).toHaveLength(1000);
      expect(out.every((r) => r.valid === true)).toBe(true);
    });

    it('documents the routes in the OpenAPI description', async () => {
      const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
      expect(Object.keys(spec.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/standards/hj212/decode',
          '/api/v1/standards/aqi',
          '/api/v1/standards/water-class',
          '/api/v1/standards/uscc/{code}',
          '/api/v1/standards/uscc/check',
        ]),
      );
    });
  });
}
