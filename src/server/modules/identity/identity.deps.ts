import type { Config } from '../../config/config';
import type { DatabaseHandle } from '../../db/database';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { AuditRecordInput, AuditService } from '../audit/audit.types';
import { isSystem, type Caller } from './identity.policy';

/** What the identity services need from the rest of the platform, narrowed. */
export interface IdentityDeps {
  config: Pick<Config, 'sessionTtlHours' | 'login' | 'passwordHash'>;
  clock: Clock;
  database: Pick<DatabaseHandle, 'db' | 'dialect'>;
  /** `record` inside each write's transaction; `list` only for counts on the home summary. */
  audit: Pick<AuditService, 'record' | 'list'>;
}

/** The audit trail's view of a caller: null for the system (CLI, demo seeding). */
export function auditActor(caller: Caller): AuditRecordInput['actor'] {
  return isSystem(caller)
    ? null
    : { userId: caller.userId, username: caller.username, displayName: caller.displayName, organisationId: caller.organisationId };
}

/** The organisation touched, recorded only when it differs from the caller's own. */
export function targetOrganisation(caller: Caller, organisationId: string): string | null {
  return isSystem(caller) || caller.organisationId !== organisationId ? organisationId : null;
}

/** Last-seen and last-used times are written at most once per this interval. */
export const TOUCH_THROTTLE_MS = 60_000;

export type { Actor };
