import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../../../src/server/db/database';
import { migrateToLatest } from '../../../src/server/db/migrator';
import type { AuditService } from '../../../src/server/modules/audit';
import { createIdentityModule, SYSTEM, type IdentityService } from '../../../src/server/modules/identity';
import { systemClock } from '../../../src/server/platform/clock';
import { testDialects } from '../../helpers/dialects';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-context';

/**
 * Every write and its audit event commit together: when the audit append fails, the write it
 * describes must not be left behind. The audit service is replaced by one that fails on demand.
 */
for (const dialect of testDialects()) {
  describe(`identity: nothing half-written when the audit append fails (${dialect})`, () => {
    let testDb: TestDatabase;
    let database: DatabaseHandle;
    let identity: IdentityService;
    let failAudit = false;

    const audit: Pick<AuditService, 'record' | 'list'> = {
      async record(executor) {
        // Written first inside the transaction, so the failure below comes after real writes.
        await executor.selectFrom('users').select('id').limit(1).execute();
        if (failAudit) throw new Error('audit store unavailable');
      },
      list: async () => ({ items: [], total: 0 }),
    };
    const count = async (table: 'organisations' | 'users' | 'user_roles' | 'api_tokens' | 'sessions') =>
      Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect, { PASSWORD_SCRYPT_LOG2N: '10' });
      database = createDatabase(testDb.config.database);
      await migrateToLatest(database);
      identity = createIdentityModule({ config: testDb.config, clock: systemClock, database, audit }).service;
    });
    afterAll(async () => {
      await database?.close();
      await testDb?.dispose();
    });

    it('rolls back organisation, user (with roles), update, token and login writes', async () => {
      const organisation = await identity.organisations.create(SYSTEM, { name: '原子性测试局', nameEn: 'Atomicity bureau', kind: 'city_bureau', divisionCode: '320100' });
      const user = await identity.users.create(SYSTEM, {
        username: 'a-user',
        displayName: '原子',
        organisationId: organisation.id,
        roles: ['analyst', 'data_steward'],
        password: 'Atomic#Passw0rd-1',
      });
      const before = {
        organisations: await count('organisations'),
        users: await count('users'),
        roles: await count('user_roles'),
        tokens: await count('api_tokens'),
        sessions: await count('sessions'),
      };

      failAudit = true;
      await expect(
        identity.organisations.create(SYSTEM, { name: '不应存在', nameEn: 'Must not exist', kind: 'city_bureau', divisionCode: '320200' }),
      ).rejects.toThrow('audit store unavailable');
      await expect(
        identity.users.create(SYSTEM, { username: 'g-user', displayName: '幽灵', organisationId: organisation.id, roles: ['analyst'], password: 'Ghost#Passw0rd-1' }),
      ).rejects.toThrow('audit store unavailable');
      await expect(identity.users.update(SYSTEM, user.id, { roles: ['read_only'], displayName: '改' })).rejects.toThrow('audit store unavailable');
      await expect(
        identity.tokens.create(SYSTEM, { ownerUserId: user.id, name: 'ghost token', scopes: ['organisations:read'], expiresInDays: 1 }),
      ).rejects.toThrow('audit store unavailable');
      await expect(identity.auth.login({ username: 'a-user', password: 'Atomic#Passw0rd-1' }, { requestId: null, ip: null })).rejects.toThrow(
        'audit store unavailable',
      );
      await expect(identity.users.resetPassword(SYSTEM, user.id, 'Other#Passw0rd-22')).rejects.toThrow('audit store unavailable');
      failAudit = false;

      expect({
        organisations: await count('organisations'),
        users: await count('users'),
        roles: await count('user_roles'),
        tokens: await count('api_tokens'),
        sessions: await count('sessions'),
      }).toEqual(before);
      const unchanged = await identity.users.get(SYSTEM, user.id);
      expect(unchanged).toMatchObject({ displayName: '原子', roles: ['data_steward', 'analyst'], lastLoginAt: null });
      // The old password still works, so the reset was rolled back too.
      await expect(identity.auth.login({ username: 'a-user', password: 'Atomic#Passw0rd-1' }, { requestId: null, ip: null })).resolves.toBeTruthy();
    });
  });
}
