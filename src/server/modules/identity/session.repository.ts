import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database';
import type { SessionsTable } from './identity.tables';

export type SessionRow = Selectable<SessionsTable>;

/** All SQL on `sessions`. Every function takes the executor first. */
export const sessionRepository = {
  async insert(executor: Executor, row: SessionRow): Promise<void> {
    await executor.insertInto('sessions').values(row).execute();
  },

  async findBySecretHash(executor: Executor, secretHash: string): Promise<SessionRow | undefined> {
    return executor.selectFrom('sessions').selectAll().where('secret_hash', '=', secretHash).executeTakeFirst();
  },

  /**
   * Moves `last_seen_at` to `now` unless it was set less than `throttleMs` ago; the condition
   * is in the UPDATE itself, so concurrent requests write at most once per interval.
   */
  async touch(executor: Executor, id: string, now: number, throttleMs: number): Promise<void> {
    await executor
      .updateTable('sessions')
      .set({ last_seen_at: now })
      .where('id', '=', id)
      .where('last_seen_at', '<=', now - throttleMs)
      .execute();
  },

  async delete(executor: Executor, id: string): Promise<number> {
    const result = await executor.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /** Ends every session of one user; returns how many there were. */
  async deleteForUser(executor: Executor, userId: string): Promise<number> {
    const result = await executor.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /** Ends every session of one user except `keepId` (after a password change). */
  async deleteOthersForUser(executor: Executor, userId: string, keepId: string): Promise<number> {
    const result = await executor.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepId).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /**
   * Purges one user's expired sessions (done at sign-in). Per user, so that concurrent sign-ins
   * of different users never delete overlapping rows (which could deadlock on PostgreSQL).
   */
  async deleteExpiredForUser(executor: Executor, userId: string, now: number): Promise<number> {
    const result = await executor.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
