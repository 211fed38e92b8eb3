import type { Locale } from '../../../contracts/common';
import type { LoginRequest, Me } from '../../../contracts/identity';
import type { Actor, RequestMeta } from '../../platform/actor';
import { errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { auditActor, TOUCH_THROTTLE_MS, type IdentityDeps } from './identity.deps';
import { identityErrors } from './identity.errors';
import { presentOrganisation, presentUser } from './identity.presenter';
import type { OrganisationRepository } from './organisation.repository';
import { checkPasswordRules, type PasswordHasher } from './password';
import { buildActor, loadPrincipal, sortedPermissions } from './principal';
import { csrfTokenFor, digestSecret, isWellFormedSessionSecret, newSessionSecret } from './secrets';
import { sessionRepository } from './session.repository';
import type { UserRepository, UserWithRoles } from './user.repository';

export interface AuthServiceDeps extends IdentityDeps {
  hasher: PasswordHasher;
  users: UserRepository;
  organisations: OrganisationRepository;
  /** CSRF token of each session actor, set when the session is resolved. */
  csrfTokens: WeakMap<Actor, string>;
}

export interface LoginResult {
  /** The cookie value; shown to the browser once, stored only as its digest. */
  sessionSecret: string;
  expiresAt: number;
  me: Me;
}

export type AuthService = ReturnType<typeof createAuthService>;

/** The audit actor for a user acting on their own account before a session exists. */
function userActor(user: UserWithRoles) {
  return { userId: user.id, username: user.username, displayName: user.display_name, organisationId: user.organisation_id };
}

/** Password sign-in, sessions and the signed-in user's own account. */
export function createAuthService(deps: AuthServiceDeps) {
  const { config, clock, database, audit, hasher, users, organisations, csrfTokens } = deps;
  const db = database.db;
  const lockoutMs = config.login.lockoutMinutes * 60_000;
  const sessionTtlMs = config.sessionTtlHours * 3_600_000;
  const repositories = { users, organisations };

  async function meFor(actor: Actor, csrfToken: string): Promise<Me> {
    const principal = await loadPrincipal(db, repositories, actor.userId);
    if (principal === undefined) throw errors.unauthenticated();
    return {
      user: presentUser(principal.user, clock.now()),
      organisation: presentOrganisation(principal.organisation),
      permissions: sortedPermissions(actor.permissions),
      csrfToken,
    };
  }

  /** Counts one failed password check; locks the account at the configured number of failures. */
  async function recordFailure(user: UserWithRoles, action: string, meta: RequestMeta): Promise<number | null> {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const failures = await users.incrementFailedLogins(trx, user.id, now);
      let lockedUntil: number | null = null;
      if (failures >= config.login.maxFailures) {
        lockedUntil = now + lockoutMs;
        // The count starts again after the lockout, so the next failure does not re-lock at once.
        await users.update(trx, user.id, { locked_until: lockedUntil, failed_logins: 0, updated_at: now });
      }
      const actor = userActor(user);
      await audit.record(trx, { actor, action, objectType: 'user', objectId: user.id, after: { failures, lockedUntil }, meta });
      if (lockedUntil !== null) {
        await audit.record(trx, { actor, action: 'user.lock', objectType: 'user', objectId: user.id, after: { lockedUntil }, meta });
      }
      return lockedUntil;
    });
  }

  return {
    /**
     * Checks the password and opens a session. Failures are written (counter, lockout, audit)
     * and committed before the error is thrown.
     */
    async login(input: LoginRequest, meta: RequestMeta & { userAgent?: string | null }): Promise<LoginResult> {
      const user = await users.findByUsername(db, input.username);
      if (user === undefined) {
        await hasher.verifyDummy(input.password);
        await db.transaction().execute((trx) =>
          audit.record(trx, {
            actor: null,
            action: 'auth.login.failed',
            objectType: 'user',
            objectId: null,
            after: { username: input.username, reason: 'unknown_user' },
            meta,
          }),
        );
        throw identityErrors.invalidCredentials();
      }
      const startedAt = clock.now();
      if (user.locked_until !== null && user.locked_until > startedAt) throw identityErrors.accountLocked(user.locked_until);

      if (!(await hasher.verify(input.password, user.password_hash))) {
        const lockedUntil = await recordFailure(user, 'auth.login.failed', meta);
        throw lockedUntil === null ? identityErrors.invalidCredentials() : identityErrors.accountLocked(lockedUntil);
      }
      if (user.status !== 'active') {
        await db.transaction().execute((trx) =>
          audit.record(trx, {
            actor: userActor(user),
            action: 'auth.login.failed',
            objectType: 'user',
            objectId: user.id,
            after: { reason: 'disabled' },
            meta,
          }),
        );
        throw identityErrors.accountDisabled();
      }

      // Hashing is CPU work, done before the transaction opens.
      const upgradedHash = hasher.needsRehash(user.password_hash) ? await hasher.hash(input.password) : null;
      const now = clock.now();
      const secret = newSessionSecret();
      const session = {
        id: newId(now),
        user_id: user.id,
        secret_hash: digestSecret(secret),
        created_at: now,
        expires_at: now + sessionTtlMs,
        last_seen_at: now,
        ip: meta.ip,
        user_agent: meta.userAgent?.slice(0, 500) ?? null,
      };
      await db.transaction().execute(async (trx) => {
        await users.update(trx, user.id, {
          failed_logins: 0,
          locked_until: null,
          last_login_at: now,
          updated_at: now,
          ...(upgradedHash === null ? {} : { password_hash: upgradedHash }),
        });
        const purged = await sessionRepository.deleteExpiredForUser(trx, user.id, now);
        await sessionRepository.insert(trx, session);
        await audit.record(trx, {
          actor: userActor(user),
          action: 'auth.login',
          objectType: 'session',
          objectId: session.id,
          after: { expiresAt: session.expires_at, expiredSessionsPurged: purged },
          meta,
        });
      });
      const principal = await loadPrincipal(db, repositories, user.id);
      if (principal === undefined) throw errors.unauthenticated();
      const actor = buildActor(principal, { kind: 'session', sessionId: session.id });
      const csrfToken = csrfTokenFor(secret);
      csrfTokens.set(actor, csrfToken);
      return { sessionSecret: secret, expiresAt: session.expires_at, me: await meFor(actor, csrfToken) };
    },

    /**
     * The actor of a session cookie, or null when the cookie is unknown, expired or its user is
     * disabled. Records activity at most once a minute.
     */
    async resolveSession(secret: string): Promise<Actor | null> {
      if (!isWellFormedSessionSecret(secret)) return null;
      const session = await sessionRepository.findBySecretHash(db, digestSecret(secret));
      const now = clock.now();
      if (session === undefined || session.expires_at <= now) return null;
      const principal = await loadPrincipal(db, repositories, session.user_id);
      if (principal === undefined || principal.user.status !== 'active') return null;
      if (now - session.last_seen_at >= TOUCH_THROTTLE_MS) await sessionRepository.touch(db, session.id, now, TOUCH_THROTTLE_MS);
      const actor = buildActor(principal, { kind: 'session', sessionId: session.id });
      csrfTokens.set(actor, csrfTokenFor(secret));
      return actor;
    },

    /** Ends the caller's own session (cookie callers only). */
    async logout(actor: Actor, meta: RequestMeta): Promise<void> {
      if (actor.sessionId === null) {
        throw errors.badRequest('Only a signed-in browser session can log out; revoke a token instead', '仅浏览器会话可以退出登录，API 令牌请使用吊销');
      }
      const sessionId = actor.sessionId;
      await db.transaction().execute(async (trx) => {
        await sessionRepository.delete(trx, sessionId);
        await audit.record(trx, { actor: auditActor(actor), action: 'auth.logout', objectType: 'session', objectId: sessionId, meta });
      });
    },

    /** Ends every session of the caller (all browsers); returns how many ended. */
    async logoutEverywhere(actor: Actor, meta: RequestMeta): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const ended = await sessionRepository.deleteForUser(trx, actor.userId);
        await audit.record(trx, {
          actor: auditActor(actor),
          action: 'auth.logout_all',
          objectType: 'user',
          objectId: actor.userId,
          after: { sessionsEnded: ended },
          meta,
        });
        return ended;
      });
    },

    /** The signed-in user, their organisation, effective permissions and (sessions) CSRF token. */
    async me(actor: Actor): Promise<Me> {
      return meFor(actor, csrfTokens.get(actor) ?? '');
    },

    async updatePreferences(actor: Actor, input: { locale: Locale }, meta: RequestMeta): Promise<Me> {
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const before = await users.findByIdForUpdate(trx, actor.userId);
        if (before === undefined) throw errors.unauthenticated();
        await users.update(trx, actor.userId, { locale: input.locale, updated_at: now });
        await audit.record(trx, {
          actor: auditActor(actor),
          action: 'user.preferences.update',
          objectType: 'user',
          objectId: actor.userId,
          before: { locale: before.locale },
          after: { locale: input.locale },
          meta,
        });
      });
      return meFor(actor, csrfTokens.get(actor) ?? '');
    },

    /**
     * Changes the caller's own password (browser sessions only: a leaked token must not be able
     * to take the account over). Ends the user's other sessions. A wrong current password counts
     * towards the lockout like a failed sign-in.
     */
    async changePassword(actor: Actor, input: { currentPassword: string; newPassword: string }, meta: RequestMeta): Promise<void> {
      if (actor.via !== 'session' || actor.sessionId === null) {
        throw errors.forbidden('Change the password from a signed-in browser session', '请在浏览器登录后修改密码');
      }
      const sessionId = actor.sessionId;
      const user = await users.findById(db, actor.userId);
      if (user === undefined) throw errors.unauthenticated();
      if (!(await hasher.verify(input.currentPassword, user.password_hash))) {
        await recordFailure(user, 'user.password.change_failed', meta);
        throw identityErrors.wrongCurrentPassword();
      }
      const problems = checkPasswordRules(input.newPassword, user.username);
      if (input.newPassword === input.currentPassword) {
        problems.push({ rule: 'same_as_current', message: 'Choose a password different from the current one', messageZh: '新密码不能与当前密码相同' });
      }
      if (problems.length > 0) throw identityErrors.weakPassword(problems);
      const passwordHash = await hasher.hash(input.newPassword);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await users.update(trx, user.id, { password_hash: passwordHash, password_changed_at: now, failed_logins: 0, updated_at: now });
        const ended = await sessionRepository.deleteOthersForUser(trx, user.id, sessionId);
        await audit.record(trx, {
          actor: auditActor(actor),
          action: 'user.password.change',
          objectType: 'user',
          objectId: user.id,
          after: { otherSessionsEnded: ended },
          meta,
        });
      });
    },
  };
}
