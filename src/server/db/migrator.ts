import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function migratorFor(db: Kysely<any>, dialect: DialectName): Migrator {
  const byName: Record<string, Migration> = {};
  for (const migration of migrations) {
    byName[migration.name] = {
      up: (database) => migration.up(database, dialect),
      down: (database) => migration.down(database, dialect),
    };
  }
  return new Migrator({ db, provider: { getMigrations: async () => byName } });
}

export interface MigrationStatus {
  name: string;
  executedAt: Date | null;
}

/** Applies every pending migration in order; throws with the failing migration's name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>, dialect: DialectName): Promise<string[]> {
  const { error, results }: MigrationResultSet = await migratorFor(db, dialect).migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** Every known migration with the time it was applied (null when pending). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrationStatus(db: Kysely<any>, dialect: DialectName): Promise<MigrationStatus[]> {
  const infos = await migratorFor(db, dialect).getMigrations();
  return infos.map((info) => ({ name: info.name, executedAt: info.executedAt ?? null }));
}

/** True when no migration is pending (used by /readyz). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function isFullyMigrated(db: Kysely<any>, dialect: DialectName): Promise<boolean> {
  const status = await migrationStatus(db, dialect);
  return status.every((migration) => migration.executedAt !== null);
}
