import { resolve } from 'node:path';
import { parseWorkingDayOverrides, type WorkingDayOverrides } from '../platform/working-days';

/**
 * Typed configuration. `loadConfig(process.env)` is the only place the process environment is
 * read; everything else receives a `Config`.
 */
export interface Config {
  /** `sqlite` unless DATABASE_URL is a postgres:// URL. */
  database: { dialect: 'sqlite'; file: string; inbox?: SqliteInboxConfig } | { dialect: 'postgres'; url: string; schema?: string; poolSize: number };
  port: number;
  host: string;
  /** Where the embedded database, uploads and other state live. */
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Log one line per HTTP request. Off on hot paths such as benchmarks. */
  logRequests: boolean;
  /** `auto` loads the demo data set when the database has no organisations yet. */
  demoData: 'auto' | 'never';
  /** Mark the session cookie `Secure`; turn on behind HTTPS. */
  cookieSecure: boolean;
  sessionTtlHours: number;
  /**
   * Failed-login lockout and the stricter per-client limit on the login route (requests per
   * minute, answered with 429 beyond it).
   */
  login: { maxFailures: number; lockoutMinutes: number; rateLimitPerMinute: number };
  /**
   * scrypt cost for password hashes: N = 2^scryptLog2N with r = 8, p = 1 (15 ≈ 32 MiB and
   * ~0.3 s on a small server). Existing hashes keep their own cost and are upgraded at login.
   */
  passwordHash: { scryptLog2N: number };
  /** Largest accepted request body in bytes. */
  bodyLimitBytes: number;
  /** Requests per minute per client on ordinary routes (login has its own, stricter limit). */
  rateLimitPerMinute: number;
  /** Tile URL template for maps (`{z}/{x}/{y}`); empty means boundaries only, fully offline. */
  mapTileUrl: string;
  /** How long SIGTERM waits for in-flight requests before closing anyway. */
  shutdownGraceMs: number;
  /** The HJ 212 TCP gateway for data loggers (modules/gateway). */
  gateway: GatewayConfig;
  /** Secure sharing: access requests, grants, machine access, exchange receipts (modules/access). */
  access: AccessConfig;
  /** Webhooks of dataset subscriptions and data-error deadlines (modules/notifications). */
  notifications: NotificationsConfig;
  /** Data uploads and releases (modules/releases). */
  releases: ReleasesConfig;
}

export interface ReleasesConfig {
  /** Largest upload file or JSON batch in bytes (UPLOAD_MAX_BYTES); larger → 413 PAYLOAD_TOO_LARGE. */
  uploadMaxBytes: number;
  /** Data rows one upload may hold across its tables (UPLOAD_MAX_ROWS). */
  uploadMaxRows: number;
  /** Largest review attachment in bytes (RELEASE_ATTACHMENT_MAX_BYTES); stored in the database. */
  attachmentMaxBytes: number;
  /** HMAC key signing release receipts (RELEASE_RECEIPT_KEY, ≥ 32 characters); null = unsigned. */
  receiptKey: string | null;
}

export interface AccessConfig {
  /** ACCESS_REPLY_WORKING_DAYS: the deciding organisation answers within this many working days (default 10). */
  replyWorkingDays: number;
  /** ACCESS_REMINDER_WORKING_DAYS: remind when this many working days or fewer are left (default 2). */
  reminderWorkingDays: number;
  /** How often the reminder/escalation job runs (ACCESS_JOB_INTERVAL_MS, default 10 minutes). */
  jobIntervalMs: number;
  /**
   * WORKING_DAY_OVERRIDES (`2027-01-01:off,2027-02-06:work`) and WORKING_DAY_OVERRIDE_YEARS
   * (years the table fully describes, e.g. next year's notice before chinese-days has it).
   */
  calendarOverrides: WorkingDayOverrides;
  /**
   * EXCHANGE_RECEIPT_KEY: HMAC key of exchange receipts (≥ 32 characters). Empty: a random key
   * kept in DATA_DIR/exchange-receipt.key, created on first start.
   */
  receiptKey: string | null;
  /** SHARED_DATA_RATE_LIMIT_PER_MINUTE: reads of shared rows per minute per token (or session). */
  readRateLimitPerMinute: number;
}

export interface NotificationsConfig {
  /** A delivery is given up after this many attempts (WEBHOOK_MAX_ATTEMPTS, default 8). */
  webhookMaxAttempts: number;
  /** First retry after this long, doubling each time up to 6 h (WEBHOOK_RETRY_BASE_MS, default 30 s). */
  webhookRetryBaseMs: number;
  /** One attempt may take this long (WEBHOOK_TIMEOUT_MS, default 10 s). */
  webhookTimeoutMs: number;
  /** How often queued deliveries are looked for (WEBHOOK_POLL_MS, default 5 s). */
  webhookPollMs: number;
  /** Let webhooks reach private/loopback addresses (WEBHOOK_ALLOW_PRIVATE_TARGETS; closed networks only). */
  webhookAllowPrivateTargets: boolean;
  /** Working days the owner has to answer a data-error report (DATA_ERROR_REPLY_WORKING_DAYS, default 10). */
  dataErrorReplyWorkingDays: number;
}

export interface GatewayConfig {
  /** Start the TCP listener with the HTTP server (GATEWAY_ENABLED, default true). */
  enabled: boolean;
  /** GATEWAY_PORT (default 9212, or 0 = any free port when PORT is 0) and GATEWAY_HOST (default HOST). */
  port: number;
  host: string;
  /**
   * Hard cap on a packet's data segment (the 4-digit length field), GATEWAY_MAX_PACKET_BYTES:
   * packets over the standard's 1024 bytes are accepted up to it (default 9999, hj212.md §2.2).
   */
  maxPacketBytes: number;
  /** A connection that sends nothing for this long is closed (GATEWAY_IDLE_TIMEOUT_MS). */
  idleTimeoutMs: number;
  /** Further connections are refused beyond this many (GATEWAY_MAX_CONNECTIONS). */
  maxConnections: number;
  /** Group commit: commit when this many readings are pending (GATEWAY_BATCH_MAX_ROWS) … */
  batchMaxRows: number;
  /** … or this long after the first pending one arrived (GATEWAY_BATCH_MAX_DELAY_MS). */
  batchMaxDelayMs: number;
  /** DataTime later than now + this is rejected as FUTURE_DATATIME (GATEWAY_FUTURE_TOLERANCE_MS). */
  futureToleranceMs: number;
  /** Rows kept in the bad-packet log (GATEWAY_BAD_PACKET_LOG_MAX); older ones are pruned. */
  badPacketLogMax: number;
  /** Raw packets kept per quarantined MN for re-ingestion (GATEWAY_QUARANTINE_MAX_PACKETS). */
  quarantineMaxPackets: number;
}

/** When the SQLite writer keeps accepted HJ 212 batches in its readings inbox (src/server/db/sqlite-readings-inbox.ts). */
export interface SqliteInboxConfig {
  /** A batch of at least this many readings goes to the inbox (SQLITE_INBOX_MIN_BATCH_ROWS). */
  minBatchRows: number;
  /** The inbox moves into the readings table when this many wait (SQLITE_INBOX_MOVE_ROWS), … */
  moveRows: number;
  /** … when no batch has arrived for this long (SQLITE_INBOX_MOVE_DELAY_MS), … */
  moveDelayMs: number;
  /** … and at the latest this long after the first waiting one arrived (SQLITE_INBOX_MAX_LAG_MS). */
  maxLagMs: number;
}

export const DEFAULT_SQLITE_INBOX: SqliteInboxConfig = { minBatchRows: 1000, moveRows: 150_000, moveDelayMs: 250, maxLagMs: 2000 };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration / 配置无效:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Parses and checks the environment once; throws a ConfigError listing every bad value. */
export function loadConfig(env: Env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const dataDir = resolve(cwd, read.string('DATA_DIR', './data'));
  const databaseUrl = read.string('DATABASE_URL', '');
  const inbox: SqliteInboxConfig = {
    minBatchRows: read.int('SQLITE_INBOX_MIN_BATCH_ROWS', DEFAULT_SQLITE_INBOX.minBatchRows, 1, 10_000_000),
    moveRows: read.int('SQLITE_INBOX_MOVE_ROWS', DEFAULT_SQLITE_INBOX.moveRows, 1, 10_000_000),
    moveDelayMs: read.int('SQLITE_INBOX_MOVE_DELAY_MS', DEFAULT_SQLITE_INBOX.moveDelayMs, 0, 60_000),
    maxLagMs: read.int('SQLITE_INBOX_MAX_LAG_MS', DEFAULT_SQLITE_INBOX.maxLagMs, 0, 600_000),
  };
  let database: Config['database'];
  if (databaseUrl === '') {
    database = { dialect: 'sqlite', file: resolve(dataDir, 'yrd-eco.sqlite'), inbox };
  } else if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const schema = read.string('DATABASE_SCHEMA', '');
    if (schema !== '' && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      problems.push(`DATABASE_SCHEMA must be a lower-case PostgreSQL identifier (got "${schema}")`);
    }
    database = {
      dialect: 'postgres',
      url: databaseUrl,
      poolSize: read.int('DATABASE_POOL_SIZE', 10, 1, 200),
      ...(schema === '' ? {} : { schema }),
    };
  } else if (databaseUrl.startsWith('sqlite:')) {
    database = { dialect: 'sqlite', file: resolve(cwd, databaseUrl.slice('sqlite:'.length)), inbox };
  } else {
    problems.push(`DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got "${databaseUrl}")`);
    database = { dialect: 'sqlite', file: resolve(dataDir, 'yrd-eco.sqlite') };
  }

  const config: Config = {
    database,
    port: read.int('PORT', 3000, 0, 65535),
    host: read.string('HOST', '0.0.0.0'),
    dataDir,
    logLevel: read.oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
    logRequests: read.bool('LOG_REQUESTS', false),
    demoData: read.oneOf('DEMO_DATA', 'auto', ['auto', 'never'] as const),
    cookieSecure: read.bool('COOKIE_SECURE', false),
    sessionTtlHours: read.int('SESSION_TTL_HOURS', 12, 1, 24 * 30),
    login: {
      maxFailures: read.int('LOGIN_MAX_FAILURES', 5, 1, 100),
      lockoutMinutes: read.int('LOGIN_LOCKOUT_MINUTES', 15, 1, 24 * 60),
      rateLimitPerMinute: read.int('LOGIN_RATE_LIMIT_PER_MINUTE', 20, 1, 10_000),
    },
    passwordHash: { scryptLog2N: read.int('PASSWORD_SCRYPT_LOG2N', 15, 10, 20) },
    bodyLimitBytes: read.int('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 512 * 1024 * 1024),
    rateLimitPerMinute: read.int('RATE_LIMIT_PER_MINUTE', 1200, 1, 1_000_000),
    mapTileUrl: read.string('MAP_TILE_URL', ''),
    shutdownGraceMs: read.int('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    notifications: {
      webhookMaxAttempts: read.int('WEBHOOK_MAX_ATTEMPTS', 8, 1, 50),
      webhookRetryBaseMs: read.int('WEBHOOK_RETRY_BASE_MS', 30_000, 100, 3_600_000),
      webhookTimeoutMs: read.int('WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
      webhookPollMs: read.int('WEBHOOK_POLL_MS', 5_000, 100, 86_400_000),
      webhookAllowPrivateTargets: read.bool('WEBHOOK_ALLOW_PRIVATE_TARGETS', false),
      dataErrorReplyWorkingDays: read.int('DATA_ERROR_REPLY_WORKING_DAYS', 10, 1, 60),
    },
    gateway: {
      enabled: read.bool('GATEWAY_ENABLED', true),
      // An ephemeral HTTP port (PORT=0, tests) implies an ephemeral gateway port unless set.
      port: read.int('GATEWAY_PORT', env.PORT?.trim() === '0' ? 0 : 9212, 0, 65535),
      host: read.string('GATEWAY_HOST', read.string('HOST', '0.0.0.0')),
      maxPacketBytes: read.int('GATEWAY_MAX_PACKET_BYTES', 9999, 1024, 9999),
      idleTimeoutMs: read.int('GATEWAY_IDLE_TIMEOUT_MS', 600_000, 100, 86_400_000),
      maxConnections: read.int('GATEWAY_MAX_CONNECTIONS', 5000, 1, 100_000),
      batchMaxRows: read.int('GATEWAY_BATCH_MAX_ROWS', 5000, 1, 100_000),
      batchMaxDelayMs: read.int('GATEWAY_BATCH_MAX_DELAY_MS', 2, 0, 10_000),
      futureToleranceMs: read.int('GATEWAY_FUTURE_TOLERANCE_MS', 600_000, 0, 86_400_000),
      badPacketLogMax: read.int('GATEWAY_BAD_PACKET_LOG_MAX', 1000, 10, 1_000_000),
      quarantineMaxPackets: read.int('GATEWAY_QUARANTINE_MAX_PACKETS', 1000, 0, 1_000_000),
    },
    access: readAccessConfig(read, problems),
    releases: {
      uploadMaxBytes: read.int('UPLOAD_MAX_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      uploadMaxRows: read.int('UPLOAD_MAX_ROWS', 100_000, 1, 10_000_000),
      attachmentMaxBytes: read.int('RELEASE_ATTACHMENT_MAX_BYTES', 2 * 1024 * 1024, 1024, 50 * 1024 * 1024),
      receiptKey: read.string('RELEASE_RECEIPT_KEY', '') || null,
    },
  };
  if (config.releases.receiptKey !== null && config.releases.receiptKey.length < 32) {
    problems.push('RELEASE_RECEIPT_KEY must be at least 32 characters (a short HMAC key is guessable)');
  }
  if (config.gateway.enabled && config.gateway.port !== 0 && config.gateway.port === config.port) {
    problems.push(`GATEWAY_PORT must differ from PORT (both are ${config.port})`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function readAccessConfig(read: EnvReader, problems: string[]): AccessConfig {
  const { overrides, problems: overrideProblems } = parseWorkingDayOverrides(read.string('WORKING_DAY_OVERRIDES', ''), read.string('WORKING_DAY_OVERRIDE_YEARS', ''));
  problems.push(...overrideProblems);
  const receiptKey = read.string('EXCHANGE_RECEIPT_KEY', '');
  if (receiptKey !== '' && receiptKey.length < 32) problems.push('EXCHANGE_RECEIPT_KEY must be at least 32 characters');
  const replyWorkingDays = read.int('ACCESS_REPLY_WORKING_DAYS', 10, 1, 60);
  const reminderWorkingDays = read.int('ACCESS_REMINDER_WORKING_DAYS', 2, 0, 59);
  if (reminderWorkingDays >= replyWorkingDays) problems.push('ACCESS_REMINDER_WORKING_DAYS must be smaller than ACCESS_REPLY_WORKING_DAYS');
  return {
    replyWorkingDays,
    reminderWorkingDays,
    jobIntervalMs: read.int('ACCESS_JOB_INTERVAL_MS', 600_000, 1000, 86_400_000),
    calendarOverrides: overrides,
    receiptKey: receiptKey === '' ? null : receiptKey,
    readRateLimitPerMinute: read.int('SHARED_DATA_RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
  };
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!/^-?\d+$/.test(value) || parsed < min || parsed > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max} (got "${value}")`);
      return fallback;
    }
    return parsed;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    this.problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  }
}
