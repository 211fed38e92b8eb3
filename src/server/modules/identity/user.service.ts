import type { CreateUserRequest, Role, UpdateUserRequest, User } from '../../../contracts/identity';
import type { RequestMeta } from '../../platform/actor';
import { errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { auditActor, targetOrganisation, type IdentityDeps } from './identity.deps';
import { identityErrors } from './identity.errors';
import {
  canManageUser,
  canManageUsersOf,
  canReadUsersOf,
  isSystem,
  roleGrantProblems,
  userReadScope,
  type Caller,
  type RoleGrantProblem,
} from './identity.policy';
import { presentUser } from './identity.presenter';
import type { OrganisationRepository } from './organisation.repository';
import { checkPasswordRules, type PasswordHasher } from './password';
import { sessionRepository } from './session.repository';
import type { UserRepository, UserWithRoles } from './user.repository';

export interface UserServiceDeps extends IdentityDeps {
  hasher: PasswordHasher;
  users: UserRepository;
  organisations: OrganisationRepository;
}

export interface ListUsersInput {
  q?: string;
  organisationId?: string;
  role?: Role;
  limit?: number;
  offset?: number;
}

export type UserService = ReturnType<typeof createUserService>;

function roleProblemsError(problems: RoleGrantProblem[]) {
  return errors.forbidden(
    problems.map((problem) => problem.message).join('; '),
    problems.map((problem) => problem.messageZh).join('；'),
    { rules: problems },
  );
}

/** Users of organisations. Every method applies identity.policy's organisation scoping. */
export function createUserService(deps: UserServiceDeps) {
  const { clock, database, audit, hasher, users, organisations } = deps;
  const { db, dialect } = database;
  const present = (user: UserWithRoles) => presentUser(user, clock.now());
  const notFound = (id: string) => errors.notFound('User', '用户', id);

  /** A user the caller may read, or 404 (also for users of organisations out of reach). */
  async function readable(caller: Caller, id: string): Promise<UserWithRoles> {
    const user = await users.findById(db, id);
    if (user === undefined || !canReadUsersOf(caller, user.organisation_id)) throw notFound(id);
    return user;
  }

  /** A user the caller may manage: 404 when they may not even read it, 403 when read-only. */
  function assertManageable(caller: Caller, user: UserWithRoles | undefined, id: string): asserts user is UserWithRoles {
    if (user === undefined || !canReadUsersOf(caller, user.organisation_id)) throw notFound(id);
    if (!canManageUser(caller, { organisationId: user.organisation_id, roles: user.roles })) {
      throw errors.forbidden('You cannot manage this user', '无权管理该用户');
    }
  }

  async function hashChecked(password: string, username: string): Promise<string> {
    const problems = checkPasswordRules(password, username);
    if (problems.length > 0) throw identityErrors.weakPassword(problems);
    return hasher.hash(password);
  }

  return {
    async list(caller: Caller, input: ListUsersInput): Promise<{ items: User[]; total: number }> {
      const scope = userReadScope(caller);
      if (scope === null) throw errors.forbidden('You cannot list users', '无权查看用户列表');
      if ('organisationId' in scope && input.organisationId !== undefined && input.organisationId !== scope.organisationId) {
        throw errors.forbidden("You can only list your own organisation's users", '只能查看本单位的用户');
      }
      const organisationId = input.organisationId ?? ('organisationId' in scope ? scope.organisationId : undefined);
      const { rows, total } = await users.list(db, {
        ...(input.q === undefined ? {} : { q: input.q }),
        ...(organisationId === undefined ? {} : { organisationId }),
        ...(input.role === undefined ? {} : { role: input.role }),
        limit: input.limit ?? 50,
        offset: input.offset ?? 0,
      });
      return { items: rows.map(present), total };
    },

    async get(caller: Caller, id: string): Promise<User> {
      return present(await readable(caller, id));
    },

    /** Case-insensitive username lookup within the caller's reach (the CLI addresses users by name). */
    async findByUsername(caller: Caller, username: string): Promise<User | undefined> {
      const user = await users.findByUsername(db, username);
      return user === undefined || !canReadUsersOf(caller, user.organisation_id) ? undefined : present(user);
    },

    async create(caller: Caller, input: CreateUserRequest, meta?: RequestMeta): Promise<User> {
      const organisation = await organisations.findById(db, input.organisationId);
      if (organisation === undefined) throw errors.notFound('Organisation', '机构', input.organisationId);
      if (!canManageUsersOf(caller, organisation.id)) {
        throw errors.forbidden("You can only create users in your own organisation", '只能在本单位创建用户');
      }
      const problems = roleGrantProblems(caller, input.roles, organisation.kind);
      if (problems.length > 0) throw roleProblemsError(problems);
      if ((await users.findByUsername(db, input.username)) !== undefined) throw usernameTaken(input.username);
      const passwordHash = await hashChecked(input.password, input.username);
      const now = clock.now();
      const row = {
        id: newId(now),
        organisation_id: organisation.id,
        username: input.username,
        display_name: input.displayName,
        email: input.email ?? null,
        password_hash: passwordHash,
        locale: input.locale ?? 'zh-CN',
        status: 'active' as const,
        failed_logins: 0,
        locked_until: null,
        last_login_at: null,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      };
      const created: UserWithRoles = { ...row, roles: [...input.roles] };
      try {
        await db.transaction().execute(async (trx) => {
          await users.insert(trx, row, input.roles);
          await audit.record(trx, {
            actor: auditActor(caller),
            action: 'user.create',
            objectType: 'user',
            objectId: row.id,
            targetOrganisationId: targetOrganisation(caller, organisation.id),
            after: present(created),
            ...(meta ? { meta } : {}),
          });
        });
      } catch (error) {
        if (dialect.isUniqueViolation(error)) throw usernameTaken(input.username);
        throw error;
      }
      return present((await users.findById(db, row.id)) ?? created);
    },

    /** Display name, e-mail, roles and status. Nobody changes their own roles or status. */
    async update(caller: Caller, id: string, input: UpdateUserRequest, meta?: RequestMeta): Promise<User> {
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const before = await users.findByIdForUpdate(trx, id);
        assertManageable(caller, before, id);
        if (input.roles !== undefined || input.status !== undefined) {
          const organisation = await organisations.findById(trx, before.organisation_id);
          if (organisation === undefined) throw notFound(id);
          const problems = roleGrantProblems(caller, input.roles ?? before.roles, organisation.kind, before);
          if (problems.length > 0) throw roleProblemsError(problems);
        }
        await users.update(trx, id, {
          ...(input.displayName === undefined ? {} : { display_name: input.displayName }),
          ...(input.email === undefined ? {} : { email: input.email }),
          ...(input.status === undefined ? {} : { status: input.status }),
          updated_at: now,
        });
        if (input.roles !== undefined) await users.replaceRoles(trx, id, input.roles);
        // A disabled account is signed out everywhere at once (its tokens stop working too).
        if (input.status === 'disabled' && before.status !== 'disabled') await sessionRepository.deleteForUser(trx, id);
        const after = await users.findById(trx, id);
        if (after === undefined) throw notFound(id);
        await audit.record(trx, {
          actor: auditActor(caller),
          action: 'user.update',
          objectType: 'user',
          objectId: id,
          targetOrganisationId: targetOrganisation(caller, before.organisation_id),
          before: present(before),
          after: present(after),
          ...(meta ? { meta } : {}),
        });
        return present(after);
      });
    },

    /**
     * Sets a new password chosen by an administrator, clears any lockout and ends the user's
     * sessions. Users change their own password with the current one (auth/me/password).
     */
    async resetPassword(caller: Caller, id: string, newPassword: string, meta?: RequestMeta): Promise<void> {
      const user = await users.findById(db, id);
      assertManageable(caller, user, id);
      if (!isSystem(caller) && caller.userId === id) {
        throw errors.forbidden('Change your own password with your current one', '请使用当前密码修改自己的密码');
      }
      const passwordHash = await hashChecked(newPassword, user.username);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await users.update(trx, id, {
          password_hash: passwordHash,
          password_changed_at: now,
          failed_logins: 0,
          locked_until: null,
          updated_at: now,
        });
        const ended = await sessionRepository.deleteForUser(trx, id);
        await audit.record(trx, {
          actor: auditActor(caller),
          action: 'user.password.reset',
          objectType: 'user',
          objectId: id,
          targetOrganisationId: targetOrganisation(caller, user.organisation_id),
          after: { sessionsEnded: ended, lockCleared: user.locked_until !== null },
          ...(meta ? { meta } : {}),
        });
      });
    },

    /** Clears a lockout and the failure count. */
    async unlock(caller: Caller, id: string, meta?: RequestMeta): Promise<User> {
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const before = await users.findByIdForUpdate(trx, id);
        assertManageable(caller, before, id);
        await users.update(trx, id, { failed_logins: 0, locked_until: null, updated_at: now });
        const after: UserWithRoles = { ...before, failed_logins: 0, locked_until: null, updated_at: now };
        await audit.record(trx, {
          actor: auditActor(caller),
          action: 'user.unlock',
          objectType: 'user',
          objectId: id,
          targetOrganisationId: targetOrganisation(caller, before.organisation_id),
          before: { lockedUntil: before.locked_until, failedLogins: before.failed_logins },
          after: { lockedUntil: null, failedLogins: 0 },
          ...(meta ? { meta } : {}),
        });
        return present(after);
      });
    },
  };
}

function usernameTaken(username: string) {
  return errors.conflict(`The username ${username} is taken`, `用户名 ${username} 已被使用`, { field: 'username' });
}
