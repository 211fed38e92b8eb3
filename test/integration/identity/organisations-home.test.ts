import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../../../src/contracts/identity';
import { SYSTEM } from '../../../src/server/modules/identity';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV, login, makeOrganisation, makeToken, makeUser, TEST_PASSWORD, type Session } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { DAY, manualClock } from './clock';

for (const dialect of testDialects()) {
  describe(`identity: organisation directory and home summary (${dialect})`, () => {
    const clock = manualClock();
    let t: TestApp;
    let wg: Organisation;
    let zhejiang: Organisation;
    let hangzhou: Organisation;
    let root: Session;

    const get = (url: string, session: Session) => t.app.inject({ method: 'GET', url, headers: session.headers() });

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV, context: { clock } });
      wg = await makeOrganisation(t.ctx, { kind: 'working_group', divisionCode: '000000', name: '专班', nameEn: 'Working group' });
      zhejiang = await makeOrganisation(t.ctx, { kind: 'provincial_department', divisionCode: '330000', name: '浙江测试厅', nameEn: 'Zhejiang dept' });
      hangzhou = await makeOrganisation(t.ctx, { kind: 'city_bureau', divisionCode: '330100', name: '杭州测试局', nameEn: 'Hangzhou bureau', parentId: zhejiang.id });
      await makeOrganisation(t.ctx, { kind: 'city_bureau', divisionCode: '330500', name: '湖州测试局', nameEn: 'Huzhou bureau', parentId: zhejiang.id });
      await makeOrganisation(t.ctx, { kind: 'provincial_department', divisionCode: '340000', name: '安徽测试厅', nameEn: 'Anhui dept' });
      await makeUser(t.ctx, { organisationId: wg.id, roles: ['platform_admin'], username: 'oh-root' });
      root = await login(t.app, 'oh-root', TEST_PASSWORD);
    });
    afterAll(async () => t?.close());

    it('lists the directory in province and code order, with filters and paging', async () => {
      const reader = await makeUser(t.ctx, { organisationId: hangzhou.id, roles: ['read_only'] });
      const session = await login(t.app, reader.user.username, TEST_PASSWORD);
      const all = await get('/api/v1/organisations', session);
      expect(all.statusCode).toBe(200);
      expect(all.json().items.map((o: Organisation) => o.name)).toEqual(['专班', '浙江测试厅', '杭州测试局', '湖州测试局', '安徽测试厅']);
      expect(all.json().total).toBe(5);
      const page = await get('/api/v1/organisations?limit=2&offset=1', session);
      expect(page.json().items.map((o: Organisation) => o.name)).toEqual(['浙江测试厅', '杭州测试局']);
      expect(page.json().total).toBe(5);
      expect((await get('/api/v1/organisations?kind=city_bureau&provinceCode=330000', session)).json().total).toBe(2);
      expect((await get('/api/v1/organisations?q=hangzhou', session)).json().items[0].id).toBe(hangzhou.id);
      expect((await get('/api/v1/organisations?q=330500', session)).json().items[0].name).toBe('湖州测试局');
      const one = await get(`/api/v1/organisations/${hangzhou.id}`, session);
      expect(one.json()).toMatchObject({ kind: 'city_bureau', divisionCode: '330100', provinceCode: '330000', parentId: zhejiang.id });
      const missing = await get('/api/v1/organisations/01a222b4-78dd-7c37-adc7-c6e3960ea14f', session);
      expect(missing.statusCode).toBe(404);
    });

    it('platform admins create organisations (audited); the own org admin may rename, others may not', async () => {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: root.headers(true),
        payload: { name: '衢州测试局', nameEn: 'Quzhou bureau', kind: 'city_bureau', divisionCode: '330800', parentId: zhejiang.id },
      });
      expect(created.statusCode, created.body).toBe(201);
      const audit = await t.ctx.audit.list(t.ctx.database.db, { action: 'organisation.create', objectId: created.json().id, limit: 5, offset: 0 });
      expect(audit.total).toBe(1);

      const own = await makeUser(t.ctx, { organisationId: created.json().id, roles: ['org_admin'] });
      const ownSession = await login(t.app, own.user.username, TEST_PASSWORD);
      const rename = (id: string, session: Session) =>
        t.app.inject({ method: 'PATCH', url: `/api/v1/organisations/${id}`, headers: session.headers(true), payload: { nameEn: 'Quzhou Municipal Bureau' } });
      expect((await rename(created.json().id, ownSession)).json().nameEn).toBe('Quzhou Municipal Bureau');
      expect((await rename(hangzhou.id, ownSession)).statusCode).toBe(403);
      const steward = await makeUser(t.ctx, { organisationId: created.json().id, roles: ['data_steward'] });
      expect((await rename(created.json().id, await login(t.app, steward.user.username, TEST_PASSWORD))).statusCode).toBe(403);
      const unknownParent = await t.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: root.headers(true),
        payload: { name: '孤儿局', nameEn: 'Orphan', kind: 'city_bureau', divisionCode: '330200', parentId: '01a222b4-78dd-7c37-adc7-c6e3960ea14f' },
      });
      expect(unknownParent.statusCode).toBe(400);
    });

    it("summarises the caller's own organisation: users, active tokens, recent audit events, organisations in the province", async () => {
      const admin = await makeUser(t.ctx, { organisationId: hangzhou.id, roles: ['org_admin'] });
      const analyst = await makeUser(t.ctx, { organisationId: hangzhou.id, roles: ['analyst'] });
      const disabled = await makeUser(t.ctx, { organisationId: hangzhou.id });
      await t.ctx.identity.users.update(SYSTEM, disabled.user.id, { status: 'disabled' });
      await makeToken(t.ctx, analyst.user.id, { scopes: ['organisations:read'], days: 30 });
      const revoked = await makeToken(t.ctx, analyst.user.id, { scopes: ['organisations:read'] });
      await t.ctx.identity.tokens.revoke(SYSTEM, revoked.id);
      await makeToken(t.ctx, analyst.user.id, { scopes: ['organisations:read'], days: 1 });
      for (let i = 0; i < 5; i++) {
        await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: analyst.user.username, password: 'Wrong#Passw0rd-1' } });
      }

      const session = await login(t.app, admin.user.username, TEST_PASSWORD);
      const summary = await get('/api/v1/home/summary', session);
      expect(summary.statusCode, summary.body).toBe(200);
      const body = summary.json();
      expect(body.organisation).toMatchObject({ id: hangzhou.id, name: '杭州测试局', provinceCode: '330000' });
      // read_only reader from the first test + admin + analyst + disabled.
      expect(body.users).toEqual({ total: 4, active: 3, disabled: 1, locked: 1 });
      expect(body.tokens).toEqual({ active: 2 });
      expect(body.audit.events).toBeGreaterThanOrEqual(10);
      expect(body.organisationsInArea.provinceCode).toBe('330000');
      expect(body.organisationsInArea.byKind).toEqual([
        { kind: 'city_bureau', count: 3 },
        { kind: 'provincial_department', count: 1 },
      ]);
      expect(body.organisationsInArea.total).toBe(4);

      // A week and a day later: old events and the 1-day token fall out; the 30-day one stays.
      clock.advance(8 * DAY);
      const later = await get('/api/v1/home/summary', await login(t.app, admin.user.username, TEST_PASSWORD));
      expect(later.json().tokens).toEqual({ active: 1 });
      expect(later.json().users.locked).toBe(0);
      expect(later.json().audit.events).toBe(1); // only the sign-in just now

      // A regional body sees the whole region.
      const rootSummary = await get('/api/v1/home/summary', await login(t.app, 'oh-root', TEST_PASSWORD));
      expect(rootSummary.json().organisationsInArea.provinceCode).toBe('000000');
      expect(rootSummary.json().organisationsInArea.total).toBe(6);
    });

    it('the home summary needs a signed-in caller', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/home/summary' })).statusCode).toBe(401);
    });
  });
}
