import type { AuditEvent, AuditVerifyResponse } from '../../../contracts/audit';
import type { Executor } from '../../db/database';
import type { Actor, RequestMeta } from '../../platform/actor';

/** One fact for the audit trail. `before`/`after` are digested (SHA-256 of canonical JSON), never stored. */
export interface AuditRecordInput {
  /** Null for system actions (migrations, demo data, CLI without a user). */
  actor: Pick<Actor, 'userId' | 'username' | 'organisationId'> | null;
  /** Dotted verb, e.g. `user.create`, `auth.login.failed`, `token.revoke`. */
  action: string;
  objectType: string;
  objectId: string | null;
  /** The organisation whose record was touched, when it differs from the actor's. */
  targetOrganisationId?: string | null;
  before?: unknown;
  after?: unknown;
  meta?: RequestMeta;
}

export interface AuditListFilter {
  actorUserId?: string;
  organisationId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  fromMs?: number;
  toMs?: number;
  limit: number;
  offset: number;
}

export interface AuditService {
  /**
   * Appends one event to the hash chain inside the caller's transaction, so the event and the
   * write it describes commit or roll back together.
   */
  record(executor: Executor, input: AuditRecordInput): Promise<void>;
  list(executor: Executor, filter: AuditListFilter): Promise<{ items: AuditEvent[]; total: number }>;
  /** Walks the whole chain and reports the first broken link (edited, deleted or reordered event). */
  verify(executor: Executor, onProgress?: (checked: number, total: number) => void): Promise<AuditVerifyResponse>;
}
