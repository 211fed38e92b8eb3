import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../../../src/contracts/identity';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV, makeOrganisation } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { addReadings, bj, HOUR, makeStation } from './fixtures';

const PM25 = 'a34004';

for (const dialect of testDialects()) {
  describe(`assessment roll-ups (${dialect})`, () => {
    let t: TestApp;
    let org: Organisation;

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV });
      org = await makeOrganisation(t.ctx, { kind: 'city_bureau', divisionCode: '341100' });
    });
    afterAll(async () => t?.close());

    const rollups = (stationKey: number, period: 'day' | 'month' | 'year', code = PM25) =>
      t.ctx.database.db
        .selectFrom('assessment_rollups')
        .selectAll()
        .where('station_key', '=', stationKey)
        .where('period', '=', period)
        .where('parameter_code', '=', code)
        .orderBy('period_start')
        .execute();

    it('puts 2026-01-01T16:00Z into Beijing 2026-01-02 and 15:00Z into 2026-01-01', async () => {
      const station = await makeStation(t.ctx, { ownerOrganisationId: org.id, kind: 'air' });
      await addReadings(t.ctx, station, [
        { code: PM25, at: Date.parse('2026-01-01T15:00:00Z'), value: 10 },
        { code: PM25, at: Date.parse('2026-01-01T16:00:00Z'), value: 30 },
      ]);
      await t.ctx.assessment.flush();
      const days = await rollups(station.stationKey, 'day');
      expect(days.map((d) => [new Date(Number(d.period_start)).toISOString(), d.mean])).toEqual([
        ['2025-12-31T16:00:00.000Z', 10],
        ['2026-01-01T16:00:00.000Z', 30],
      ]);
      // Both are January 2026 in Beijing: one month (starting 2025-12-31T16:00Z), one year.
      expect((await rollups(station.stationKey, 'month')).map((m) => new Date(Number(m.period_start)).toISOString())).toEqual(['2025-12-31T16:00:00.000Z']);
      expect((await rollups(station.stationKey, 'year')).map((y) => Number(y.period_start))).toEqual([Date.parse('2025-12-31T16:00:00Z')]);
    });

    it('computes mean/min/max/count and marks days below 20 hours incomplete, and months from complete days only', async () => {
      const station = await makeStation(t.ctx, { ownerOrganisationId: org.id, kind: 'air' });
      const readings = [];
      // 2026-05-10 (Beijing): 24 hours valued 1 … 24.
      for (let h = 0; h < 24; h++) readings.push({ code: PM25, at: bj(2026, 5, 10, h), value: h + 1 });
      // 2026-05-11: only 19 hours, valued 100.
      for (let h = 0; h < 19; h++) readings.push({ code: PM25, at: bj(2026, 5, 11, h), value: 100 });
      await addReadings(t.ctx, station, readings);
      await t.ctx.assessment.flush();

      const [d10, d11] = await rollups(station.stationKey, 'day');
      expect(d10).toMatchObject({ mean: 12.5, min: 1, max: 24, count: 24, expected: 24, coverage: 1, complete: 1, basis: 'hour' });
      expect(d11).toMatchObject({ mean: 100, count: 19, expected: 24, complete: 0 });
      expect(d11!.coverage).toBeCloseTo(19 / 24, 10);

      const [month] = await rollups(station.stationKey, 'month');
      expect(month).toMatchObject({ period_start: bj(2026, 5, 1), mean: 12.5, count: 1, expected: 31, complete: 0 });
      const [year] = await rollups(station.stationKey, 'year');
      expect(year).toMatchObject({ period_start: bj(2026, 1, 1), mean: 12.5, count: 1, expected: 365, complete: 0 });
    });

    it('recomputes day, month and year incrementally after late data', async () => {
      const station = await makeStation(t.ctx, { ownerOrganisationId: org.id, kind: 'air' });
      await addReadings(
        t.ctx,
        station,
        Array.from({ length: 19 }, (_, h) => ({ code: PM25, at: bj(2026, 6, 1, h), value: 40 })),
      );
      await t.ctx.assessment.flush();
      expect((await rollups(station.stationKey, 'day'))[0]).toMatchObject({ count: 19, complete: 0 });
      expect((await rollups(station.stationKey, 'month'))[0]).toMatchObject({ count: 0, mean: null });

      // Late hours 19–23 arrive with 64: mean becomes (19×40 + 5×64)/24 = 45.
      await addReadings(
        t.ctx,
        station,
        Array.from({ length: 5 }, (_, i) => ({ code: PM25, at: bj(2026, 6, 1, 19 + i), value: 64 })),
      );
      expect(await t.ctx.assessment.pending()).toBe(1);
      const flushed = await t.ctx.assessment.flush();
      expect(flushed.keys).toBe(1);
      expect(await t.ctx.assessment.pending()).toBe(0);
      expect((await rollups(station.stationKey, 'day'))[0]).toMatchObject({ count: 24, complete: 1, mean: 45, max: 64 });
      expect((await rollups(station.stationKey, 'month'))[0]).toMatchObject({ count: 1, mean: 45, expected: 30 });
      expect((await rollups(station.stationKey, 'year'))[0]).toMatchObject({ count: 1, mean: 45 });
    });

    it('marks a month complete at 27 days (25 in February)', async () => {
      const station = await makeStation(t.ctx, { ownerOrganisationId: org.id, kind: 'air' });
      const readings = [];
      for (let d = 1; d <= 25; d++) for (let h = 0; h < 24; h++) readings.push({ code: PM25, at: bj(2026, 2, d, h), value: d });
      for (let d = 1; d <= 26; d++) for (let h = 0; h < 24; h++) readings.push({ code: PM25, at: bj(2026, 4, d, h), value: d });
      await addReadings(t.ctx, station, readings);
      await t.ctx.assessment.flush();
      const months = await rollups(station.stationKey, 'month');
      expect(months.map((m) => [m.count, m.expected, m.complete])).toEqual([
        [25, 28, 1],
        [26, 30, 0],
      ]);
      expect(months[0]!.mean).toBe(13);
    });

    it('derives hour means from minute data when no hour value exists (≥ 45 minutes)', async () => {
      const station = await makeStation(t.ctx, { ownerOrganisationId: org.id, kind: 'pollution_source', subKind: 'waste_gas' });
      const readings = [];
      // Hour 0: 60 one-minute values 0 … 59 → mean 29.5. Hour 1: only 30 minutes → no hour mean.
      for (let m = 0; m < 60; m++) readings.push({ code: 'a21026', interval: 'min' as const, at: bj(2026, 7, 1, 0, m), value: m });
      for (let m = 0; m < 30; m++) readings.push({ code: 'a21026', interval: 'min' as const, at: bj(2026, 7, 1, 1, m), value: 500 });
      // Hour 2: six 10-minute values cover 60 minutes.
      for (let m = 0; m < 60; m += 10) readings.push({ code: 'a21026', interval: 'min' as const, at: bj(2026, 7, 1, 2, m), value: 10 });
      // Hour 3: an hour value wins over minutes.
      readings.push({ code: 'a21026', at: bj(2026, 7, 1, 3), value: 7 });
      readings.push({ code: 'a21026', interval: 'min' as const, at: bj(2026, 7, 1, 3, 5), value: 1000 });
      await addReadings(t.ctx, station, readings);
      await t.ctx.assessment.flush();
      const [day] = await rollups(station.stationKey, 'day', 'a21026');
      expect(day).toMatchObject({ count: 3, basis: 'derived', min: 7, max: 29.5 });
      expect(day!.mean).toBeCloseTo((29.5 + 10 + 7) / 3, 10);
      void HOUR;
    });
  });
}
