import type { Writable } from 'node:stream';
import pino from 'pino';
import type { TSchema } from 'typebox';
import Value from 'typebox/value';
import type { Locale } from '../../contracts/common';
import { CreateUserRequest, ResetPasswordRequest, type Role, type User } from '../../contracts/identity';
import type { Config } from '../../server/config/config';
import { closeContext, createContext, type AppContext } from '../../server/context';
import { generatePassword, SYSTEM } from '../../server/modules/identity';

export interface CliIo {
  /** Results (the generated password, the created user). */
  stdout: Writable;
  /** Progress and notes. */
  stderr: Writable;
}

/**
 * The application context for a CLI command. Logs go to stderr, so stdout carries only the
 * command's result (e.g. a token secret captured by a script).
 */
export function openCliContext(config: Config): Promise<AppContext> {
  return createContext(config, { logger: pino({ level: config.logLevel, base: { service: 'yrd-eco' } }, pino.destination(2)) });
}

/**
 * Checks a CLI input against the same contract schema the HTTP route uses, so the CLI accepts
 * nothing the API would refuse. Throws with every problem found.
 */
export function assertValid(schema: TSchema, value: unknown, what: string): void {
  if (Value.Check(schema, value)) return;
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const error of Value.Errors(schema, value)) {
    const path = error.instancePath || '/';
    if (seen.has(path)) continue;
    seen.add(path);
    problems.push(`${path}: ${error.message}`);
  }
  throw new Error(`Invalid ${what}: ${problems.join('; ')}`);
}

export interface UserAddInput {
  username: string;
  /** Organisation id or exact name. */
  org: string;
  roles: string[];
  displayName?: string;
  email?: string;
  locale?: string;
  /** Generated (and printed) when absent. */
  password?: string;
}

/**
 * `yrd-eco user add`: creates a user as the system (audited with a null actor). Prints the
 * generated password once when none was given.
 */
export async function runUserAdd(config: Config, input: UserAddInput, io: CliIo): Promise<User> {
  const ctx = await openCliContext(config);
  try {
    const organisation = await ctx.identity.organisations.findByIdOrName(SYSTEM, input.org);
    if (organisation === undefined) throw new Error(`No organisation with the id or name "${input.org}"`);
    const generated = input.password === undefined;
    const password = input.password ?? generatePassword(input.username);
    const request = {
      username: input.username,
      displayName: input.displayName ?? input.username,
      organisationId: organisation.id,
      roles: input.roles as Role[],
      password,
      ...(input.email === undefined ? {} : { email: input.email }),
      ...(input.locale === undefined ? {} : { locale: input.locale as Locale }),
    };
    assertValid(CreateUserRequest, request, 'user');
    io.stderr.write(`Hashing the password (scrypt, N = 2^${config.passwordHash.scryptLog2N})…\n`);
    const user = await ctx.identity.users.create(SYSTEM, request);
    io.stdout.write(`Created user ${user.username} (${user.id}) in ${organisation.name} with roles ${user.roles.join(', ')}\n`);
    if (generated) io.stdout.write(`Password (shown once): ${password}\n`);
    return user;
  } finally {
    await closeContext(ctx);
  }
}

/**
 * `yrd-eco user reset-password`: sets a new password (generated and printed when absent),
 * clears any lockout and ends the user's sessions.
 */
export async function runUserResetPassword(config: Config, input: { username: string; password?: string }, io: CliIo): Promise<void> {
  const ctx = await openCliContext(config);
  try {
    const user = await ctx.identity.users.findByUsername(SYSTEM, input.username);
    if (user === undefined) throw new Error(`No user named "${input.username}"`);
    const password = input.password ?? generatePassword(user.username);
    assertValid(ResetPasswordRequest, { newPassword: password }, 'password');
    io.stderr.write(`Hashing the password (scrypt, N = 2^${config.passwordHash.scryptLog2N})…\n`);
    await ctx.identity.users.resetPassword(SYSTEM, user.id, password);
    io.stdout.write(`Password of ${user.username} reset; lockout cleared and sessions ended.\n`);
    if (input.password === undefined) io.stdout.write(`New password (shown once): ${password}\n`);
  } finally {
    await closeContext(ctx);
  }
}
