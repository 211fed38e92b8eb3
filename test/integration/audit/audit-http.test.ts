import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, AuditVerifyResponse } from '../../../src/contracts/audit';
import type { Organisation, User } from '../../../src/contracts/identity';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV, login, makeOrganisation, makeToken, makeUser, TEST_PASSWORD, type Session } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { disableAppendOnlyGuards } from './audit-db';

interface Page {
  items: AuditEvent[];
  total: number;
}

/**
 * The audit trail through the HTTP API, with real users signed in through the login route.
 * The identity services (as the system) and the sign-ins themselves write the events read here.
 */
for (const dialect of testDialects()) {
  describe(dialect, () => {
    let t: TestApp;
    let orgs: { wg: Organisation; sh: Organisation; js: Organisation };
    const users: Record<'root' | 'member' | 'shAdmin' | 'jsAdmin' | 'analyst', { user: User; session: Session }> = {} as never;
    let createdInSh: User;

    const get = async (url: string, session: Session | null) =>
      t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: session ? session.headers() : {} });
    const page = async (url: string, session: Session): Promise<Page> => {
      const response = await get(url, session);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<Page>();
    };
    const eventCount = async () =>
      Number((await t.ctx.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: { ...IDENTITY_TEST_ENV } });
      orgs = {
        wg: await makeOrganisation(t.ctx, { kind: 'working_group', divisionCode: '000000' }),
        sh: await makeOrganisation(t.ctx, { kind: 'provincial_department', divisionCode: '310000' }),
        js: await makeOrganisation(t.ctx, { kind: 'provincial_department', divisionCode: '320000' }),
      };
      const specs = {
        root: { organisationId: orgs.wg.id, roles: ['platform_admin'] },
        member: { organisationId: orgs.wg.id, roles: ['working_group_member'] },
        shAdmin: { organisationId: orgs.sh.id, roles: ['org_admin'] },
        jsAdmin: { organisationId: orgs.js.id, roles: ['org_admin'] },
        analyst: { organisationId: orgs.sh.id, roles: ['analyst'] },
      } as const;
      for (const [name, spec] of Object.entries(specs)) {
        const { user, password } = await makeUser(t.ctx, { organisationId: spec.organisationId, roles: [...spec.roles] });
        users[name as keyof typeof specs] = { user, session: await login(t.app, user.username, password) };
      }
      // A cross-organisation write over HTTP: the working group's admin creates a user in Shanghai.
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { ...users.root.session.headers(true), 'x-request-id': 'audit-http-create-1' },
        payload: { username: `sh-new-${dialect}`, displayName: '上海新用户', organisationId: orgs.sh.id, roles: ['analyst'], password: TEST_PASSWORD },
      });
      expect(response.statusCode, response.body).toBe(201);
      createdInSh = response.json<User>();
    });
    afterAll(async () => {
      await t?.close();
    });

    describe('GET /api/v1/audit-events', () => {
      it('needs a signed-in caller (401) with audit:read (403), in the error envelope', async () => {
        const anonymous = await get('/audit-events', null);
        expect(anonymous.statusCode).toBe(401);
        expect(anonymous.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED', requestId: expect.any(String) } });
        const analyst = await get('/audit-events', users.analyst.session);
        expect(analyst.statusCode).toBe(403);
        expect(analyst.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      });

      it('shows a platform admin every event, newest first, with the total', async () => {
        const all = await page('/audit-events?limit=500', users.root.session);
        expect(all.total).toBe(await eventCount());
        expect(all.items).toHaveLength(all.total);
        const seqs = all.items.map((event) => event.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
        expect(seqs[seqs.length - 1]).toBe(1);
        expect(all.items.map((event) => event.action)).toEqual(expect.arrayContaining(['organisation.create', 'user.create', 'auth.login']));
      });

      it('records who, where from, on what, with digests only', async () => {
        const { items } = await page(`/audit-events?objectType=user&objectId=${createdInSh.id}`, users.root.session);
        expect(items).toHaveLength(1);
        expect(items[0]).toMatchObject({
          action: 'user.create',
          actorUserId: users.root.user.id,
          actorName: users.root.user.username,
          organisationId: orgs.wg.id,
          targetOrganisationId: orgs.sh.id,
          objectType: 'user',
          objectId: createdInSh.id,
          requestId: 'audit-http-create-1',
          ip: expect.any(String),
          beforeDigest: null,
          afterDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        });
        expect(JSON.stringify(items[0])).not.toContain('上海新用户');
      });

      it('shows a working-group member every event', async () => {
        expect((await page('/audit-events?limit=1', users.member.session)).total).toBe(await eventCount());
      });

      it("shows an org admin only the events by or against the admin's organisation", async () => {
        const sh = await page('/audit-events?limit=500', users.shAdmin.session);
        expect(sh.total).toBeGreaterThan(0);
        expect(sh.total).toBeLessThan(await eventCount());
        for (const event of sh.items) expect([event.organisationId, event.targetOrganisationId]).toContain(orgs.sh.id);
        const keys = sh.items.map((event) => `${event.action}:${event.actorUserId ?? event.objectId}`);
        expect(keys).toEqual(
          expect.arrayContaining([
            `user.create:${users.root.user.id}`, // the working group acting on Shanghai
            `auth.login:${users.shAdmin.user.id}`,
            `auth.login:${users.analyst.user.id}`,
          ]),
        );
        expect(keys).not.toContain(`auth.login:${users.jsAdmin.user.id}`);
        const js = await page('/audit-events?limit=500', users.jsAdmin.session);
        expect(js.items.some((event) => event.objectId === createdInSh.id)).toBe(false);
        // Asking for another organisation narrows further; it never widens.
        expect((await page(`/audit-events?organisationId=${orgs.wg.id}`, users.shAdmin.session)).items.map((event) => event.objectId)).toEqual([
          createdInSh.id,
        ]);
      });

      it('filters by actor, action and time and pages with limit/offset', async () => {
        const logins = await page(`/audit-events?action=auth.login&actorUserId=${users.analyst.user.id}`, users.root.session);
        expect(logins.total).toBe(1);
        expect(logins.items[0]).toMatchObject({ action: 'auth.login', actorUserId: users.analyst.user.id, organisationId: orgs.sh.id });

        const all = await page('/audit-events?limit=500', users.root.session);
        const second = await page('/audit-events?limit=2&offset=1', users.root.session);
        expect(second.items.map((event) => event.seq)).toEqual(all.items.slice(1, 3).map((event) => event.seq));
        expect(second.total).toBe(all.total);

        const firstAt = all.items[all.items.length - 1]!.occurredAt;
        expect((await page(`/audit-events?to=${encodeURIComponent(firstAt)}`, users.root.session)).total).toBe(0);
        expect((await page(`/audit-events?from=${encodeURIComponent(firstAt)}`, users.root.session)).total).toBe(all.total);
      });

      it('rejects malformed filters with 400 VALIDATION_FAILED', async () => {
        for (const query of ['actorUserId=not-a-uuid', 'limit=501', 'from=yesterday', 'unknown=1']) {
          const response = await get(`/audit-events?${query}`, users.root.session);
          expect(response.statusCode, query).toBe(400);
          expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
        }
      });
    });

    describe('GET /api/v1/audit-events/verify', () => {
      it('is for platform admins only', async () => {
        for (const name of ['member', 'shAdmin', 'analyst'] as const) {
          const response = await get('/audit-events/verify', users[name].session);
          expect(response.statusCode, name).toBe(403);
          expect(response.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
        }
        expect((await get('/audit-events/verify', null)).statusCode).toBe(401);
      });

      it('reports an intact chain, also to a platform admin’s API token', async () => {
        const response = await get('/audit-events/verify', users.root.session);
        expect(response.statusCode).toBe(200);
        expect(response.json<AuditVerifyResponse>()).toEqual({ ok: true, checked: await eventCount(), firstBrokenSeq: null, reason: null });
        const token = await makeToken(t.ctx, users.root.user.id, { scopes: ['audit:read'] });
        const viaToken = await t.app.inject({ method: 'GET', url: '/api/v1/audit-events/verify', headers: token.headers });
        expect(viaToken.statusCode).toBe(200);
        expect(viaToken.json<AuditVerifyResponse>().ok).toBe(true);
      });

      it('reports the first broken link after someone edits the table directly', async () => {
        await disableAppendOnlyGuards(t.ctx.database);
        await sql`update audit_events set object_id = 'someone-else' where seq = 3`.execute(t.ctx.database.db);
        const response = await get('/audit-events/verify', users.root.session);
        expect(response.statusCode).toBe(200);
        expect(response.json<AuditVerifyResponse>()).toMatchObject({ ok: false, checked: 2, firstBrokenSeq: 3, reason: expect.stringMatching(/edited/) });
      });
    });
  });
}
