import type { Executor } from '../../db/database';
import { newId } from '../../platform/ids';
import type { GatewayBadPacketsTable, GatewayQuarantineTable } from './gateway.tables';
import type { BadPacketEntry, QuarantineEntry } from './gateway.types';

/**
 * Stores quarantined packets: one row per MN (first/last seen, count, last raw text) plus the
 * raw packets themselves, at most `maxPacketsPerMn` per MN (the first ones; later packets only
 * raise the count). A new packet for an MN that was assigned meanwhile reopens it as pending.
 */
export async function storeQuarantine(executor: Executor, entries: QuarantineEntry[], maxPacketsPerMn: number): Promise<void> {
  const byMn = new Map<string, QuarantineEntry[]>();
  for (const entry of entries) {
    const list = byMn.get(entry.mn);
    if (list === undefined) byMn.set(entry.mn, [entry]);
    else list.push(entry);
  }
  for (const [mn, list] of byMn) {
    const last = list[list.length - 1]!;
    const existing = await executor.selectFrom('gateway_quarantine').select(['id', 'packet_count']).where('mn', '=', mn).executeTakeFirst();
    let id: string;
    let stored: number;
    if (existing === undefined) {
      id = newId(list[0]!.receivedAt);
      stored = 0;
      await executor
        .insertInto('gateway_quarantine')
        .values({
          id,
          mn,
          first_seen_at: list[0]!.receivedAt,
          last_seen_at: last.receivedAt,
          packet_count: list.length,
          last_raw: last.raw,
          last_st: last.st,
          last_cn: last.cn,
          last_remote_address: last.remoteAddress,
          status: 'pending',
          assigned_station_id: null,
          assigned_at: null,
          assigned_by: null,
        })
        .execute();
    } else {
      id = existing.id;
      const count = await executor
        .selectFrom('gateway_quarantine_packets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('quarantine_id', '=', id)
        .executeTakeFirstOrThrow();
      stored = Number(count.n);
      await executor
        .updateTable('gateway_quarantine')
        .set((eb) => ({
          last_seen_at: last.receivedAt,
          packet_count: eb('packet_count', '+', list.length),
          last_raw: last.raw,
          last_st: last.st,
          last_cn: last.cn,
          last_remote_address: last.remoteAddress,
          status: 'pending',
        }))
        .where('id', '=', id)
        .execute();
    }
    const room = Math.max(0, maxPacketsPerMn - stored);
    const rows = list.slice(0, room).map((entry) => ({ id: newId(entry.receivedAt), quarantine_id: id, received_at: entry.receivedAt, raw: entry.raw }));
    if (rows.length > 0) await executor.insertInto('gateway_quarantine_packets').values(rows).execute();
  }
}

/** Appends bad-packet log entries, then prunes the log to its newest `maxRows` rows. */
export async function storeBadPackets(executor: Executor, entries: BadPacketEntry[], maxRows: number): Promise<void> {
  if (entries.length === 0) return;
  await executor
    .insertInto('gateway_bad_packets')
    .values(
      entries.map((entry) => ({
        id: newId(entry.receivedAt),
        received_at: entry.receivedAt,
        remote_address: entry.remoteAddress,
        mn: entry.mn,
        reason: entry.reason,
        message: entry.message,
        raw: entry.raw,
      })),
    )
    .execute();
  // Portable pruning: find the id of the newest row beyond the cap and delete it and older ones.
  const boundary = await executor.selectFrom('gateway_bad_packets').select('id').orderBy('id', 'desc').limit(1).offset(maxRows).executeTakeFirst();
  if (boundary !== undefined) await executor.deleteFrom('gateway_bad_packets').where('id', '<=', boundary.id).execute();
}

export interface BadPacketQuery {
  mn?: string;
  reason?: string;
  limit: number;
  offset: number;
}

export async function findBadPackets(executor: Executor, query: BadPacketQuery): Promise<{ rows: GatewayBadPacketsTable[]; total: number }> {
  let base = executor.selectFrom('gateway_bad_packets');
  if (query.mn !== undefined) base = base.where('mn', '=', query.mn);
  if (query.reason !== undefined) base = base.where('reason', '=', query.reason);
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function findQuarantine(
  executor: Executor,
  query: { status?: 'pending' | 'assigned'; limit: number; offset: number },
): Promise<{ rows: (GatewayQuarantineTable & { stored_packets: number })[]; total: number }> {
  let base = executor.selectFrom('gateway_quarantine as q');
  if (query.status !== undefined) base = base.where('q.status', '=', query.status);
  const [rows, total] = await Promise.all([
    base
      .selectAll('q')
      .select((eb) =>
        eb
          .selectFrom('gateway_quarantine_packets as p')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('p.quarantine_id', '=', 'q.id')
          .as('stored_packets'),
      )
      .orderBy('q.last_seen_at', 'desc')
      .orderBy('q.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((row) => ({ ...row, stored_packets: Number(row.stored_packets ?? 0) })), total: Number(total.n) };
}

export async function findQuarantineById(executor: Executor, id: string): Promise<GatewayQuarantineTable | undefined> {
  return executor.selectFrom('gateway_quarantine').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findQuarantinePackets(executor: Executor, quarantineId: string): Promise<{ id: string; raw: string; received_at: number }[]> {
  return executor
    .selectFrom('gateway_quarantine_packets')
    .select(['id', 'raw', 'received_at'])
    .where('quarantine_id', '=', quarantineId)
    .orderBy('id')
    .execute();
}

export async function markAssigned(executor: Executor, id: string, stationId: string, at: number, by: string): Promise<void> {
  await executor
    .updateTable('gateway_quarantine')
    .set({ status: 'assigned', assigned_station_id: stationId, assigned_at: at, assigned_by: by })
    .where('id', '=', id)
    .execute();
  await executor.deleteFrom('gateway_quarantine_packets').where('quarantine_id', '=', id).execute();
}

export async function upsertAssignment(executor: Executor, mn: string, stationId: string, at: number, by: string): Promise<void> {
  const existing = await executor.selectFrom('gateway_mn_assignments').select('mn').where('mn', '=', mn).executeTakeFirst();
  if (existing === undefined) {
    await executor.insertInto('gateway_mn_assignments').values({ mn, station_id: stationId, assigned_at: at, assigned_by: by }).execute();
  } else {
    await executor.updateTable('gateway_mn_assignments').set({ station_id: stationId, assigned_at: at, assigned_by: by }).where('mn', '=', mn).execute();
  }
}

/** Every MN assigned from the quarantine with its station's compact key (loaded at start). */
export async function loadAssignments(executor: Executor): Promise<{ mn: string; station_id: string; station_key: number }[]> {
  return executor
    .selectFrom('gateway_mn_assignments as a')
    .innerJoin('monitoring_stations as s', 's.id', 'a.station_id')
    .select(['a.mn', 'a.station_id', 's.station_key'])
    .execute();
}

/** Reads a station's id and compact key (the monitoring module's table; read only). */
export async function findStation(executor: Executor, stationId: string): Promise<{ id: string; station_key: number; mn: string | null } | undefined> {
  return executor.selectFrom('monitoring_stations').select(['id', 'station_key', 'mn']).where('id', '=', stationId).executeTakeFirst();
}
