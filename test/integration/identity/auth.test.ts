import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../../../src/contracts/identity';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV, login, makeOrganisation, makeUser, sessionCookieOf, TEST_PASSWORD } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { HOUR, manualClock, MINUTE } from './clock';

function expectError(response: { statusCode: number; json(): unknown }, status: number, code: string): void {
  expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
  expect(response.json()).toMatchObject({ error: { code, message: expect.any(String), messageZh: expect.any(String) } });
}

for (const dialect of testDialects()) {
  describe(`identity: password sign-in and sessions (${dialect})`, () => {
    const clock = manualClock();
    let t: TestApp;
    let organisation: Organisation;
    const audits = async (action: string) =>
      (await t.ctx.audit.list(t.ctx.database.db, { action, limit: 500, offset: 0 })).items;
    const signIn = (username: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: '10.1.0.1' });

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: { ...IDENTITY_TEST_ENV, COOKIE_SECURE: 'true' }, context: { clock } });
      organisation = await makeOrganisation(t.ctx);
    });
    afterAll(async () => t?.close());

    it('signs in: HttpOnly, SameSite=Strict, Secure, Path=/ cookie; the body is Me with a CSRF token', async () => {
      const { user } = await makeUser(t.ctx, { organisationId: organisation.id, roles: ['analyst'] });
      const response = await signIn(user.username, TEST_PASSWORD);
      expect(response.statusCode).toBe(200);
      const cookie = response.cookies.find((c) => c.name === 'yrd_session')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true, path: '/' });
      expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(new Date(cookie.expires!).getTime()).toBe(Math.floor((clock.now() + 12 * HOUR) / 1000) * 1000);
      const me = response.json();
      expect(me.user).toMatchObject({ id: user.id, username: user.username, lastLoginAt: new Date(clock.now()).toISOString() });
      expect(me.organisation.id).toBe(organisation.id);
      expect(me.permissions).toEqual(['organisations:read', 'tokens:manage', 'stations:read', 'readings:read', 'alerts:read', 'catalog:read', 'data:read', 'access:request']);
      expect(me.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(JSON.stringify(me)).not.toContain('password');

      // Stored only as a digest.
      const stored = await t.ctx.database.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored)).not.toContain(cookie.value);

      const meAgain = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `yrd_session=${cookie.value}` } });
      expect(meAgain.statusCode).toBe(200);
      expect(meAgain.json().csrfToken).toBe(me.csrfToken);
      expect((await audits('auth.login')).some((event) => event.actorUserId === user.id)).toBe(true);
    });

    it('a wrong password and an unknown user get the same 401 INVALID_CREDENTIALS, and both are audited', async () => {
      const { user } = await makeUser(t.ctx, { organisationId: organisation.id });
      const wrong = await signIn(user.username, 'Wrong#Passw0rd-x');
      const unknown = await signIn('nobody-here', 'Wrong#Passw0rd-x');
      expectError(wrong, 401, 'INVALID_CREDENTIALS');
      expectError(unknown, 401, 'INVALID_CREDENTIALS');
      expect(wrong.json().error.message).toBe(unknown.json().error.message);
      expect(sessionCookieOf(wrong)).toBeUndefined();
      const failed = await audits('auth.login.failed');
      expect(failed.some((event) => event.objectId === user.id)).toBe(true);
      expect(failed.some((event) => event.objectId === null && event.actorUserId === null)).toBe(true);
      const row = await t.ctx.database.db.selectFrom('users').select('failed_logins').where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(row.failed_logins).toBe(1);
    });

    it('usernames are matched case-insensitively', async () => {
      const { user } = await makeUser(t.ctx, { organisationId: organisation.id, username: 'Mixed.Case-User' });
      expect((await signIn('mixed.case-user', TEST_PASSWORD)).statusCode).toBe(200);
      expect(user.username).toBe('Mixed.Case-User');
    });

    it('locks the account after 5 failures (423 ACCOUNT_LOCKED, even with the right password) until unlocked or expired', async () => {
      const { user } = await makeUser(t.ctx, { organisationId: organisation.id });
      const admin = await makeUser(t.ctx, { organisationId: organisation.id, roles: ['org_admin'] });
      for (let i = 1; i <= 4; i++) expectError(await signIn(user.username, `Wrong#Passw0rd-${i}`), 401, 'INVALID_CREDENTIALS');
      const fifth = await signIn(user.username, 'Wrong#Passw0rd-5');
      expectError(fifth, 423, 'ACCOUNT_LOCKED');
      expect(fifth.json().error.details.lockedUntil).toBe(new Date(clock.now() + 15 * MINUTE).toISOString());
      expectError(await signIn(user.username, TEST_PASSWORD), 423, 'ACCOUNT_LOCKED');
      expect((await audits('user.lock')).some((event) => event.objectId === user.id)).toBe(true);

      // The org admin sees the lock and lifts it.
      const session = await login(t.app, admin.user.username, TEST_PASSWORD);
      const shown = await t.app.inject({ method: 'GET', url: `/api/v1/users/${user.id}`, headers: session.headers() });
      expect(shown.json().lockedUntil).toBe(new Date(clock.now() + 15 * MINUTE).toISOString());
      const unlock = await t.app.inject({ method: 'POST', url: `/api/v1/users/${user.id}/unlock`, headers: session.headers(true) });
      expect(unlock.statusCode).toBe(200);
      expect(unlock.json().lockedUntil).toBeNull();
      expect((await signIn(user.username, TEST_PASSWORD)).statusCode).toBe(200);

      // Locked again; this time the lock simply runs out.
      for (let i = 1; i <= 5; i++) await signIn(user.username, `Wrong#Passw0rd-${i}`);
      expectError(await signIn(user.username, TEST_PASSWORD), 423, 'ACCOUNT_LOCKED');
      clock.advance(15 * MINUTE);
      expect((await signIn(user.username, TEST_PASSWORD)).statusCode).toBe(200);
    });

    it('a disabled account cannot sign in (403 ACCOUNT_DISABLED) and its sessions end', async () => {
      const { user } = await makeUser(t.ctx, { organisationId: organisation.id });
      const admin = await makeUser(t.ctx, { organisationId: organisation.id, roles: ['org_admin'] });
      const victim = await login(t.app, user.username, TEST_PASSWORD);
      const session = await login(t.app, admin.user.username, TEST_PASSWORD);
      const disable = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${user.id}`,
        headers: session.headers(true),
        payload: { status: 'disabled' },
      });
      expect(disable.statusCode).toBe(200);
      expectError(await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: victim.headers() }), 401, 'UNAUTHENTICATED');
      expectError(await signIn(user.username, TEST_PASSWORD), 403, 'ACCOUNT_DISABLED');
    });

    it('CSRF: unsafe cookie requests need the x-csrf-token of their own session', async () => {
      const { user } = await makeUser(t.ctx, { organisationId: organisation.id });
      const session = await login(t.app, user.username, TEST_PASSWORD);
      const other = await login(t.app, user.username, TEST_PASSWORD);
      const patch = (headers: Record<string, string>) =>
        t.app.inject({ method: 'PATCH', url: '/api/v1/auth/me/preferences', headers, payload: { locale: 'en' } });
      expectError(await patch(session.headers()), 403, 'CSRF_FAILED');
      expectError(await patch({ ...session.headers(), 'x-csrf-token': 'x'.repeat(43) }), 403, 'CSRF_FAILED');
      expectError(await patch({ ...session.headers(), 'x-csrf-token': other.csrfToken }), 403, 'CSRF_FAILED');
      expectError(
        await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session.headers() }),
        403,
        'CSRF_FAILED',
      );
      const ok = await patch(session.headers(true));
      expect(ok.statusCode).toBe(200);
      expect(ok.json().user.locale).toBe('en');
    });

    it('remembers the language per user across sessions', async () => {
      const { user } = await makeUser(t.ctx, { organisationId: organisation.id });
      const first = await login(t.app, user.username, TEST_PASSWORD);
      expect(first.me.user.locale).toBe('zh-CN');
      await t.app.inject({ method: 'PATCH', url: '/api/v1/auth/me/preferences', headers: first.headers(true), payload: { locale: 'en' } });
      const second = await login(t.app, user.username, TEST_PASSWORD);
      expect(second.me.user.locale).toBe('en');
      expectError(
        await t.app.inject({ method: 'PATCH', url: '/api/v1/auth/me/preferences', headers: first.headers(true), payload: { locale: 'fr' } }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('logout ends this session only; logout-all ends every session of the user', async () => {
      const { user } = await makeUser(t.ctx, { organisationId: organisation.id });
      const a = await login(t.app, user.username, TEST_PASSWORD);
      const b = await login(t.app, user.username, TEST_PASSWORD);
      const c = await login(t.app, user.username, TEST_PASSWORD);
      const me = (session: typeof a) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: session.headers() });

      const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: a.headers(true) });
      expect(logout.statusCode).toBe(204);
      expect(logout.cookies.find((cookie) => cookie.name === 'yrd_session')?.value).toBe('');
      expectError(await me(a), 401, 'UNAUTHENTICATED');
      expect((await me(b)).statusCode).toBe(200);

      expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout-all', headers: b.headers(true) })).statusCode).toBe(204);
      expectError(await me(b), 401, 'UNAUTHENTICATED');
      expectError(await me(c), 401, 'UNAUTHENTICATED');
      expect((await audits('auth.logout_all')).some((event) => event.actorUserId === user.id)).toBe(true);
    });

    it('sessions expire absolutely after SESSION_TTL_HOURS, however active', async () => {
      const { user } = await makeUser(t.ctx, { organisationId: organisation.id });
      const session = await login(t.app, user.username, TEST_PASSWORD);
      for (let i = 0; i < 11; i++) {
        clock.advance(HOUR);
        expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: session.headers() })).statusCode).toBe(200);
      }
      clock.advance(HOUR);
      expectError(await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: session.headers() }), 401, 'UNAUTHENTICATED');
    });

    it('records last_seen_at at most once a minute', async () => {
      const { user } = await makeUser(t.ctx, { organisationId: organisation.id });
      const session = await login(t.app, user.username, TEST_PASSWORD);
      const lastSeen = async () =>
        (await t.ctx.database.db.selectFrom('sessions').select('last_seen_at').where('user_id', '=', user.id).executeTakeFirstOrThrow())
          .last_seen_at;
      const start = await lastSeen();
      const get = () => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: session.headers() });
      clock.advance(30_000);
      await get();
      expect(await lastSeen()).toBe(start);
      clock.advance(30_000);
      await get();
      expect(await lastSeen()).toBe(start + 60_000);
      clock.advance(59_000);
      await get();
      expect(await lastSeen()).toBe(start + 60_000);
    });

    it('changes the own password: wrong current 403, weak 422, success ends the other sessions', async () => {
      const { user } = await makeUser(t.ctx, { organisationId: organisation.id });
      const session = await login(t.app, user.username, TEST_PASSWORD);
      const other = await login(t.app, user.username, TEST_PASSWORD);
      const change = (currentPassword: string, newPassword: string) =>
        t.app.inject({ method: 'POST', url: '/api/v1/auth/me/password', headers: session.headers(true), payload: { currentPassword, newPassword } });
      expectError(await change('Not#The-Current1', 'Brand#New-Passw0rd'), 403, 'INVALID_CREDENTIALS');
      const weak = await change(TEST_PASSWORD, 'short');
      expectError(weak, 422, 'WEAK_PASSWORD');
      expect(weak.json().error.details.rules.map((rule: { rule: string }) => rule.rule)).toEqual(['min_length', 'character_classes']);
      expectError(await change(TEST_PASSWORD, TEST_PASSWORD), 422, 'WEAK_PASSWORD');
      expect((await change(TEST_PASSWORD, 'Brand#New-Passw0rd')).statusCode).toBe(204);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: session.headers() })).statusCode).toBe(200);
      expectError(await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: other.headers() }), 401, 'UNAUTHENTICATED');
      expectError(await signIn(user.username, TEST_PASSWORD), 401, 'INVALID_CREDENTIALS');
      expect((await signIn(user.username, 'Brand#New-Passw0rd')).statusCode).toBe(200);
    });

    it('an unknown or malformed session cookie is simply unauthenticated', async () => {
      for (const value of ['A'.repeat(43), 'garbage', '']) {
        const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `yrd_session=${value}` } });
        expectError(response, 401, 'UNAUTHENTICATED');
      }
    });
  });

  describe(`identity: login rate limit and timing (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: { LOGIN_RATE_LIMIT_PER_MINUTE: '5', PASSWORD_SCRYPT_LOG2N: '14' } });
    });
    afterAll(async () => t?.close());

    it('answers 429 RATE_LIMITED once one client exceeds the login limit; other clients are unaffected', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'nobody', password: 'Wrong#Passw0rd-x' },
          remoteAddress: '10.2.0.1',
        });
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      const limited = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'y' }, remoteAddress: '10.2.0.1' });
      expectError(limited, 429, 'RATE_LIMITED');
      const elsewhere = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'y' }, remoteAddress: '10.2.0.2' });
      expect(elsewhere.statusCode).toBe(401);
    });

    it('spends a full password check on an unknown username too (no fast path that reveals which names exist)', async () => {
      const organisation = await makeOrganisation(t.ctx);
      const { user } = await makeUser(t.ctx, { organisationId: organisation.id });
      const time = async (username: string, remoteAddress: string) => {
        const started = performance.now();
        const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Wrong#Passw0rd-x' }, remoteAddress });
        expect(response.statusCode).toBe(401);
        return performance.now() - started;
      };
      await time('warm-up-unknown', '10.3.0.9'); // the dummy hash is made on first use
      const known = await time(user.username, '10.3.0.1');
      const unknown = await time('no-such-user', '10.3.0.2');
      // At 2^14 a check costs tens of milliseconds; a skipped check would be ~1 ms.
      expect(unknown).toBeGreaterThan(known * 0.4);
    });
  });
}
