import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, Station } from '../../../src/contracts/monitoring';
import type { StoredBatch } from '../../../src/server/modules/monitoring';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { makeParty, makeStation, type Party } from './monitoring-fixtures';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NOW = Date.parse('2026-11-28T06:00:00Z'); // 14:00 Beijing time

type Cell = string | number | Date | null;

async function workbook(rows: Cell[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('样品 Samples');
  sheet.addRow(['站点编码', '采样时间', '参数代码', '数值', '单位', '标记']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

for (const dialect of testDialects()) {
  describe(`monitoring: manual samples and Excel import (${dialect})`, () => {
    let t: TestApp;
    let owner: Party;
    let other: Party;
    let river: Station;
    let lake: Station;
    let foreign: Station;
    let airStation: Station;
    const batches: StoredBatch[] = [];

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV, context: { clock: { now: () => NOW } } });
      owner = await makeParty(t.app, t.ctx, '340100');
      other = await makeParty(t.app, t.ctx, '320100');
      const anhui = { provinceCode: '340000', cityCode: '340100', longitude: 117.27, latitude: 31.86 };
      river = await makeStation(t.ctx, owner.organisation.id, { ...anhui, code: 'AH-RIVER-1', subKind: 'manual', mn: null });
      lake = await makeStation(t.ctx, owner.organisation.id, { ...anhui, code: 'AH-LAKE-1', subKind: 'manual', waterBody: 'lake', mn: null, parameters: [{ code: 'w21011', unit: 'mg/L' }] });
      foreign = await makeStation(t.ctx, other.organisation.id, { code: 'JS-RIVER-1', subKind: 'manual', mn: null });
      airStation = await makeStation(t.ctx, owner.organisation.id, { ...anhui, code: 'AH-AIR-1', kind: 'air', subKind: null, mn: null, parameters: [{ code: 'a34004', unit: 'µg/m³' }] });
      t.ctx.monitoring.onReadingsStored((batch) => batches.push(batch));
    });
    afterAll(async () => t?.close());

    const importFile = (body: Buffer, session = owner.steward, query = '') =>
      t.app.inject({ method: 'POST', url: `/api/v1/samples/import${query}`, headers: { ...session.headers(true), 'content-type': XLSX }, payload: body });
    const storedCount = async (station: Station) =>
      Number(
        (
          await t.ctx.database.db
            .selectFrom('monitoring_readings')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('station_key', '=', station.stationKey)
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('enters a sample by form as day/manual readings at the sampling instant (like the demo and the import); a resend is all duplicates', async () => {
      const payload = { sampledAt: '2026-11-27T09:30:00+08:00', values: [{ parameterCode: 'w01018', value: 18.5 }, { parameterCode: 'w21003', value: 0.42, flag: 'N' }] };
      const first = await t.app.inject({ method: 'POST', url: `/api/v1/stations/${river.id}/samples`, headers: owner.steward.headers(true), payload });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toEqual({ inserted: 2, duplicates: 0 });
      expect((await t.app.inject({ method: 'POST', url: `/api/v1/stations/${river.id}/samples`, headers: owner.admin.headers(true), payload })).json()).toEqual({ inserted: 0, duplicates: 2 });
      const series = (await t.app.inject({ method: 'GET', url: `/api/v1/stations/${river.id}/readings?interval=day&from=2026-11-27T00:00:00%2B08:00&to=2026-11-28T00:00:00%2B08:00`, headers: other.analyst.headers() })).json();
      expect(series.series.find((s: { parameterCode: string }) => s.parameterCode === 'w21003').points).toEqual([
        { t: '2026-11-27T01:30:00.000Z', tBeijing: '2026-11-27T09:30:00.000+08:00', value: 0.42, flag: 'N', quality: 'preliminary' },
      ]);
      const row = await t.ctx.database.db.selectFrom('monitoring_readings').select(['source', 'interval']).where('station_key', '=', river.stationKey).executeTakeFirstOrThrow();
      expect(row).toEqual({ source: 'manual', interval: 'day' });
      expect(batches.at(-1)).toEqual({ inserted: 2, buckets: expect.arrayContaining([{ stationKey: river.stationKey, parameterCode: 'w01018', interval: 'day', hourStart: Date.parse('2026-11-27T01:00:00Z') }]) });

      const bad = async (url: string, body: unknown, status: number) => {
        const response = await t.app.inject({ method: 'POST', url, headers: owner.steward.headers(true), payload: body as object });
        expect(response.statusCode, response.body).toBe(status);
      };
      await bad(`/api/v1/stations/${river.id}/samples`, { ...payload, sampledAt: '2026-11-29T00:00:00+08:00' }, 400);
      await bad(`/api/v1/stations/${river.id}/samples`, { ...payload, values: [{ parameterCode: 'w99999', value: 1 }] }, 400);
      await bad(`/api/v1/stations/${river.id}/samples`, { ...payload, values: [{ parameterCode: 'w01018', value: '12' as unknown as number, unit: 'mg/L' }] }, 400);
      await bad(`/api/v1/stations/${river.id}/samples`, { ...payload, values: [] }, 400);
      await bad(`/api/v1/stations/${airStation.id}/samples`, { ...payload, values: [{ parameterCode: 'a34004', value: 1 }] }, 422);
      await bad(`/api/v1/stations/${foreign.id}/samples`, payload, 403);
    });

    it('serves the template with the caller’s water stations and their units', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/samples/template.xlsx', headers: owner.steward.headers() });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(XLSX);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      expect(book.worksheets.map((s) => s.name)).toEqual(['样品 Samples', '说明 Instructions', '站点参数 Station parameters']);
      expect(book.worksheets[0]!.getRow(1).getCell(1).value).toBe('站点编码 Station code');
      const listed: string[] = [];
      book.worksheets[2]!.eachRow((row, n) => n > 1 && listed.push(`${row.getCell(1).value}:${row.getCell(2).value}:${row.getCell(3).value}`));
      expect(listed).toContain('AH-LAKE-1:w21011:mg/L');
      expect(listed.some((line) => line.startsWith('JS-RIVER-1') || line.startsWith('AH-AIR-1'))).toBe(false);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/samples/template.xlsx', headers: owner.analyst.headers() })).statusCode).toBe(403);
    });

    it('imports a valid workbook (text and date cells, Beijing time), reporting existing and repeated rows as duplicates', async () => {
      const file = await workbook([
        ['AH-LAKE-1', '2026-11-26 08:00', 'w21011', 0.05, 'mg/L', null],
        ['AH-LAKE-1', new Date(Date.UTC(2026, 10, 26, 10, 0)), 'w21011', '0.061', 'mg/l', 'N'],
        ['AH-RIVER-1', '2026-11-27 09:30', 'w01018', 18.5, 'mg/L', null], // stored by the form test
        ['AH-LAKE-1', '2026-11-26 08:00:00', 'w21011', 0.07, 'mg/L', null], // repeats row 2
        [null, null, null, null, null, null],
        ['AH-RIVER-1', '2026-11-26 08:00', 'w01001', 7.1, '无量纲', null],
      ]);
      const before = await storedCount(lake);
      const dry = await importFile(file, owner.steward, '?dryRun=true');
      expect(dry.statusCode, dry.body).toBe(200);
      expect(dry.json<ImportReport>()).toEqual({ dryRun: true, rows: 5, imported: 0, duplicates: [{ row: 4 }, { row: 5 }], errors: [] });
      expect(await storedCount(lake)).toBe(before);

      const real = await importFile(file);
      expect(real.statusCode, real.body).toBe(200);
      expect(real.json<ImportReport>()).toEqual({ dryRun: false, rows: 5, imported: 3, duplicates: [{ row: 4 }, { row: 5 }], errors: [] });
      const lakeSeries = (await t.app.inject({ method: 'GET', url: `/api/v1/stations/${lake.id}/readings?interval=day&parameters=w21011&from=2026-11-26T00:00:00%2B08:00&to=2026-11-27T00:00:00%2B08:00`, headers: owner.analyst.headers() })).json();
      expect(lakeSeries.series[0].points.map((p: { tBeijing: string; value: number; flag: string | null }) => [p.tBeijing, p.value, p.flag])).toEqual([
        ['2026-11-26T08:00:00.000+08:00', 0.05, null],
        ['2026-11-26T10:00:00.000+08:00', 0.061, 'N'],
      ]);
      const trail = await t.ctx.audit.list(t.ctx.database.db, { action: 'readings.import', limit: 5, offset: 0 });
      expect(trail.total).toBe(1);
      expect((await importFile(file)).json<ImportReport>()).toMatchObject({ imported: 0, duplicates: [{ row: 2 }, { row: 3 }, { row: 4 }, { row: 5 }, { row: 7 }] });
    });

    it('reports every row error kind with row, column and code, and imports nothing (all or nothing)', async () => {
      const file = await workbook([
        ['AH-LAKE-1', '2026-11-25 08:00', 'w21011', 0.05, 'mg/L', null], // valid — still not imported
        ['', '2026-11-25 08:00', 'w21011', 0.05, 'mg/L', null], // MISSING_VALUE A
        ['NO-SUCH', '2026-11-25 08:00', 'w21011', 0.05, 'mg/L', null], // UNKNOWN_STATION
        ['JS-RIVER-1', '2026-11-25 08:00', 'w01018', 1, 'mg/L', null], // STATION_NOT_WRITABLE
        ['AH-AIR-1', '2026-11-25 08:00', 'a34004', 1, 'µg/m³', null], // NOT_A_WATER_STATION
        ['AH-LAKE-1', '2026-11-25 08:00', 'w01018', 1, 'mg/L', null], // UNKNOWN_PARAMETER
        ['AH-LAKE-1', '2026-11-25 08:00', 'w21011', 1, 'µg/L', null], // UNIT_MISMATCH
        ['AH-LAKE-1', '2026-11-25 08:00', 'w21011', '<0.01', 'mg/L', null], // NOT_NUMERIC
        ['AH-LAKE-1', '2026-02-30 08:00', 'w21011', 1, 'mg/L', null], // INVALID_TIME
        ['AH-LAKE-1', '2026-11-28 15:00', 'w21011', 1, 'mg/L', null], // FUTURE_TIME (now is 14:00 Beijing)
        ['AH-LAKE-1', '2026-11-25 09:00', 'w21011', 1, 'mg/L', 'bad flag'], // INVALID_FLAG
      ]);
      const before = await storedCount(lake);
      const response = await importFile(file);
      expect(response.statusCode, response.body).toBe(422);
      const { error } = response.json();
      expect(error.code).toBe('UNPROCESSABLE_ENTITY');
      const report = error.details as ImportReport;
      expect(report.imported).toBe(0);
      expect(report.errors.map((e) => [e.row, e.column, e.code])).toEqual([
        [3, 'A', 'MISSING_VALUE'],
        [4, 'A', 'UNKNOWN_STATION'],
        [5, 'A', 'STATION_NOT_WRITABLE'],
        [6, 'A', 'NOT_A_WATER_STATION'],
        [7, 'C', 'UNKNOWN_PARAMETER'],
        [8, 'E', 'UNIT_MISMATCH'],
        [9, 'D', 'NOT_NUMERIC'],
        [10, 'B', 'INVALID_TIME'],
        [11, 'B', 'FUTURE_TIME'],
        [12, 'F', 'INVALID_FLAG'],
      ]);
      expect(report.errors.every((e) => e.message.length > 0 && e.messageZh.length > 0)).toBe(true);
      expect(await storedCount(lake)).toBe(before);

      // A dry run gives the same report with 200.
      const dry = await importFile(file, owner.steward, '?dryRun=true');
      expect(dry.statusCode).toBe(200);
      expect(dry.json<ImportReport>().errors).toHaveLength(10);
    });

    it('refuses what is not an XLSX workbook, oversized bodies and callers without readings:write', async () => {
      const json = await t.app.inject({ method: 'POST', url: '/api/v1/samples/import', headers: owner.steward.headers(true), payload: { rows: [] } });
      expect(json.statusCode).toBe(415);
      // The refusal names the type the route takes, not the platform's JSON default.
      expect(json.json().error.message).toContain('spreadsheetml');
      expect((await importFile(Buffer.from('not a zip'))).statusCode).toBe(400);
      const huge = Buffer.alloc(6 * 1024 * 1024, 1);
      expect((await importFile(huge)).statusCode).toBe(413);
      expect((await importFile(await workbook([]), owner.analyst)).statusCode).toBe(403);
      expect((await importFile(await workbook([]), owner.steward, '?dryRun=maybe')).statusCode).toBe(400);
    });

    it('classifies form samples per sample and per section-month (GB 3838, river), and an imported sample the same way', async () => {
      const anhui = { provinceCode: '340000', cityCode: '340100', longitude: 117.27, latitude: 31.86 };
      const parameters = ['w01009', 'w01019', 'w21003', 'w21011'].map((code) => ({ code, unit: 'mg/L' }));
      const section = await makeStation(t.ctx, owner.organisation.id, { ...anhui, code: 'AH-SECTION-1', subKind: 'manual', mn: null, parameters });
      const enter = (sampledAt: string, [DO, CODMn, NH3N, TP]: number[]) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/stations/${section.id}/samples`,
          headers: owner.steward.headers(true),
          payload: { sampledAt, values: [{ parameterCode: 'w01009', value: DO! }, { parameterCode: 'w01019', value: CODMn! }, { parameterCode: 'w21003', value: NH3N! }, { parameterCode: 'w21011', value: TP! }] },
        });
      expect((await enter('2026-10-05T10:00:00+08:00', [6.5, 5, 1.8, 0.15])).statusCode).toBe(201);
      const imported = await importFile(
        await workbook([
          ['AH-SECTION-1', '2026-10-20 10:00', 'w01009', 6.5, 'mg/L', null],
          ['AH-SECTION-1', '2026-10-20 10:00', 'w01019', 3, 'mg/L', null],
          ['AH-SECTION-1', '2026-10-20 10:00', 'w21003', 0.6, 'mg/L', null],
          ['AH-SECTION-1', '2026-10-20 10:00', 'w21011', 0.05, 'mg/L', null],
        ]),
      );
      expect(imported.json<ImportReport>()).toMatchObject({ imported: 4, errors: [] });
      const intervals = await t.ctx.database.db.selectFrom('monitoring_readings').select('interval').distinct().where('station_key', '=', section.stationKey).execute();
      expect(intervals).toEqual([{ interval: 'day' }]);
      await t.ctx.assessment.flush();

      const get = (url: string) => t.app.inject({ method: 'GET', url, headers: other.analyst.headers() });
      const samples = (await get(`/api/v1/stations/${section.id}/water-class?period=sample&from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z`)).json().items;
      // NH3-N 1.8 mg/L → V; the second sample (NH3-N 0.6, CODMn 3, TP 0.05) → III.
      expect(samples.map((s: { at: string; class: string; basis: string }) => [s.at, s.class, s.basis])).toEqual([
        ['2026-10-05T02:00:00.000Z', 'V', 'sample'],
        ['2026-10-20T02:00:00.000Z', 'III', 'sample'],
      ]);
      const months = (await get(`/api/v1/stations/${section.id}/water-class?period=month&from=2026-09-30T16:00:00Z&to=2026-11-01T00:00:00Z`)).json().items;
      // Monthly means: DO 6.5 (II), CODMn 4 (II), NH3-N 1.2 (IV), TP 0.1 (II) → IV.
      expect(months).toEqual([expect.objectContaining({ at: '2026-09-30T16:00:00.000Z', class: 'IV', values: { DO: 6.5, CODMn: 4, 'NH3-N': 1.2, TP: 0.1 } })]);
      const map = (await get('/api/v1/stations/map?q=AH-SECTION-1')).json().items;
      expect(map).toEqual([expect.objectContaining({ id: section.id, latest: expect.objectContaining({ at: '2026-10-20T02:00:00.000Z', waterClass: 'III' }) })]);
    });
  });
}
