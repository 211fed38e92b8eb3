import type { Selectable } from 'kysely';
import { PERMISSIONS, type Permission } from '../../../contracts/identity';
import type { Executor } from '../../db/database';
import type { ApiTokensTable } from './identity.tables';

type ApiTokenDbRow = Selectable<ApiTokensTable>;
/** A token row with its scopes parsed from JSON. */
export type TokenRow = Omit<ApiTokenDbRow, 'scopes'> & { scopes: Permission[] };

function parseScopes(json: string): Permission[] {
  const value: unknown = JSON.parse(json);
  // A permission removed from the contract since the token was made simply stops counting.
  return Array.isArray(value) ? value.filter((scope): scope is Permission => (PERMISSIONS as readonly string[]).includes(scope)) : [];
}

function fromDb(row: ApiTokenDbRow): TokenRow {
  return { ...row, scopes: parseScopes(row.scopes) };
}

/** All SQL on `api_tokens`. Every function takes the executor first. */
export const tokenRepository = {
  async insert(executor: Executor, row: TokenRow): Promise<void> {
    await executor
      .insertInto('api_tokens')
      .values({ ...row, scopes: JSON.stringify(row.scopes) })
      .execute();
  },

  async findById(executor: Executor, id: string): Promise<TokenRow | undefined> {
    const row = await executor.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : fromDb(row);
  },

  async findBySecretHash(executor: Executor, secretHash: string): Promise<TokenRow | undefined> {
    const row = await executor.selectFrom('api_tokens').selectAll().where('secret_hash', '=', secretHash).executeTakeFirst();
    return row === undefined ? undefined : fromDb(row);
  },

  /** One user's tokens, newest first (revoked and expired ones included, for the record). */
  async listForUser(executor: Executor, userId: string): Promise<TokenRow[]> {
    const rows = await executor
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(fromDb);
  },

  async revoke(executor: Executor, id: string, now: number): Promise<void> {
    await executor.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  },

  /** Records use at most once per `throttleMs` (the condition is in the UPDATE). */
  async touch(executor: Executor, id: string, now: number, throttleMs: number): Promise<void> {
    await executor
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', now - throttleMs)]))
      .execute();
  },

  /** Tokens that are neither revoked nor expired, of the users of one organisation. */
  async countActiveForOrganisation(executor: Executor, organisationId: string, now: number): Promise<number> {
    const { total } = await executor
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where('users.organisation_id', '=', organisationId)
      .where('api_tokens.revoked_at', 'is', null)
      .where('api_tokens.expires_at', '>', now)
      .executeTakeFirstOrThrow();
    return Number(total);
  },
};
