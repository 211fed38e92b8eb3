/**
 * The monitoring module's only public surface: stations, the in-memory station directory, the
 * reading ingest used by the HJ 212 gateway, time series, exports and manual samples.
 */
import type { DatabaseHandle } from '../../db/database';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import type { AuditService } from '../audit';
import type { Caller } from '../identity';
import type { ListStationsQuery, SeriesQuery, SeriesResponse, Station } from '../../../contracts/monitoring';
import type { NewReading, ReadingsStoredListener } from './monitoring.types';
import { createReadingRepository } from './reading.repository';
import { createReadingService, type DirtyDayPlanner, type ReadingService } from './reading.service';
import { createSampleService, type SampleService } from './sample.service';
import { createStationDirectory, type StationDirectory } from './station-directory';
import { createStationRepository } from './station.repository';
import { createStationService, type StationService } from './station.service';

export interface MonitoringDeps {
  clock: Clock;
  logger: Pick<Logger, 'error'>;
  database: Pick<DatabaseHandle, 'db' | 'dialect' | 'bulk'>;
  audit: Pick<AuditService, 'record'>;
  /**
   * The kind of an organisation (identity module, wired in context.ts), to check that a
   * station's operator is a monitoring institution; without it the check is left to the FK.
   */
  organisationKind?: (id: string) => Promise<string | undefined>;
}

export interface MonitoringService {
  /**
   * Stores readings in ONE transaction through the dialect's bulk path; idempotent (a reading
   * whose station, parameter, interval and time exist is skipped and counted as a duplicate).
   * Throws 400 for a non-integer station key or time or a non-finite value (nothing stored).
   */
  ingestReadings(readings: readonly NewReading[]): Promise<{ inserted: number; duplicates: number }>;
  /**
   * The gateway's path: durable when it resolves, but under load (SQLite file) the readings may
   * wait in the writer's inbox and become visible shortly after (`deferred`); see reading.service.
   */
  acceptReadings(readings: readonly NewReading[]): Promise<{ inserted: number; duplicates: number; deferred: number }>;
  /** Makes every accepted reading visible now. */
  settleAccepted(): Promise<void>;
  /** Hears of each move of accepted readings into the readings table (moved, and how many were new); returns the unsubscribe. */
  onAcceptedMoved(listener: (result: { moved: number; inserted: number }) => void): () => void;
  /** Roll-up queue keys for `ingestReadings` to write in the readings' own transaction (context.ts). */
  planDirtyDaysWith(planner: DirtyDayPlanner): void;
  /**
   * Called after each commit that inserted readings (ingest, samples, imports) or moved them
   * into or out of the invalid tier (validation); returns unsubscribe.
   */
  onReadingsStored(listener: ReadingsStoredListener): () => void;
  /** Synchronous in-memory lookups (MN, key, id, code), current after every committed station write. */
  stationDirectory: StationDirectory;
  /** Re-reads every station into the directory (after migrating a running process's database). */
  reloadStations(): Promise<void>;
  listStations(caller: Caller, query: ListStationsQuery): Promise<{ items: Station[]; total: number }>;
  getStation(caller: Caller, id: string): Promise<Station>;
  /** Readings of one station in [from, to) (ISO, any offset), grouped by parameter. */
  readSeries(caller: Caller, stationId: string, query: SeriesQuery): Promise<SeriesResponse>;
  stations: StationService;
  readings: ReadingService;
  samples: SampleService;
}

/** Builds the monitoring services and loads the station directory (called by context.ts only). */
export async function createMonitoringModule(deps: MonitoringDeps): Promise<MonitoringService> {
  const stationRepository = createStationRepository(deps.database.dialect);
  const readingRepository = createReadingRepository();
  const directory = createStationDirectory(stationRepository);
  // context.ts migrates before building services, so the stations table exists here.
  await directory.load(deps.database.db);
  const stations = createStationService({ ...deps, stations: stationRepository, directory });
  const readings = createReadingService({ ...deps, readings: readingRepository, directory });
  const samples = createSampleService({ ...deps, readings: readingRepository, directory, notify: readings.notify });
  return {
    ingestReadings: readings.ingestReadings,
    acceptReadings: readings.acceptReadings,
    settleAccepted: readings.settleAccepted,
    onAcceptedMoved: readings.onAcceptedMoved,
    onReadingsStored: readings.onReadingsStored,
    planDirtyDaysWith: readings.planDirtyDaysWith,
    stationDirectory: directory,
    reloadStations: () => directory.load(deps.database.db),
    listStations: stations.list,
    getStation: stations.get,
    readSeries: readings.readSeries,
    stations,
    readings,
    samples,
  };
}

export { registerMonitoringRoutes } from './monitoring.routes';
export { toBeijingIso, toBeijingText, parseBeijingText } from './beijing-time';
export type { StationDirectory } from './station-directory';
export type { MapAssessment, MapAssessmentProvider, StationService } from './station.service';
export type { ReadingService, ExportFile, DirtyDayPlanner } from './reading.service';
export { MANUAL_SAMPLE_INTERVAL, type SampleService } from './sample.service';
export type {
  NewReading,
  ReadingInterval,
  ReadingQuality,
  ReadingSource,
  ReadingsStoredListener,
  StationKind,
  StationParameterRef,
  StationRef,
  StationStatus,
  StationSubKind,
  StoredBatch,
  StoredBucket,
} from './monitoring.types';
