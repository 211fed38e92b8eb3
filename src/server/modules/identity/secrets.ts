import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'yrd_session';

/** Personal API token secrets look like `yrd_pat_` + 43 base64url characters (256 random bits). */
export const TOKEN_SECRET_PREFIX = 'yrd_pat_';
const TOKEN_SECRET_PATTERN = /^yrd_pat_[A-Za-z0-9_-]{43}$/;
const SESSION_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** How many leading characters of a token secret are kept in clear, to recognise it in lists. */
const TOKEN_PREFIX_LENGTH = TOKEN_SECRET_PREFIX.length + 6;

/** 256 random bits as base64url (43 characters). */
function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Lower-case hex SHA-256: how session and token secrets are stored and looked up. */
export function digestSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function newSessionSecret(): string {
  return randomSecret();
}

export function isWellFormedSessionSecret(value: string): boolean {
  return SESSION_SECRET_PATTERN.test(value);
}

export function newTokenSecret(): { secret: string; prefix: string } {
  const secret = `${TOKEN_SECRET_PREFIX}${randomSecret()}`;
  return { secret, prefix: secret.slice(0, TOKEN_PREFIX_LENGTH) };
}

export function isWellFormedTokenSecret(value: string): boolean {
  return TOKEN_SECRET_PATTERN.test(value);
}

/**
 * The CSRF token of a session, derived from its cookie secret (HMAC-SHA-256), so it needs no
 * storage and cannot be computed by anyone who does not hold the cookie.
 */
export function csrfTokenFor(sessionSecret: string): string {
  return createHmac('sha256', sessionSecret).update('yrd-eco csrf v1').digest('base64url');
}

/** Constant-time string comparison (false when lengths differ). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
