import { sql, type Insertable, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../../../src/server/db/database';
import { readingsTimeOrder } from '../../../src/server/db/migrations/20261206-16-readings-time-order';
import { migrateToLatest } from '../../../src/server/db/migrator';
import type { Database } from '../../../src/server/db/schema';
import type { MonitoringReadingsTable } from '../../../src/server/modules/monitoring/monitoring.tables';
import { testDialects } from '../../helpers/dialects';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-context';

/** The primary key's columns of monitoring_readings, in key order. */
async function keyColumns(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): Promise<string[]> {
  const { rows } =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from pragma_table_info('monitoring_readings') where pk > 0 order by pk`.execute(db)
      : await sql<{ name: string }>`
          select a.attname as name
          from pg_index i
          join pg_class c on c.oid = i.indrelid
          join pg_namespace n on n.oid = c.relnamespace
          join unnest(i.indkey) with ordinality as k(attnum, position) on true
          join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
          where c.relname = 'monitoring_readings' and n.nspname = current_schema() and i.indisprimary
          order by k.position`.execute(db);
  return rows.map((row) => row.name);
}

const allRows = (db: Kysely<Database>) =>
  db.selectFrom('monitoring_readings').selectAll().orderBy('station_key').orderBy('parameter_code').orderBy('interval').orderBy('observed_at').execute();

for (const dialect of testDialects()) {
  describe(`migration 20261206-16: readings keyed by time before parameter (${dialect})`, () => {
    let database: TestDatabase;
    let handle: DatabaseHandle;

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      handle = createDatabase(database.config.database);
      await migrateToLatest(handle);
    });
    afterAll(async () => {
      await handle?.close();
      await database?.dispose();
    });

    it('a migrated database has the key (station, interval, time, parameter)', async () => {
      expect(await keyColumns(handle.db, dialect)).toEqual(['station_key', 'interval', 'observed_at', 'parameter_code']);
    });

    it('re-keys existing readings without losing or changing one, and the key still refuses duplicates', async () => {
      await readingsTimeOrder.down(handle.db, dialect);
      expect(await keyColumns(handle.db, dialect)).toEqual(['station_key', 'parameter_code', 'interval', 'observed_at']);
      const base = Date.parse('2026-11-01T00:00:00Z');
      const rows: Insertable<MonitoringReadingsTable>[] = [];
      for (let station = 1; station <= 3; station++) {
        for (let hour = 0; hour < 40; hour++) {
          for (const code of ['w01018', 'w21003', 'a34004']) {
            rows.push({
              station_key: station,
              parameter_code: code,
              interval: hour % 2 === 0 ? 'hour' : 'min',
              observed_at: base - hour * 3_600_000,
              value: hour === 7 ? null : station * 1000 + hour + 0.25,
              flag: hour === 7 ? 'F' : 'N',
              quality: hour < 5 ? 'validated' : 'preliminary',
              validated_by: hour < 5 ? 'user-1' : null,
              validated_at: hour < 5 ? base : null,
              source: 'gateway',
              institution_id: station === 2 ? 'inst-2' : null,
              received_at: base + 1,
            });
          }
        }
      }
      await handle.db.insertInto('monitoring_readings').values(rows).execute();
      const before = await allRows(handle.db);
      expect(before).toHaveLength(360);

      await readingsTimeOrder.up(handle.db, dialect);
      expect(await keyColumns(handle.db, dialect)).toEqual(['station_key', 'interval', 'observed_at', 'parameter_code']);
      expect(await allRows(handle.db)).toEqual(before);
      const again = await handle.db.insertInto('monitoring_readings').values(rows.slice(0, 5)).onConflict((oc) => oc.doNothing()).executeTakeFirst();
      expect(Number(again.numInsertedOrUpdatedRows)).toBe(0);
    });
  });
}
