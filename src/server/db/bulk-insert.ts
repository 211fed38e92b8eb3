import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './schema';

/**
 * The dialect-specific fast path for the platform's one hot write: monitoring readings.
 * Kysely's multi-row inserts reach about half the raw rate on SQLite, so this module talks to
 * the drivers directly — on SQLite always under Kysely's connection lock, on PostgreSQL on a
 * client of the same pool. Everything else goes through Kysely.
 */

/** One reading row as the writer takes it (the monitoring module's `NewReading`). */
export interface BulkReading {
  stationKey: number;
  parameterCode: string;
  interval: string;
  /** UTC epoch ms. */
  observedAt: number;
  /** Finite or null (the caller checks). */
  value: number | null;
  flag: string | null;
  source: string;
  institutionId?: string | null;
}

/** A distinct (station, parameter, interval, UTC hour start) key among the inserted rows. */
export interface InsertedBucket {
  stationKey: number;
  parameterCode: string;
  interval: string;
  /** observedAt rounded down to the hour, UTC epoch ms (Beijing hours align: UTC+8 whole hours). */
  hourStart: number;
}

export interface BulkInsertResult {
  /** Rows actually stored; the rest already existed (same key) and were left untouched. */
  inserted: number;
  buckets: InsertedBucket[];
}

/** One row of the roll-up queue `assessment_dirty_days` (a station-parameter Beijing day to recompute). */
export interface DirtyDayKey {
  stationKey: number;
  parameterCode: string;
  /** UTC epoch ms of the Beijing day's start. */
  dayStart: number;
  enqueuedAt: number;
}

/**
 * Roll-up queue keys to upsert in the SAME transaction as the readings, so a crash between the
 * readings commit and a separate queue write cannot lose a day's recomputation. The writer does
 * not know the assessment rules: the caller says which keys each row makes dirty, and only
 * keys of rows actually inserted (not duplicates) are written.
 */
export interface DirtyDayPlan {
  keys: DirtyDayKey[];
  /** Two slots per row (row i: `2i`, `2i + 1`): indices into `keys`, -1 for none. */
  keysOfRow: Int32Array;
}

export interface BulkWriter {
  /**
   * Inserts `rows` into monitoring_readings in ONE transaction of its own, quality
   * `preliminary`, skipping rows whose key (station_key, parameter_code, interval, observed_at)
   * exists — also duplicates inside `rows` — and upserts the `dirtyDays` keys of the inserted
   * rows in the same transaction. Must not be called inside another transaction.
   */
  insertReadings(rows: readonly BulkReading[], receivedAt: number, dirtyDays?: DirtyDayPlan): Promise<BulkInsertResult>;
  /**
   * Like `insertReadings` — durable when it resolves — except that the writer may keep the rows
   * in an inbox and make them visible later (the SQLite file writer under load, see
   * sqlite-readings-inbox.ts); `deferred` counts those, and their queue keys are written when
   * they move. For the HJ 212 gateway, whose acknowledgement promises durability, not visibility.
   */
  acceptReadings(rows: readonly BulkReading[], receivedAt: number, dirtyDays: DirtyDayPlan): Promise<BulkAcceptResult>;
  /** Makes every deferred row visible now; resolves at once when none wait. */
  settle(): Promise<void>;
  /** Hears of each move of deferred rows (visible, queue keys written) and of each failed move. */
  onDeferredMoved(listener: DeferredMoveListener): () => void;
  /** Moves what waits, then stops helpers the writer started; called by the database handle's close. */
  close(): Promise<void>;
}

export interface BulkAcceptResult extends BulkInsertResult {
  /** Rows kept in the inbox: durable, visible after the next move. */
  deferred: number;
}

export interface DeferredMoveListener {
  moved(result: { moved: number; inserted: number }): void;
  failed(error: Error): void;
}

/** The inbox-less part of a writer: every accepted row is inserted at once. */
function withoutInbox(insertReadings: BulkWriter['insertReadings'], close: BulkWriter['close']): BulkWriter {
  return {
    insertReadings,
    acceptReadings: async (rows, receivedAt, dirtyDays) => ({ ...(await insertReadings(rows, receivedAt, dirtyDays)), deferred: 0 }),
    settle: () => Promise.resolve(),
    onDeferredMoved: () => () => undefined,
    close,
  };
}

const HOUR_MS = 3_600_000;

function hourOf(epochMs: number): number {
  return epochMs - (((epochMs % HOUR_MS) + HOUR_MS) % HOUR_MS);
}

/** Marks the plan's keys of inserted rows; `list()` gives the keys to upsert. */
export function dirtyKeyCollector(plan: DirtyDayPlan | undefined) {
  const used = plan === undefined ? null : new Uint8Array(plan.keys.length);
  return {
    rowInserted(index: number): void {
      if (plan === undefined || used === null) return;
      const first = plan.keysOfRow[2 * index]!;
      const second = plan.keysOfRow[2 * index + 1]!;
      if (first >= 0) used[first] = 1;
      if (second >= 0) used[second] = 1;
    },
    list(): DirtyDayKey[] {
      if (plan === undefined || used === null) return [];
      return plan.keys.filter((_, i) => used[i] === 1);
    },
  };
}

/** Same conflict rule as the assessment repository's enqueue: a re-marked key takes the newer stamp. */
export const SQLITE_UPSERT_DIRTY_DAY =
  'insert into assessment_dirty_days (station_key, parameter_code, day_start, enqueued_at) values (?, ?, ?, ?) ' +
  'on conflict (station_key, parameter_code, day_start) do update set enqueued_at = excluded.enqueued_at';

/** Collects distinct buckets; consecutive rows usually share one, so the last key is cached. */
export function bucketCollector() {
  const seen = new Map<string, InsertedBucket>();
  let lastKey = '';
  return {
    add(stationKey: number, parameterCode: string, interval: string, observedAt: number): void {
      const hourStart = hourOf(observedAt);
      const key = `${stationKey}\u0000${parameterCode}\u0000${interval}\u0000${hourStart}`;
      if (key === lastKey) return;
      lastKey = key;
      if (!seen.has(key)) seen.set(key, { stationKey, parameterCode, interval, hourStart });
    },
    list: (): InsertedBucket[] => [...seen.values()],
  };
}

export const SQLITE_INSERT =
  'insert into monitoring_readings (station_key, parameter_code, interval, observed_at, value, flag, quality, source, institution_id, received_at) ' +
  "values (?, ?, ?, ?, ?, ?, 'preliminary', ?, ?, ?) on conflict do nothing";

/**
 * SQLite: one cached better-sqlite3 prepared statement per row inside one IMMEDIATE
 * transaction, run while holding Kysely's single-connection lock (`db.connection()`), so no
 * Kysely query can interleave with it.
 */
export function createSqliteBulkWriter(db: Kysely<Database>, sqlite: SqliteDatabase.Database): BulkWriter {
  // Prepared lazily: the tables do not exist before the migrations ran.
  let insert: SqliteDatabase.Statement | undefined;
  let upsertDirty: SqliteDatabase.Statement | undefined;
  return withoutInbox(
    async (rows, receivedAt, dirtyDays) => {
      if (rows.length === 0) return { inserted: 0, buckets: [] };
      return db.connection().execute(async () => {
        const statement = (insert ??= sqlite.prepare(SQLITE_INSERT));
        const buckets = bucketCollector();
        const dirty = dirtyKeyCollector(dirtyDays);
        const run = sqlite.transaction(() => {
          let inserted = 0;
          for (let i = 0; i < rows.length; i++) {
            const r = rows[i]!;
            const changes = statement.run(r.stationKey, r.parameterCode, r.interval, r.observedAt, r.value, r.flag, r.source, r.institutionId ?? null, receivedAt).changes;
            if (changes > 0) {
              inserted += 1;
              buckets.add(r.stationKey, r.parameterCode, r.interval, r.observedAt);
              dirty.rowInserted(i);
            }
          }
          const keys = dirty.list();
          if (keys.length > 0) {
            const upsert = (upsertDirty ??= sqlite.prepare(SQLITE_UPSERT_DIRTY_DAY));
            for (const k of keys) upsert.run(k.stationKey, k.parameterCode, k.dayStart, k.enqueuedAt);
          }
          return inserted;
        });
        const inserted = run.immediate();
        return { inserted, buckets: buckets.list() };
      });
    },
    () => Promise.resolve(),
  );
}

/** COPY text format: `\N` is null; backslash, tab, newline and carriage return are escaped. */
export function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

function copyNumber(value: number | null): string {
  return value === null ? '\\N' : String(value);
}

/** COPY text rows; with `receivedAt` the quality and received_at columns are appended (direct COPY). */
function* copyLines(rows: readonly BulkReading[], receivedAt?: number): Generator<string> {
  const CHUNK = 2000;
  const tail = receivedAt === undefined ? '\n' : `\tpreliminary\t${receivedAt}\n`;
  for (let start = 0; start < rows.length; start += CHUNK) {
    let text = '';
    const end = Math.min(rows.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const r = rows[i]!;
      text += `${r.stationKey}\t${copyText(r.parameterCode)}\t${copyText(r.interval)}\t${r.observedAt}\t${copyNumber(r.value)}\t${copyText(r.flag)}\t${copyText(r.source)}\t${copyText(r.institutionId ?? null)}${tail}`;
    }
    yield text;
  }
}

const PG_STAGING = 'monitoring_readings_in';
const COLUMNS = 'station_key, parameter_code, interval, observed_at, value, flag, source, institution_id, quality, received_at';
/** Connections whose temporary staging table exists (created once per connection). */
const staged = new WeakSet<pg.PoolClient>();

async function insertSkippingDuplicates(client: pg.PoolClient, rows: readonly BulkReading[], receivedAt: number): Promise<BulkInsertResult> {
  if (!staged.has(client)) {
    await client.query(
      `create temp table if not exists ${PG_STAGING} (station_key integer, parameter_code text, interval text, observed_at bigint, ` +
        'value double precision, flag text, source text, institution_id text) on commit delete rows',
    );
  }
  await pipeline(Readable.from(copyLines(rows)), client.query(copyFrom(`copy ${PG_STAGING} from stdin`)));
  const result = await client.query<{ station_key: number; parameter_code: string; interval: string; hour_start: number; n: number }>(
    `with ins as (
       insert into monitoring_readings (station_key, parameter_code, interval, observed_at, value, flag, quality, source, institution_id, received_at)
       select station_key, parameter_code, interval, observed_at, value, flag, 'preliminary', source, institution_id, $1::bigint from ${PG_STAGING}
       on conflict do nothing
       returning station_key, parameter_code, interval, observed_at)
     select station_key, parameter_code, interval, observed_at - mod(observed_at, ${HOUR_MS}) as hour_start, count(*)::integer as n
     from ins group by 1, 2, 3, 4`,
    [receivedAt],
  );
  let inserted = 0;
  const buckets: InsertedBucket[] = [];
  for (const row of result.rows) {
    inserted += row.n;
    buckets.push({ stationKey: row.station_key, parameterCode: row.parameter_code, interval: row.interval, hourStart: Number(row.hour_start) });
  }
  return { inserted, buckets };
}

/**
 * PostgreSQL. Fast path: COPY (text format) straight into monitoring_readings inside a
 * savepoint — new data, the normal case, goes in at the raw COPY rate. When any row's key
 * exists (a resend, or a repeat inside the batch) the COPY fails with a unique violation; then
 * the savepoint is rolled back and the rows go through a per-connection temporary staging
 * table and one `insert … select … on conflict do nothing returning`, which skips the
 * duplicates and reports the buckets actually inserted.
 */
export function createPostgresBulkWriter(pool: pg.Pool): BulkWriter {
  return withoutInbox(
    async (rows, receivedAt, dirtyDays) => {
      if (rows.length === 0) return { inserted: 0, buckets: [] };
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('begin');
        let result: BulkInsertResult;
        let usedStaging = false;
        const dirty = dirtyKeyCollector(dirtyDays);
        await client.query('savepoint bulk_copy');
        try {
          await pipeline(Readable.from(copyLines(rows, receivedAt)), client.query(copyFrom(`copy monitoring_readings (${COLUMNS}) from stdin`)));
          await client.query('release savepoint bulk_copy');
          const buckets = bucketCollector();
          for (let i = 0; i < rows.length; i++) {
            const r = rows[i]!;
            buckets.add(r.stationKey, r.parameterCode, r.interval, r.observedAt);
            dirty.rowInserted(i);
          }
          result = { inserted: rows.length, buckets: buckets.list() };
        } catch (error) {
          if ((error as { code?: string }).code !== '23505') throw error;
          await client.query('rollback to savepoint bulk_copy');
          usedStaging = true;
          result = await insertSkippingDuplicates(client, rows, receivedAt);
          // The staging insert reports inserted hours, not rows: a row's keys are dirty when its
          // hour received at least one new row (its day keys are the hour's day keys).
          const insertedHours = new Set(result.buckets.map((b) => `${b.stationKey}\u0000${b.parameterCode}\u0000${b.interval}\u0000${b.hourStart}`));
          for (let i = 0; i < rows.length; i++) {
            const r = rows[i]!;
            if (insertedHours.has(`${r.stationKey}\u0000${r.parameterCode}\u0000${r.interval}\u0000${hourOf(r.observedAt)}`)) dirty.rowInserted(i);
          }
        }
        await upsertDirtyDays(client, dirty.list());
        await client.query('commit');
        // Only after commit: a rolled-back transaction takes a just-created staging table with it.
        if (usedStaging) staged.add(client);
        return result;
      } catch (error) {
        await client.query('rollback').catch((rollbackError: unknown) => {
          // A connection that cannot even roll back is discarded by the pool, not reused.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    () => Promise.resolve(),
  );
}

/** One statement for any number of keys: four arrays unnested (keys are distinct, so no row is updated twice). */
async function upsertDirtyDays(client: pg.PoolClient, keys: readonly DirtyDayKey[]): Promise<void> {
  if (keys.length === 0) return;
  await client.query(
    'insert into assessment_dirty_days (station_key, parameter_code, day_start, enqueued_at) ' +
      'select * from unnest($1::integer[], $2::text[], $3::bigint[], $4::bigint[]) ' +
      'on conflict (station_key, parameter_code, day_start) do update set enqueued_at = excluded.enqueued_at',
    [keys.map((k) => k.stationKey), keys.map((k) => k.parameterCode), keys.map((k) => k.dayStart), keys.map((k) => k.enqueuedAt)],
  );
}
