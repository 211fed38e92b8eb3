import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Organisation } from '../../../src/contracts/identity';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV, login, makeOrganisation, makeToken, makeUser, TEST_PASSWORD, type Session } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { DAY, manualClock } from './clock';

function expectError(response: { statusCode: number; json(): unknown }, status: number, code: string): void {
  expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
  expect(response.json()).toMatchObject({ error: { code } });
}

for (const dialect of testDialects()) {
  describe(`identity: personal API tokens (${dialect})`, () => {
    const clock = manualClock();
    let t: TestApp;
    let organisation: Organisation;
    let admin: Session;
    let adminId: string;
    let adminUsername: string;

    const createToken = (session: Session, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: session.headers(true), payload });
    const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV, context: { clock } });
      organisation = await makeOrganisation(t.ctx);
      const made = await makeUser(t.ctx, { organisationId: organisation.id, roles: ['org_admin'] });
      adminId = made.user.id;
      adminUsername = made.user.username;
    });
    // Some tests move the clock by days, past the session lifetime: sign in afresh for each.
    beforeEach(async () => {
      admin = await login(t.app, adminUsername, TEST_PASSWORD);
    });
    afterAll(async () => t?.close());

    it('shows the secret once; lists and the database never hold it', async () => {
      const created = await createToken(admin, { name: 'ETL pipeline', scopes: ['organisations:read', 'users:read'], expiresInDays: 30 });
      expect(created.statusCode).toBe(201);
      const { token, secret } = created.json();
      expect(secret).toMatch(/^yrd_pat_[A-Za-z0-9_-]{43}$/);
      expect(secret.startsWith(token.prefix)).toBe(true);
      expect(token).toMatchObject({
        name: 'ETL pipeline',
        scopes: ['organisations:read', 'users:read'],
        expiresAt: new Date(clock.now() + 30 * DAY).toISOString(),
        revokedAt: null,
        lastUsedAt: null,
      });

      const list = await get('/api/v1/tokens', admin.headers());
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((item: { id: string }) => item.id)).toContain(token.id);
      expect(list.body).not.toContain(secret);

      const rows = await t.ctx.database.db.selectFrom('api_tokens').selectAll().where('id', '=', token.id).execute();
      expect(rows[0]!.secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
      expect(JSON.stringify(rows)).not.toContain(secret);
      const audit = await t.ctx.audit.list(t.ctx.database.db, { action: 'token.create', objectId: token.id, limit: 5, offset: 0 });
      expect(audit.total).toBe(1);
    });

    it('authenticates with Authorization: Bearer, needs no CSRF token, and narrows permissions to the scopes', async () => {
      const { secret } = (await createToken(admin, { name: 'reader', scopes: ['organisations:read'], expiresInDays: 7 })).json();
      const bearer = { authorization: `Bearer ${secret}` };
      const me = await get('/api/v1/auth/me', bearer);
      expect(me.statusCode).toBe(200);
      expect(me.json().permissions).toEqual(['organisations:read']);
      expect(me.json().user.id).toBe(adminId);
      expect((await get('/api/v1/organisations', bearer)).statusCode).toBe(200);

      // Outside the scopes: 403 INSUFFICIENT_SCOPE although the owner may list users.
      expectError(await get('/api/v1/users', bearer), 403, 'INSUFFICIENT_SCOPE');
      expect((await get('/api/v1/users', admin.headers())).statusCode).toBe(200);

      // An unsafe method without any CSRF header works for a bearer caller.
      const patch = await t.app.inject({ method: 'PATCH', url: '/api/v1/auth/me/preferences', headers: bearer, payload: { locale: 'en' } });
      expect(patch.statusCode).toBe(200);
    });

    it('refuses scopes the creator does not hold (analyst asking for users:manage)', async () => {
      const analyst = await makeUser(t.ctx, { organisationId: organisation.id, roles: ['analyst'] });
      const session = await login(t.app, analyst.user.username, TEST_PASSWORD);
      const response = await createToken(session, { name: 'too much', scopes: ['organisations:read', 'users:manage'], expiresInDays: 7 });
      expectError(response, 403, 'FORBIDDEN');
      expect(response.json().error.details.scopes).toEqual(['users:manage']);
      expect((await get('/api/v1/tokens', session.headers())).json().items).toEqual([]);
    });

    it("a token loses what its owner loses: effective permissions = scopes ∩ the owner's current roles", async () => {
      const made = await makeUser(t.ctx, { organisationId: organisation.id, roles: ['org_admin'] });
      const token = await makeToken(t.ctx, made.user.id, { scopes: ['users:read', 'organisations:read'] });
      expect((await get('/api/v1/users', token.headers)).statusCode).toBe(200);
      const demote = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${made.user.id}`,
        headers: admin.headers(true),
        payload: { roles: ['analyst'] },
      });
      expect(demote.statusCode).toBe(200);
      expectError(await get('/api/v1/users', token.headers), 403, 'INSUFFICIENT_SCOPE');
      expect((await get('/api/v1/auth/me', token.headers)).json().permissions).toEqual(['organisations:read']);
    });

    it('a token cannot create tokens (only a browser session can)', async () => {
      const token = await makeToken(t.ctx, adminId, { scopes: ['tokens:manage'] });
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: token.headers,
        payload: { name: 'child', scopes: ['tokens:manage'], expiresInDays: 366 },
      });
      expectError(response, 403, 'FORBIDDEN');
    });

    it('401 TOKEN_EXPIRED once expiresAt has passed', async () => {
      const token = await makeToken(t.ctx, adminId, { scopes: ['organisations:read'], days: 1 });
      clock.advance(DAY - 1000);
      expect((await get('/api/v1/auth/me', token.headers)).statusCode).toBe(200);
      clock.advance(1000);
      expectError(await get('/api/v1/auth/me', token.headers), 401, 'TOKEN_EXPIRED');
    });

    it('401 TOKEN_REVOKED after revocation; revoking twice is harmless and audited once', async () => {
      const token = await makeToken(t.ctx, adminId, { scopes: ['organisations:read'] });
      expect((await get('/api/v1/auth/me', token.headers)).statusCode).toBe(200);
      const revoke = () => t.app.inject({ method: 'POST', url: `/api/v1/tokens/${token.id}/revoke`, headers: admin.headers(true) });
      const first = await revoke();
      expect(first.statusCode).toBe(200);
      expect(first.json().revokedAt).toBe(new Date(clock.now()).toISOString());
      expect((await revoke()).statusCode).toBe(200);
      expectError(await get('/api/v1/auth/me', token.headers), 401, 'TOKEN_REVOKED');
      const audit = await t.ctx.audit.list(t.ctx.database.db, { action: 'token.revoke', objectId: token.id, limit: 5, offset: 0 });
      expect(audit.total).toBe(1);
    });

    it('401 TOKEN_INVALID for unknown, malformed or non-bearer credentials (never falling back to the cookie)', async () => {
      const unknown = `yrd_pat_${'A'.repeat(43)}`;
      for (const authorization of [`Bearer ${unknown}`, 'Bearer not-a-token', 'Basic dXNlcjpwYXNz', 'Bearer', `Bearer ${unknown} extra`]) {
        expectError(await get('/api/v1/auth/me', { authorization }), 401, 'TOKEN_INVALID');
        expectError(await get('/api/v1/auth/me', { authorization, cookie: admin.cookie }), 401, 'TOKEN_INVALID');
      }
    });

    it('records the last use, at most once a minute', async () => {
      const token = await makeToken(t.ctx, adminId, { scopes: ['organisations:read', 'tokens:manage'] });
      const lastUsed = async () =>
        (await get('/api/v1/tokens', admin.headers())).json().items.find((item: { id: string }) => item.id === token.id).lastUsedAt;
      expect(await lastUsed()).toBeNull();
      const firstUse = clock.now();
      await get('/api/v1/auth/me', token.headers);
      expect(await lastUsed()).toBe(new Date(firstUse).toISOString());
      clock.advance(30_000);
      await get('/api/v1/auth/me', token.headers);
      expect(await lastUsed()).toBe(new Date(firstUse).toISOString());
      clock.advance(31_000);
      await get('/api/v1/auth/me', token.headers);
      expect(await lastUsed()).toBe(new Date(clock.now()).toISOString());
    });

    it("a disabled owner's tokens stop working (403 ACCOUNT_DISABLED)", async () => {
      const made = await makeUser(t.ctx, { organisationId: organisation.id });
      const token = await makeToken(t.ctx, made.user.id, { scopes: ['organisations:read'] });
      await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${made.user.id}`, headers: admin.headers(true), payload: { status: 'disabled' } });
      expectError(await get('/api/v1/auth/me', token.headers), 403, 'ACCOUNT_DISABLED');
    });

    it('validates the request: scopes must be known permissions, 1–366 days, no unknown fields', async () => {
      expectError(await createToken(admin, { name: 'x', scopes: ['root'], expiresInDays: 1 }), 400, 'VALIDATION_FAILED');
      expectError(await createToken(admin, { name: 'x', scopes: [], expiresInDays: 1 }), 400, 'VALIDATION_FAILED');
      expectError(await createToken(admin, { name: 'x', scopes: ['users:read'], expiresInDays: 367 }), 400, 'VALIDATION_FAILED');
      expectError(await createToken(admin, { name: 'x', scopes: ['users:read'], expiresInDays: 0 }), 400, 'VALIDATION_FAILED');
      expectError(await createToken(admin, { name: 'x', scopes: ['users:read'], expiresInDays: 1, userId: adminId }), 400, 'VALIDATION_FAILED');
    });
  });
}
