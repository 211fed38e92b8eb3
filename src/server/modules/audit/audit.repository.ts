import type { ExpressionBuilder, Selectable, SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../db/database';
import type { Database } from '../../db/schema';
import type { AuditEventsTable } from './audit.tables';

/** All SQL of `audit_events` and `audit_chain_head`. Every function takes the executor first. */

export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEventRow = AuditEventsTable;

/** Which events a reader may see: all of them, or those involving one organisation. */
export type AuditVisibility = { kind: 'all' } | { kind: 'organisation'; organisationId: string };

export interface AuditEventQuery {
  visibility: AuditVisibility;
  actorUserId?: string;
  /** Events whose actor organisation or target organisation is this one. */
  organisationId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  /** Inclusive lower bound, epoch ms. */
  fromMs?: number;
  /** Exclusive upper bound, epoch ms. */
  toMs?: number;
}

/**
 * Advances the chain head by one and returns the new event's seq and the hash of the event
 * before it. The UPDATE takes the head's row lock (PostgreSQL) or the database's write lock
 * (SQLite) and keeps it until the caller's transaction ends, so concurrent appends queue here
 * and each reads the head its predecessor committed (READ COMMITTED re-reads the updated row).
 * Throws when the head row is missing, which only happens when someone deleted it by hand.
 */
export async function advanceChainHead(executor: Executor): Promise<{ seq: number; prevHash: string }> {
  const row = await executor
    .updateTable('audit_chain_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirst();
  if (row === undefined) throw new Error('The audit chain head row is missing; the audit trail cannot be appended to');
  return { seq: Number(row.seq), prevHash: row.hash };
}

/** Records the hash of the event just appended as the end of the chain. */
export async function setChainHeadHash(executor: Executor, seq: number, hash: string): Promise<void> {
  const result = await executor.updateTable('audit_chain_head').set({ hash }).where('id', '=', 1).where('seq', '=', seq).executeTakeFirst();
  if (result.numUpdatedRows !== 1n) throw new Error(`The audit chain head moved away from seq ${seq} inside this transaction`);
}

export async function readChainHead(executor: Executor): Promise<{ seq: number; hash: string } | undefined> {
  const row = await executor.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  return row === undefined ? undefined : { seq: Number(row.seq), hash: row.hash };
}

export async function insertEvent(executor: Executor, row: NewAuditEventRow): Promise<void> {
  await executor.insertInto('audit_events').values(row).execute();
}

/** Up to `limit` events with `afterSeq < seq ≤ upToSeq`, in ascending seq order (keyset page). */
export async function chainPage(executor: Executor, afterSeq: number, upToSeq: number, limit: number): Promise<AuditEventRow[]> {
  return executor
    .selectFrom('audit_events')
    .selectAll()
    .where('seq', '>', afterSeq)
    .where('seq', '<=', upToSeq)
    .orderBy('seq', 'asc')
    .limit(limit)
    .execute();
}

function involvesOrganisation(organisationId: string) {
  return (eb: ExpressionBuilder<Database, 'audit_events'>) =>
    eb.or([eb('organisation_id', '=', organisationId), eb('target_organisation_id', '=', organisationId)]);
}

function matching<O>(query: SelectQueryBuilder<Database, 'audit_events', O>, filter: AuditEventQuery) {
  let q = query;
  if (filter.visibility.kind === 'organisation') q = q.where(involvesOrganisation(filter.visibility.organisationId));
  if (filter.organisationId !== undefined) q = q.where(involvesOrganisation(filter.organisationId));
  if (filter.actorUserId !== undefined) q = q.where('actor_user_id', '=', filter.actorUserId);
  if (filter.action !== undefined) q = q.where('action', '=', filter.action);
  if (filter.objectType !== undefined) q = q.where('object_type', '=', filter.objectType);
  if (filter.objectId !== undefined) q = q.where('object_id', '=', filter.objectId);
  if (filter.fromMs !== undefined) q = q.where('occurred_at', '>=', filter.fromMs);
  if (filter.toMs !== undefined) q = q.where('occurred_at', '<', filter.toMs);
  return q;
}

/** One page of matching events, newest (highest seq) first. */
export async function findEvents(
  executor: Executor,
  filter: AuditEventQuery,
  page: { limit: number; offset: number },
): Promise<AuditEventRow[]> {
  return matching(executor.selectFrom('audit_events').selectAll(), filter)
    .orderBy('seq', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countEvents(executor: Executor, filter: AuditEventQuery): Promise<number> {
  const row = await matching(executor.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('count')), filter)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
