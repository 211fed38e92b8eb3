import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

/**
 * Kysely's SQLite driver prepares every query anew; with better-sqlite3 the prepare costs about
 * as much as running a small indexed query (measured on the shared-data read path: `prepare`
 * was a sixth of its CPU). The platform's queries are built from a fixed set of shapes, so their
 * SQL texts repeat: this keeps the most recently used prepared statements by text.
 *
 * Safe on the single connection: `all` and `run` finish before they return, so a cached
 * statement is idle whenever it is handed out again — except while an `iterate` (a streamed
 * query) is open on it, when `busy` is true and a fresh statement is prepared instead.
 */
export function withStatementCache(sqlite: SqliteDatabase.Database, capacity = 1000): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(source: string) {
      const cached = cache.get(source);
      if (cached !== undefined && !cached.busy) {
        // Re-inserted: Map order is the eviction order (least recently used first).
        cache.delete(source);
        cache.set(source, cached);
        return cached;
      }
      const statement = sqlite.prepare(source);
      if (cached === undefined) {
        cache.set(source, statement);
        if (cache.size > capacity) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}
