import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditService, stateDigest, type AuditService } from '../../../src/server/modules/audit';
import { AppError } from '../../../src/server/platform/errors';
import { testDialects } from '../../helpers/dialects';
import { makeActor, openAuditTestDatabase, steppingClock, uuidFor, type AuditTestDatabase } from './audit-db';

const SH = uuidFor('org:sh');
const JS = uuidFor('org:js');
const ZJ = uuidFor('org:zj');

for (const dialect of testDialects()) {
  describe(dialect, () => {
    let database: AuditTestDatabase;
    let audit: AuditService;

    beforeEach(async () => {
      database = await openAuditTestDatabase(dialect);
      audit = createAuditService({ clock: steppingClock(), verifyPageSize: 3 });
    });
    afterEach(async () => {
      await database.close();
    });

    const db = () => database.handle.db;
    const events = () => db().selectFrom('audit_events').selectAll().orderBy('seq').execute();
    const head = () => db().selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();

    describe('record', () => {
      it('appends events 1, 2, 3… each linked to the one before, with digests instead of data', async () => {
        const alice = makeActor('alice', 'sh', ['org_admin']);
        const before = { username: 'bob', roles: ['analyst'], password: 'secret-before' };
        const after = { username: 'bob', roles: ['org_admin'], password: 'secret-after' };
        await db().transaction().execute(async (trx) => {
          await audit.record(trx, {
            actor: alice,
            action: 'user.update',
            objectType: 'user',
            objectId: 'u-bob',
            targetOrganisationId: JS,
            before,
            after,
            meta: { requestId: 'req-1', ip: '10.1.2.3' },
          });
          await audit.record(trx, { actor: alice, action: 'user.create', objectType: 'user', objectId: 'u-carol', targetOrganisationId: SH, after });
        });
        await audit.record(db(), { actor: null, action: 'system.seed', objectType: 'organisation', objectId: null });

        const rows = await events();
        expect(rows.map((row) => Number(row.seq))).toEqual([1, 2, 3]);
        expect(rows[0]).toMatchObject({
          occurred_at: Date.UTC(2026, 10, 28) + 1000,
          actor_user_id: alice.userId,
          actor_username: 'alice',
          actor_display_name: 'alice (display)',
          organisation_id: SH,
          target_organisation_id: JS,
          action: 'user.update',
          object_type: 'user',
          object_id: 'u-bob',
          request_id: 'req-1',
          ip: '10.1.2.3',
          before_digest: stateDigest(before),
          after_digest: stateDigest(after),
          prev_hash: '0'.repeat(64),
        });
        // The target is stored only when it is another organisation.
        expect(rows[1]).toMatchObject({ target_organisation_id: null, before_digest: null, request_id: null, ip: null });
        expect(rows[2]).toMatchObject({ actor_user_id: null, actor_username: null, organisation_id: null });
        expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
        expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
        expect(await head()).toMatchObject({ seq: 3, hash: rows[2]!.hash });
        expect(JSON.stringify(rows)).not.toMatch(/secret-before|secret-after|analyst|org_admin/);
        expect(await audit.verify(db())).toEqual({ ok: true, checked: 3, firstBrokenSeq: null, reason: null });
      });

      it('rolls back with the caller’s transaction and leaves no gap', async () => {
        await audit.record(db(), { actor: null, action: 'a.one', objectType: 'thing', objectId: '1' });
        await expect(
          db()
            .transaction()
            .execute(async (trx) => {
              await audit.record(trx, { actor: null, action: 'a.two', objectType: 'thing', objectId: '2' });
              throw new Error('the write failed');
            }),
        ).rejects.toThrow('the write failed');
        expect(await head()).toMatchObject({ seq: 1 });
        await audit.record(db(), { actor: null, action: 'a.three', objectType: 'thing', objectId: '3' });
        expect((await events()).map((row) => [Number(row.seq), row.action])).toEqual([
          [1, 'a.one'],
          [2, 'a.three'],
        ]);
        expect((await audit.verify(db())).ok).toBe(true);
      });

      it('keeps one unbroken chain when many transactions append at once', async () => {
        const writers = Array.from({ length: 24 }, (_, i) =>
          db()
            .transaction()
            .execute(async (trx) => {
              await audit.record(trx, { actor: null, action: 'load.first', objectType: 'thing', objectId: `w${i}` });
              // Hold the transaction open across a turn of the event loop so the others pile up.
              await new Promise((resolve) => setTimeout(resolve, 2));
              await audit.record(trx, { actor: null, action: 'load.second', objectType: 'thing', objectId: `w${i}` });
            }),
        );
        await Promise.all(writers);
        const rows = await events();
        expect(rows.map((row) => Number(row.seq))).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
        // A transaction's two events are adjacent: the head lock is held until commit.
        for (let i = 0; i < rows.length; i += 2) expect(rows[i]!.object_id).toBe(rows[i + 1]!.object_id);
        expect(await audit.verify(db())).toEqual({ ok: true, checked: 48, firstBrokenSeq: null, reason: null });
      });
    });

    describe('append-only guards', () => {
      beforeEach(async () => {
        for (let i = 1; i <= 3; i++) await audit.record(db(), { actor: null, action: 'x.y', objectType: 'thing', objectId: String(i) });
      });

      it('refuses UPDATE and DELETE of events', async () => {
        await expect(db().updateTable('audit_events').set({ action: 'x.z' }).where('seq', '=', 2).execute()).rejects.toThrow(/append-only/);
        await expect(db().deleteFrom('audit_events').where('seq', '=', 3).execute()).rejects.toThrow(/append-only/);
        await expect(db().deleteFrom('audit_events').execute()).rejects.toThrow(/append-only/);
        if (dialect === 'postgres') await expect(sql`truncate audit_events`.execute(db())).rejects.toThrow(/append-only/);
        expect(await events()).toHaveLength(3);
      });

      it('refuses rewinding or deleting the chain head', async () => {
        await expect(db().updateTable('audit_chain_head').set({ seq: 2 }).execute()).rejects.toThrow(/only moves forward/);
        await expect(db().deleteFrom('audit_chain_head').execute()).rejects.toThrow(/only moves forward/);
        expect(await head()).toMatchObject({ seq: 3 });
      });
    });

    describe('verify', () => {
      it('reports an empty chain as intact', async () => {
        expect(await audit.verify(db())).toEqual({ ok: true, checked: 0, firstBrokenSeq: null, reason: null });
      });

      it('walks the chain in pages and reports progress against the head', async () => {
        for (let i = 1; i <= 10; i++) await audit.record(db(), { actor: null, action: 'x.y', objectType: 'thing', objectId: String(i) });
        const progress: Array<[number, number]> = [];
        const result = await audit.verify(db(), (checked, total) => progress.push([checked, total]));
        expect(result).toEqual({ ok: true, checked: 10, firstBrokenSeq: null, reason: null });
        expect(progress).toEqual([
          [3, 10],
          [6, 10],
          [9, 10],
          [10, 10],
        ]);
      });

      it('covers the events up to the head it read first, not those appended during the walk', async () => {
        for (let i = 1; i <= 4; i++) await audit.record(db(), { actor: null, action: 'x.y', objectType: 'thing', objectId: String(i) });
        let late: Promise<void> | undefined;
        const result = await audit.verify(db(), () => {
          late ??= audit.record(db(), { actor: null, action: 'x.late', objectType: 'thing', objectId: 'late' });
        });
        await late;
        expect(result).toEqual({ ok: true, checked: 4, firstBrokenSeq: null, reason: null });
        expect(await audit.verify(db())).toMatchObject({ ok: true, checked: 5 });
      });
    });

    describe('list', () => {
      const alice = makeActor('alice', 'sh', ['org_admin']);
      const jiang = makeActor('jiang', 'js', ['org_admin']);
      const wang = makeActor('wang', 'zj', ['analyst']);

      beforeEach(async () => {
        await audit.record(db(), { actor: alice, action: 'user.create', objectType: 'user', objectId: 'u1' }); // 1: sh
        await audit.record(db(), { actor: jiang, action: 'user.create', objectType: 'user', objectId: 'u2' }); // 2: js
        await audit.record(db(), { actor: jiang, action: 'share.grant', objectType: 'dataset', objectId: 'd1', targetOrganisationId: SH }); // 3: js → sh
        await audit.record(db(), { actor: wang, action: 'user.update', objectType: 'user', objectId: 'u1', targetOrganisationId: SH }); // 4: zj → sh
        await audit.record(db(), { actor: null, action: 'system.seed', objectType: 'organisation', objectId: null }); // 5: system
      });

      const seqs = (page: { items: Array<{ seq: number }> }) => page.items.map((item) => item.seq);

      it('returns every event newest first with the total, for system use', async () => {
        const page = await audit.list(db(), { limit: 2, offset: 1 });
        expect(seqs(page)).toEqual([4, 3]);
        expect(page.total).toBe(5);
        expect(page.items[0]).toMatchObject({
          actorName: 'wang',
          actorDisplayName: 'wang (display)',
          organisationId: ZJ,
          targetOrganisationId: SH,
          occurredAt: new Date(Date.UTC(2026, 10, 28) + 4000).toISOString(),
        });
      });

      it('filters by actor, organisation (actor or target), action, object and time', async () => {
        const all = { limit: 50, offset: 0 };
        expect(seqs(await audit.list(db(), { ...all, actorUserId: jiang.userId }))).toEqual([3, 2]);
        expect(seqs(await audit.list(db(), { ...all, organisationId: SH }))).toEqual([4, 3, 1]);
        expect(seqs(await audit.list(db(), { ...all, action: 'user.create' }))).toEqual([2, 1]);
        expect(seqs(await audit.list(db(), { ...all, objectType: 'user', objectId: 'u1' }))).toEqual([4, 1]);
        const start = Date.UTC(2026, 10, 28);
        const window = await audit.list(db(), { ...all, fromMs: start + 2000, toMs: start + 4000 });
        expect(seqs(window)).toEqual([3, 2]);
        expect(window.total).toBe(2);
      });

      it('shows platform admins and working-group members everything', async () => {
        for (const roles of [['platform_admin'], ['working_group_member']] as const) {
          const page = await audit.listFor(db(), makeActor('root', 'wg', [...roles]), { limit: 50, offset: 0 });
          expect(seqs(page)).toEqual([5, 4, 3, 2, 1]);
        }
      });

      it("shows an org admin the events by or against the admin's organisation", async () => {
        expect(seqs(await audit.listFor(db(), alice, { limit: 50, offset: 0 }))).toEqual([4, 3, 1]);
        const narrowed = await audit.listFor(db(), alice, { limit: 50, offset: 0, organisationId: JS });
        expect(seqs(narrowed)).toEqual([3]);
        expect(narrowed.total).toBe(1);
        expect(seqs(await audit.listFor(db(), jiang, { limit: 1, offset: 0 }))).toEqual([3]);
        expect((await audit.listFor(db(), jiang, { limit: 1, offset: 0 })).total).toBe(2);
      });

      it('refuses readers without an audit role, and verification to all but platform admins', async () => {
        await expect(audit.listFor(db(), wang, { limit: 50, offset: 0 })).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
        await expect(audit.verifyFor(db(), alice)).rejects.toBeInstanceOf(AppError);
        await expect(audit.verifyFor(db(), makeActor('wg', 'wg', ['working_group_member']))).rejects.toMatchObject({ status: 403 });
        expect((await audit.verifyFor(db(), makeActor('root', 'wg', ['platform_admin']))).ok).toBe(true);
      });
    });
  });
}
