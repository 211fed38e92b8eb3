import type { LightMyRequestResponse } from 'fastify';
import type { CreateOrganisationRequest, Me, Organisation, Permission, Role, User } from '../../src/contracts/identity';
import type { AppContext } from '../../src/server/context';
import type { App } from '../../src/server/http/app';
import { SESSION_COOKIE, SYSTEM } from '../../src/server/modules/identity';

/**
 * Factories and sign-in helpers for integration tests. Everything goes through the identity
 * services (as the system caller), so the rows are valid and audited like real ones.
 *
 * Speed: pass `IDENTITY_TEST_ENV` to `buildTestApp(dialect, { env: IDENTITY_TEST_ENV })` — it
 * lowers the scrypt cost (production default 2^15 ≈ 0.3 s per hash) and lifts the strict
 * per-client login limit, which a file with many sign-ins would otherwise hit.
 */
export const IDENTITY_TEST_ENV: Readonly<Record<string, string>> = Object.freeze({
  PASSWORD_SCRYPT_LOG2N: '10',
  LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
});

/** Satisfies the password rules for every username the factories make. */
export const TEST_PASSWORD = 'Test#Passw0rd-2026';

let sequence = 0;
const next = () => `${process.pid.toString(36)}${(++sequence).toString(36)}`;

/**
 * An organisation; by default a city bureau of Nanjing (320100) with a unique name. Pass
 * `kind` and `divisionCode` together (a provincial department needs a province code, etc.).
 */
export async function makeOrganisation(ctx: AppContext, overrides: Partial<CreateOrganisationRequest> = {}): Promise<Organisation> {
  const n = next();
  return ctx.identity.organisations.create(SYSTEM, {
    name: `测试机构${n}`,
    nameEn: `Test organisation ${n}`,
    kind: 'city_bureau',
    divisionCode: '320100',
    ...overrides,
  });
}

export interface MadeUser {
  user: User;
  password: string;
}

/** A user of `organisationId` with `roles` (default analyst) and `password` (default TEST_PASSWORD). */
export async function makeUser(
  ctx: AppContext,
  options: { organisationId: string; roles?: Role[]; password?: string; username?: string; displayName?: string },
): Promise<MadeUser> {
  const password = options.password ?? TEST_PASSWORD;
  const n = next();
  const user = await ctx.identity.users.create(SYSTEM, {
    username: options.username ?? `user-${n}`,
    displayName: options.displayName ?? `测试用户 ${n}`,
    organisationId: options.organisationId,
    roles: options.roles ?? ['analyst'],
    password,
  });
  return { user, password };
}

export interface Session {
  /** `yrd_session=<value>`, ready for a `cookie` header. */
  cookie: string;
  csrfToken: string;
  me: Me;
  /** Headers for a request: the cookie, plus the CSRF token when `unsafe` (POST, PATCH, …). */
  headers(unsafe?: boolean): Record<string, string>;
}

let address = 0;

/** The session cookie value set by a response, if any. */
export function sessionCookieOf(response: LightMyRequestResponse): string | undefined {
  return response.cookies.find((cookie) => cookie.name === SESSION_COOKIE)?.value;
}

/**
 * Signs in through `POST /api/v1/auth/login` and returns the session. Each call comes from its
 * own client address unless `remoteAddress` is given, so the strict per-client login limit
 * does not trip across a test file. Throws with the response body when sign-in fails.
 */
export async function login(app: App, username: string, password: string, options: { remoteAddress?: string } = {}): Promise<Session> {
  address += 1;
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: options.remoteAddress ?? `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
  });
  const value = sessionCookieOf(response);
  if (response.statusCode !== 200 || value === undefined) {
    throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
  }
  const me = response.json<Me>();
  const cookie = `${SESSION_COOKIE}=${value}`;
  return {
    cookie,
    csrfToken: me.csrfToken,
    me,
    headers: (unsafe = false): Record<string, string> => (unsafe ? { cookie, 'x-csrf-token': me.csrfToken } : { cookie }),
  };
}

/** A new user with `roles` in `organisationId`, signed in. */
export async function makeSignedInUser(
  app: App,
  ctx: AppContext,
  options: { organisationId: string; roles?: Role[] },
): Promise<MadeUser & { session: Session }> {
  const made = await makeUser(ctx, options);
  return { ...made, session: await login(app, made.user.username, made.password) };
}

/** A personal API token for `userId` (created by the system caller); returns the secret once. */
export async function makeToken(
  ctx: AppContext,
  userId: string,
  options: { scopes: Permission[]; days?: number; name?: string },
): Promise<{ id: string; secret: string; headers: Record<string, string> }> {
  const { token, secret } = await ctx.identity.tokens.create(SYSTEM, {
    ownerUserId: userId,
    name: options.name ?? `test token ${next()}`,
    scopes: options.scopes,
    expiresInDays: options.days ?? 30,
  });
  return { id: token.id, secret, headers: { authorization: `Bearer ${secret}` } };
}
