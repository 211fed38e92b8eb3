import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool, type Updateable } from 'kysely';
import { ROLES, type Role } from '../../../contracts/identity';
import type { Executor } from '../../db/database';
import type { DialectHelpers } from '../../db/dialect';
import type { Database } from '../../db/schema';
import type { UsersTable } from './identity.tables';

export type UserRow = Selectable<UsersTable>;
/** A user row with its roles, in the order of the contract's ROLES list. */
export type UserWithRoles = UserRow & { roles: Role[] };

export interface UserFilter {
  q?: string;
  /** Restrict to one organisation (explicit filter or the caller's scope). */
  organisationId?: string;
  role?: Role;
  limit: number;
  offset: number;
}

/** All SQL on `users` and `user_roles`. Every function takes the executor first. */
export function createUserRepository(dialect: Pick<DialectHelpers, 'containsInsensitive' | 'forUpdate'>) {
  const matching = (filter: Omit<UserFilter, 'limit' | 'offset'>) => (eb: ExpressionBuilder<Database, 'users'>) => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.organisationId !== undefined) conditions.push(eb('users.organisation_id', '=', filter.organisationId));
    if (filter.role !== undefined) {
      const role = filter.role;
      conditions.push(
        eb.exists(
          eb
            .selectFrom('user_roles')
            .select('user_roles.user_id')
            .whereRef('user_roles.user_id', '=', 'users.id')
            .where('user_roles.role', '=', role),
        ),
      );
    }
    if (filter.q !== undefined && filter.q.trim() !== '') {
      const q = filter.q.trim();
      conditions.push(
        eb.or([dialect.containsInsensitive(eb.ref('users.username'), q), dialect.containsInsensitive(eb.ref('users.display_name'), q)]),
      );
    }
    return eb.and(conditions);
  };

  async function rolesByUser(executor: Executor, userIds: readonly string[]): Promise<Map<string, Role[]>> {
    const byUser = new Map<string, Role[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return byUser;
    const rows = await executor
      .selectFrom('user_roles')
      .select(['user_id', 'role'])
      .where('user_id', 'in', [...new Set(userIds)])
      .execute();
    for (const row of rows) byUser.get(row.user_id)?.push(row.role);
    for (const roles of byUser.values()) roles.sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
    return byUser;
  }

  async function withRoles(executor: Executor, rows: UserRow[]): Promise<UserWithRoles[]> {
    const roles = await rolesByUser(executor, rows.map((row) => row.id));
    return rows.map((row) => ({ ...row, roles: roles.get(row.id) ?? [] }));
  }

  return {
    rolesByUser,

    async findById(executor: Executor, id: string): Promise<UserWithRoles | undefined> {
      const row = await executor.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : (await withRoles(executor, [row]))[0];
    },

    /** Locks the row on PostgreSQL for a read-modify-write inside a transaction. */
    async findByIdForUpdate(executor: Executor, id: string): Promise<UserWithRoles | undefined> {
      const row = await dialect.forUpdate(executor.selectFrom('users').selectAll().where('id', '=', id)).executeTakeFirst();
      return row === undefined ? undefined : (await withRoles(executor, [row]))[0];
    },

    /** Case-insensitive lookup (the unique index is on lower(username)). */
    async findByUsername(executor: Executor, username: string, forUpdate = false): Promise<UserWithRoles | undefined> {
      const query = executor
        .selectFrom('users')
        .selectAll()
        .where(sql<string>`lower(username)`, '=', username.toLowerCase());
      const row = await (forUpdate ? dialect.forUpdate(query) : query).executeTakeFirst();
      return row === undefined ? undefined : (await withRoles(executor, [row]))[0];
    },

    /** One page ordered by username, and the total count. */
    async list(executor: Executor, filter: UserFilter): Promise<{ rows: UserWithRoles[]; total: number }> {
      const where = matching(filter);
      const rows = await executor
        .selectFrom('users')
        .selectAll()
        .where(where)
        .orderBy(sql`lower(username)`)
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      const { total } = await executor
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .where(where)
        .executeTakeFirstOrThrow();
      return { rows: await withRoles(executor, rows), total: Number(total) };
    },

    async insert(executor: Executor, row: UserRow, roles: readonly Role[]): Promise<void> {
      await executor.insertInto('users').values(row).execute();
      await executor
        .insertInto('user_roles')
        .values(roles.map((role) => ({ user_id: row.id, role })))
        .execute();
    },

    async update(executor: Executor, id: string, patch: Updateable<UsersTable>): Promise<void> {
      await executor.updateTable('users').set(patch).where('id', '=', id).execute();
    },

    async replaceRoles(executor: Executor, id: string, roles: readonly Role[]): Promise<void> {
      await executor.deleteFrom('user_roles').where('user_id', '=', id).execute();
      await executor
        .insertInto('user_roles')
        .values(roles.map((role) => ({ user_id: id, role })))
        .execute();
    },

    /** Adds one failed login and returns the new count. */
    async incrementFailedLogins(executor: Executor, id: string, now: number): Promise<number> {
      const row = await executor
        .updateTable('users')
        .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1), updated_at: now }))
        .where('id', '=', id)
        .returning('failed_logins')
        .executeTakeFirstOrThrow();
      return Number(row.failed_logins);
    },

    /** Users of one organisation by state, for the home summary. */
    async countsForOrganisation(
      executor: Executor,
      organisationId: string,
      now: number,
    ): Promise<{ total: number; active: number; disabled: number; locked: number }> {
      const row = await executor
        .selectFrom('users')
        .select((eb) => [
          eb.fn.countAll<number>().as('total'),
          eb.fn.sum<number>(eb.case().when('status', '=', 'active').then(1).else(0).end()).as('active'),
          eb.fn.sum<number>(eb.case().when('status', '=', 'disabled').then(1).else(0).end()).as('disabled'),
          eb.fn.sum<number>(eb.case().when('locked_until', '>', now).then(1).else(0).end()).as('locked'),
        ])
        .where('organisation_id', '=', organisationId)
        .executeTakeFirstOrThrow();
      return {
        total: Number(row.total),
        active: Number(row.active ?? 0),
        disabled: Number(row.disabled ?? 0),
        locked: Number(row.locked ?? 0),
      };
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
