import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationMapItem } from '../../../src/contracts/monitoring';
import { SYSTEM } from '../../../src/server/modules/identity';
import type { NewReading } from '../../../src/server/modules/monitoring';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { makeParty, makeStation, type Party } from '../monitoring/monitoring-fixtures';
import { bj } from './fixtures';

const AIR = { SO2: 'a21026', NO2: 'a21004', CO: 'a21005', O3: 'a05024', PM10: 'a34002', PM25: 'a34004' };
const TYPICAL: Record<keyof typeof AIR, number> = { SO2: 10, NO2: 40, CO: 0.5, O3: 50, PM10: 80, PM25: 100 };
const AIR_PARAMETERS = Object.values(AIR).map((code) => ({ code, unit: code === 'a21005' ? 'mg/m³' : 'µg/m³' }));
const WATER_PARAMETERS = ['w01009', 'w01019', 'w21003', 'w21011'].map((code) => ({ code, unit: 'mg/L' }));

for (const dialect of testDialects()) {
  describe(`station map: latest AQI and water class (${dialect})`, () => {
    let t: TestApp;
    let suzhou: Party;

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV });
      suzhou = await makeParty(t.app, t.ctx, '320500');
    });
    afterAll(async () => t?.close());

    const map = async (query = '') => (await t.app.inject({ method: 'GET', url: `/api/v1/stations/map${query}`, headers: suzhou.analyst.headers() })).json<{ items: StationMapItem[] }>().items;

    it('fills `latest` from the assessment tables: the newest hourly AQI of air stations, the newest sample class of water stations', async () => {
      const place = { provinceCode: '320000', cityCode: '320500', longitude: 120.6, latitude: 31.3, mn: null };
      const air = await makeStation(t.ctx, suzhou.organisation.id, { ...place, kind: 'air', subKind: null, parameters: AIR_PARAMETERS });
      const quietAir = await makeStation(t.ctx, suzhou.organisation.id, { ...place, kind: 'air', subKind: null, parameters: AIR_PARAMETERS });
      const river = await makeStation(t.ctx, suzhou.organisation.id, { ...place, subKind: 'manual', parameters: WATER_PARAMETERS });
      const source = await makeStation(t.ctx, suzhou.organisation.id, { ...place, kind: 'pollution_source', subKind: 'waste_gas', parameters: [{ code: 'a21026', unit: 'mg/m³' }] });

      const readings: NewReading[] = [];
      for (let h = 0; h < 24; h++) {
        for (const [key, value] of Object.entries(TYPICAL)) {
          readings.push({ stationKey: air.stationKey, parameterCode: AIR[key as keyof typeof AIR], interval: 'hour', observedAt: bj(2026, 5, 3, h), value, flag: 'N', source: 'upload' });
        }
      }
      const sample = (at: number, values: number[]) =>
        WATER_PARAMETERS.map((p, i): NewReading => ({ stationKey: river.stationKey, parameterCode: p.code, interval: 'day', observedAt: at, value: values[i]!, flag: null, source: 'manual' }));
      // DO, CODMn, NH3-N, TP: the older sample is V (NH3-N 1.8), the newer III.
      readings.push(...sample(bj(2026, 4, 10, 10), [6.5, 5, 1.8, 0.15]), ...sample(bj(2026, 5, 2, 9), [6.5, 3, 0.6, 0.05]));
      await t.ctx.monitoring.ingestReadings(readings);
      await t.ctx.assessment.flush();

      const items = await map('?provinceCode=320000');
      const byId = new Map(items.map((item) => [item.id, item]));
      // The last hour (23:00 Beijing, 2026-05-03) under HJ 633-2026 (data after 2026-03-01): PM2.5 100 → 137.
      expect(byId.get(air.id)).toMatchObject({
        code: air.code,
        kind: 'air',
        provinceCode: '320000',
        cityCode: '320500',
        latest: { at: new Date(bj(2026, 5, 3, 23)).toISOString(), aqi: 137, level: 3, primaryPollutants: ['PM2.5'] },
      });
      expect(byId.get(river.id)?.latest).toEqual({ at: new Date(bj(2026, 5, 2, 9)).toISOString(), waterClass: 'III', mainPollutants: [] });
      expect(byId.get(quietAir.id)?.latest).toBeUndefined();
      expect(byId.get(source.id)?.latest).toBeUndefined();

      // The same filters as the station list: text, kind, city, status.
      expect((await map(`?q=${air.code}`)).map((i) => i.id)).toEqual([air.id]);
      expect((await map('?cityCode=320500&kind=surface_water')).map((i) => i.id)).toEqual([river.id]);
      await t.ctx.monitoring.stations.update(SYSTEM, quietAir.id, { status: 'suspended' });
      expect((await map('?cityCode=320500&status=suspended')).map((i) => i.id)).toEqual([quietAir.id]);
    });
  });
}
