import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportQuery, LatestResponse, SeriesQuery, SeriesResponse, ValidateReadingsRequest } from '../../../contracts/monitoring';
import type { DirtyDayPlan } from '../../db/bulk-insert';
import type { DatabaseHandle } from '../../db/database';
import type { RequestMeta } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { toIso } from '../../platform/clock';
import { errors } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import type { AuditService } from '../audit';
import { isSystem, type Caller } from '../identity';
import { toBeijingText } from './beijing-time';
import { canReadReadings, canValidateReadingsOf } from './monitoring.policy';
import { presentPoint } from './monitoring.presenter';
import type { ReadingInterval } from './monitoring.tables';
import type { NewReading, ReadingsStoredListener, StationRef, StoredBatch, StoredBucket } from './monitoring.types';
import type { ReadingRepository, ReadingRow, SeriesFilter } from './reading.repository';
import type { StationDirectory } from './station-directory';
import { auditActor, targetOrganisation } from './station.service';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The longest range one series or export request may span, per interval. */
export const MAX_RANGE_MS: Record<ReadingInterval, number> = { rt: 7 * DAY, min: 31 * DAY, hour: 400 * DAY, day: 20 * 366 * DAY };
/** Exports stop after this many rows (about 40 MB of CSV). */
export const EXPORT_MAX_ROWS = 1_000_000;
const EXPORT_PAGE = 5_000;

/** Which roll-up queue keys each reading of a batch makes dirty (see DirtyDayPlan). */
export type DirtyDayPlanner = (batch: readonly NewReading[]) => DirtyDayPlan;

export interface ReadingServiceDeps {
  clock: Clock;
  logger: Pick<Logger, 'error'>;
  database: Pick<DatabaseHandle, 'db' | 'bulk'>;
  audit: Pick<AuditService, 'record'>;
  readings: ReadingRepository;
  directory: StationDirectory;
}

export type ReadingService = ReturnType<typeof createReadingService>;

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Readable;
}

function parseCodes(list: string | undefined): string[] {
  return list === undefined ? [] : [...new Set(list.split(','))];
}

/** Resolves and bounds a [from, to) range given as ISO text. */
export function rangeOf(interval: ReadingInterval, now: number, from?: string, to?: string): { from: number; to: number } {
  const end = to === undefined ? now : Date.parse(to);
  const start = from === undefined ? end - DAY : Date.parse(from);
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw errors.badRequest('from/to must be ISO-8601 instants', 'from/to 须为 ISO-8601 时间');
  if (start >= end) throw errors.badRequest('from must be before to', '开始时间须早于结束时间');
  if (end - start > MAX_RANGE_MS[interval]) {
    throw errors.badRequest(`A ${interval} range spans at most ${MAX_RANGE_MS[interval] / DAY} days`, `该时间粒度的查询范围最多 ${MAX_RANGE_MS[interval] / DAY} 天`);
  }
  return { from: start, to: end };
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  // Spreadsheet formula injection: text starting with = + - @ is shown literally.
  const text = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const EXPORT_HEADER = [
  '站点编码 Station code',
  '站点名称 Station name',
  '参数 Parameter',
  '单位 Unit',
  '北京时间 Beijing time',
  'UTC',
  '数值 Value',
  '标记 Flag',
  '审核 Quality',
];

/** Readings: the fast ingest path, series and latest values, validation and exports. */
export function createReadingService(deps: ReadingServiceDeps) {
  const { clock, logger, database, audit, readings, directory } = deps;
  const { db, bulk } = database;
  const listeners = new Set<ReadingsStoredListener>();
  /** Set by the composition root: roll-up queue keys written in the readings' own transaction. */
  let planDirtyDays: DirtyDayPlanner | null = null;

  function stationOrNotFound(id: string): StationRef {
    const station = directory.findById(id);
    if (station === undefined) throw errors.notFound('Station', '监测站点', id);
    return station;
  }

  function notify(batch: StoredBatch): void {
    // Rows moved out of the inbox come without buckets: their queue keys are already written.
    if (batch.buckets.length === 0 && !(batch.dirtyDaysQueued === true && batch.inserted > 0)) return;
    for (const listener of listeners) {
      try {
        listener(batch);
      } catch (error) {
        logger.error({ err: error }, 'readings-stored listener failed');
      }
    }
  }

  function checkReading(r: NewReading, index: number): void {
    if (!Number.isSafeInteger(r.stationKey) || !Number.isSafeInteger(r.observedAt) || (r.value !== null && !Number.isFinite(r.value))) {
      throw errors.badRequest(`Reading ${index} has a non-integer station key or time, or a non-finite value`, `第 ${index} 条读数的站点、时间或数值无效`);
    }
  }

  async function* exportRows(stations: StationRef[], filterOf: (s: StationRef) => SeriesFilter): AsyncGenerator<{ station: StationRef; name: string; row: ReadingRow }> {
    let emitted = 0;
    const names = await readings.stationNames(db, stations.map((s) => s.id));
    for (const station of stations) {
      const filter = filterOf(station);
      let after: { parameterCode: string; observedAt: number } | null = null;
      for (;;) {
        const page = await readings.page(db, filter, after, EXPORT_PAGE);
        for (const row of page) {
          if (emitted++ >= EXPORT_MAX_ROWS) return;
          yield { station, name: names.get(station.id) ?? station.code, row };
        }
        if (page.length < EXPORT_PAGE) break;
        const last = page[page.length - 1]!;
        after = { parameterCode: last.parameter_code, observedAt: Number(last.observed_at) };
      }
    }
  }

  function exportCells(station: StationRef, name: string, row: ReadingRow): (string | number | null)[] {
    const at = Number(row.observed_at);
    return [station.code, name, row.parameter_code, station.parameters.get(row.parameter_code)?.unit ?? null, toBeijingText(at), toIso(at), row.value, row.flag, row.quality];
  }

  // The gateway hears how many accepted rows a move found to be duplicates (its status page counts them).
  const acceptedMovedListeners = new Set<(result: { moved: number; inserted: number }) => void>();
  bulk.onDeferredMoved({
    moved: (result) => {
      notify({ inserted: result.inserted, buckets: [], dirtyDaysQueued: true });
      for (const listener of acceptedMovedListeners) listener(result);
    },
    failed: (error) => logger.error({ err: error }, 'readings inbox: move failed; it is retried and nothing is lost'),
  });

  return {
    /**
     * Stores readings in ONE transaction (dialect fast path), skipping any whose key exists:
     * resending changes nothing. Listeners hear about the inserted rows after the commit.
     */
    async ingestReadings(batch: readonly NewReading[]): Promise<{ inserted: number; duplicates: number }> {
      for (let i = 0; i < batch.length; i++) checkReading(batch[i]!, i);
      const plan = planDirtyDays?.(batch);
      const { inserted, buckets } = await bulk.insertReadings(batch, clock.now(), plan);
      notify({ inserted, buckets: buckets as StoredBucket[], dirtyDaysQueued: plan !== undefined });
      return { inserted, duplicates: batch.length - inserted };
    },

    /**
     * The HJ 212 gateway's path: like `ingestReadings`, durable when it resolves, but under load
     * (SQLite file) the rows may wait in the writer's inbox and become visible shortly after —
     * `deferred` counts them; their duplicates are found when they move. Without a roll-up
     * planner the rows are stored at once, since a move could not queue their days.
     */
    async acceptReadings(batch: readonly NewReading[]): Promise<{ inserted: number; duplicates: number; deferred: number }> {
      for (let i = 0; i < batch.length; i++) checkReading(batch[i]!, i);
      const plan = planDirtyDays?.(batch);
      const { inserted, buckets, deferred } =
        plan === undefined ? { ...(await bulk.insertReadings(batch, clock.now())), deferred: 0 } : await bulk.acceptReadings(batch, clock.now(), plan);
      notify({ inserted, buckets: buckets as StoredBucket[], dirtyDaysQueued: plan !== undefined });
      return { inserted, duplicates: batch.length - inserted - deferred, deferred };
    },

    /** Makes every accepted reading visible now (tests, CLI commands, the assessment flush). */
    settleAccepted: () => bulk.settle(),

    /** Hears of each move of accepted (deferred) rows: how many moved and how many were new. */
    onAcceptedMoved(listener: (result: { moved: number; inserted: number }) => void): () => void {
      acceptedMovedListeners.add(listener);
      return () => acceptedMovedListeners.delete(listener);
    },

    /**
     * Makes `ingestReadings` upsert the roll-up queue keys `planner` derives from a batch in the
     * same transaction as the readings (crash-safe: no committed reading without its queue key).
     */
    planDirtyDaysWith(planner: DirtyDayPlanner): void {
      planDirtyDays = planner;
    },

    /** Subscribes to committed inserts; returns the unsubscribe function. */
    onReadingsStored(listener: ReadingsStoredListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Internal: samples and imports announce their inserts the same way. */
    notify,

    async readSeries(caller: Caller, stationId: string, query: SeriesQuery): Promise<SeriesResponse> {
      if (!canReadReadings(caller)) throw errors.forbidden();
      const station = stationOrNotFound(stationId);
      const interval = query.interval ?? 'hour';
      const range = rangeOf(interval, clock.now(), query.from, query.to);
      const limit = query.limit ?? 10_000;
      const codes = parseCodes(query.parameters);
      const rows = await readings.series(db, { stationKey: station.stationKey, interval, parameterCodes: codes, ...range }, limit + 1);
      const truncated = rows.length > limit;
      const bySeries = new Map<string, ReturnType<typeof presentPoint>[]>();
      for (const code of codes) bySeries.set(code, []);
      for (const row of truncated ? rows.slice(0, limit) : rows) {
        const list = bySeries.get(row.parameter_code) ?? [];
        list.push(presentPoint(row));
        bySeries.set(row.parameter_code, list);
      }
      return {
        stationId,
        interval,
        from: toIso(range.from),
        to: toIso(range.to),
        truncated,
        series: [...bySeries].map(([parameterCode, points]) => ({ parameterCode, unit: station.parameters.get(parameterCode)?.unit ?? null, points })),
      };
    },

    /**
     * The newest value of each configured parameter at `interval` (default hour), looking back at
     * most as far as one series query may span (MAX_RANGE_MS: 7 days of real-time data, 400 days
     * of hourly data …); a parameter silent for longer has no latest value.
     */
    async latest(caller: Caller, stationId: string, interval: ReadingInterval = 'hour'): Promise<LatestResponse> {
      if (!canReadReadings(caller)) throw errors.forbidden();
      const station = stationOrNotFound(stationId);
      const rows = await readings.latest(db, station.stationKey, interval, [...station.parameters.keys()], clock.now() - MAX_RANGE_MS[interval]);
      return {
        stationId,
        interval,
        items: rows.map((row) => ({ parameterCode: row.parameter_code, unit: station.parameters.get(row.parameter_code)?.unit ?? null, ...presentPoint(row) })),
      };
    },

    /** Marks [from, to) validated or invalid; who and when are stored and audited. */
    async validate(caller: Caller, stationId: string, input: ValidateReadingsRequest, meta?: RequestMeta): Promise<{ updated: number }> {
      const station = stationOrNotFound(stationId);
      if (!canValidateReadingsOf(caller, station.ownerOrganisationId)) {
        throw errors.forbidden("Only the station's owning organisation validates its readings", '只有站点所属单位可以审核其数据');
      }
      const range = rangeOf(input.interval, clock.now(), input.from, input.to);
      const filter: SeriesFilter = { stationKey: station.stationKey, interval: input.interval, parameterCodes: input.parameters ?? [], ...range };
      const now = clock.now();
      const { updated, touched } = await db.transaction().execute(async (trx) => {
        const touched = await readings.hoursChangingValidity(trx, filter, input.quality);
        const updated = await readings.setQuality(trx, filter, { quality: input.quality, validatedBy: isSystem(caller) ? null : caller.userId, validatedAt: now });
        await audit.record(trx, {
          actor: auditActor(caller),
          action: 'readings.validate',
          objectType: 'station',
          objectId: station.id,
          targetOrganisationId: targetOrganisation(caller, station.ownerOrganisationId),
          after: { interval: input.interval, from: toIso(range.from), to: toIso(range.to), parameters: input.parameters ?? null, quality: input.quality, updated },
          ...(meta ? { meta } : {}),
        });
        return { updated, touched };
      });
      // Invalid readings leave the statistics (and come back when re-validated): the roll-ups,
      // AQI and classes of the touched hours are recomputed like after an insert.
      notify({
        inserted: 0,
        buckets: touched.map((hour) => ({ stationKey: station.stationKey, parameterCode: hour.parameterCode, interval: input.interval, hourStart: hour.hourStart })),
      });
      return { updated };
    },

    /** A CSV (UTF-8 with BOM, for Excel) or XLSX file, streamed page by page. */
    async exportReadings(caller: Caller, query: ExportQuery): Promise<ExportFile> {
      if (!canReadReadings(caller)) throw errors.forbidden();
      const interval = query.interval ?? 'hour';
      const range = rangeOf(interval, clock.now(), query.from, query.to);
      const stations = [...new Set(query.stationIds.split(','))].map(stationOrNotFound);
      const codes = parseCodes(query.parameters);
      const rows = exportRows(stations, (s) => ({ stationKey: s.stationKey, interval, parameterCodes: codes, ...range }));
      const stamp = toBeijingText(range.from).slice(0, 10).replace(/-/g, '');
      if ((query.format ?? 'csv') === 'csv') {
        async function* csv(): AsyncGenerator<string> {
          yield `\ufeff${EXPORT_HEADER.map(csvField).join(',')}\r\n`;
          let chunk = '';
          for await (const { station, name, row } of rows) {
            chunk += `${exportCells(station, name, row).map(csvField).join(',')}\r\n`;
            if (chunk.length > 64_000) {
              yield chunk;
              chunk = '';
            }
          }
          if (chunk) yield chunk;
        }
        return { filename: `readings-${interval}-${stamp}.csv`, contentType: 'text/csv; charset=utf-8', body: Readable.from(csv()) };
      }
      const out = new PassThrough();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
      const sheet = workbook.addWorksheet('readings');
      sheet.columns = EXPORT_HEADER.map((header, i) => ({ header, width: [14, 24, 10, 10, 20, 26, 12, 8, 12][i] }));
      void (async () => {
        try {
          for await (const { station, name, row } of rows) sheet.addRow(exportCells(station, name, row)).commit();
          sheet.commit();
          await workbook.commit();
        } catch (error) {
          logger.error({ err: error }, 'xlsx export failed');
          out.destroy(error instanceof Error ? error : new Error(String(error)));
        }
      })();
      return { filename: `readings-${interval}-${stamp}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: out };
    },
  };
}
