import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWO_PLUS_FIVE_CODES } from '../../../src/standards/divisions';
import { seedDemoData } from '../../../src/server/modules/demo';
import { AMMONIA_INCIDENT_EVERY_DAYS, demoStations } from '../../../src/server/modules/demo/monitoring-demo';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';

const ANCHOR = Date.parse('2026-11-28T04:00:00Z');
/** A shorter window than the real demo keeps the test quick; the generator is the same. */
const OPTIONS = { anchor: ANCHOR, days: 4, months: 3 };

/** Counts and a checksum of everything derived, independent of ids and computation times. */
async function fingerprint(t: TestApp) {
  const db = t.ctx.database.db;
  const readings = await db.selectFrom('monitoring_readings as r').innerJoin('monitoring_stations as s', 's.station_key', 'r.station_key').select(['s.code', 'r.parameter_code', 'r.interval', 'r.observed_at', 'r.value']).orderBy('s.code').orderBy('r.parameter_code').orderBy('r.interval').orderBy('r.observed_at').execute();
  const rollups = await db.selectFrom('assessment_rollups as r').innerJoin('monitoring_stations as s', 's.station_key', 'r.station_key').select(['s.code', 'r.parameter_code', 'r.period', 'r.period_start', 'r.mean', 'r.count', 'r.complete']).orderBy('s.code').orderBy('r.parameter_code').orderBy('r.period').orderBy('r.period_start').execute();
  const aqi = await db.selectFrom('air_quality_hourly as a').innerJoin('monitoring_stations as s', 's.station_key', 'a.station_key').select(['s.code', 'a.observed_at', 'a.aqi', 'a.standard']).orderBy('s.code').orderBy('a.observed_at').execute();
  const water = await db.selectFrom('water_class_samples as w').innerJoin('monitoring_stations as s', 's.station_key', 'w.station_key').select(['s.code', 'w.sampled_at', 'w.class']).orderBy('s.code').orderBy('w.sampled_at').execute();
  const alerts = await db.selectFrom('assessment_alerts as a').innerJoin('monitoring_stations as s', 's.id', 'a.station_id').select(['s.code', 'a.parameter_code', 'a.kind', 'a.observed_at', 'a.value']).orderBy('s.code').orderBy('a.parameter_code').orderBy('a.kind').orderBy('a.observed_at').execute();
  const digest = (rows: unknown[]) => createHash('sha256').update(JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v))).digest('hex');
  return {
    counts: { readings: readings.length, rollups: rollups.length, aqi: aqi.length, water: water.length, alerts: alerts.length },
    digests: [digest(readings), digest(rollups), digest(aqi), digest(water), digest(alerts)],
  };
}

for (const dialect of testDialects()) {
  describe(`monitoring demo data (${dialect})`, () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      [a, b] = await Promise.all([buildTestApp(dialect, { env: IDENTITY_TEST_ENV }), buildTestApp(dialect, { env: IDENTITY_TEST_ENV })]);
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
    });

    it('covers every city including the 2+5 cities, the Jiangsu–Anhui border waters and permit-limited sources', () => {
      const stations = demoStations();
      const airCities = stations.filter((s) => s.kind === 'air').map((s) => s.cityCode);
      for (const code of TWO_PLUS_FIVE_CODES) expect(airCities).toContain(code);
      expect(airCities).toContain('310100');
      expect(stations.filter((s) => s.kind === 'surface_water').map((s) => s.name)).toEqual(expect.arrayContaining(['滁河陈浅', '淮河小柳巷', '新安江街口', '石臼湖湖心']));
      expect(stations.filter((s) => s.kind === 'pollution_source').every((s) => s.parameters.every((p) => p.permitLimit !== undefined))).toBe(true);
    });

    it('is deterministic and idempotent: two databases get identical data, a second run adds nothing', async () => {
      const lines: string[] = [];
      const first = await seedDemoData(a.ctx, { monitoring: OPTIONS, onProgress: (line) => lines.push(line) });
      await seedDemoData(b.ctx, { monitoring: OPTIONS });
      expect(first.monitoring).toMatchObject({ stationsCreated: demoStations().length });
      expect(first.monitoring!.readingsInserted).toBeGreaterThan(10_000);
      expect(lines.some((line) => line.startsWith('assessment:'))).toBe(true);
      const fa = await fingerprint(a);
      const fb = await fingerprint(b);
      expect(fa).toEqual(fb);
      expect(fa.counts.aqi).toBeGreaterThan(0);
      expect(fa.counts.water).toBeGreaterThan(0);

      const again = await seedDemoData(a.ctx, { monitoring: OPTIONS });
      expect(again.monitoring).toMatchObject({ stationsCreated: 0, readingsInserted: 0 });
      expect(await fingerprint(a)).toEqual(fa);
    }, 120_000);

    it('raises exceedance alerts for a section of a provincial department too, not only for city bureaus', async () => {
      // A window longer than the incident cadence holds at least one incident day.
      await seedDemoData(a.ctx, { monitoring: { ...OPTIONS, days: AMMONIA_INCIDENT_EVERY_DAYS + 1 } });
      const alerts = await a.ctx.database.db
        .selectFrom('assessment_alerts as a')
        .innerJoin('monitoring_stations as s', 's.id', 'a.station_id')
        .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
        .select(['s.code', 'a.parameter_code', 'a.value', 'a.limit_value', 'o.kind'])
        .execute();
      const provincial = alerts.filter((alert) => alert.kind === 'provincial_department' && alert.code.startsWith('W-'));
      expect(provincial.length).toBeGreaterThan(0);
      // NH3-N above the class-III limit of the section's target (1.0 mg/L).
      expect(provincial).toContainEqual(expect.objectContaining({ code: 'W-CH-CHENQIAN', parameter_code: 'w21003', limit_value: 1 }));
      expect(alerts.some((alert) => alert.kind === 'city_bureau')).toBe(true);
    }, 120_000);
  });
}
