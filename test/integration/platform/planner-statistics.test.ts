import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContext, createContext, type AppContext } from '../../../src/server/context';
import { testDialects } from '../../helpers/dialects';
import { makeOrganisation } from '../../helpers/identity';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-context';

for (const dialect of testDialects()) {
  describe(`query planner statistics (${dialect})`, () => {
    let database: TestDatabase;
    let ctx: AppContext;

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      ctx = await createContext(database.config);
      for (let i = 0; i < 5; i++) await makeOrganisation(ctx, { kind: 'city_bureau', divisionCode: '320100' });
    });
    afterAll(async () => {
      await closeContext(ctx);
      await database.dispose();
    });

    it('refreshes them on demand (SQLite analyses its tables; PostgreSQL leaves it to autovacuum)', async () => {
      await ctx.database.refreshStatistics();
      if (dialect !== 'sqlite') return;
      const analysed = await sql<{ tbl: string }>`select distinct tbl from sqlite_stat1`.execute(ctx.database.db);
      expect(analysed.rows.map((row) => row.tbl)).toContain('organisations');
    });
  });
}
