/** The gateway module's only public surface: the HJ 212 TCP listener, its status and quarantine. */
import type { Config } from '../../config/config';
import type { DatabaseHandle } from '../../db/database';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import type { AuditService } from '../audit';
import { createBatcher, type Batcher } from './batcher';
import * as repo from './gateway.repository';
import { createGatewayListener, type GatewayListener } from './gateway.server';
import { createGatewayService, type GatewayService } from './gateway.service';
import type { GatewayMonitoring, GatewayStationRef } from './gateway.types';

export { registerGatewayRoutes } from './gateway.routes';
export { createBatcher, type Batcher, type BatcherDeps, type BatchStats } from './batcher';
export { DATA_CNS, mapDataPacket } from './packet-mapper';
export { parseReadingValue } from './reading-value';
export type { GatewayService } from './gateway.service';
export type { GatewayMonitoring, GatewayStationRef, NewReading } from './gateway.types';

export interface GatewayModuleDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  database: DatabaseHandle;
  audit: Pick<AuditService, 'record'>;
  monitoring: GatewayMonitoring;
}

export interface GatewayModule {
  service: GatewayService;
  listener: GatewayListener;
  batcher: Batcher;
  /** Loads the quarantine assignments and listens (GATEWAY_PORT); returns the bound address. */
  start(): Promise<{ host: string; port: number }>;
  /** Stops accepting, commits what is pending, sends its acks, closes every connection. */
  stop(): Promise<void>;
}

/** Builds the gateway; nothing listens until `start()` (called by server.ts unless disabled). */
export function createGatewayModule(deps: GatewayModuleDeps): GatewayModule {
  const { config, clock, logger, database } = deps;
  const gatewayConfig = config.gateway;
  const assignments = new Map<string, GatewayStationRef>();

  const batcher = createBatcher({
    // Live data only needs to be durable before its ack; the quarantine re-ingest, which reports
    // exact counts to the admin, uses ingestReadings.
    ingestReadings: (readings) => deps.monitoring.acceptReadings(readings),
    async writeGatewayRecords(records) {
      // The log is best effort and in its own transaction: it must never cost a quarantined packet its ack.
      if (records.badPackets.length > 0) {
        await database.db
          .transaction()
          .execute((trx) => repo.storeBadPackets(trx, records.badPackets, gatewayConfig.badPacketLogMax))
          .catch((error: unknown) => logger.error({ err: error }, 'could not write the bad-packet log'));
      }
      if (records.quarantine.length > 0) {
        await database.db.transaction().execute((trx) => repo.storeQuarantine(trx, records.quarantine, gatewayConfig.quarantineMaxPackets));
      }
    },
    maxRows: gatewayConfig.batchMaxRows,
    maxDelayMs: gatewayConfig.batchMaxDelayMs,
    // SQLite has one writer that takes batches in order: the next waits in its queue while one commits.
    maxCommitsInFlight: database.dialect.name === 'sqlite' ? 2 : 1,
    onError: (error, what) => logger.error({ err: error, what }, 'gateway commit failed; affected packets are not acknowledged'),
  });

  deps.monitoring.onAcceptedMoved((result) => batcher.countMoved(result));

  const listener = createGatewayListener({
    config: gatewayConfig,
    clock,
    logger,
    batcher,
    resolveStation: (mn) => deps.monitoring.stationDirectory.findByMn(mn) ?? assignments.get(mn),
  });

  // Rates over a sliding window of 10 one-second samples.
  const samples: { at: number; packets: number; readings: number }[] = [];
  let sampler: NodeJS.Timeout | null = null;
  const sample = () => {
    samples.push({ at: clock.now(), packets: listener.counters().packetsOk + listener.counters().packetsBad, readings: batcher.stats().readingsCommitted });
    if (samples.length > 11) samples.shift();
  };
  const rates = () => {
    if (samples.length < 2) return { packetsPerSecond: 0, readingsPerSecond: 0 };
    const first = samples[0]!;
    const last = samples[samples.length - 1]!;
    const seconds = Math.max(0.001, (last.at - first.at) / 1000);
    return {
      packetsPerSecond: Math.round(((last.packets - first.packets) / seconds) * 10) / 10,
      readingsPerSecond: Math.round(((last.readings - first.readings) / seconds) * 10) / 10,
    };
  };

  const service = createGatewayService({
    config: gatewayConfig,
    clock,
    database,
    audit: deps.audit,
    monitoring: deps.monitoring,
    batcher,
    listener,
    assignments,
    rates,
  });

  return {
    service,
    listener,
    batcher,
    async start() {
      for (const row of await repo.loadAssignments(database.db)) assignments.set(row.mn, { id: row.station_id, stationKey: row.station_key });
      const address = await listener.listen();
      sample();
      sampler = setInterval(sample, 1000);
      sampler.unref();
      return address;
    },
    async stop() {
      if (sampler !== null) clearInterval(sampler);
      await listener.stop();
      await batcher.flush();
    },
  };
}
export { connectLogger, buildUpload, type LoggerClient, type UploadSpec } from './logger-client';
