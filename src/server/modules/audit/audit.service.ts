import type { AuditVerifyResponse } from '../../../contracts/audit';
import type { Executor } from '../../db/database';
import type { Clock } from '../../platform/clock';
import { errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { ChainVerifier, eventHash, stateDigest, type ChainedEventFields } from './audit.chain';
import { auditVisibilityFor, canVerifyAuditChain } from './audit.policy';
import { toAuditEvent, toChainEvent } from './audit.presenter';
import * as repo from './audit.repository';
import type { AuditListFilter, AuditRecordInput, AuditService } from './audit.types';

export interface AuditServiceDeps {
  clock: Clock;
  /** Events read per query by `verify` (default 1000); memory use is proportional to it. */
  verifyPageSize?: number;
}

/**
 * The audit trail service. Appends are serialised by the one-row chain head, not by reading
 * `max(seq)`: two transactions reading max(seq) concurrently on PostgreSQL would both see the
 * same tail and fork the chain, and an advisory lock or SERIALIZABLE retries would not port to
 * SQLite. An UPDATE of one row is the same portable statement on both dialects, blocks other
 * appenders until commit on PostgreSQL and takes the single write lock on SQLite. A database
 * sequence is not used either: a rolled-back transaction would leave a gap in it, and a gap is
 * how the verifier recognises a deleted event.
 */
export function createAuditService(deps: AuditServiceDeps): AuditService {
  const pageSize = deps.verifyPageSize ?? 1000;

  async function append(executor: Executor, input: AuditRecordInput): Promise<void> {
    // Everything that needs no lock is computed before the chain head is locked.
    const occurredAt = deps.clock.now();
    const organisationId = input.actor?.organisationId ?? null;
    const target = input.targetOrganisationId ?? null;
    const fields: Omit<ChainedEventFields, 'seq'> = {
      id: newId(occurredAt),
      occurredAt,
      actorUserId: input.actor?.userId ?? null,
      actorUsername: input.actor?.username ?? null,
      actorDisplayName: input.actor?.displayName ?? null,
      organisationId,
      targetOrganisationId: target !== null && target !== organisationId ? target : null,
      action: input.action,
      objectType: input.objectType,
      objectId: input.objectId,
      requestId: input.meta?.requestId ?? null,
      ip: input.meta?.ip ?? null,
      beforeDigest: stateDigest(input.before),
      afterDigest: stateDigest(input.after),
    };
    const { seq, prevHash } = await repo.advanceChainHead(executor);
    const hash = eventHash(prevHash, { ...fields, seq });
    await repo.insertEvent(executor, {
      seq,
      id: fields.id,
      occurred_at: fields.occurredAt,
      actor_user_id: fields.actorUserId,
      actor_username: fields.actorUsername,
      actor_display_name: fields.actorDisplayName,
      organisation_id: fields.organisationId,
      target_organisation_id: fields.targetOrganisationId,
      action: fields.action,
      object_type: fields.objectType,
      object_id: fields.objectId,
      request_id: fields.requestId,
      ip: fields.ip,
      before_digest: fields.beforeDigest,
      after_digest: fields.afterDigest,
      prev_hash: prevHash,
      hash,
    });
    await repo.setChainHeadHash(executor, seq, hash);
  }

  async function list(executor: Executor, filter: AuditListFilter, visibility: repo.AuditVisibility) {
    const { limit, offset, ...rest } = filter;
    const query: repo.AuditEventQuery = { visibility, ...rest };
    const [rows, total] = await Promise.all([
      repo.findEvents(executor, query, { limit, offset }),
      repo.countEvents(executor, query),
    ]);
    return { items: rows.map(toAuditEvent), total };
  }

  async function verify(executor: Executor, onProgress?: (checked: number, total: number) => void): Promise<AuditVerifyResponse> {
    const head = await repo.readChainHead(executor);
    if (head === undefined) {
      return { ok: false, checked: 0, firstBrokenSeq: 1, reason: 'the chain head row is missing (deleted)' };
    }
    // Events up to the head read now; later appends are outside this walk, and an event at or
    // below the head is committed (the head and the event commit together).
    const verifier = new ChainVerifier(head);
    let afterSeq = 0;
    while (afterSeq < head.seq) {
      const rows = await repo.chainPage(executor, afterSeq, head.seq, pageSize);
      if (rows.length === 0) break;
      let intact = true;
      for (const row of rows) {
        if (!verifier.accept(toChainEvent(row))) {
          intact = false;
          break;
        }
      }
      onProgress?.(verifier.checked, head.seq);
      if (!intact) break;
      afterSeq = Number(rows[rows.length - 1]!.seq);
    }
    const broken = verifier.finish();
    return broken === null
      ? { ok: true, checked: verifier.checked, firstBrokenSeq: null, reason: null }
      : { ok: false, checked: verifier.checked, firstBrokenSeq: broken.seq, reason: broken.reason };
  }

  return {
    async record(executor, input) {
      // Outside a transaction the head lock would end with the first statement and a concurrent
      // append could read the head before this one's hash is written: open one then.
      if (executor.isTransaction) return append(executor, input);
      return executor.transaction().execute((trx) => append(trx, input));
    },

    list: (executor, filter) => list(executor, filter, { kind: 'all' }),

    async listFor(executor, actor, filter) {
      const visibility = auditVisibilityFor(actor);
      if (visibility === null) {
        throw errors.forbidden('Only administrators and working-group members may read the audit trail', '仅管理员和工作专班成员可查看审计日志');
      }
      return list(executor, filter, visibility);
    },

    verify,

    async verifyFor(executor, actor, onProgress) {
      if (!canVerifyAuditChain(actor)) {
        throw errors.forbidden('Only platform administrators may verify the audit chain', '仅平台管理员可校验审计链');
      }
      return verify(executor, onProgress);
    },
  };
}
