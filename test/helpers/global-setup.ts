import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { testDialects } from './dialects';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of this run's fresh PostgreSQL database, or '' when PostgreSQL is not under test. */
    pgUrl: string;
  }
}

/**
 * Creates one fresh PostgreSQL database per test run (each test file then works in its own
 * schema inside it) and drops it afterwards. Fails loudly when PostgreSQL is selected but not
 * reachable: narrow with TEST_DIALECTS=sqlite instead of silently skipping.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (!testDialects().includes('postgres')) {
    project.provide('pgUrl', '');
    return;
  }
  const adminUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseName = `yrd_test_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL tests need a server at ${adminUrl} (set TEST_PG_URL, or TEST_DIALECTS=sqlite to skip them): ${(error as Error).message}`,
    );
  }
  await admin.query(`create database ${databaseName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  project.provide('pgUrl', url.toString());

  return async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${databaseName} with (force)`);
    await cleanup.end();
  };
}
