import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../src/server/db/database';
import { createAuditService, type AuditService } from '../../../src/server/modules/audit';
import { eventHash } from '../../../src/server/modules/audit/audit.chain';
import { toChainEvent } from '../../../src/server/modules/audit/audit.presenter';
import { testDialects } from '../../helpers/dialects';
import { disableAppendOnlyGuards, makeActor, openAuditTestDatabase, steppingClock, type AuditTestDatabase } from './audit-db';

/**
 * Tampering the way someone with database access would: triggers taken away first, then plain
 * SQL. Each case asserts the exact first broken seq that `verify` reports.
 */
const EVENTS = 10;

for (const dialect of testDialects()) {
  describe(dialect, () => {
    let database: AuditTestDatabase;
    let handle: DatabaseHandle;
    let audit: AuditService;

    beforeEach(async () => {
      database = await openAuditTestDatabase(dialect);
      handle = database.handle;
      // Pages of 4 so that breaks fall on the first, a middle and the last page.
      audit = createAuditService({ clock: steppingClock(), verifyPageSize: 4 });
      const actor = makeActor('alice', 'sh', ['org_admin']);
      for (let i = 1; i <= EVENTS; i++) {
        await handle.db.transaction().execute((trx) =>
          audit.record(trx, { actor, action: 'user.update', objectType: 'user', objectId: `u${i}`, after: { i } }),
        );
      }
      expect(await audit.verify(handle.db)).toEqual({ ok: true, checked: EVENTS, firstBrokenSeq: null, reason: null });
      await disableAppendOnlyGuards(handle);
    });
    afterEach(async () => {
      await database.close();
    });

    const run = (statement: ReturnType<typeof sql>) => statement.execute(handle.db);

    it('finds an edited field at that event', async () => {
      await run(sql`update audit_events set action = 'user.read' where seq = 6`);
      expect(await audit.verify(handle.db)).toEqual({
        ok: false,
        checked: 5,
        firstBrokenSeq: 6,
        reason: 'hash of event 6 does not match its content (edited)',
      });
    });

    it('finds an edited first event, and an edited time', async () => {
      await run(sql`update audit_events set occurred_at = occurred_at - 60000 where seq = 1`);
      expect(await audit.verify(handle.db)).toMatchObject({ ok: false, checked: 0, firstBrokenSeq: 1 });
    });

    it('finds an edit whose hash was recomputed at the next event', async () => {
      // An attacker who knows the algorithm re-hashes the edited row; the link to it still breaks.
      const [row] = await handle.db.selectFrom('audit_events').selectAll().where('seq', '=', 3).execute();
      const edited = { ...toChainEvent(row!), objectId: 'u-other' };
      await run(sql`update audit_events set object_id = 'u-other', hash = ${eventHash(edited.prevHash, edited)} where seq = 3`);
      expect(await audit.verify(handle.db)).toMatchObject({ ok: false, checked: 3, firstBrokenSeq: 4, reason: expect.stringMatching(/prev_hash of event 4/) });
    });

    it('finds a deleted middle event as a gap', async () => {
      await run(sql`delete from audit_events where seq = 5`);
      expect(await audit.verify(handle.db)).toEqual({ ok: false, checked: 4, firstBrokenSeq: 5, reason: 'event 5 is missing (deleted)' });
    });

    it('finds a deleted event at a page boundary', async () => {
      await run(sql`delete from audit_events where seq in (8, 9)`);
      expect(await audit.verify(handle.db)).toMatchObject({ ok: false, checked: 7, firstBrokenSeq: 8, reason: 'events 8–9 are missing (deleted)' });
    });

    it('finds a removed last event by comparing with the chain head', async () => {
      await run(sql`delete from audit_events where seq = ${EVENTS}`);
      expect(await audit.verify(handle.db)).toMatchObject({ ok: false, checked: EVENTS - 1, firstBrokenSeq: EVENTS, reason: expect.stringMatching(/missing at the end/) });
    });

    it('finds a removed tail of several events', async () => {
      await run(sql`delete from audit_events where seq > 4`);
      expect(await audit.verify(handle.db)).toMatchObject({ ok: false, checked: 4, firstBrokenSeq: 5 });
    });

    it('finds a removed tail even when the head was moved back to hide it, by the head hash', async () => {
      await run(sql`delete from audit_events where seq = ${EVENTS}`);
      await run(sql`update audit_chain_head set seq = ${EVENTS - 1}`);
      expect(await audit.verify(handle.db)).toMatchObject({ ok: false, checked: EVENTS - 1, firstBrokenSeq: EVENTS, reason: expect.stringMatching(/chain head/) });
    });

    it('finds two events whose contents were swapped at the lower seq', async () => {
      const columns = [
        'id', 'occurred_at', 'actor_user_id', 'actor_username', 'actor_display_name', 'organisation_id', 'target_organisation_id',
        'action', 'object_type', 'object_id', 'request_id', 'ip', 'before_digest', 'after_digest', 'prev_hash', 'hash',
      ] as const;
      const rows = await handle.db.selectFrom('audit_events').selectAll().where('seq', 'in', [3, 7]).orderBy('seq').execute();
      const contentOf = (row: (typeof rows)[number]) => Object.fromEntries(columns.map((column) => [column, row[column]]));
      // `id` is unique: park one row's id while the contents cross over.
      await run(sql`update audit_events set id = 'parked' where seq = 3`);
      await handle.db.updateTable('audit_events').set(contentOf(rows[0]!)).where('seq', '=', 7).execute();
      await handle.db.updateTable('audit_events').set(contentOf(rows[1]!)).where('seq', '=', 3).execute();
      expect(await audit.verify(handle.db)).toMatchObject({ ok: false, checked: 2, firstBrokenSeq: 3 });
    });

    it('finds two events whose positions (seq) were swapped', async () => {
      await run(sql`update audit_events set seq = 1000 where seq = 2`);
      await run(sql`update audit_events set seq = 2 where seq = 9`);
      await run(sql`update audit_events set seq = 9 where seq = 1000`);
      expect(await audit.verify(handle.db)).toMatchObject({ ok: false, checked: 1, firstBrokenSeq: 2 });
    });

    it('finds a missing chain head', async () => {
      await run(sql`delete from audit_chain_head`);
      expect(await audit.verify(handle.db)).toMatchObject({ ok: false, checked: 0, firstBrokenSeq: 1 });
    });
  });
}
