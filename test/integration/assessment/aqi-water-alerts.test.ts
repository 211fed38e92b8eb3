import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../../../src/contracts/identity';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV, makeOrganisation, makeSignedInUser, type Session } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { addReadings, bj, makeStation, type TestReading, type TestStation } from './fixtures';

const AIR = { SO2: 'a21026', NO2: 'a21004', CO: 'a21005', O3: 'a05024', PM10: 'a34002', PM25: 'a34004' };
const AIR_PARAMETERS = Object.values(AIR).map((code) => ({ code, unit: code === 'a21005' ? 'mg/m3' : 'ug/m3' }));

/** 24 identical hours of the six pollutants on a Beijing day, with optional overrides per hour. */
function airDay(y: number, m: number, d: number, values: Partial<Record<keyof typeof AIR, number>>, hours = 24): TestReading[] {
  const out: TestReading[] = [];
  for (let h = 0; h < hours; h++) for (const [key, v] of Object.entries(values)) out.push({ code: AIR[key as keyof typeof AIR], at: bj(y, m, d, h), value: v });
  return out;
}

const TYPICAL = { SO2: 10, NO2: 40, CO: 0.5, O3: 50, PM10: 80, PM25: 100 };

for (const dialect of testDialects()) {
  describe(`assessment: AQI, water class and alerts (${dialect})`, () => {
    let t: TestApp;
    let chuzhou: Organisation;
    let nanjing: Organisation;
    let owner: Session;
    let outsider: Session;
    let supervisor: Session;
    let air: TestStation;
    let river: TestStation;

    const db = () => t.ctx.database.db;
    const get = (url: string, session: Session) => t.app.inject({ method: 'GET', url, headers: session.headers() });
    const post = (url: string, session: Session) => t.app.inject({ method: 'POST', url, headers: session.headers(true) });

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV });
      chuzhou = await makeOrganisation(t.ctx, { kind: 'city_bureau', divisionCode: '341100' });
      nanjing = await makeOrganisation(t.ctx, { kind: 'city_bureau', divisionCode: '320100' });
      const group = await makeOrganisation(t.ctx, { kind: 'working_group', divisionCode: '000000' });
      owner = (await makeSignedInUser(t.app, t.ctx, { organisationId: chuzhou.id, roles: ['analyst'] })).session;
      outsider = (await makeSignedInUser(t.app, t.ctx, { organisationId: nanjing.id, roles: ['org_admin'] })).session;
      supervisor = (await makeSignedInUser(t.app, t.ctx, { organisationId: group.id, roles: ['working_group_member'] })).session;
      air = await makeStation(t.ctx, { ownerOrganisationId: chuzhou.id, kind: 'air', parameters: AIR_PARAMETERS });
      river = await makeStation(t.ctx, { ownerOrganisationId: chuzhou.id, kind: 'surface_water', subKind: 'manual', waterBody: 'river' });
      await t.ctx.assessment.setWaterTarget(river.id, 'III');
    });
    afterAll(async () => t?.close());

    it('hourly and daily AQI under HJ 633-2012 match the hand computation', async () => {
      await addReadings(t.ctx, air, airDay(2026, 1, 10, TYPICAL));
      await t.ctx.assessment.flush();
      const response = await get(`/api/v1/stations/${air.id}/aqi?period=hour&from=2026-01-09T16:00:00Z&to=2026-01-10T16:00:00Z`, owner);
      expect(response.statusCode, response.body).toBe(200);
      const hours = response.json().items;
      expect(hours).toHaveLength(24);
      // SO2 1h 10 → 4; NO2 1h 40 → 20; CO 1h 0.5 → 5; O3 1h 50 → 16; PM10 80 → 65; PM2.5 100 → 131.25 ↑ 132.
      expect(hours[23]).toMatchObject({ standard: '2012', aqi: 132, level: 3, category: '轻度污染', primaryPollutants: ['PM2.5'] });
      expect(hours[23].iaqi).toMatchObject({ SO2: 4, NO2: 20, CO: 5, O3: 16, PM10: 65, 'PM2.5': 132, O3_8h: 25 });

      const daily = (await get(`/api/v1/stations/${air.id}/aqi?period=day&from=2026-01-09T16:00:00Z&to=2026-01-10T16:00:00Z`, owner)).json().items;
      // 24 h means: SO2 10 → 10; NO2 40 → 50; CO 0.5 → 12.5 ↑ 13; PM10 65; PM2.5 132; O3 max 8 h 50 → 25.
      expect(daily).toEqual([
        expect.objectContaining({ at: '2026-01-09T16:00:00.000Z', standard: '2012', aqi: 132, complete: true, primaryPollutants: ['PM2.5'] }),
      ]);
      expect(daily[0].iaqi).toEqual({ SO2: 10, NO2: 50, PM10: 65, 'PM2.5': 132, CO: 13, O3_8h: 25 });
    });

    it('switches to HJ 633-2026 for data from 2026-03-01 (Beijing) and stores the version', async () => {
      const station = await makeStation(t.ctx, { ownerOrganisationId: chuzhou.id, kind: 'air', parameters: AIR_PARAMETERS });
      await addReadings(t.ctx, station, [...airDay(2026, 2, 28, TYPICAL), ...airDay(2026, 3, 1, TYPICAL)]);
      await t.ctx.assessment.flush();
      const days = await db().selectFrom('air_quality_daily').select(['day_start', 'standard', 'aqi', 'iaqi']).where('station_key', '=', station.stationKey).orderBy('day_start').execute();
      // 2026: PM2.5 100 → 100 + 40/55×50 = 136.4 ↑ 137; PM10 80 → 50 + 30/70×50 = 71.4 ↑ 72.
      expect(days.map((d) => [Number(d.day_start), d.standard, d.aqi, JSON.parse(d.iaqi).PM10])).toEqual([
        [bj(2026, 2, 28), '2012', 132, 65],
        [bj(2026, 3, 1), '2026', 137, 72],
      ]);
      const boundary = await db()
        .selectFrom('air_quality_hourly')
        .select(['observed_at', 'standard'])
        .where('station_key', '=', station.stationKey)
        .where('observed_at', 'in', [bj(2026, 2, 28, 23), bj(2026, 3, 1, 0)])
        .orderBy('observed_at')
        .execute();
      expect(boundary.map((b) => b.standard)).toEqual(['2012', '2026']);
    });

    it('computes the O3 daily maximum 8-hour mean from hours and marks incomplete days', async () => {
      const station = await makeStation(t.ctx, { ownerOrganisationId: chuzhou.id, kind: 'air', parameters: AIR_PARAMETERS });
      const readings = airDay(2026, 1, 20, { O3: 100 }).map((r) => {
        const hour = new Date(r.at + 8 * 3_600_000).getUTCHours();
        return hour >= 12 && hour <= 19 ? { ...r, value: 200 } : r;
      });
      await addReadings(t.ctx, station, [...readings, ...airDay(2026, 1, 21, { PM25: 50 }, 19)]);
      await t.ctx.assessment.flush();
      const days = await db().selectFrom('air_quality_daily').selectAll().where('station_key', '=', station.stationKey).orderBy('day_start').execute();
      // Max 8 h = 200 (12–19 o'clock) → 100 + 40/55×50 = 136.4 ↑ 137 (2012).
      expect(JSON.parse(days[0]!.concentrations).O3_8h).toBe(200);
      expect(days[0]).toMatchObject({ aqi: 137, complete: 0 });
      expect(JSON.parse(days[0]!.primary_pollutants)).toEqual(['O3_8h']);
      // 19 hours of PM2.5 only: no valid 24 h mean, so no daily AQI value.
      expect(days[1] === undefined || days[1].aqi === null).toBe(true);
    });

    it('classifies manual samples and the section-month (GB 3838, river)', async () => {
      await addReadings(t.ctx, river, [
        { code: 'w01009', interval: 'day', at: bj(2026, 3, 5, 10), value: 6.5 },
        { code: 'w01019', interval: 'day', at: bj(2026, 3, 5, 10), value: 5 },
        { code: 'w21003', interval: 'day', at: bj(2026, 3, 5, 10), value: 1.8 },
        { code: 'w21011', interval: 'day', at: bj(2026, 3, 5, 10), value: 0.15 },
        { code: 'w01009', interval: 'day', at: bj(2026, 3, 20, 10), value: 6.5 },
        { code: 'w01019', interval: 'day', at: bj(2026, 3, 20, 10), value: 3 },
        { code: 'w21003', interval: 'day', at: bj(2026, 3, 20, 10), value: 0.6 },
        { code: 'w21011', interval: 'day', at: bj(2026, 3, 20, 10), value: 0.05 },
      ]);
      await t.ctx.assessment.flush();
      const samples = (await get(`/api/v1/stations/${river.id}/water-class?period=sample&from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z`, owner)).json().items;
      expect(samples.map((s: { class: string }) => s.class)).toEqual(['V', 'III']);
      expect(samples[0]).toMatchObject({ basis: 'sample', grade: '中度污染', itemClasses: { DO: 'II', CODMn: 'III', 'NH3-N': 'V', TP: 'III' } });
      expect(samples[0].mainPollutants).toEqual([{ item: 'NH3-N', class: 'V', value: 1.8, classIIILimit: 1, exceedanceMultiple: 0.8 }]);

      const months = (await get(`/api/v1/stations/${river.id}/water-class?period=month&from=2026-02-01T00:00:00Z&to=2026-04-01T00:00:00Z`, owner)).json().items;
      // Monthly means: DO 6.5 (II), CODMn 4 (II), NH3-N 1.2 (IV), TP 0.1 (II) → IV.
      expect(months).toHaveLength(1);
      expect(months[0]).toMatchObject({ at: '2026-02-28T16:00:00.000Z', class: 'IV', values: { DO: 6.5, CODMn: 4, 'NH3-N': 1.2, TP: 0.1 } });
      expect(months[0].mainPollutants[0]).toMatchObject({ item: 'NH3-N', exceedanceMultiple: 0.2 });
      const monthRollup = (await get(`/api/v1/stations/${river.id}/rollups?period=month&parameter=w21003&from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z`, owner)).json().items;
      expect(monthRollup).toEqual([expect.objectContaining({ mean: 1.2, count: 2, expected: 1, complete: true, basis: 'sample' })]);
    });

    it('classifies an automatic lake station by its daily means (lake TP column)', async () => {
      const lake = await makeStation(t.ctx, { ownerOrganisationId: chuzhou.id, kind: 'surface_water', subKind: 'automatic', waterBody: 'lake' });
      await addReadings(t.ctx, lake, Array.from({ length: 6 }, (_, i) => ({ code: 'w21011', at: bj(2026, 4, 2, i * 4), value: 0.08 })));
      await t.ctx.assessment.flush();
      const latest = (await get('/api/v1/water-quality/latest', owner)).json().items;
      expect(latest.find((x: { stationId: string }) => x.stationId === lake.id)).toMatchObject({ class: 'IV', basis: 'daily', waterBody: 'lake', at: '2026-04-01T16:00:00.000Z' });
      // Six 4-hourly values make a complete day (automatic water rule); the month is rated from it.
      const day = (await get(`/api/v1/stations/${lake.id}/rollups?period=day&parameter=w21011&from=2026-04-01T00:00:00Z&to=2026-05-01T00:00:00Z`, owner)).json().items;
      expect(day).toEqual([expect.objectContaining({ count: 6, expected: 6, complete: true })]);
      const month = (await get(`/api/v1/stations/${lake.id}/water-class?period=month&from=2026-03-01T00:00:00Z&to=2026-05-01T00:00:00Z`, owner)).json().items;
      expect(month).toEqual([expect.objectContaining({ class: 'IV', at: '2026-03-31T16:00:00.000Z' })]);
    });

    it('raises each alert once, routed to the owner organisation only', async () => {
      // An hourly PM2.5 episode: 200 µg/m³ → IAQI 250 > 200.
      await addReadings(t.ctx, air, [{ code: AIR.PM25, at: bj(2026, 1, 11, 8), value: 200 }]);
      await t.ctx.assessment.flush();
      // Re-processing the same days changes nothing.
      await t.ctx.assessment.enqueue([{ stationKey: air.stationKey, parameterCode: AIR.PM25, observedAt: bj(2026, 1, 10, 0) }, { stationKey: air.stationKey, parameterCode: AIR.PM25, observedAt: bj(2026, 1, 11, 8) }]);
      await t.ctx.assessment.flush();

      const mine = (await get(`/api/v1/alerts?stationId=${air.id}`, owner)).json();
      const keys = mine.items.map((a: { parameterCode: string; basis: string; observedAt: string; value: number; limit: number }) => [a.parameterCode, a.basis, a.observedAt, a.value, a.limit]);
      expect(keys).toContainEqual(['AQI', 'hour', new Date(bj(2026, 1, 11, 8)).toISOString(), 250, 200]);
      expect(keys).toContainEqual(['a34004', 'day', new Date(bj(2026, 1, 10)).toISOString(), 100, 75]);
      const count = await db().selectFrom('assessment_alerts').select((eb) => eb.fn.countAll<number>().as('n')).where('station_key', '=', air.stationKey).where('parameter_code', '=', 'AQI').executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);

      const water = (await get(`/api/v1/alerts?stationId=${river.id}`, owner)).json().items;
      expect(water).toEqual([expect.objectContaining({ parameterCode: 'w21003', kind: 'standard', basis: 'sample', value: 1.8, limit: 1, status: 'open', organisationId: chuzhou.id })]);

      // Another province's user sees none of them and cannot act on them.
      const theirs = (await get('/api/v1/alerts', outsider)).json();
      expect(theirs.total).toBe(0);
      const alertId = water[0].id as string;
      expect((await post(`/api/v1/alerts/${alertId}/acknowledge`, outsider)).statusCode).toBe(404);
      expect((await post(`/api/v1/alerts/${alertId}/close`, outsider)).statusCode).toBe(404);
      // The working group supervises all alerts but does not handle them.
      const all = (await get('/api/v1/alerts?limit=500', supervisor)).json();
      expect(all.items.map((a: { id: string }) => a.id)).toContain(alertId);
      expect(all.total).toBeGreaterThanOrEqual(mine.total + water.length);
      expect((await post(`/api/v1/alerts/${alertId}/acknowledge`, supervisor)).statusCode).toBe(403);

      const acknowledged = await post(`/api/v1/alerts/${alertId}/acknowledge`, owner);
      expect(acknowledged.statusCode, acknowledged.body).toBe(200);
      expect(acknowledged.json()).toMatchObject({ status: 'acknowledged', acknowledgedBy: owner.me.user.id });
      expect((await post(`/api/v1/alerts/${alertId}/acknowledge`, owner)).statusCode).toBe(409);
      expect((await post(`/api/v1/alerts/${alertId}/close`, owner)).json()).toMatchObject({ status: 'closed' });
      const audit = await db().selectFrom('audit_events').select(['action']).where('object_id', '=', alertId).orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(['alert.acknowledge', 'alert.close']);
    });

    it('raises permit alerts for pollution sources above the permit limit', async () => {
      const source = await makeStation(t.ctx, { ownerOrganisationId: chuzhou.id, kind: 'pollution_source', subKind: 'waste_gas', parameters: [{ code: 'a21026', unit: 'mg/m3', permitLimit: 35 }] });
      await addReadings(t.ctx, source, [
        { code: 'a21026', at: bj(2026, 5, 1, 1), value: 30 },
        { code: 'a21026', at: bj(2026, 5, 1, 2), value: 41.5 },
      ]);
      await t.ctx.assessment.flush();
      const alerts = (await get(`/api/v1/alerts?stationId=${source.id}`, owner)).json().items;
      expect(alerts).toEqual([expect.objectContaining({ kind: 'permit', parameterCode: 'a21026', value: 41.5, limit: 35, observedAt: new Date(bj(2026, 5, 1, 2)).toISOString() })]);
    });

    it('serves the latest hourly AQI per air station and validates ranges', async () => {
      const latest = (await get('/api/v1/air-quality/latest', outsider)).json().items;
      expect(latest.find((x: { stationId: string }) => x.stationId === air.id)).toMatchObject({ at: new Date(bj(2026, 1, 11, 8)).toISOString(), aqi: 250, level: 5 });
      expect((await get(`/api/v1/stations/${air.id}/aqi?period=day&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`, owner)).statusCode).toBe(400);
      expect((await get(`/api/v1/stations/${river.id}/aqi?period=day`, owner)).statusCode).toBe(400);
      expect((await get(`/api/v1/stations/0190a3c2-0000-7000-8000-000000000000/rollups?period=day`, owner)).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/air-quality/latest' })).statusCode).toBe(401);
    });
  });
}
