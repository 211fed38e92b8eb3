import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, User } from '../../../src/contracts/identity';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV, login, makeOrganisation, makeToken, makeUser, TEST_PASSWORD, type Session } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';

type Payload = InjectOptions['payload'];

/**
 * Organisation isolation: a Jiangsu user must not read or change Anhui's private records (users,
 * tokens, sessions) through ANY identity route — the answer is 403 or 404, never data.
 */
for (const dialect of testDialects()) {
  describe(`identity: a Jiangsu user cannot reach Anhui's records (${dialect})`, () => {
    let t: TestApp;
    let jiangsu: Organisation;
    let anhui: Organisation;
    let workingGroup: Organisation;
    let jsAdmin: Session;
    let jsUser: Session;
    let jsAdminUser: User;
    let ahAdmin: Session;
    let ahUser: User;
    let ahToken: { id: string; headers: Record<string, string> };
    /** Anhui's private data: must never appear in a Jiangsu caller's answers. */
    let anhuiData: string[];
    /** Anhui's record ids: must not appear in lists (a refusal may echo the id the caller sent). */
    let anhuiIds: string[];

    const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, session: Session, payload?: Payload) =>
      t.app.inject({ method, url, headers: session.headers(method !== 'GET'), ...(payload === undefined ? {} : { payload }) });
    /** 403 or 404 with the envelope, and none of Anhui's private data in the body. */
    const expectRefused = (response: { statusCode: number; body: string }, allowed: number[] = [403, 404]) => {
      expect(allowed, response.body).toContain(response.statusCode);
      expect(JSON.parse(response.body).error.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
      for (const secret of anhuiData) expect(response.body).not.toContain(secret);
    };
    const ahUserRow = () => t.ctx.database.db.selectFrom('users').selectAll().where('id', '=', ahUser.id).executeTakeFirstOrThrow();

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV });
      jiangsu = await makeOrganisation(t.ctx, { kind: 'provincial_department', divisionCode: '320000', name: '江苏测试厅' });
      anhui = await makeOrganisation(t.ctx, { kind: 'provincial_department', divisionCode: '340000', name: '安徽测试厅' });
      workingGroup = await makeOrganisation(t.ctx, { kind: 'working_group', divisionCode: '000000', name: '测试工作专班' });
      jsAdminUser = (await makeUser(t.ctx, { organisationId: jiangsu.id, roles: ['org_admin'], username: 'iso-js-admin' })).user;
      await makeUser(t.ctx, { organisationId: jiangsu.id, roles: ['analyst'], username: 'iso-js-user' });
      await makeUser(t.ctx, { organisationId: anhui.id, roles: ['org_admin'], username: 'iso-ah-admin' });
      ahUser = (await makeUser(t.ctx, { organisationId: anhui.id, roles: ['analyst'], username: 'iso-ah-user', displayName: '安徽分析员' })).user;
      jsAdmin = await login(t.app, 'iso-js-admin', TEST_PASSWORD);
      jsUser = await login(t.app, 'iso-js-user', TEST_PASSWORD);
      ahAdmin = await login(t.app, 'iso-ah-admin', TEST_PASSWORD);
      ahToken = await makeToken(t.ctx, ahUser.id, { scopes: ['organisations:read', 'tokens:manage'], name: 'anhui-token' });
      anhuiData = ['iso-ah-user', '安徽分析员', 'anhui-token'];
      anhuiIds = [ahUser.id, ahToken.id];
    });
    afterAll(async () => t?.close());

    it('GET /users lists only Jiangsu users; filtering by Anhui is 403; searching finds nothing of Anhui', async () => {
      const list = await inject('GET', '/api/v1/users', jsAdmin);
      expect(list.statusCode).toBe(200);
      expect(list.json().items.every((user: User) => user.organisationId === jiangsu.id)).toBe(true);
      expect(list.json().total).toBe(2);
      for (const secret of [...anhuiData, ...anhuiIds]) expect(list.body).not.toContain(secret);
      expectRefused(await inject('GET', `/api/v1/users?organisationId=${anhui.id}`, jsAdmin), [403]);
      const search = await inject('GET', '/api/v1/users?q=iso-ah', jsAdmin);
      expect(search.json()).toEqual({ items: [], total: 0 });
      // An analyst may not list users at all.
      expectRefused(await inject('GET', '/api/v1/users', jsUser), [403]);
    });

    it('GET /users/:id of an Anhui user is 404', async () => {
      expectRefused(await inject('GET', `/api/v1/users/${ahUser.id}`, jsAdmin), [404]);
      expectRefused(await inject('GET', `/api/v1/users/${ahUser.id}`, jsUser), [403, 404]);
    });

    it('PATCH /users/:id of an Anhui user is 404 and changes nothing', async () => {
      const before = await ahUserRow();
      for (const payload of [{ displayName: '改名' }, { roles: ['org_admin'] }, { status: 'disabled' }]) {
        expectRefused(await inject('PATCH', `/api/v1/users/${ahUser.id}`, jsAdmin, payload), [404]);
      }
      expect(await ahUserRow()).toEqual(before);
    });

    it('POST /users/:id/reset-password and /unlock on an Anhui user are 404; the password still works', async () => {
      expectRefused(await inject('POST', `/api/v1/users/${ahUser.id}/reset-password`, jsAdmin, { newPassword: 'Taken#Over-2026' }), [404]);
      expectRefused(await inject('POST', `/api/v1/users/${ahUser.id}/unlock`, jsAdmin), [404]);
      await expect(login(t.app, 'iso-ah-user', TEST_PASSWORD)).resolves.toBeTruthy();
      await expect(login(t.app, 'iso-ah-user', 'Taken#Over-2026')).rejects.toThrow(/401/);
    });

    it('POST /users into Anhui is 403 and creates nothing', async () => {
      const response = await inject('POST', '/api/v1/users', jsAdmin, {
        username: 'iso-planted',
        displayName: '冒名',
        organisationId: anhui.id,
        roles: ['org_admin'],
        password: 'Planted#User-2026',
      });
      expectRefused(response, [403]);
      expect(await t.ctx.database.db.selectFrom('users').select('id').where('username', '=', 'iso-planted').execute()).toEqual([]);
    });

    it("Anhui's tokens: not listed, revoke is 404, the token keeps working; tokens are created only for oneself", async () => {
      const list = await inject('GET', '/api/v1/tokens', jsAdmin);
      expect(list.statusCode).toBe(200);
      expect(list.json().items).toEqual([]);
      for (const secret of [...anhuiData, ...anhuiIds]) expect(list.body).not.toContain(secret);
      expectRefused(await inject('POST', `/api/v1/tokens/${ahToken.id}/revoke`, jsAdmin), [404]);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: ahToken.headers })).statusCode).toBe(200);
      const forOther = await inject('POST', '/api/v1/tokens', jsAdmin, { name: 'x', scopes: ['organisations:read'], expiresInDays: 1, ownerUserId: ahUser.id });
      expect(forOther.statusCode).toBe(400);
    });

    it("organisation directory: Anhui's entry is readable (public), but a Jiangsu org admin cannot change it or create organisations", async () => {
      expect((await inject('GET', `/api/v1/organisations/${anhui.id}`, jsUser)).statusCode).toBe(200);
      const list = await inject('GET', '/api/v1/organisations?provinceCode=340000', jsUser);
      expect(list.json().items.map((o: Organisation) => o.id)).toEqual([anhui.id]);
      expectRefused(await inject('PATCH', `/api/v1/organisations/${anhui.id}`, jsAdmin, { name: '被改名' }), [403]);
      expect((await inject('GET', `/api/v1/organisations/${anhui.id}`, jsUser)).json().name).toBe('安徽测试厅');
      expectRefused(
        await inject('POST', '/api/v1/organisations', jsAdmin, { name: '新机构', nameEn: 'New', kind: 'city_bureau', divisionCode: '340100' }),
        [403],
      );
      // The own organisation is editable by its org admin.
      expect((await inject('PATCH', `/api/v1/organisations/${jiangsu.id}`, jsAdmin, { nameEn: 'Jiangsu test department' })).statusCode).toBe(200);
    });

    it('own-account routes touch only the caller: me, preferences, password, logout, logout-all, home summary', async () => {
      const me = await inject('GET', '/api/v1/auth/me', jsAdmin);
      expect(me.json().user.id).toBe(jsAdminUser.id);
      await inject('PATCH', '/api/v1/auth/me/preferences', jsAdmin, { locale: 'en' });
      expect((await ahUserRow()).locale).toBe('zh-CN');

      const summary = await inject('GET', '/api/v1/home/summary', jsAdmin);
      expect(summary.statusCode).toBe(200);
      expect(summary.json().organisation.id).toBe(jiangsu.id);
      expect(summary.json().users.total).toBe(2);
      expect(summary.json().tokens.active).toBe(0);
      for (const secret of [...anhuiData, ...anhuiIds]) expect(summary.body).not.toContain(secret);

      const extra = await login(t.app, 'iso-js-admin', TEST_PASSWORD);
      expect((await inject('POST', '/api/v1/auth/logout-all', extra)).statusCode).toBe(204);
      expect((await inject('GET', '/api/v1/auth/me', ahAdmin)).statusCode).toBe(200);
      jsAdmin = await login(t.app, 'iso-js-admin', TEST_PASSWORD);
      expect((await inject('POST', '/api/v1/auth/logout', await login(t.app, 'iso-js-admin', TEST_PASSWORD))).statusCode).toBe(204);
      expect((await inject('GET', '/api/v1/auth/me', ahAdmin)).statusCode).toBe(200);
    });

    it('a Jiangsu bearer token is held to the same rules', async () => {
      const token = await makeToken(t.ctx, jsAdminUser.id, { scopes: ['users:read', 'users:manage', 'tokens:manage', 'organisations:read'] });
      const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Payload) =>
        t.app.inject({ method, url, headers: token.headers, ...(payload === undefined ? {} : { payload }) });
      expectRefused(await call('GET', `/api/v1/users/${ahUser.id}`), [404]);
      expectRefused(await call('PATCH', `/api/v1/users/${ahUser.id}`, { displayName: 'x' }), [404]);
      expectRefused(await call('POST', `/api/v1/tokens/${ahToken.id}/revoke`), [404]);
      expectRefused(await call('GET', `/api/v1/users?organisationId=${anhui.id}`), [403]);
    });

    it('working-group members read across the region but change nothing; platform admins may change', async () => {
      await makeUser(t.ctx, { organisationId: workingGroup.id, roles: ['working_group_member'], username: 'iso-wg' });
      await makeUser(t.ctx, { organisationId: workingGroup.id, roles: ['platform_admin'], username: 'iso-root' });
      const wg = await login(t.app, 'iso-wg', TEST_PASSWORD);
      const root = await login(t.app, 'iso-root', TEST_PASSWORD);
      expect((await inject('GET', `/api/v1/users/${ahUser.id}`, wg)).statusCode).toBe(200);
      expect((await inject('GET', `/api/v1/users?organisationId=${anhui.id}`, wg)).json().total).toBe(2);
      expectRefused(await inject('PATCH', `/api/v1/users/${ahUser.id}`, wg, { displayName: 'x' }), [403]);
      expectRefused(await inject('POST', `/api/v1/users/${ahUser.id}/unlock`, wg), [403]);
      const renamed = await inject('PATCH', `/api/v1/users/${ahUser.id}`, root, { displayName: '安徽分析员（已核）' });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json().displayName).toBe('安徽分析员（已核）');
      anhuiData.push('安徽分析员（已核）');
    });

    it('org admins cannot escalate: no platform_admin grants, no own-role changes, no working_group_member outside the working group', async () => {
      const colleague = (await makeUser(t.ctx, { organisationId: jiangsu.id, roles: ['analyst'] })).user;
      const grant = await inject('PATCH', `/api/v1/users/${colleague.id}`, jsAdmin, { roles: ['platform_admin'] });
      expectRefused(grant, [403]);
      expect(grant.json().error.details.rules.map((rule: { rule: string }) => rule.rule)).toContain('platform_admin_only');
      const self = await inject('PATCH', `/api/v1/users/${jsAdminUser.id}`, jsAdmin, { roles: ['org_admin', 'data_steward'] });
      expectRefused(self, [403]);
      expect(self.json().error.details.rules.map((rule: { rule: string }) => rule.rule)).toContain('own_roles');
      expectRefused(await inject('PATCH', `/api/v1/users/${jsAdminUser.id}`, jsAdmin, { status: 'disabled' }), [403]);
      expectRefused(await inject('PATCH', `/api/v1/users/${colleague.id}`, jsAdmin, { roles: ['working_group_member'] }), [403]);
      const created = await inject('POST', '/api/v1/users', jsAdmin, {
        username: 'iso-new-root',
        displayName: '新管理员',
        organisationId: jiangsu.id,
        roles: ['platform_admin'],
        password: 'Another#Root-2026',
      });
      expectRefused(created, [403]);
      // A platform admin placed in Jiangsu is out of the Jiangsu org admin's reach.
      const root = (await makeUser(t.ctx, { organisationId: jiangsu.id, roles: ['platform_admin'] })).user;
      expectRefused(await inject('POST', `/api/v1/users/${root.id}/reset-password`, jsAdmin, { newPassword: 'Taken#Over-2026' }), [403]);
      expectRefused(await inject('PATCH', `/api/v1/users/${root.id}`, jsAdmin, { status: 'disabled' }), [403]);
      // Within bounds it works.
      const ok = await inject('PATCH', `/api/v1/users/${colleague.id}`, jsAdmin, { roles: ['data_steward', 'analyst'] });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().roles).toEqual(['data_steward', 'analyst']);
    });
  });
}
