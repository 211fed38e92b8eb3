import { sql } from 'kysely';
import { createDatabase, type DatabaseHandle } from '../../../src/server/db/database';
import type { DialectName } from '../../../src/server/db/dialect';
import { migrateToLatest } from '../../../src/server/db/migrator';
import type { Actor } from '../../../src/server/platform/actor';
import type { Clock } from '../../../src/server/platform/clock';
import type { Role } from '../../../src/contracts/identity';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-context';

/** A fresh migrated database and a handle on it, for service and repository tests. */
export interface AuditTestDatabase {
  test: TestDatabase;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

export async function openAuditTestDatabase(dialect: DialectName): Promise<AuditTestDatabase> {
  const test = await createTestDatabase(dialect);
  const handle = createDatabase(test.config.database);
  await migrateToLatest(handle);
  return {
    test,
    handle,
    close: async () => {
      await handle.close();
      await test.dispose();
    },
  };
}

/** A clock that advances one second per reading, from 2026-11-28T00:00:00Z. */
export function steppingClock(start = Date.UTC(2026, 10, 28)): Clock {
  let now = start;
  return { now: () => (now += 1000) };
}

/**
 * What a DBA with direct access would do before tampering: take the append-only triggers away
 * (dropped on SQLite, disabled on PostgreSQL).
 */
export async function disableAppendOnlyGuards(handle: DatabaseHandle): Promise<void> {
  if (handle.dialect.name === 'sqlite') {
    await sql`drop trigger audit_events_no_update`.execute(handle.db);
    await sql`drop trigger audit_events_no_delete`.execute(handle.db);
    await sql`drop trigger audit_chain_head_no_rewind`.execute(handle.db);
    await sql`drop trigger audit_chain_head_no_delete`.execute(handle.db);
  } else {
    await sql`alter table audit_events disable trigger user`.execute(handle.db);
    await sql`alter table audit_chain_head disable trigger user`.execute(handle.db);
  }
}

const ids = new Map<string, string>();
let counter = 0;
/** A stable, well-formed UUID for a test name (`org:sh`, `user:alice`). */
export function uuidFor(name: string): string {
  let id = ids.get(name);
  if (id === undefined) {
    counter += 1;
    id = `0190c8a0-0000-7000-8000-${counter.toString(16).padStart(12, '0')}`;
    ids.set(name, id);
  }
  return id;
}

export function makeActor(username: string, organisation: string, roles: Role[]): Actor {
  return {
    userId: uuidFor(`user:${username}`),
    username,
    displayName: `${username} (display)`,
    organisationId: uuidFor(`org:${organisation}`),
    organisationKind: 'provincial_department',
    provinceCode: '310000',
    roles,
    permissions: new Set(['audit:read']),
    via: 'session',
    sessionId: null,
    tokenId: null,
  };
}
