import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/server/config/config';
import { buildApp, type App } from '../../src/server/http/app';
import { closeContext, createContext, type AppContext, type ContextOptions } from '../../src/server/context';
import type { DialectName } from '../../src/server/db/dialect';

export interface TestDatabase {
  config: Config;
  /** Drops the schema (PostgreSQL) or deletes the file (SQLite). */
  dispose(): Promise<void>;
}

/** A fresh, empty database: a temp SQLite file, or a new schema in this run's PostgreSQL database. */
export async function createTestDatabase(dialect: DialectName, env: Record<string, string> = {}): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'yrd-test-'));
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', ...env });
    return { config, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const url = inject('pgUrl');
  if (!url) throw new Error('PostgreSQL is not under test in this run (see TEST_DIALECTS)');
  const schema = `t_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  const config = loadConfig({ DATABASE_URL: url, DATABASE_SCHEMA: schema, LOG_LEVEL: 'silent', DATABASE_POOL_SIZE: '4', ...env });
  return {
    config,
    dispose: async () => {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema if exists ${schema} cascade`);
      await cleanup.end();
    },
  };
}

export interface TestApp {
  app: App;
  ctx: AppContext;
  close(): Promise<void>;
}

/** A migrated app on a fresh database, without the web bundle. */
export async function buildTestApp(
  dialect: DialectName,
  options: { env?: Record<string, string>; context?: ContextOptions; webRoot?: string | false } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect, options.env);
  const ctx = await createContext(database.config, options.context);
  const app = await buildApp(ctx, { webRoot: options.webRoot ?? false });
  await app.ready();
  return {
    app,
    ctx,
    close: async () => {
      await app.close();
      await closeContext(ctx);
      await database.dispose();
    },
  };
}
