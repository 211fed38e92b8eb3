import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../../src/server/modules/identity';
import type { NewReading } from '../../../src/server/modules/monitoring';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV, makeOrganisation } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { bj } from './fixtures';

/** The real path: monitoring.ingestReadings → onReadingsStored → durable queue → flush(). */
for (const dialect of testDialects()) {
  describe(`assessment follows monitoring ingest incrementally (${dialect})`, () => {
    let t: TestApp;
    let stationKey: number;
    let stationId: string;

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV });
      const org = await makeOrganisation(t.ctx, { kind: 'city_bureau', divisionCode: '330100' });
      const station = await t.ctx.monitoring.stations.create(SYSTEM, {
        code: 'INC-AIR-1',
        name: '增量测试站',
        nameEn: 'Incremental test station',
        kind: 'air',
        longitude: 120.16,
        latitude: 30.27,
        provinceCode: '330000',
        cityCode: '330100',
        ownerOrganisationId: org.id,
        parameters: [
          { code: 'a34004', unit: 'µg/m³' },
          { code: 'a05024', unit: 'µg/m³' },
        ],
      });
      stationId = station.id;
      stationKey = t.ctx.monitoring.stationDirectory.findById(station.id)!.stationKey;
    });
    afterAll(async () => t?.close());

    const reading = (code: string, at: number, value: number): NewReading => ({ stationKey, parameterCode: code, interval: 'hour', observedAt: at, value, flag: 'N', source: 'upload' });
    const day = (code: string, dayStart: number) =>
      t.ctx.database.db
        .selectFrom('assessment_rollups')
        .selectAll()
        .where('station_key', '=', stationKey)
        .where('parameter_code', '=', code)
        .where('period', '=', 'day')
        .where('period_start', '=', dayStart)
        .executeTakeFirst();

    it('computes after ingest, recomputes after late data, and ignores duplicates', async () => {
      await t.ctx.monitoring.ingestReadings(Array.from({ length: 20 }, (_, h) => reading('a34004', bj(2026, 9, 1, h), 30)));
      await t.ctx.assessment.flush();
      expect(await day('a34004', bj(2026, 9, 1))).toMatchObject({ count: 20, mean: 30, complete: 1 });

      await t.ctx.monitoring.ingestReadings([reading('a34004', bj(2026, 9, 1, 22), 60)]);
      await t.ctx.assessment.flush();
      expect(await day('a34004', bj(2026, 9, 1))).toMatchObject({ count: 21, max: 60 });
      expect((await day('a34004', bj(2026, 9, 1)))!.mean).toBeCloseTo((20 * 30 + 60) / 21, 10);

      // Resending the same readings inserts nothing and queues nothing.
      const again = await t.ctx.monitoring.ingestReadings([reading('a34004', bj(2026, 9, 1, 22), 60)]);
      expect(again.inserted).toBe(0);
      expect(await t.ctx.assessment.pending()).toBe(0);
    });

    it('re-rates the next day’s early hours when a late evening O3 hour arrives', async () => {
      // O3 of 2026-09-02 00–05 alone: the 8-hour mean at 05:00 has 6 hours → valid.
      await t.ctx.monitoring.ingestReadings(Array.from({ length: 6 }, (_, h) => reading('a05024', bj(2026, 9, 2, h), 100)));
      await t.ctx.assessment.flush();
      const before = await t.ctx.assessment.aqi(stationId, { period: 'hour', from: bj(2026, 9, 2, 5), to: bj(2026, 9, 2, 6) });
      expect(JSON.parse(before.rows[0]!.concentrations).O3_8h).toBe(100);
      // A late 2026-09-01 22:00 O3 value of 300 enters that window: (6×100 + 300)/7.
      await t.ctx.monitoring.ingestReadings([reading('a05024', bj(2026, 9, 1, 22), 300)]);
      await t.ctx.assessment.flush();
      const after = await t.ctx.assessment.aqi(stationId, { period: 'hour', from: bj(2026, 9, 2, 5), to: bj(2026, 9, 2, 6) });
      expect(JSON.parse(after.rows[0]!.concentrations).O3_8h).toBeCloseTo(900 / 7, 2);
    });
  });
}
