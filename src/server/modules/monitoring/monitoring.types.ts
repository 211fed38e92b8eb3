import type { ReadingInterval, ReadingSource, StationKind, StationStatus, StationSubKind } from './monitoring.tables';

export type { ReadingInterval, ReadingQuality, ReadingSource, StationKind, StationStatus, StationSubKind } from './monitoring.tables';

/** One reading to store (the gateway, uploads and manual samples all come through here). */
export interface NewReading {
  /** `StationRef.stationKey` of a registered station. */
  stationKey: number;
  /** HJ 212-2017 code (normalised: 2005 codes mapped before this point). */
  parameterCode: string;
  interval: ReadingInterval;
  /** UTC epoch ms: the instant (rt) or the start of the minute/hour/day period. */
  observedAt: number;
  /** Finite number or null (no value, e.g. a flag-only report). */
  value: number | null;
  /** HJ 212 data flag (N, F, M, S, D, C, T, B …) or null. */
  flag: string | null;
  source: ReadingSource;
  /** The producing monitoring institution (organisation id), when known. */
  institutionId?: string | null;
}

/** A distinct (station, parameter, interval, hour) touched by newly inserted readings. */
export interface StoredBucket {
  stationKey: number;
  parameterCode: string;
  interval: ReadingInterval;
  /** UTC epoch ms of the hour's start (a Beijing hour starts at the same instant). */
  hourStart: number;
}

/**
 * What one committed `ingestReadings` call (or sample entry/import) inserted; a quality change
 * (数据审核) that moves readings into or out of `invalid` announces its hours with `inserted: 0`.
 */
export interface StoredBatch {
  inserted: number;
  buckets: readonly StoredBucket[];
  /** True when the roll-up queue keys were written in the readings' own transaction (ingest path). */
  dirtyDaysQueued?: boolean;
}

export type ReadingsStoredListener = (batch: StoredBatch) => void;

export interface StationParameterRef {
  unit: string;
  permitLimit: number | null;
}

/** The in-memory view of a station the gateway and the assessment module use on hot paths. */
export interface StationRef {
  id: string;
  stationKey: number;
  code: string;
  mn: string | null;
  kind: StationKind;
  subKind: StationSubKind | null;
  waterBody: 'river' | 'lake' | null;
  status: StationStatus;
  ownerOrganisationId: string;
  operatorOrganisationId: string | null;
  provinceCode: string;
  cityCode: string;
  /** Parameter code → unit and permit limit. */
  parameters: ReadonlyMap<string, StationParameterRef>;
}
