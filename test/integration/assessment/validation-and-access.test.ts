import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Station } from '../../../src/contracts/monitoring';
import type { NewReading } from '../../../src/server/modules/monitoring';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV, makeToken, makeUser } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { makeParty, makeStation, type Party } from '../monitoring/monitoring-fixtures';
import { bj } from './fixtures';

const AIR = { SO2: 'a21026', NO2: 'a21004', CO: 'a21005', O3: 'a05024', PM10: 'a34002', PM25: 'a34004' };
const AIR_PARAMETERS = Object.values(AIR).map((code) => ({ code, unit: code === 'a21005' ? 'mg/m³' : 'µg/m³' }));
const TYPICAL = { SO2: 10, NO2: 40, CO: 0.5, O3: 50, PM10: 80, PM25: 100 };
const NANJING = { kind: 'air' as const, subKind: null, mn: null, parameters: AIR_PARAMETERS };

/** A Beijing day of hourly readings of the six pollutants; PM2.5 is 300 µg/m³ at 00:00 and 01:00. */
function dayWithPeak(stationKey: number): NewReading[] {
  const out: NewReading[] = [];
  for (let h = 0; h < 24; h++) {
    for (const [key, value] of Object.entries(TYPICAL)) {
      const code = AIR[key as keyof typeof AIR];
      out.push({ stationKey, parameterCode: code, interval: 'hour', observedAt: bj(2026, 1, 10, h), value: key === 'PM25' && h < 2 ? 300 : value, flag: 'N', source: 'upload' });
    }
  }
  return out;
}

for (const dialect of testDialects()) {
  describe(`assessment: validation re-queues roll-ups; reads need readings:read (${dialect})`, () => {
    let t: TestApp;
    let nanjing: Party;
    let station: Station;

    const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
    const dayUrl = (path: string) => `/api/v1/stations/${station.id}/${path}&from=2026-01-09T16:00:00Z&to=2026-01-10T16:00:00Z`;

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV });
      nanjing = await makeParty(t.app, t.ctx, '320100');
      station = await makeStation(t.ctx, nanjing.organisation.id, NANJING);
      await t.ctx.monitoring.ingestReadings(dayWithPeak(station.stationKey));
      await t.ctx.assessment.flush();
    });
    afterAll(async () => t?.close());

    async function snapshot() {
      const headers = nanjing.analyst.headers();
      const day = (await get(dayUrl('rollups?period=day&parameter=a34004'), headers)).json().items;
      const daily = (await get(dayUrl('aqi?period=day'), headers)).json().items;
      const hourly = (await get(dayUrl('aqi?period=hour'), headers)).json().items;
      return { pm25Day: day[0], dailyAqi: daily[0], firstHour: hourly[0] };
    }

    const validate = (quality: 'invalid' | 'validated') =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/stations/${station.id}/readings/validate`,
        headers: nanjing.steward.headers(true),
        payload: { interval: 'hour', from: '2026-01-10T00:00:00+08:00', to: '2026-01-10T02:00:00+08:00', parameters: ['a34004'], quality },
      });

    it('invalidating PM2.5 hours recomputes the day roll-up and the hourly and daily AQI; re-validating restores them', async () => {
      const before = await snapshot();
      // 22 hours of 100 and 2 of 300 → mean 116.67 (24 values).
      expect(before.pm25Day).toMatchObject({ count: 24, max: 300, complete: true });
      expect(before.pm25Day.mean).toBeCloseTo(116.67, 2);
      // PM2.5 24-h mean 117 → IAQI 150 + (117 − 115) / (150 − 115) × 50 = 152.9 ↑ 153 (HJ 633-2012).
      expect(before.dailyAqi).toMatchObject({ aqi: 153, primaryPollutants: ['PM2.5'] });
      // PM2.5 300 lies between 250 (IAQI 300) and 350 (IAQI 400) → 350.
      expect(before.firstHour.iaqi['PM2.5']).toBe(350);

      const invalidated = await validate('invalid');
      expect(invalidated.statusCode, invalidated.body).toBe(200);
      expect(invalidated.json()).toEqual({ updated: 2 });
      await t.ctx.assessment.flush();
      const after = await snapshot();
      expect(after.pm25Day).toMatchObject({ count: 22, mean: 100, max: 100, complete: true });
      // PM2.5 100 → 132, the same as TYPICAL all day.
      expect(after.dailyAqi).toMatchObject({ aqi: 132, primaryPollutants: ['PM2.5'] });
      expect(after.firstHour.iaqi['PM2.5']).toBeUndefined();
      expect(after.firstHour.aqi).toBeLessThan(before.firstHour.aqi);

      expect((await validate('validated')).json()).toEqual({ updated: 2 });
      await t.ctx.assessment.flush();
      const restored = await snapshot();
      expect(restored.pm25Day).toMatchObject({ count: 24, max: 300 });
      expect(restored.dailyAqi.aqi).toBe(153);
      expect(restored.firstHour.aqi).toBe(before.firstHour.aqi);
    });

    it('preliminary → validated changes no value and queues nothing', async () => {
      const batches: unknown[] = [];
      const unsubscribe = t.ctx.monitoring.onReadingsStored((batch) => batches.push(batch));
      try {
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/v1/stations/${station.id}/readings/validate`,
          headers: nanjing.steward.headers(true),
          payload: { interval: 'hour', from: '2026-01-10T12:00:00+08:00', to: '2026-01-10T14:00:00+08:00', quality: 'validated' },
        });
        expect(response.json()).toEqual({ updated: 12 });
        expect(batches).toEqual([]);
        expect(await t.ctx.assessment.pending()).toBe(0);
      } finally {
        unsubscribe();
      }
    });

    it('roll-ups, AQI and water class need readings:read: a token scoped without it gets 403, with it 200', async () => {
      const { user } = await makeUser(t.ctx, { organisationId: nanjing.organisation.id, roles: ['analyst'] });
      const stationsOnly = await makeToken(t.ctx, user.id, { scopes: ['stations:read'] });
      const withReadings = await makeToken(t.ctx, user.id, { scopes: ['stations:read', 'readings:read'] });
      const urls = [
        dayUrl('rollups?period=day'),
        dayUrl('aqi?period=hour'),
        `/api/v1/stations/${station.id}/water-class?period=sample`,
        '/api/v1/air-quality/latest',
        '/api/v1/water-quality/latest',
      ];
      for (const url of urls) {
        const refused = await get(url, stationsOnly.headers);
        expect(refused.statusCode, url).toBe(403);
        expect(refused.json().error.code).toBe('INSUFFICIENT_SCOPE');
        // The air station has no water class (400): the permission passed.
        expect([200, 400], url).toContain((await get(url, withReadings.headers)).statusCode);
      }
      expect((await get(dayUrl('aqi?period=hour'), withReadings.headers)).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: dayUrl('aqi?period=hour') })).statusCode).toBe(401);
    });
  });
}
