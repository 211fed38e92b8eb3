import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../../src/cli/commands/demo.run';
import { runTokenCreate } from '../../../src/cli/commands/token.run';
import { runUserAdd, runUserResetPassword } from '../../../src/cli/commands/user.run';
import { buildApp } from '../../../src/server/http/app';
import { closeContext, createContext } from '../../../src/server/context';
import { testDialects } from '../../helpers/dialects';
import { login } from '../../helpers/identity';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-context';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

function io() {
  const stdout = capture();
  const stderr = capture();
  return { io: { stdout: stdout.stream, stderr: stderr.stream }, stdout: stdout.text, stderr: stderr.text };
}

for (const dialect of testDialects()) {
  describe(`CLI: demo, user, token (${dialect})`, () => {
    let database: TestDatabase;

    beforeAll(async () => {
      database = await createTestDatabase(dialect, { PASSWORD_SCRYPT_LOG2N: '10', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    });
    afterAll(async () => database?.dispose());

    /** Runs `check` against an app on the same database the commands wrote to. */
    async function withApp(check: (app: Awaited<ReturnType<typeof buildApp>>) => Promise<void>) {
      const ctx = await createContext(database.config);
      const app = await buildApp(ctx, { webRoot: false });
      try {
        await check(app);
      } finally {
        await app.close();
        await closeContext(ctx);
      }
    }

    it('demo loads the data with progress and prints the sign-ins; repeating it creates nothing', async () => {
      const first = io();
      const created = await runDemo(database.config, first.io);
      expect(created).toMatchObject({ organisationsCreated: 50, usersCreated: 10, monitoring: { stationsCreated: 56 } });
      expect(created.monitoring!.readingsInserted).toBeGreaterThan(100_000);
      expect(first.stderr()).toContain('users: 10/10');
      expect(first.stdout()).toContain('js-admin   Demo#2026-yrd');
      expect(first.stdout()).toContain('Monitoring: 56 stations');
      const second = io();
      expect(await runDemo(database.config, second.io)).toMatchObject({
        organisationsCreated: 0,
        usersCreated: 0,
        monitoring: { stationsCreated: 0, readingsInserted: 0 },
      });
    }, 120_000);

    it('user add: by organisation name, roles repeatable, a generated password printed once that signs in', async () => {
      const out = io();
      const user = await runUserAdd(database.config, { username: 'cli.analyst', org: '江苏省生态环境厅', roles: ['analyst', 'data_steward'] }, out.io);
      expect(user.roles).toEqual(['data_steward', 'analyst']);
      const password = /Password \(shown once\): (\S+)/.exec(out.stdout())![1]!;
      await withApp(async (app) => {
        const session = await login(app, 'cli.analyst', password);
        expect(session.me.organisation.name).toBe('江苏省生态环境厅');
      });
      const audit = await (async () => {
        const ctx = await createContext(database.config);
        try {
          return (await ctx.audit.list(ctx.database.db, { action: 'user.create', objectId: user.id, limit: 5, offset: 0 })).items;
        } finally {
          await closeContext(ctx);
        }
      })();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actorUserId).toBeNull();
    });

    it('user add refuses what the API refuses: weak password, markup, unknown role, unknown organisation', async () => {
      const add = (input: Partial<Parameters<typeof runUserAdd>[1]>) =>
        runUserAdd(database.config, { username: 'cli.bad', org: '江苏省生态环境厅', roles: ['analyst'], ...input }, io().io);
      await expect(add({ password: 'short' })).rejects.toThrow(/too weak/);
      await expect(add({ displayName: '<script>' })).rejects.toThrow(/Invalid user: \/displayName/);
      await expect(add({ roles: ['superuser'] })).rejects.toThrow(/Invalid user: \/roles/);
      await expect(add({ org: 'No such bureau' })).rejects.toThrow(/No organisation/);
      await expect(add({ username: 'js-admin', password: 'Valid#Passw0rd-1' })).rejects.toThrow(/taken/);
    });

    it('user reset-password clears the lockout and prints a generated password', async () => {
      await withApp(async (app) => {
        for (let i = 0; i < 5; i++) {
          await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'zj-user', password: 'Wrong#Passw0rd-1' } });
        }
        const locked = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'zj-user', password: 'Demo#2026-yrd' } });
        expect(locked.statusCode).toBe(423);
      });
      const out = io();
      await runUserResetPassword(database.config, { username: 'ZJ-USER' }, out.io);
      const password = /New password \(shown once\): (\S+)/.exec(out.stdout())![1]!;
      await withApp(async (app) => {
        await expect(login(app, 'zj-user', password)).resolves.toBeTruthy();
      });
      const chosen = io();
      await runUserResetPassword(database.config, { username: 'zj-user', password: 'Chosen#Passw0rd-9' }, chosen.io);
      expect(chosen.stdout()).not.toContain('Chosen#Passw0rd-9');
      await expect(runUserResetPassword(database.config, { username: 'nobody' }, io().io)).rejects.toThrow(/No user/);
    });

    it('token create prints only the secret on stdout; scopes are bounded by the user', async () => {
      const out = io();
      const { token } = await runTokenCreate(database.config, { username: 'js-admin', name: 'nightly export', scopes: ['users:read', 'organisations:read'], days: 7 }, out.io);
      const secret = out.stdout().trim();
      expect(secret).toMatch(/^yrd_pat_[A-Za-z0-9_-]{43}$/);
      expect(out.stderr()).toContain(token.id);
      await withApp(async (app) => {
        const users = await app.inject({ method: 'GET', url: '/api/v1/users', headers: { authorization: `Bearer ${secret}` } });
        expect(users.statusCode).toBe(200);
      });
      await expect(
        runTokenCreate(database.config, { username: 'js-user', name: 'too much', scopes: ['users:manage'], days: 7 }, io().io),
      ).rejects.toThrow(/scopes its owner lacks/);
      await expect(runTokenCreate(database.config, { username: 'js-user', name: 'x', scopes: ['nope'], days: 7 }, io().io)).rejects.toThrow(/Invalid token/);
      await expect(runTokenCreate(database.config, { username: 'js-user', name: 'x', scopes: ['organisations:read'], days: 400 }, io().io)).rejects.toThrow(
        /expiresInDays/,
      );
    });
  });
}

describe('yrd-eco demo / user / token (spawned, SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yrd-cli-'));
  const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '', PASSWORD_SCRYPT_LOG2N: '10' };
  const run = (...args: string[]) => spawnSync(process.execPath, ['bin/yrd-eco.mjs', ...args], { cwd: ROOT, env, encoding: 'utf8' });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Five spawned CLIs, each of which loads the whole server (only registration is lazy): 4–6 s
  // each on a busy machine (28.6 s in all, measured), so this one test gets more than the global 30 s.
  it('runs the registered commands end to end', () => {
    const demo = run('demo', '--no-monitoring');
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toContain('admin');
    expect(demo.stdout).not.toContain('Monitoring:');
    const add = run('user', 'add', '--username', 'ops', '--org', '浙江省生态环境厅', '--role', 'data_steward', '--role', 'analyst');
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/Password \(shown once\): \S{20}/);
    const token = run('token', 'create', '--user', 'ops', '--name', 'etl', '--scopes', 'organisations:read', '--days', '3');
    expect(token.status, token.stderr).toBe(0);
    expect(token.stdout).toMatch(/^yrd_pat_[A-Za-z0-9_-]{43}\n$/);
    const reset = run('user', 'reset-password', 'ops', '--password', 'Fresh#Passw0rd-1');
    expect(reset.status, reset.stderr).toBe(0);
    const bad = run('user', 'add', '--username', 'x1', '--org', 'nowhere', '--role', 'analyst');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('No organisation');
  }, 120_000);
});
