import type { ApiToken, CreateTokenRequest, Permission } from '../../../contracts/identity';
import type { Executor } from '../../db/database';
import type { Actor, RequestMeta } from '../../platform/actor';
import { errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { auditActor, targetOrganisation, TOUCH_THROTTLE_MS, type IdentityDeps } from './identity.deps';
import { identityErrors } from './identity.errors';
import { canManageUser, isSystem, permissionsOf, scopesBeyond, type Caller } from './identity.policy';
import { presentToken } from './identity.presenter';
import type { OrganisationRepository } from './organisation.repository';
import { buildActor, loadPrincipal } from './principal';
import { digestSecret, isWellFormedTokenSecret, newTokenSecret } from './secrets';
import { tokenRepository } from './token.repository';
import type { UserRepository } from './user.repository';

export interface TokenServiceDeps extends IdentityDeps {
  users: UserRepository;
  organisations: OrganisationRepository;
}

export type TokenService = ReturnType<typeof createTokenService>;

const DAY_MS = 86_400_000;

/** Personal API tokens: `Authorization: Bearer <secret>`, secret shown once, stored as a digest. */
export function createTokenService(deps: TokenServiceDeps) {
  const { clock, database, audit, users, organisations } = deps;
  const db = database.db;

  async function createWithin(
    executor: Executor,
    caller: Caller,
    input: CreateTokenRequest & { ownerUserId?: string },
    meta?: RequestMeta,
  ): Promise<{ token: ApiToken; secret: string }> {
    if (!isSystem(caller) && caller.via !== 'session') {
      throw errors.forbidden('Create tokens from a signed-in browser session, not with a token', '请在浏览器登录后创建令牌，不能用令牌创建令牌');
    }
    const ownerId = isSystem(caller) ? input.ownerUserId : caller.userId;
    if (ownerId === undefined || (!isSystem(caller) && input.ownerUserId !== undefined && input.ownerUserId !== caller.userId)) {
      throw errors.forbidden('Tokens are created by their owner', '令牌只能由本人创建');
    }
    const owner = await users.findById(executor, ownerId);
    if (owner === undefined) throw errors.notFound('User', '用户', ownerId);
    if (owner.status !== 'active') throw identityErrors.accountDisabled();
    const granted: ReadonlySet<Permission> = isSystem(caller) ? permissionsOf(owner.roles) : caller.permissions;
    const beyond = scopesBeyond(granted, input.scopes);
    if (beyond.length > 0) {
      throw errors.forbidden(
        `A token cannot have scopes its owner lacks: ${beyond.join(', ')}`,
        `令牌权限范围不能超出本人权限：${beyond.join('、')}`,
        { scopes: beyond },
      );
    }
    const now = clock.now();
    const { secret, prefix } = newTokenSecret();
    const row = {
      id: newId(now),
      user_id: owner.id,
      name: input.name,
      prefix,
      secret_hash: digestSecret(secret),
      scopes: [...input.scopes],
      created_at: now,
      expires_at: now + input.expiresInDays * DAY_MS,
      revoked_at: null,
      last_used_at: null,
    };
    await tokenRepository.insert(executor, row);
    await audit.record(executor, {
      actor: auditActor(caller),
      action: 'token.create',
      objectType: 'api_token',
      objectId: row.id,
      targetOrganisationId: targetOrganisation(caller, owner.organisation_id),
      after: presentToken(row),
      ...(meta ? { meta } : {}),
    });
    return { token: presentToken(row), secret };
  }

  return {
    /** The caller's own tokens, newest first. */
    async listOwn(actor: Actor): Promise<ApiToken[]> {
      return (await tokenRepository.listForUser(db, actor.userId)).map(presentToken);
    },

    /**
     * Creates a token for the caller (or, for the system caller, for `ownerUserId`). Scopes must
     * be within what the creator may do now, and only a browser session creates tokens, so a
     * leaked token can neither widen its power nor outlive its own expiry.
     */
    async create(
      caller: Caller,
      input: CreateTokenRequest & { ownerUserId?: string },
      meta?: RequestMeta,
    ): Promise<{ token: ApiToken; secret: string }> {
      return db.transaction().execute((trx) => createWithin(trx, caller, input, meta));
    },

    /**
     * `create` inside the caller's transaction, for a module that binds the new token to one of
     * its own records in the same commit (access: tokens bound to a grant).
     */
    createWithin,

    /**
     * Revokes a token of the caller's own, or of a user the caller manages. Someone else's token
     * outside that reach answers 404, exactly like a token that does not exist.
     */
    async revoke(caller: Caller, tokenId: string, meta?: RequestMeta): Promise<ApiToken> {
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const token = await tokenRepository.findById(trx, tokenId);
        const owner = token === undefined ? undefined : await users.findById(trx, token.user_id);
        const mayRevoke =
          owner !== undefined &&
          (isSystem(caller) || owner.id === caller.userId || canManageUser(caller, { organisationId: owner.organisation_id, roles: owner.roles }));
        if (token === undefined || owner === undefined || !mayRevoke) throw errors.notFound('API token', 'API 令牌', tokenId);
        if (token.revoked_at !== null) return presentToken(token);
        await tokenRepository.revoke(trx, token.id, now);
        const revoked = { ...token, revoked_at: now };
        await audit.record(trx, {
          actor: auditActor(caller),
          action: 'token.revoke',
          objectType: 'api_token',
          objectId: token.id,
          targetOrganisationId: targetOrganisation(caller, owner.organisation_id),
          before: presentToken(token),
          after: presentToken(revoked),
          ...(meta ? { meta } : {}),
        });
        return presentToken(revoked);
      });
    },

    /**
     * The actor of a bearer secret. Throws TOKEN_INVALID (unknown or malformed), TOKEN_REVOKED,
     * TOKEN_EXPIRED or ACCOUNT_DISABLED. Records use at most once a minute.
     */
    async resolveBearer(secret: string): Promise<Actor> {
      if (!isWellFormedTokenSecret(secret)) throw identityErrors.tokenInvalid();
      const token = await tokenRepository.findBySecretHash(db, digestSecret(secret));
      if (token === undefined) throw identityErrors.tokenInvalid();
      if (token.revoked_at !== null) throw identityErrors.tokenRevoked();
      const now = clock.now();
      if (token.expires_at <= now) throw identityErrors.tokenExpired();
      const principal = await loadPrincipal(db, { users, organisations }, token.user_id);
      if (principal === undefined) throw identityErrors.tokenInvalid();
      if (principal.user.status !== 'active') throw identityErrors.accountDisabled();
      if (token.last_used_at === null || now - token.last_used_at >= TOUCH_THROTTLE_MS) {
        await tokenRepository.touch(db, token.id, now, TOUCH_THROTTLE_MS);
      }
      return buildActor(principal, { kind: 'token', tokenId: token.id, scopes: token.scopes });
    },
  };
}
