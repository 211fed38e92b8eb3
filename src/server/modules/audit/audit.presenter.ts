import type { AuditEvent } from '../../../contracts/audit';
import { toIso } from '../../platform/clock';
import type { StoredChainEvent } from './audit.chain';
import type { AuditEventRow } from './audit.repository';

/** A stored row as the chain verifier sees it. */
export function toChainEvent(row: AuditEventRow): StoredChainEvent {
  return {
    seq: Number(row.seq),
    id: row.id,
    occurredAt: Number(row.occurred_at),
    actorUserId: row.actor_user_id,
    actorUsername: row.actor_username,
    actorDisplayName: row.actor_display_name,
    organisationId: row.organisation_id,
    targetOrganisationId: row.target_organisation_id,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    requestId: row.request_id,
    ip: row.ip,
    beforeDigest: row.before_digest,
    afterDigest: row.after_digest,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** A stored row as the API shows it: the chain's view with the time as ISO text. */
export function toAuditEvent(row: AuditEventRow): AuditEvent {
  const { occurredAt, actorUsername, ...rest } = toChainEvent(row);
  return { ...rest, occurredAt: toIso(occurredAt), actorName: actorUsername };
}
