import type {
  AssignQuarantineResponse,
  GatewayStatusResponse,
  ListBadPacketsQuery,
  ListBadPacketsResponse,
  ListQuarantineQuery,
  ListQuarantineResponse,
} from '../../../contracts/gateway';
import { decodeHj212DataSegment } from '../../../standards/hj212';
import type { GatewayConfig } from '../../config/config';
import type { DatabaseHandle } from '../../db/database';
import type { Actor, RequestMeta } from '../../platform/actor';
import { toIso, type Clock } from '../../platform/clock';
import { errors } from '../../platform/errors';
import type { AuditService } from '../audit';
import type { Batcher } from './batcher';
import * as repo from './gateway.repository';
import type { GatewayListener } from './gateway.server';
import type { GatewayMonitoring, GatewayStationRef, NewReading } from './gateway.types';
import { mapDataPacket } from './packet-mapper';

export interface GatewayServiceDeps {
  config: GatewayConfig;
  clock: Clock;
  database: DatabaseHandle;
  audit: Pick<AuditService, 'record'>;
  monitoring: Pick<GatewayMonitoring, 'ingestReadings'>;
  batcher: Batcher;
  listener: GatewayListener;
  /** The in-memory MN → station map of quarantine assignments, shared with the listener. */
  assignments: Map<string, GatewayStationRef>;
  rates(): { packetsPerSecond: number; readingsPerSecond: number };
}

export interface GatewayService {
  status(): GatewayStatusResponse;
  listBadPackets(query: ListBadPacketsQuery): Promise<ListBadPacketsResponse>;
  listQuarantine(query: ListQuarantineQuery): Promise<ListQuarantineResponse>;
  /**
   * Assigns a quarantined MN to a station: its stored packets are decoded again and their
   * readings ingested (idempotent, so assigning twice stores nothing twice), then the MN routes
   * to that station from now on. Audited as `gateway.quarantine.assign`.
   */
  assignQuarantine(actor: Actor, id: string, stationId: string, meta: RequestMeta): Promise<AssignQuarantineResponse>;
}

const INGEST_CHUNK = 5000;

export function createGatewayService(deps: GatewayServiceDeps): GatewayService {
  const { database, clock } = deps;

  return {
    status() {
      const counters = deps.listener.counters();
      const batch = deps.batcher.stats();
      const connections = deps.listener
        .connections()
        .sort((a, b) => (b.lastPacketAt ?? b.connectedAt) - (a.lastPacketAt ?? a.connectedAt))
        .slice(0, 500)
        .map((connection) => ({ ...connection, connectedAt: toIso(connection.connectedAt), lastPacketAt: toIso(connection.lastPacketAt) }));
      const byMn = deps.listener
        .byMn()
        .sort((a, b) => b.packetsBad - a.packetsBad || b.lastPacketAt - a.lastPacketAt)
        .slice(0, 200)
        .map((entry) => ({ ...entry, lastPacketAt: toIso(entry.lastPacketAt) }));
      return {
        enabled: deps.config.enabled,
        listening: deps.listener.address(),
        connectionCount: deps.listener.connections().length,
        connections,
        totals: {
          ...counters,
          readingsCommitted: batch.readingsCommitted,
          readingsInserted: batch.readingsInserted,
          readingsDuplicate: batch.readingsDuplicate,
          readingsDeferred: batch.readingsDeferred,
        },
        rates: deps.rates(),
        errorsByReason: deps.listener.errorsByReason(),
        byMn,
        batch: {
          pendingRows: deps.batcher.pendingRows,
          batches: batch.batches,
          failedBatches: batch.failedBatches,
          lastBatchRows: batch.lastBatchRows,
          lastBatchMs: batch.lastBatchMs,
          maxBatchRows: batch.maxBatchRows,
          badPacketsNotLogged: batch.badPacketsNotLogged,
        },
      };
    },

    async listBadPackets(query) {
      const { rows, total } = await repo.findBadPackets(database.db, {
        ...(query.mn === undefined ? {} : { mn: query.mn }),
        ...(query.reason === undefined ? {} : { reason: query.reason }),
        limit: query.limit ?? 50,
        offset: query.offset ?? 0,
      });
      return {
        items: rows.map((row) => ({
          id: row.id,
          receivedAt: toIso(row.received_at),
          remoteAddress: row.remote_address,
          mn: row.mn,
          reason: row.reason,
          message: row.message,
          raw: row.raw,
        })),
        total,
      };
    },

    async listQuarantine(query) {
      const { rows, total } = await repo.findQuarantine(database.db, {
        ...(query.status === undefined ? {} : { status: query.status }),
        limit: query.limit ?? 50,
        offset: query.offset ?? 0,
      });
      return {
        items: rows.map((row) => ({
          id: row.id,
          mn: row.mn,
          status: row.status,
          firstSeenAt: toIso(row.first_seen_at),
          lastSeenAt: toIso(row.last_seen_at),
          packetCount: Number(row.packet_count),
          storedPackets: row.stored_packets,
          lastRaw: row.last_raw,
          lastSt: row.last_st,
          lastCn: row.last_cn,
          lastRemoteAddress: row.last_remote_address,
          assignedStationId: row.assigned_station_id,
          assignedAt: toIso(row.assigned_at),
        })),
        total,
      };
    },

    async assignQuarantine(actor, id, stationId, meta) {
      const entry = await repo.findQuarantineById(database.db, id);
      if (entry === undefined) throw errors.notFound('Quarantined MN', '隔离区设备', id);
      if (entry.status === 'assigned') {
        throw errors.conflict(`MN ${entry.mn} is already assigned`, `设备 ${entry.mn} 已分配到站点`, { stationId: entry.assigned_station_id });
      }
      const station = await repo.findStation(database.db, stationId);
      if (station === undefined) throw errors.unprocessable(`Station ${stationId} does not exist`, `站点 ${stationId} 不存在`, { stationId });

      const now = clock.now();
      const packets = await repo.findQuarantinePackets(database.db, id);
      const readings: NewReading[] = [];
      let packetsRejected = 0;
      let valuesRejected = 0;
      for (const packet of packets) {
        // The frame was verified on arrival; decode its data segment (between `##LLLL` and the CRC).
        const decoded = decodeHj212DataSegment(packet.raw.slice(6, -4));
        if (!decoded.ok) {
          packetsRejected++;
          continue;
        }
        const mapped = mapDataPacket(decoded.message, station.station_key, now, deps.config.futureToleranceMs);
        if (!mapped.ok) {
          packetsRejected++;
          continue;
        }
        valuesRejected += mapped.rejectedValues.length;
        readings.push(...mapped.readings);
      }
      let inserted = 0;
      let duplicates = 0;
      for (let start = 0; start < readings.length; start += INGEST_CHUNK) {
        const result = await deps.monitoring.ingestReadings(readings.slice(start, start + INGEST_CHUNK));
        inserted += result.inserted;
        duplicates += result.duplicates;
      }
      await database.db.transaction().execute(async (trx) => {
        await repo.upsertAssignment(trx, entry.mn, station.id, now, actor.userId);
        await repo.markAssigned(trx, id, station.id, now, actor.userId);
        await deps.audit.record(trx, {
          actor,
          action: 'gateway.quarantine.assign',
          objectType: 'gateway_quarantine',
          objectId: id,
          before: { mn: entry.mn, status: entry.status },
          after: { mn: entry.mn, status: 'assigned', stationId: station.id, readingsInserted: inserted },
          meta,
        });
      });
      deps.assignments.set(entry.mn, { id: station.id, stationKey: station.station_key });
      return {
        id,
        mn: entry.mn,
        stationId: station.id,
        packetsReplayed: packets.length,
        packetsRejected,
        readingsInserted: inserted,
        readingsDuplicate: duplicates,
        valuesRejected,
      };
    },
  };
}
