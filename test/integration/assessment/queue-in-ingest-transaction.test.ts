import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../../src/server/modules/identity';
import type { NewReading } from '../../../src/server/modules/monitoring';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV, makeOrganisation } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { bj } from './fixtures';

/**
 * The roll-up queue key of an ingested reading is written in the readings' own transaction:
 * there is no moment at which a reading is committed and its day is not queued (a crash there
 * used to lose the recomputation), and no queue key without its reading.
 */
for (const dialect of testDialects()) {
  describe(`ingest queues its roll-up keys in the same transaction (${dialect})`, () => {
    let t: TestApp;
    let stationKey: number;

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV });
      const org = await makeOrganisation(t.ctx, { kind: 'city_bureau', divisionCode: '330100' });
      const station = await t.ctx.monitoring.stations.create(SYSTEM, {
        code: 'QUEUE-AIR-1',
        name: '队列测试站',
        nameEn: 'Queue test station',
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
      stationKey = t.ctx.monitoring.stationDirectory.findById(station.id)!.stationKey;
    });
    afterAll(async () => t?.close());

    const reading = (code: string, at: number, value: number): NewReading => ({ stationKey, parameterCode: code, interval: 'hour', observedAt: at, value, flag: 'N', source: 'gateway' });
    const queued = async () =>
      (await t.ctx.database.db.selectFrom('assessment_dirty_days').select(['parameter_code', 'day_start']).where('station_key', '=', stationKey).execute())
        .map((row) => `${row.parameter_code}@${Number(row.day_start)}`)
        .sort();
    const stored = async () =>
      Number(
        (await t.ctx.database.db.selectFrom('monitoring_readings').select((eb) => eb.fn.countAll<number>().as('n')).where('station_key', '=', stationKey).executeTakeFirstOrThrow()).n,
      );

    it('has the keys queued when ingest returns, before any listener work, and queues nothing for duplicates', async () => {
      await t.ctx.assessment.withBackgroundPaused(async () => {
        const result = await t.ctx.monitoring.ingestReadings([
          reading('a34004', bj(2026, 10, 3, 9), 20),
          reading('a34004', bj(2026, 10, 3, 10), 25),
          // An O3 hour from 17:00 Beijing also enters the next day's 8-hour means.
          reading('a05024', bj(2026, 10, 3, 18), 90),
        ]);
        expect(result).toEqual({ inserted: 3, duplicates: 0 });
        // Checked synchronously after the commit: nothing else could have written the queue.
        expect(await queued()).toEqual([`a05024@${bj(2026, 10, 3)}`, `a05024@${bj(2026, 10, 4)}`, `a34004@${bj(2026, 10, 3)}`].sort());
      });
      await t.ctx.assessment.flush();
      expect(await queued()).toEqual([]);

      const again = await t.ctx.monitoring.ingestReadings([reading('a34004', bj(2026, 10, 3, 9), 20)]);
      expect(again).toEqual({ inserted: 0, duplicates: 1 });
      expect(await queued()).toEqual([]);
    });

    it('stores no reading when its queue key cannot be written (one transaction)', async () => {
      const before = await stored();
      await sql`alter table assessment_dirty_days rename to assessment_dirty_days_away`.execute(t.ctx.database.db);
      try {
        await expect(t.ctx.monitoring.ingestReadings([reading('a34004', bj(2026, 10, 5, 9), 40)])).rejects.toThrow();
        expect(await stored()).toBe(before);
      } finally {
        await sql`alter table assessment_dirty_days_away rename to assessment_dirty_days`.execute(t.ctx.database.db);
      }
      // The same batch goes in once the queue is back, and its key with it.
      expect(await t.ctx.monitoring.ingestReadings([reading('a34004', bj(2026, 10, 5, 9), 40)])).toEqual({ inserted: 1, duplicates: 0 });
      expect(await stored()).toBe(before + 1);
      expect(await queued()).toContain(`a34004@${bj(2026, 10, 5)}`);
    });
  });
}
