import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { DatabaseHandle } from './database';
import type { DialectName } from './dialect';
import { migrations } from './migrations';

/**
 * A migration that runs on both dialects. It receives the dialect for the rare DDL that must
 * differ and imports nothing from the application (migrations are frozen in time).
 */
export interface PortableMigration {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  down(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

/** What the migrator needs of a database: its handle, dialect and (PostgreSQL) schema. */
export type MigratableDatabase = Pick<DatabaseHandle, 'db' | 'dialect' | 'schema'>;

function migratorFor({ db, dialect: { name: dialect }, schema }: MigratableDatabase): Migrator {
  const byName: Record<string, Migration> = {};
  for (const migration of migrations) {
    byName[migration.name] = {
      up: (database) => migration.up(database, dialect),
      down: (database) => migration.down(database, dialect),
    };
  }
  // The schema is explicit: Kysely otherwise looks for its bookkeeping tables in every schema
  // and would take another schema's for ours (seen with one schema per test file).
  return new Migrator({ db, provider: { getMigrations: async () => byName }, ...(schema ? { migrationTableSchema: schema } : {}) });
}

export interface MigrationStatus {
  name: string;
  executedAt: Date | null;
}

/** Applies every pending migration in order; throws with the failing migration's name. */
export async function migrateToLatest(database: MigratableDatabase): Promise<string[]> {
  const { error, results }: MigrationResultSet = await migratorFor(database).migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** Every known migration with the time it was applied (null when pending). */
export async function migrationStatus(database: MigratableDatabase): Promise<MigrationStatus[]> {
  const infos = await migratorFor(database).getMigrations();
  return infos.map((info) => ({ name: info.name, executedAt: info.executedAt ?? null }));
}

/** True when no migration is pending (used by /readyz). */
export async function isFullyMigrated(database: MigratableDatabase): Promise<boolean> {
  const status = await migrationStatus(database);
  return status.every((migration) => migration.executedAt !== null);
}
