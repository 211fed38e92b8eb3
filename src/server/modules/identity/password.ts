import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (RFC 7914) from node:crypto. A hash records its own parameters —
 * `scrypt$<log2N>$<r>$<p>$<salt base64>$<key base64>` — so raising the configured cost never
 * invalidates stored hashes; `needsRehash` tells the login path when to upgrade one.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Constant-time comparison; false (never a throw) for a malformed stored hash. */
  verify(password: string, stored: string): Promise<boolean>;
  /**
   * Spends the same time as `verify` on a real hash, for callers that have no user to check
   * (unknown username), so that response times do not reveal which usernames exist.
   */
  verifyDummy(password: string): Promise<void>;
  /** True when `stored` was made with a lower cost than the configured one. */
  needsRehash(stored: string): boolean;
}

const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

interface Parsed {
  log2N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function scryptAsync(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function optionsFor(log2N: number, r: number, p: number): ScryptOptions {
  const N = 2 ** log2N;
  // scrypt needs 128·N·r bytes; Node refuses anything above maxmem (32 MiB by default).
  return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
}

function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [log2N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![log2N, r, p].every(Number.isInteger) || log2N < 1 || log2N > 24 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < 8 || key.length < 16) return null;
  return { log2N, r, p, salt, key };
}

/** A hasher at cost N = 2^log2N (config `passwordHash.scryptLog2N`). */
export function createPasswordHasher(log2N: number): PasswordHasher {
  let dummy: Promise<string> | undefined;

  async function hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await scryptAsync(password, salt, KEY_BYTES, optionsFor(log2N, BLOCK_SIZE, PARALLELISM));
    return ['scrypt', log2N, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async function verify(password: string, stored: string): Promise<boolean> {
    const parsed = parse(stored);
    if (parsed === null) return false;
    const key = await scryptAsync(password, parsed.salt, parsed.key.length, optionsFor(parsed.log2N, parsed.r, parsed.p));
    return timingSafeEqual(key, parsed.key);
  }

  return {
    hash,
    verify,
    async verifyDummy(password) {
      dummy ??= hash(randomBytes(16).toString('hex'));
      await verify(password, await dummy);
    },
    needsRehash(stored) {
      const parsed = parse(stored);
      return parsed === null || parsed.log2N < log2N;
    },
  };
}

/** The password rules, each with a stable code the web can translate. */
export type PasswordRule = 'min_length' | 'max_length' | 'character_classes' | 'contains_username' | 'same_as_current';

export interface PasswordProblem {
  rule: PasswordRule;
  message: string;
  messageZh: string;
}

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
/** Of lower case, upper case, digits and other characters, at least this many must occur. */
export const PASSWORD_MIN_CLASSES = 3;

function characterClasses(password: string): number {
  return [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u].filter((re) => re.test(password)).length;
}

/** Every rule `password` breaks for `username` (empty when it is acceptable). */
export function checkPasswordRules(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push({
      rule: 'min_length',
      message: `At least ${PASSWORD_MIN_LENGTH} characters`,
      messageZh: `密码至少 ${PASSWORD_MIN_LENGTH} 个字符`,
    });
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push({
      rule: 'max_length',
      message: `At most ${PASSWORD_MAX_LENGTH} characters`,
      messageZh: `密码最多 ${PASSWORD_MAX_LENGTH} 个字符`,
    });
  }
  if (characterClasses(password) < PASSWORD_MIN_CLASSES) {
    problems.push({
      rule: 'character_classes',
      message: 'Use at least 3 of: lower-case letters, upper-case letters, digits, other characters',
      messageZh: '需包含小写字母、大写字母、数字、其他字符中的至少三类',
    });
  }
  if (username.length > 0 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push({ rule: 'contains_username', message: 'Must not contain the username', messageZh: '密码不得包含用户名' });
  }
  return problems;
}

const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '#%+-=@_';

/**
 * A random 20-character password with all four character classes (ambiguous characters left
 * out) that satisfies the rules for `username`.
 */
export function generatePassword(username = '', length = 20): string {
  const all = LOWER + UPPER + DIGITS + SYMBOLS;
  for (;;) {
    const chars = [LOWER, UPPER, DIGITS, SYMBOLS].map((set) => set[randomInt(set.length)]!);
    while (chars.length < length) chars.push(all[randomInt(all.length)]!);
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const password = chars.join('');
    // A short username could by chance occur inside it; draw again in that case.
    if (checkPasswordRules(password, username).length === 0) return password;
  }
}
