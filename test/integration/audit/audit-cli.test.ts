import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAuditVerify } from '../../../src/cli/commands/audit.run';
import type { Config } from '../../../src/server/config/config';
import { createAuditService } from '../../../src/server/modules/audit';
import { testDialects } from '../../helpers/dialects';
import { disableAppendOnlyGuards, openAuditTestDatabase, steppingClock, type AuditTestDatabase } from './audit-db';

/** The environment `yrd-eco audit verify` would be started with for this test database. */
function envFor(database: Config['database']): Record<string, string> {
  if (database.dialect === 'sqlite') return { DATABASE_URL: `sqlite:${database.file}`, LOG_LEVEL: 'silent' };
  const url = new URL(database.url);
  return { DATABASE_URL: url.toString(), ...(database.schema ? { DATABASE_SCHEMA: database.schema } : {}), LOG_LEVEL: 'silent' };
}

function collector(): Writable & { text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

for (const dialect of testDialects()) {
  describe(dialect, () => {
    let database: AuditTestDatabase;

    beforeEach(async () => {
      database = await openAuditTestDatabase(dialect);
      const audit = createAuditService({ clock: steppingClock() });
      for (let i = 1; i <= 5; i++) await audit.record(database.handle.db, { actor: null, action: 'x.y', objectType: 'thing', objectId: String(i) });
    });
    afterEach(async () => {
      await database.close();
    });

    it('yrd-eco audit verify reports an intact chain with progress on stderr', async () => {
      const stdout = collector();
      const stderr = collector();
      const result = await runAuditVerify({ env: envFor(database.test.config.database), stdout, stderr });
      expect(result).toEqual({ ok: true, checked: 5, firstBrokenSeq: null, reason: null });
      expect(stderr.text()).toBe('\r checked 5/5\n');
      expect(stdout.text()).toMatch(/^Audit chain intact: 5 events verified\./);
    });

    it('yrd-eco audit verify --json reports the first broken link', async () => {
      await disableAppendOnlyGuards(database.handle);
      await sql`delete from audit_events where seq = 3`.execute(database.handle.db);
      const stdout = collector();
      const result = await runAuditVerify({ env: envFor(database.test.config.database), stdout, stderr: collector(), json: true });
      expect(result).toMatchObject({ ok: false, checked: 2, firstBrokenSeq: 3 });
      expect(JSON.parse(stdout.text())).toEqual(result);
    });
  });
}
