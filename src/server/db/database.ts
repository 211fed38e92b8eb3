import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config, SqliteInboxConfig } from '../config/config';
import { createPostgresBulkWriter, createSqliteBulkWriter, type BulkWriter } from './bulk-insert';
import { createSqliteThreadBulkWriter } from './sqlite-bulk-thread';
import { withStatementCache } from './sqlite-statement-cache';
import { dialectHelpers, type DialectHelpers, type DialectName } from './dialect';
import type { Database } from './schema';

/** A Kysely handle for either the whole database or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectHelpers;
  /** The dialect-specific fast path for bulk reading inserts (see bulk-insert.ts). */
  bulk: BulkWriter;
  /** PostgreSQL schema holding the platform's tables (`public` unless configured); none on SQLite. */
  schema: string | undefined;
  /** Pool figures for /metrics; SQLite has one connection. */
  poolStats(): { total: number; idle: number; waiting: number };
  /**
   * Refreshes the query planner's statistics where they are stale (SQLite `PRAGMA optimize`;
   * PostgreSQL's autovacuum already does this, so there it resolves at once).
   */
  refreshStatistics(): Promise<void>;
  close(): Promise<void>;
}

// int8 (bigint columns, count(*)) arrives from pg as a string by default. Every bigint we store
// is an epoch-millisecond time or a count, both far below 2^53, so a JS number is exact.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** Opens the configured database. Call `close()` exactly once at shutdown. */
export function createDatabase(config: Config['database']): DatabaseHandle {
  return config.dialect === 'sqlite' ? openSqlite(config.file, config.inbox) : openPostgres(config);
}

function openSqlite(file: string, inbox: SqliteInboxConfig | undefined): DatabaseHandle {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  // WAL lets readers run beside the single writer. FULL syncs the WAL at every commit, so a
  // committed transaction survives power loss: the HJ 212 gateway acknowledges data only after
  // commit. Writers batch (group commit) so the sync is paid once per batch, not per row.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // ANALYZE samples at most this many rows per index, so refreshing statistics stays quick on
  // large tables (the SQLite documentation's advice for PRAGMA optimize).
  sqlite.pragma('analysis_limit = 1000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  // A file database gets the writer thread (commits overlap protocol work); an in-memory one
  // cannot be opened by a second connection, so it inserts on this thread.
  const bulk = file === ':memory:' ? createSqliteBulkWriter(db, sqlite) : createSqliteThreadBulkWriter(db, file, inbox);
  return {
    db,
    dialect: dialectHelpers('sqlite'),
    bulk,
    schema: undefined,
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    // Without statistics the planner guesses: a shared-data read for one city of a large release
    // scanned the whole release in row order instead of the city's index range (10× slower on
    // 200,000 rows). 0x10002: look at every table, analyse those that never were or have changed
    // a lot. Through Kysely, so it waits for the writer thread's lease instead of its write lock.
    refreshStatistics: async () => {
      await sql`pragma optimize = 0x10002`.execute(db);
    },
    close: async () => {
      await bulk.close();
      await db.destroy();
    },
  };
}

function openPostgres(config: Extract<Config['database'], { dialect: 'postgres' }>): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize,
    // A test or a tenant may live in its own schema; the search path keeps queries unqualified.
    ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: dialectHelpers('postgres'),
    bulk: createPostgresBulkWriter(pool),
    schema: config.schema ?? 'public',
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    refreshStatistics: async () => undefined,
    close: () => db.destroy(),
  };
}

export type { DialectName };
