/**
 * What the gateway needs from the monitoring module, narrowed to the few members it uses. The
 * shapes match `modules/monitoring/index.ts` (`NewReading`, `ingestReadings`,
 * `stationDirectory.findByMn`), so the real module is passed in `context.ts` unchanged.
 */
export type ReadingInterval = 'rt' | 'min' | 'hour' | 'day';

/** One reading to store; `observedAt` is UTC epoch ms (the period start for min/hour/day). */
export interface NewReading {
  stationKey: number;
  parameterCode: string;
  interval: ReadingInterval;
  observedAt: number;
  value: number | null;
  flag: string | null;
  source: 'gateway' | 'upload' | 'manual';
  institutionId?: string | null;
}

/** The part of a station the gateway uses. */
export interface GatewayStationRef {
  id: string;
  stationKey: number;
}

export interface GatewayMonitoring {
  /** One durable transaction per call; idempotent (a resent packet changes nothing). */
  ingestReadings(readings: NewReading[]): Promise<{ inserted: number; duplicates: number }>;
  /** Durable when it resolves; may become visible shortly after (`deferred`). Live packets use it. */
  acceptReadings(readings: NewReading[]): Promise<{ inserted: number; duplicates: number; deferred: number }>;
  /** Hears how many deferred readings each move stored and how many it found already there. */
  onAcceptedMoved(listener: (result: { moved: number; inserted: number }) => void): () => void;
  stationDirectory: { findByMn(mn: string): GatewayStationRef | undefined };
}

/** A packet held for an MN without a registered station. */
export interface QuarantineEntry {
  mn: string;
  receivedAt: number;
  /** The whole frame as text (`##…CRC`). */
  raw: string;
  st: string | null;
  cn: string | null;
  remoteAddress: string | null;
}

/** One entry of the bounded bad-packet log. */
export interface BadPacketEntry {
  receivedAt: number;
  remoteAddress: string | null;
  mn: string | null;
  reason: string;
  message: string;
  raw: string | null;
}
