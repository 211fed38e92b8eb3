import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContext, createContext } from '../../../src/server/context';
import { SYSTEM } from '../../../src/server/modules/identity';
import type { NewReading, StoredBatch } from '../../../src/server/modules/monitoring';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV, makeOrganisation } from '../../helpers/identity';
import { buildTestApp, createTestDatabase, type TestApp } from '../../helpers/test-context';
import { bj } from '../assessment/fixtures';

/**
 * The gateway's `acceptReadings`: durable when it resolves. On a SQLite file, batches of at
 * least SQLITE_INBOX_MIN_BATCH_ROWS readings wait in the writer's inbox and become visible when
 * it moves (src/server/db/sqlite-readings-inbox.ts). Here every batch goes to the inbox and
 * nothing moves on its own unless a test asks for it.
 */
const HELD = { SQLITE_INBOX_MIN_BATCH_ROWS: '1', SQLITE_INBOX_MOVE_ROWS: '1000000', SQLITE_INBOX_MOVE_DELAY_MS: '60000', SQLITE_INBOX_MAX_LAG_MS: '60000' };

async function makeAirStation(t: TestApp, code: string): Promise<number> {
  const org = await makeOrganisation(t.ctx, { kind: 'city_bureau', divisionCode: '320100' });
  const station = await t.ctx.monitoring.stations.create(SYSTEM, {
    code,
    name: `收件箱测试站 ${code}`,
    nameEn: `Inbox test station ${code}`,
    kind: 'air',
    longitude: 118.8,
    latitude: 32.06,
    provinceCode: '320000',
    cityCode: '320100',
    ownerOrganisationId: org.id,
    parameters: [
      { code: 'a34004', unit: 'µg/m³' },
      { code: 'a05024', unit: 'µg/m³' },
    ],
  });
  return t.ctx.monitoring.stationDirectory.findById(station.id)!.stationKey;
}

function readingOf(stationKey: number) {
  return (code: string, at: number, value: number | null, flag: string | null = 'N'): NewReading => ({
    stationKey,
    parameterCode: code,
    interval: 'hour',
    observedAt: at,
    value,
    flag,
    source: 'gateway',
  });
}

async function storedValues(t: TestApp, stationKey: number): Promise<string[]> {
  const rows = await t.ctx.database.db
    .selectFrom('monitoring_readings')
    .select(['parameter_code', 'observed_at', 'value', 'flag', 'quality'])
    .where('station_key', '=', stationKey)
    .orderBy('parameter_code')
    .orderBy('observed_at')
    .execute();
  return rows.map((r) => `${r.parameter_code}@${Number(r.observed_at)}=${r.value === null ? 'null' : Number(r.value)}/${r.flag ?? '-'}/${r.quality}`);
}

async function queuedDays(t: TestApp, stationKey: number): Promise<string[]> {
  const rows = await t.ctx.database.db.selectFrom('assessment_dirty_days').select(['parameter_code', 'day_start']).where('station_key', '=', stationKey).execute();
  return rows.map((r) => `${r.parameter_code}@${Number(r.day_start)}`).sort();
}

describe('readings inbox (sqlite): accepted batches wait, then move', () => {
  let t: TestApp;
  let stationKey: number;
  let reading: ReturnType<typeof readingOf>;
  const heard: StoredBatch[] = [];

  beforeAll(async () => {
    t = await buildTestApp('sqlite', { env: { ...IDENTITY_TEST_ENV, ...HELD } });
    stationKey = await makeAirStation(t, 'INBOX-1');
    reading = readingOf(stationKey);
    t.ctx.monitoring.onReadingsStored((batch) => heard.push(batch));
  });
  afterAll(async () => t?.close());

  it('keeps an accepted batch out of sight, with no roll-up key, until the inbox moves', async () => {
    await t.ctx.assessment.withBackgroundPaused(async () => {
      const result = await t.ctx.monitoring.acceptReadings([
        reading('a34004', bj(2026, 10, 3, 9), 20.5),
        reading('a34004', bj(2026, 10, 3, 10), null, 'D'),
        // From 17:00 Beijing an O3 hour also marks the next day (8-hour means).
        reading('a05024', bj(2026, 10, 3, 18), 0.1 + 0.2),
      ]);
      expect(result).toEqual({ inserted: 0, duplicates: 0, deferred: 3 });
      expect(await storedValues(t, stationKey)).toEqual([]);
      expect(await queuedDays(t, stationKey)).toEqual([]);
      heard.length = 0;

      await t.ctx.monitoring.settleAccepted();
      expect(await storedValues(t, stationKey)).toEqual([
        `a05024@${bj(2026, 10, 3, 18)}=${0.1 + 0.2}/N/preliminary`,
        `a34004@${bj(2026, 10, 3, 9)}=20.5/N/preliminary`,
        `a34004@${bj(2026, 10, 3, 10)}=null/D/preliminary`,
      ]);
      expect(await queuedDays(t, stationKey)).toEqual([`a05024@${bj(2026, 10, 3, 0)}`, `a05024@${bj(2026, 10, 4, 0)}`, `a34004@${bj(2026, 10, 3, 0)}`]);
      expect(heard).toEqual([{ inserted: 3, buckets: [], dirtyDaysQueued: true }]);
      const left = await sql<{ n: number }>`select count(*) as n from monitoring_readings_inbox`.execute(t.ctx.database.db);
      expect(Number(left.rows[0]!.n)).toBe(0);
    });
  });

  it('keeps the first value of a key, across the inbox and the direct path alike', async () => {
    const at = bj(2026, 10, 5, 9);
    const moves: { moved: number; inserted: number }[] = [];
    const stopHearing = t.ctx.monitoring.onAcceptedMoved((result) => void moves.push(result));
    const gatewayBefore = t.ctx.gatewayModule.batcher.stats();
    await t.ctx.assessment.withBackgroundPaused(async () => {
      await t.ctx.monitoring.acceptReadings([reading('a34004', at, 1)]);
      // A resend while the first is still waiting, then a direct insert of the same key.
      await t.ctx.monitoring.acceptReadings([reading('a34004', at, 2)]);
      expect(await t.ctx.monitoring.ingestReadings([reading('a34004', at, 3), reading('a34004', at + 3_600_000, 4)])).toEqual({ inserted: 1, duplicates: 1 });
      // The direct insert moved the inbox first: nothing is left waiting.
      expect((await storedValues(t, stationKey)).filter((row) => row.startsWith(`a34004@${at}`) || row.startsWith(`a34004@${at + 3_600_000}`))).toEqual([
        `a34004@${at}=1/N/preliminary`,
        `a34004@${at + 3_600_000}=4/N/preliminary`,
      ]);
      await t.ctx.monitoring.acceptReadings([reading('a34004', at, 5)]);
      await t.ctx.monitoring.settleAccepted();
      expect((await storedValues(t, stationKey)).filter((row) => row.startsWith(`a34004@${at}=`))).toEqual([`a34004@${at}=1/N/preliminary`]);
    });
    stopHearing();
    // Two moves: the resend was a duplicate in the first, the third value in the second. The
    // gateway's status counts them as the direct path does.
    expect(moves).toEqual([{ moved: 2, inserted: 1 }, { moved: 1, inserted: 0 }]);
    const gatewayAfter = t.ctx.gatewayModule.batcher.stats();
    expect([gatewayAfter.readingsInserted - gatewayBefore.readingsInserted, gatewayAfter.readingsDuplicate - gatewayBefore.readingsDuplicate]).toEqual([1, 2]);
  });

  it('runs batches sent together in the order sent, beside queries of the main connection', async () => {
    // Forty batches at once join the writer's leases of the connection lock (the next waits in
    // the thread's queue while one commits); the main connection's reads and writes go between
    // leases. Resends of one key in later batches never win, and nothing fails with SQLITE_BUSY.
    const at = bj(2026, 9, 20, 0);
    const sent: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      sent.push(t.ctx.monitoring.acceptReadings([reading('a34004', at, i), reading('a05024', at + i * 3_600_000, i)]));
      if (i % 10 === 0) sent.push(t.ctx.database.db.selectFrom('monitoring_stations').select('id').execute());
      if (i % 10 === 5) sent.push(t.ctx.identity.organisations.create(SYSTEM, { kind: 'city_bureau', divisionCode: '320200', name: `并发测试局 ${i}`, nameEn: `Concurrency bureau ${i}` }));
    }
    await Promise.all(sent);
    await t.ctx.monitoring.settleAccepted();
    const stored = await storedValues(t, stationKey);
    expect(stored.filter((row) => row.startsWith(`a34004@${at}=`))).toEqual([`a34004@${at}=0/N/preliminary`]);
    const hours = stored.filter((row) => row.startsWith('a05024@')).map((row) => Number(row.slice(7, row.indexOf('=')))).filter((time) => time >= at && time < at + 40 * 3_600_000);
    expect(hours).toHaveLength(40);
  });

  it('lets the assessment flush see waiting readings (it settles the inbox first)', async () => {
    const day = bj(2026, 10, 7, 0);
    await t.ctx.monitoring.acceptReadings(Array.from({ length: 24 }, (_, h) => reading('a34004', day + h * 3_600_000, 30)));
    await t.ctx.assessment.flush();
    const daily = await t.ctx.database.db
      .selectFrom('assessment_rollups')
      .select(['mean', 'count'])
      .where('station_key', '=', stationKey)
      .where('parameter_code', '=', 'a34004')
      .where('period', '=', 'day')
      .where('period_start', '=', day)
      .executeTakeFirst();
    expect(daily).toMatchObject({ count: 24 });
    expect(Number(daily!.mean)).toBeCloseTo(30);
  });
});

describe('readings inbox (sqlite): when it moves on its own', () => {
  it('moves once SQLITE_INBOX_MOVE_ROWS readings wait, and after SQLITE_INBOX_MOVE_DELAY_MS without a batch', async () => {
    const t = await buildTestApp('sqlite', {
      env: { ...IDENTITY_TEST_ENV, SQLITE_INBOX_MIN_BATCH_ROWS: '2', SQLITE_INBOX_MOVE_ROWS: '4', SQLITE_INBOX_MOVE_DELAY_MS: '50', SQLITE_INBOX_MAX_LAG_MS: '60000' },
    });
    try {
      const stationKey = await makeAirStation(t, 'INBOX-2');
      const reading = readingOf(stationKey);
      const base = bj(2026, 10, 9, 0);
      const hour = (h: number) => reading('a34004', base + h * 3_600_000, h);
      // A single reading, with nothing waiting, is stored at once.
      expect(await t.ctx.monitoring.acceptReadings([hour(0)])).toEqual({ inserted: 1, duplicates: 0, deferred: 0 });
      expect(await storedValues(t, stationKey)).toHaveLength(1);
      // Two wait; the delay has not passed yet.
      expect((await t.ctx.monitoring.acceptReadings([hour(1), hour(2)])).deferred).toBe(2);
      expect(await storedValues(t, stationKey)).toHaveLength(1);
      // Two more reach SQLITE_INBOX_MOVE_ROWS: the move is requested at once.
      await t.ctx.monitoring.acceptReadings([hour(3), hour(4)]);
      await expect.poll(() => storedValues(t, stationKey), { timeout: 5000 }).toHaveLength(5);
      // Now below the threshold: the idle delay moves them.
      await t.ctx.monitoring.acceptReadings([hour(5), hour(6)]);
      await expect.poll(() => storedValues(t, stationKey), { timeout: 5000 }).toHaveLength(7);
    } finally {
      await t.close();
    }
  });

  it('moves at the latest SQLITE_INBOX_MAX_LAG_MS after the first waiting batch, however busy', async () => {
    const t = await buildTestApp('sqlite', {
      env: { ...IDENTITY_TEST_ENV, SQLITE_INBOX_MIN_BATCH_ROWS: '1', SQLITE_INBOX_MOVE_ROWS: '1000000', SQLITE_INBOX_MOVE_DELAY_MS: '60000', SQLITE_INBOX_MAX_LAG_MS: '100' },
    });
    try {
      const stationKey = await makeAirStation(t, 'INBOX-3');
      await t.ctx.monitoring.acceptReadings([readingOf(stationKey)('a34004', bj(2026, 10, 11, 0), 7)]);
      await expect.poll(() => storedValues(t, stationKey), { timeout: 5000 }).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});

describe('readings inbox (sqlite): what a crash leaves', () => {
  it('is moved when the platform starts again, roll-up keys included', async () => {
    const database = await createTestDatabase('sqlite', { ...IDENTITY_TEST_ENV, ...HELD });
    try {
      let ctx = await createContext(database.config);
      const t = { ctx } as TestApp;
      const stationKey = await makeAirStation(t, 'INBOX-4');
      await closeContext(ctx);
      const at = bj(2026, 10, 12, 8);
      // Rows as an interrupted process leaves them: committed to the inbox, never moved.
      const file = new SqliteDatabase((database.config.database as { file: string }).file);
      file
        .prepare('insert into monitoring_readings_inbox (station_key, interval, observed_at, source, institution_id, received_at, readings) values (?, ?, ?, ?, ?, ?, ?)')
        .run(stationKey, 'hour', at, 'gateway', null, at, '[["a34004",41.5,"N"],["a05024",null,"D"]]');
      file.prepare('insert into monitoring_readings_inbox_days (generation, station_key, parameter_code, day_start) values (?, ?, ?, ?)').run(3, stationKey, 'a34004', bj(2026, 10, 12, 0));
      file.close();
      ctx = await createContext(database.config);
      try {
        t.ctx = ctx;
        expect(await storedValues(t, stationKey)).toEqual([`a05024@${at}=null/D/preliminary`, `a34004@${at}=41.5/N/preliminary`]);
        expect(await queuedDays(t, stationKey)).toEqual([`a34004@${bj(2026, 10, 12, 0)}`]);
      } finally {
        await closeContext(ctx);
      }
    } finally {
      await database.dispose();
    }
  });
});

for (const dialect of testDialects()) {
  describe(`acceptReadings without an inbox is an ordinary insert (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      // On SQLite a batch below SQLITE_INBOX_MIN_BATCH_ROWS, with nothing waiting, goes straight in.
      t = await buildTestApp(dialect, { env: { ...IDENTITY_TEST_ENV, SQLITE_INBOX_MIN_BATCH_ROWS: '1000' } });
    });
    afterAll(async () => t?.close());

    it('stores at once and counts duplicates', async () => {
      const stationKey = await makeAirStation(t, 'INBOX-5');
      const reading = readingOf(stationKey);
      const at = bj(2026, 10, 13, 8);
      expect(await t.ctx.monitoring.acceptReadings([reading('a34004', at, 12), reading('a05024', at, 30)])).toEqual({ inserted: 2, duplicates: 0, deferred: 0 });
      expect(await t.ctx.monitoring.acceptReadings([reading('a34004', at, 13)])).toEqual({ inserted: 0, duplicates: 1, deferred: 0 });
      expect(await storedValues(t, stationKey)).toEqual([`a05024@${at}=30/N/preliminary`, `a34004@${at}=12/N/preliminary`]);
    });
  });
}
