import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Station } from '../../../src/contracts/monitoring';
import type { NewReading, StoredBatch } from '../../../src/server/modules/monitoring';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { makeParty, makeStation, type Party } from './monitoring-fixtures';

const HOUR = 3_600_000;
/** 2026-11-20 00:00 Beijing time = 2026-11-19T16:00:00Z. */
const BEIJING_MIDNIGHT = Date.parse('2026-11-20T00:00:00+08:00');

for (const dialect of testDialects()) {
  describe(`monitoring: readings (${dialect})`, () => {
    let t: TestApp;
    let owner: Party;
    let other: Party;
    let air: Station;

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV, context: { clock: { now: () => Date.parse('2026-11-28T06:00:00Z') } } });
      owner = await makeParty(t.app, t.ctx, '310100');
      other = await makeParty(t.app, t.ctx, '340100');
      air = await makeStation(t.ctx, owner.organisation.id, {
        kind: 'air',
        subKind: null,
        provinceCode: '310000',
        cityCode: '310100',
        longitude: 121.47,
        latitude: 31.23,
        parameters: [
          { code: 'a34004', unit: 'µg/m³' },
          { code: 'a21026', unit: 'µg/m³' },
          { code: 'a21005', unit: 'mg/m³' },
        ],
      });
      // 48 hourly PM2.5 and SO2 values starting at Beijing midnight; CO only for the first hour.
      const readings: NewReading[] = [];
      for (let h = 0; h < 48; h++) {
        readings.push({ stationKey: air.stationKey, parameterCode: 'a34004', interval: 'hour', observedAt: BEIJING_MIDNIGHT + h * HOUR, value: 10 + h, flag: 'N', source: 'gateway' });
        readings.push({ stationKey: air.stationKey, parameterCode: 'a21026', interval: 'hour', observedAt: BEIJING_MIDNIGHT + h * HOUR, value: h === 5 ? null : 100 + h, flag: h === 5 ? 'F' : 'N', source: 'gateway' });
      }
      readings.push({ stationKey: air.stationKey, parameterCode: 'a21005', interval: 'hour', observedAt: BEIJING_MIDNIGHT, value: 0.8, flag: 'N', source: 'gateway' });
      expect(await t.ctx.monitoring.ingestReadings(readings)).toEqual({ inserted: 97, duplicates: 0 });
    });
    afterAll(async () => t?.close());

    const get = (url: string, session = other.analyst) => t.app.inject({ method: 'GET', url, headers: session.headers() });

    it('ingestReadings is idempotent, counts duplicates (also inside one batch) and tells listeners after commit', async () => {
      const batches: StoredBatch[] = [];
      const unsubscribe = t.ctx.monitoring.onReadingsStored((batch) => batches.push(batch));
      const base = Date.parse('2026-11-27T00:00:00Z');
      const reading = (minute: number, value: number | null, code = 'a34004'): NewReading => ({
        stationKey: air.stationKey,
        parameterCode: code,
        interval: 'min',
        observedAt: base + minute * 60_000,
        value,
        flag: value === null ? 'D' : 'N',
        source: 'gateway',
        institutionId: null,
      });
      const batch = [reading(0, 1), reading(1, 2), reading(61, 3), reading(61, 99), reading(2, null, 'a21026')];
      expect(await t.ctx.monitoring.ingestReadings(batch)).toEqual({ inserted: 4, duplicates: 1 });
      expect(await t.ctx.monitoring.ingestReadings(batch)).toEqual({ inserted: 0, duplicates: 5 });
      expect(await t.ctx.monitoring.ingestReadings([reading(1, 555), reading(3, 4)])).toEqual({ inserted: 1, duplicates: 1 });
      expect(await t.ctx.monitoring.ingestReadings([])).toEqual({ inserted: 0, duplicates: 0 });
      unsubscribe();
      await t.ctx.monitoring.ingestReadings([reading(4, 5)]);

      // The first of the conflicting values wins and is never overwritten by a resend.
      const series = await get(`/api/v1/stations/${air.id}/readings?interval=min&parameters=a34004&from=2026-11-27T00:00:00Z&to=2026-11-27T02:00:00Z`);
      expect(series.json().series[0].points.map((p: { value: number }) => p.value)).toEqual([1, 2, 4, 5, 3]);

      expect(batches.map((b) => b.inserted)).toEqual([4, 1]);
      const keys = (b: StoredBatch) => b.buckets.map((k) => `${k.parameterCode}@${new Date(k.hourStart).toISOString()}`).sort();
      expect(keys(batches[0]!)).toEqual(['a21026@2026-11-27T00:00:00.000Z', 'a34004@2026-11-27T00:00:00.000Z', 'a34004@2026-11-27T01:00:00.000Z']);
      expect(batches[0]!.buckets.every((b) => b.stationKey === air.stationKey && b.interval === 'min')).toBe(true);
      expect(keys(batches[1]!)).toEqual(['a34004@2026-11-27T00:00:00.000Z']);

      await expect(t.ctx.monitoring.ingestReadings([{ ...reading(9, 1), value: Number.NaN }])).rejects.toThrow();
      await expect(t.ctx.monitoring.ingestReadings([{ ...reading(9, 1), observedAt: 1.5 }])).rejects.toThrow();
    });

    it('concurrent ingests and audited writes interleave safely (one connection lock on SQLite, the pool on PostgreSQL)', async () => {
      const base = Date.parse('2026-11-25T00:00:00Z');
      const batch = (offset: number): NewReading[] =>
        Array.from({ length: 500 }, (_, i) => ({ stationKey: air.stationKey, parameterCode: 'a21004', interval: 'min' as const, observedAt: base + (offset + i) * 60_000, value: i, flag: null, source: 'gateway' as const }));
      const results = await Promise.all([
        t.ctx.monitoring.ingestReadings(batch(0)),
        makeStation(t.ctx, owner.organisation.id, { provinceCode: '310000', cityCode: '310100', longitude: 121.4, latitude: 31.2 }),
        t.ctx.monitoring.ingestReadings(batch(250)),
        t.ctx.monitoring.ingestReadings(batch(500)),
      ]);
      const counts = [results[0], results[2], results[3]] as { inserted: number; duplicates: number }[];
      expect(counts.reduce((sum, r) => sum + r.inserted, 0)).toBe(1000);
      expect(counts.reduce((sum, r) => sum + r.duplicates, 0)).toBe(500);
    });

    it('text with tabs, newlines and backslashes survives the bulk path', async () => {
      const observedAt = Date.parse('2026-11-26T00:00:00Z');
      const odd = 'x\t\\N\n\r\\';
      expect(await t.ctx.monitoring.ingestReadings([{ stationKey: air.stationKey, parameterCode: 'a21026', interval: 'day', observedAt, value: 1e-7, flag: odd, source: 'upload', institutionId: odd }])).toEqual({ inserted: 1, duplicates: 0 });
      const row = await t.ctx.database.db.selectFrom('monitoring_readings').selectAll().where('station_key', '=', air.stationKey).where('interval', '=', 'day').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ flag: odd, institution_id: odd, value: 1e-7, quality: 'preliminary', source: 'upload', received_at: Date.parse('2026-11-28T06:00:00Z') });
      expect(Number(row.observed_at)).toBe(observedAt);
    });

    it('series: [from, to) with Beijing-time edges, ISO out in UTC and Beijing time, nulls and flags kept', async () => {
      // The Beijing day 2026-11-20: exactly 24 hourly values, the first at 00:00 Beijing.
      const day = await get(`/api/v1/stations/${air.id}/readings?parameters=a34004,a21026&interval=hour&from=2026-11-20T00:00:00%2B08:00&to=2026-11-21T00:00:00%2B08:00`);
      expect(day.statusCode, day.body).toBe(200);
      const body = day.json();
      expect(body).toMatchObject({ stationId: air.id, interval: 'hour', from: '2026-11-19T16:00:00.000Z', to: '2026-11-20T16:00:00.000Z', truncated: false });
      expect(body.series.map((s: { parameterCode: string; unit: string }) => [s.parameterCode, s.unit])).toEqual([
        ['a34004', 'µg/m³'],
        ['a21026', 'µg/m³'],
      ]);
      const pm = body.series[0].points;
      expect(pm).toHaveLength(24);
      expect(pm[0]).toEqual({ t: '2026-11-19T16:00:00.000Z', tBeijing: '2026-11-20T00:00:00.000+08:00', value: 10, flag: 'N', quality: 'preliminary' });
      expect(pm[23].tBeijing).toBe('2026-11-20T23:00:00.000+08:00');
      expect(body.series[1].points[5]).toMatchObject({ value: null, flag: 'F' });

      // A UTC-day query cuts differently: 8 Beijing hours earlier.
      const utcDay = (await get(`/api/v1/stations/${air.id}/readings?parameters=a34004&interval=hour&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z`)).json();
      expect(utcDay.series[0].points[0].tBeijing).toBe('2026-11-20T08:00:00.000+08:00');
      expect(utcDay.series[0].points).toHaveLength(24);

      // A parameter without data still appears (empty); limit truncates.
      const limited = (await get(`/api/v1/stations/${air.id}/readings?parameters=a34004,a05024&from=2026-11-19T16:00:00Z&to=2026-11-22T00:00:00Z&limit=5`)).json();
      expect(limited.truncated).toBe(true);
      expect(limited.series.find((s: { parameterCode: string }) => s.parameterCode === 'a05024')).toEqual({ parameterCode: 'a05024', unit: null, points: [] });

      for (const bad of [
        'interval=week',
        'from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z',
        'interval=rt&from=2026-01-01T00:00:00Z&to=2026-11-01T00:00:00Z',
        'from=yesterday',
        'parameters=a34004;drop',
        'colour=red',
      ]) {
        expect((await get(`/api/v1/stations/${air.id}/readings?${bad}`)).statusCode, bad).toBe(400);
      }
      expect((await get('/api/v1/stations/00000000-0000-7000-8000-000000000000/readings')).statusCode).toBe(404);
    });

    it('latest: the newest value of each configured parameter', async () => {
      const latest = await get(`/api/v1/stations/${air.id}/latest?interval=hour`);
      expect(latest.statusCode, latest.body).toBe(200);
      const items = latest.json().items;
      expect(items.map((i: { parameterCode: string }) => i.parameterCode)).toEqual(['a21005', 'a21026', 'a34004']);
      expect(items.find((i: { parameterCode: string }) => i.parameterCode === 'a34004')).toEqual({
        parameterCode: 'a34004',
        unit: 'µg/m³',
        t: new Date(BEIJING_MIDNIGHT + 47 * HOUR).toISOString(),
        tBeijing: '2026-11-21T23:00:00.000+08:00',
        value: 57,
        flag: 'N',
        quality: 'preliminary',
      });
      expect(items.find((i: { parameterCode: string }) => i.parameterCode === 'a21005').value).toBe(0.8);
    });

    it('validation marks a range with who and when (audited); only the owner may', async () => {
      const payload = { interval: 'hour', from: '2026-11-20T00:00:00+08:00', to: '2026-11-20T06:00:00+08:00', parameters: ['a34004'], quality: 'validated' };
      const denied = await t.app.inject({ method: 'POST', url: `/api/v1/stations/${air.id}/readings/validate`, headers: other.steward.headers(true), payload });
      expect(denied.statusCode).toBe(403);
      const ok = await t.app.inject({ method: 'POST', url: `/api/v1/stations/${air.id}/readings/validate`, headers: owner.steward.headers(true), payload });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toEqual({ updated: 6 });
      const invalid = await t.app.inject({ method: 'POST', url: `/api/v1/stations/${air.id}/readings/validate`, headers: owner.admin.headers(true), payload: { ...payload, from: '2026-11-20T05:00:00+08:00', to: '2026-11-20T06:00:00+08:00', parameters: undefined, quality: 'invalid' } });
      expect(invalid.json()).toEqual({ updated: 2 });
      const rows = await t.ctx.database.db.selectFrom('monitoring_readings').selectAll().where('station_key', '=', air.stationKey).where('interval', '=', 'hour').where('quality', '!=', 'preliminary').orderBy('observed_at').orderBy('parameter_code').execute();
      expect(rows.map((r) => [r.parameter_code, r.quality])).toEqual([
        ['a34004', 'validated'],
        ['a34004', 'validated'],
        ['a34004', 'validated'],
        ['a34004', 'validated'],
        ['a34004', 'validated'],
        ['a21026', 'invalid'],
        ['a34004', 'invalid'],
      ]);
      expect(rows[0]!.validated_by).toBe(owner.steward.me.user.id);
      expect(Number(rows[0]!.validated_at)).toBe(Date.parse('2026-11-28T06:00:00Z'));
      expect(rows[6]!.validated_by).toBe(owner.admin.me.user.id);
      const trail = await t.ctx.audit.list(t.ctx.database.db, { action: 'readings.validate', limit: 10, offset: 0 });
      expect(trail.total).toBe(2);
    });

    it('latest looks back no further than one query may span (real-time: 7 days)', async () => {
      const now = Date.parse('2026-11-28T06:00:00Z');
      const rt = (parameterCode: string, observedAt: number): NewReading => ({ stationKey: air.stationKey, parameterCode, interval: 'rt', observedAt, value: 1, flag: 'N', source: 'gateway' });
      expect(await t.ctx.monitoring.ingestReadings([rt('a34004', now - 8 * 86_400_000), rt('a21026', now - 86_400_000), rt('a21026', now - 86_400_000 - 30_000)])).toEqual({ inserted: 3, duplicates: 0 });
      const items = (await get(`/api/v1/stations/${air.id}/latest?interval=rt`)).json().items as { parameterCode: string; t: string }[];
      expect(items.map((item) => [item.parameterCode, item.t])).toEqual([['a21026', new Date(now - 86_400_000).toISOString()]]);
    });

    it('exports a range longer than one page (5,000 rows) with every reading once, in key order', async () => {
      const station = await makeStation(t.ctx, owner.organisation.id, {
        kind: 'air',
        subKind: null,
        provinceCode: '310000',
        cityCode: '310100',
        longitude: 121.5,
        latitude: 31.2,
        parameters: [
          { code: 'a34004', unit: 'µg/m³' },
          { code: 'a21026', unit: 'µg/m³' },
          { code: 'a21005', unit: 'mg/m³' },
        ],
      });
      // 1,800 hours × 3 parameters: the first page ends after two of hour 1,666's three values.
      const start = Date.parse('2026-06-01T00:00:00Z');
      const readings: NewReading[] = [];
      for (let h = 0; h < 1_800; h++) {
        for (const code of ['a34004', 'a21026', 'a21005']) readings.push({ stationKey: station.stationKey, parameterCode: code, interval: 'hour', observedAt: start + h * HOUR, value: h, flag: 'N', source: 'gateway' });
      }
      expect(await t.ctx.monitoring.ingestReadings(readings)).toEqual({ inserted: 5_400, duplicates: 0 });
      const csv = await get(`/api/v1/readings/export?stationIds=${station.id}&interval=hour&from=2026-06-01T00:00:00Z&to=2026-09-01T00:00:00Z&format=csv`);
      expect(csv.statusCode, csv.body.slice(0, 200)).toBe(200);
      const keys = csv.body.replace(/^\ufeff/, '').trimEnd().split('\r\n').slice(1).map((line) => line.split(',')).map((cells) => `${cells[5]} ${cells[2]}`);
      const expected = readings.map((r) => `${new Date(r.observedAt).toISOString()} ${r.parameterCode}`).sort();
      expect(keys).toEqual(expected);
    });

    it('exports CSV (BOM, Beijing time) and XLSX with the same rows', async () => {
      const query = `stationIds=${air.id}&parameters=a34004,a21026&interval=hour&from=2026-11-20T00:00:00%2B08:00&to=2026-11-20T03:00:00%2B08:00`;
      const csv = await get(`/api/v1/readings/export?${query}&format=csv`);
      expect(csv.statusCode, csv.body).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="readings-hour-20261120\.csv"$/);
      expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const lines = csv.body.replace(/^\ufeff/, '').trimEnd().split('\r\n');
      expect(lines[0]).toBe('站点编码 Station code,站点名称 Station name,参数 Parameter,单位 Unit,北京时间 Beijing time,UTC,数值 Value,标记 Flag,审核 Quality');
      expect(lines).toHaveLength(7);
      expect(lines[1]).toBe(`${air.code},${air.name},a21026,µg/m³,2026-11-20 00:00:00,2026-11-19T16:00:00.000Z,100,N,preliminary`);
      expect(lines[2]).toBe(`${air.code},${air.name},a34004,µg/m³,2026-11-20 00:00:00,2026-11-19T16:00:00.000Z,10,N,validated`);
      // Time-major, the readings key's order: every parameter of an hour before the next hour.
      expect(lines.slice(1).map((line) => line.split(',').slice(2, 5).join(' '))).toEqual([
        'a21026 µg/m³ 2026-11-20 00:00:00',
        'a34004 µg/m³ 2026-11-20 00:00:00',
        'a21026 µg/m³ 2026-11-20 01:00:00',
        'a34004 µg/m³ 2026-11-20 01:00:00',
        'a21026 µg/m³ 2026-11-20 02:00:00',
        'a34004 µg/m³ 2026-11-20 02:00:00',
      ]);

      const xlsx = await get(`/api/v1/readings/export?${query}&format=xlsx`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.rowCount).toBe(7);
      expect(sheet.getRow(1).getCell(5).value).toBe('北京时间 Beijing time');
      expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([air.code, air.name, 'a34004', 'µg/m³', '2026-11-20 00:00:00', '2026-11-19T16:00:00.000Z', 10, 'N', 'validated']);

      expect((await get(`/api/v1/readings/export?stationIds=${air.id}&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&interval=rt`)).statusCode).toBe(400);
      expect((await get(`/api/v1/readings/export?stationIds=${air.id}&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&format=pdf`)).statusCode).toBe(400);
      expect((await get(`/api/v1/readings/export?stationIds=00000000-0000-7000-8000-000000000000&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z`)).statusCode).toBe(404);
    });
  });
}
