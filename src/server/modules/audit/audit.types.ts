import type { AuditEvent, AuditVerifyResponse } from '../../../contracts/audit';
import type { Executor } from '../../db/database';
import type { Actor, RequestMeta } from '../../platform/actor';

/** One fact for the audit trail. `before`/`after` are digested (SHA-256 of canonical JSON), never stored. */
export interface AuditRecordInput {
  /**
   * Null for system actions (migrations, demo data, CLI without a user). `displayName` is kept
   * beside the username when given (an `Actor` has it), so the trail reads well after renames.
   */
  actor: (Pick<Actor, 'userId' | 'username' | 'organisationId'> & { displayName?: string | null }) | null;
  /** Dotted verb, e.g. `user.create`, `auth.login.failed`, `token.revoke`. */
  action: string;
  objectType: string;
  objectId: string | null;
  /** The organisation whose record was touched, when it differs from the actor's (stored only then). */
  targetOrganisationId?: string | null;
  before?: unknown;
  after?: unknown;
  meta?: RequestMeta;
}

export interface AuditListFilter {
  actorUserId?: string;
  /** Events whose actor organisation or target organisation is this one. */
  organisationId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  /** Inclusive, epoch ms. */
  fromMs?: number;
  /** Exclusive, epoch ms. */
  toMs?: number;
  limit: number;
  offset: number;
}

export type AuditProgress = (checked: number, total: number) => void;

export interface AuditService {
  /**
   * Appends one event to the hash chain inside the caller's transaction, so the event and the
   * write it describes commit or roll back together. Call it after the write it describes: it
   * locks the chain head until the transaction ends, so keep the rest of the transaction short.
   */
  record(executor: Executor, input: AuditRecordInput): Promise<void>;
  /** Every matching event, newest first, without authorisation (system use: CLI, exports). */
  list(executor: Executor, filter: AuditListFilter): Promise<{ items: AuditEvent[]; total: number }>;
  /**
   * The events `actor` may see (see audit.policy.ts), newest first. Throws FORBIDDEN (403) when
   * the actor's roles allow no audit reading at all.
   */
  listFor(executor: Executor, actor: Actor, filter: AuditListFilter): Promise<{ items: AuditEvent[]; total: number }>;
  /**
   * Walks the whole chain and reports the first broken link (edited, deleted or reordered event,
   * or a removed tail). Reads in pages of constant size; `onProgress` is called after each page.
   * Events appended after the walk started are not covered.
   */
  verify(executor: Executor, onProgress?: AuditProgress): Promise<AuditVerifyResponse>;
  /** `verify` for a platform admin; throws FORBIDDEN (403) for anyone else. */
  verifyFor(executor: Executor, actor: Actor, onProgress?: AuditProgress): Promise<AuditVerifyResponse>;
}
