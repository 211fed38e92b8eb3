import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContext, createContext, type AppContext } from '../../../src/server/context';
import { testDialects } from '../../helpers/dialects';
import { makeOrganisation } from '../../helpers/identity';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-context';

// PostgreSQL's autovacuum keeps its statistics; refreshStatistics only acts on SQLite.
describe.runIf(testDialects().includes('sqlite'))('query planner statistics (sqlite)', () => {
  let database: TestDatabase;
  let ctx: AppContext;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    ctx = await createContext(database.config);
    for (let i = 0; i < 5; i++) await makeOrganisation(ctx, { kind: 'city_bureau', divisionCode: '320100' });
  });
  afterAll(async () => {
    await closeContext(ctx);
    await database.dispose();
  });

  it('analyses the tables on demand, so the planner can choose indexes by their selectivity', async () => {
    const before = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(ctx.database.db);
    expect(Number(before.rows[0]!.n)).toBe(0);
    await ctx.database.refreshStatistics();
    const analysed = await sql<{ tbl: string }>`select distinct tbl from sqlite_stat1`.execute(ctx.database.db);
    expect(analysed.rows.map((row) => row.tbl)).toContain('organisations');
  });
});
