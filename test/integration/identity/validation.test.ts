import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, User } from '../../../src/contracts/identity';
import { demoUscc } from '../../../src/server/modules/demo';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV, login, makeOrganisation, makeUser, TEST_PASSWORD, type Session } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';

type Payload = InjectOptions['payload'];

type Method = 'GET' | 'POST' | 'PATCH';

const SCRIPT = '<script>alert(1)</script>';
const SQLISH = "'; drop table users; --";

for (const dialect of testDialects()) {
  describe(`identity: input validation and storage (${dialect})`, () => {
    let t: TestApp;
    let organisation: Organisation;
    let target: User;
    let admin: Session;

    const send = (method: Method, url: string, payload?: Payload, headers: Record<string, string> = {}) =>
      t.app.inject({ method, url, headers: { ...admin.headers(method !== 'GET'), ...headers }, ...(payload === undefined ? {} : { payload }) });
    const expectCode = (response: { statusCode: number; body: string }, status: number, code: string) => {
      expect(response.statusCode, response.body).toBe(status);
      expect(JSON.parse(response.body).error.code).toBe(code);
    };
    /** Row counts of every identity table and the audit trail: "nothing stored" means none moved. */
    const counts = async () => {
      const db = t.ctx.database.db;
      const count = async (table: 'organisations' | 'users' | 'user_roles' | 'api_tokens' | 'audit_events') =>
        Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      return {
        organisations: await count('organisations'),
        users: await count('users'),
        roles: await count('user_roles'),
        tokens: await count('api_tokens'),
        audit: await count('audit_events'),
      };
    };
    const userRow = (id: string) => t.ctx.database.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const orgRow = (id: string) => t.ctx.database.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    const validUser = (overrides: Record<string, unknown> = {}) => ({
      username: `v-${Math.random().toString(36).slice(2, 10)}`,
      displayName: '校验用户',
      organisationId: organisation.id,
      roles: ['analyst'],
      password: 'Valid#Passw0rd-2026',
      ...overrides,
    });
    const validOrganisation = (overrides: Record<string, unknown> = {}) => ({
      name: `校验机构${Math.random().toString(36).slice(2, 8)}`,
      nameEn: 'Validation bureau',
      kind: 'city_bureau',
      divisionCode: '320200',
      ...overrides,
    });

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV });
      organisation = await makeOrganisation(t.ctx);
      const root = await makeOrganisation(t.ctx, { kind: 'working_group', divisionCode: '000000', name: '校验工作专班' });
      await makeUser(t.ctx, { organisationId: root.id, roles: ['platform_admin'], username: 'v-root' });
      target = (await makeUser(t.ctx, { organisationId: organisation.id, username: 'v-target' })).user;
      admin = await login(t.app, 'v-root', TEST_PASSWORD);
    });
    afterAll(async () => t?.close());

    it('rejects markup in every free-text field with 400 VALIDATION_FAILED and stores nothing', async () => {
      const before = await counts();
      const targetBefore = await userRow(target.id);
      const orgBefore = await orgRow(organisation.id);
      const attempts: [Method, string, Payload][] = [
        ['POST', '/api/v1/organisations', validOrganisation({ name: SCRIPT })],
        ['POST', '/api/v1/organisations', validOrganisation({ nameEn: `Bureau ${SCRIPT}` })],
        ['PATCH', `/api/v1/organisations/${organisation.id}`, { name: SCRIPT }],
        ['PATCH', `/api/v1/organisations/${organisation.id}`, { nameEn: '<b>bold</b>' }],
        ['POST', '/api/v1/users', validUser({ displayName: SCRIPT })],
        ['POST', '/api/v1/users', validUser({ username: '<script>' })],
        ['POST', '/api/v1/users', validUser({ email: `${SCRIPT}@example.org` })],
        ['PATCH', `/api/v1/users/${target.id}`, { displayName: `张三${SCRIPT}` }],
        ['PATCH', `/api/v1/users/${target.id}`, { email: '<x@example.org>' }],
        ['POST', '/api/v1/tokens', { name: SCRIPT, scopes: ['organisations:read'], expiresInDays: 1 }],
        ['POST', '/api/v1/organisations', validOrganisation({ name: 'line\u0000break' })],
        ['PATCH', `/api/v1/users/${target.id}`, { displayName: 'tab\there' }],
      ];
      for (const [method, url, payload] of attempts) expectCode(await send(method, url, payload), 400, 'VALIDATION_FAILED');
      expect(await counts()).toEqual(before);
      expect(await userRow(target.id)).toEqual(targetBefore);
      expect(await orgRow(organisation.id)).toEqual(orgBefore);
    });

    it('stores SQL-looking text literally, returns it unchanged, and the tables keep working', async () => {
      const created = await send('POST', '/api/v1/users', validUser({ displayName: SQLISH, username: 'robert.tables' }));
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().displayName).toBe(SQLISH);
      expect((await userRow(created.json().id)).display_name).toBe(SQLISH);
      const fetched = await send('GET', `/api/v1/users/${created.json().id}`);
      expect(fetched.json().displayName).toBe(SQLISH);
      const renamed = await send('PATCH', `/api/v1/users/${created.json().id}`, { displayName: `Robert'); DROP TABLE users;--` });
      expect(renamed.json().displayName).toBe(`Robert'); DROP TABLE users;--`);

      const org = await send('POST', '/api/v1/organisations', validOrganisation({ name: `测试'); DELETE FROM organisations; --`, nameEn: `O'Brien & "Sons" 100%` }));
      expect(org.statusCode, org.body).toBe(201);
      expect(org.json()).toMatchObject({ name: `测试'); DELETE FROM organisations; --`, nameEn: `O'Brien & "Sons" 100%` });

      // Search treats quotes and LIKE wildcards literally.
      const search = await send('GET', `/api/v1/users?q=${encodeURIComponent("'); drop")}`);
      expect(search.json().items.map((user: User) => user.username)).toEqual(['robert.tables']);
      expect((await send('GET', `/api/v1/users?q=${encodeURIComponent('%')}`)).json().total).toBe(0);
      expect((await send('GET', `/api/v1/organisations?q=${encodeURIComponent('100%')}`)).json().total).toBe(1);

      const list = await send('GET', '/api/v1/users?limit=500');
      expect(list.statusCode).toBe(200);
      expect(list.json().total).toBeGreaterThanOrEqual(3);
      await expect(login(t.app, 'v-target', TEST_PASSWORD)).resolves.toBeTruthy();
    });

    it('rejects unknown fields in bodies and queries with 400 VALIDATION_FAILED', async () => {
      const before = await counts();
      const attempts: [Method, string, Payload][] = [
        ['POST', '/api/v1/organisations', validOrganisation({ id: '01a222b4-78dd-7c37-adc7-c6e3960ea14f' })],
        ['PATCH', `/api/v1/organisations/${organisation.id}`, { name: '新名', kind: 'working_group' }],
        ['PATCH', `/api/v1/organisations/${organisation.id}`, { divisionCode: '340000' }],
        ['POST', '/api/v1/users', validUser({ isAdmin: true })],
        ['PATCH', `/api/v1/users/${target.id}`, { organisationId: organisation.id }],
        ['PATCH', `/api/v1/users/${target.id}`, { passwordHash: 'x' }],
        ['POST', `/api/v1/users/${target.id}/reset-password`, { newPassword: 'Valid#Passw0rd-2026', notify: true }],
        ['PATCH', '/api/v1/auth/me/preferences', { locale: 'en', theme: 'dark' }],
        ['POST', '/api/v1/auth/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'Valid#Passw0rd-2026', force: true }],
        ['POST', '/api/v1/tokens', { name: 'x', scopes: ['organisations:read'], expiresInDays: 1, secret: 'mine' }],
        ['GET', '/api/v1/users?admin=1', undefined],
        ['GET', '/api/v1/organisations?sql=1', undefined],
        ['PATCH', `/api/v1/users/${target.id}`, {}],
      ];
      for (const [method, url, payload] of attempts) expectCode(await send(method, url, payload), 400, 'VALIDATION_FAILED');
      const login400 = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'v-root', password: TEST_PASSWORD, remember: true } });
      expectCode(login400, 400, 'VALIDATION_FAILED');
      expect(await counts()).toEqual(before);
    });

    it('rejects over-long strings and out-of-range values with 400', async () => {
      const before = await counts();
      const attempts: [Method, string, Payload][] = [
        ['POST', '/api/v1/organisations', validOrganisation({ name: '长'.repeat(101) })],
        ['POST', '/api/v1/organisations', validOrganisation({ nameEn: 'x'.repeat(201) })],
        ['PATCH', `/api/v1/organisations/${organisation.id}`, { name: '长'.repeat(101) }],
        ['POST', '/api/v1/users', validUser({ displayName: 'x'.repeat(101) })],
        ['POST', '/api/v1/users', validUser({ username: 'u'.repeat(65) })],
        ['POST', '/api/v1/users', validUser({ email: `${'e'.repeat(195)}@x.org` })],
        ['POST', '/api/v1/users', validUser({ password: `Aa1#${'x'.repeat(253)}` })],
        ['PATCH', `/api/v1/users/${target.id}`, { displayName: 'x'.repeat(101) }],
        ['POST', '/api/v1/tokens', { name: 'x'.repeat(101), scopes: ['organisations:read'], expiresInDays: 1 }],
        ['GET', `/api/v1/users?q=${'q'.repeat(101)}`, undefined],
        ['GET', '/api/v1/users?limit=501', undefined],
        ['GET', '/api/v1/organisations?offset=-1', undefined],
        ['GET', '/api/v1/users/not-a-uuid', undefined],
        ['POST', '/api/v1/organisations', validOrganisation({ name: '' })],
      ];
      for (const [method, url, payload] of attempts) expectCode(await send(method, url, payload), 400, 'VALIDATION_FAILED');
      expectCode(
        await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'u'.repeat(65), password: 'x' } }),
        400,
        'VALIDATION_FAILED',
      );
      expect(await counts()).toEqual(before);
    });

    it('400 MALFORMED_JSON for broken JSON and 415 for other content types, on every body route', async () => {
      const routes: [Method, string][] = [
        ['POST', '/api/v1/organisations'],
        ['PATCH', `/api/v1/organisations/${organisation.id}`],
        ['POST', '/api/v1/users'],
        ['PATCH', `/api/v1/users/${target.id}`],
        ['POST', `/api/v1/users/${target.id}/reset-password`],
        ['PATCH', '/api/v1/auth/me/preferences'],
        ['POST', '/api/v1/auth/me/password'],
        ['POST', '/api/v1/tokens'],
        ['POST', '/api/v1/auth/login'],
      ];
      for (const [method, url] of routes) {
        const malformed = await send(method, url, '{"name": "x",', { 'content-type': 'application/json' });
        expectCode(malformed, 400, 'MALFORMED_JSON');
        for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
          expectCode(await send(method, url, 'name=x', { 'content-type': type }), 415, 'UNSUPPORTED_MEDIA_TYPE');
        }
      }
    });

    it('422 WEAK_PASSWORD naming every broken rule; nothing stored', async () => {
      const before = await counts();
      const rulesOf = async (password: string, username = 'weakling') => {
        const response = await send('POST', '/api/v1/users', validUser({ password, username }));
        expectCode(response, 422, 'WEAK_PASSWORD');
        return response.json().error.details.rules.map((rule: { rule: string }) => rule.rule);
      };
      expect(await rulesOf('Aa1#')).toEqual(['min_length']);
      expect(await rulesOf('alllowercaseletters')).toEqual(['character_classes']);
      expect(await rulesOf('Weakling#2026x')).toEqual(['contains_username']);
      expect(await rulesOf('weak', 'weak')).toEqual(['min_length', 'character_classes', 'contains_username']);
      expectCode(await send('POST', `/api/v1/users/${target.id}/reset-password`, { newPassword: 'short' }), 422, 'WEAK_PASSWORD');
      expect(await counts()).toEqual(before);
    });

    it('409 CONFLICT for a taken username (any letter case), organisation name or USCC', async () => {
      const first = await send('POST', '/api/v1/users', validUser({ username: 'dupe.user' }));
      expect(first.statusCode).toBe(201);
      const before = await counts();
      expectCode(await send('POST', '/api/v1/users', validUser({ username: 'dupe.user' })), 409, 'CONFLICT');
      expectCode(await send('POST', '/api/v1/users', validUser({ username: 'DUPE.User' })), 409, 'CONFLICT');
      expectCode(await send('POST', '/api/v1/organisations', validOrganisation({ name: organisation.name })), 409, 'CONFLICT');
      const uscc = demoUscc('11', '320300', 'T');
      const withUscc = await send('POST', '/api/v1/organisations', validOrganisation({ divisionCode: '320300', uscc }));
      expect(withUscc.statusCode, withUscc.body).toBe(201);
      const afterFirst = await counts();
      expectCode(await send('POST', '/api/v1/organisations', validOrganisation({ divisionCode: '320300', uscc })), 409, 'CONFLICT');
      expectCode(await send('PATCH', `/api/v1/organisations/${organisation.id}`, { uscc }), 409, 'CONFLICT');
      expect(await counts()).toEqual(afterFirst);
      expect(afterFirst.users).toBe(before.users);
    });

    it('checks USCCs (GB 32100) and division codes (GB/T 2260) against the kind of organisation', async () => {
      const before = await counts();
      const good = demoUscc('11', '320400', 'T');
      const badCheck = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
      const refused = await send('POST', '/api/v1/organisations', validOrganisation({ divisionCode: '320400', uscc: badCheck }));
      expectCode(refused, 400, 'VALIDATION_FAILED');
      expect(refused.json().error.details[0].path).toBe('/uscc');
      expectCode(await send('PATCH', `/api/v1/organisations/${organisation.id}`, { uscc: badCheck }), 400, 'VALIDATION_FAILED');
      const divisions: [string, string][] = [
        ['city_bureau', '320000'], // a province is not a city
        ['provincial_department', '320100'], // a city is not a province
        ['city_bureau', '329900'], // no such city in Jiangsu
        ['city_bureau', '110100'], // Beijing: outside the region
        ['working_group', '320000'], // the working group serves the whole region
        ['provincial_department', '000000'],
        ['county_bureau', '320100'],
      ];
      for (const [kind, divisionCode] of divisions) {
        const response = await send('POST', '/api/v1/organisations', validOrganisation({ kind, divisionCode }));
        expectCode(response, 400, 'VALIDATION_FAILED');
        expect(response.json().error.details[0].path).toBe('/divisionCode');
      }
      expect(await counts()).toEqual(before);
      // Valid combinations: a county bureau of a county the excerpt does not list, a regional centre.
      expect((await send('POST', '/api/v1/organisations', validOrganisation({ kind: 'county_bureau', divisionCode: '320115' }))).statusCode).toBe(201);
      const centre = await send('POST', '/api/v1/organisations', validOrganisation({ kind: 'monitoring_centre', divisionCode: '000000', uscc: good }));
      expect(centre.statusCode, centre.body).toBe(201);
      expect(centre.json()).toMatchObject({ provinceCode: '000000', uscc: good });
      expect((await send('PATCH', `/api/v1/organisations/${centre.json().id}`, { uscc: null })).json().uscc).toBeNull();
    });
  });
}
