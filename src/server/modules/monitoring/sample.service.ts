import ExcelJS from 'exceljs';
import type { Insertable } from 'kysely';
import type { CreateSampleRequest, ImportReport } from '../../../contracts/monitoring';
import { ErrorCode } from '../../../contracts/errors';
import type { DatabaseHandle } from '../../db/database';
import type { RequestMeta } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { AppError, errors } from '../../platform/errors';
import type { AuditService } from '../audit';
import { isSystem, type Caller } from '../identity';
import { beijingWallClockToEpoch, parseBeijingText, toBeijingText } from './beijing-time';
import { canWriteReadingsOf } from './monitoring.policy';
import type { MonitoringReadingsTable } from './monitoring.tables';
import type { StationRef, StoredBatch, StoredBucket } from './monitoring.types';
import { readingKey, type ReadingRepository } from './reading.repository';
import type { StationDirectory } from './station-directory';
import { auditActor, targetOrganisation } from './station.service';

/** A sampling time may lie at most this far ahead of the server clock (clock skew). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** Data rows one import may hold. */
export const IMPORT_MAX_ROWS = 10_000;
const HOUR = 3_600_000;
/**
 * A manual grab sample (手工采样) stands for its section's day: it is stored at interval `day`,
 * at the sampling instant, by the form, the Excel import and the demo alike (the assessment
 * module classifies each such sample and the section-month).
 */
export const MANUAL_SAMPLE_INTERVAL = 'day' as const;

export interface SampleServiceDeps {
  clock: Clock;
  database: Pick<DatabaseHandle, 'db'>;
  audit: Pick<AuditService, 'record'>;
  readings: ReadingRepository;
  directory: StationDirectory;
  notify(batch: StoredBatch): void;
}

export type SampleService = ReturnType<typeof createSampleService>;

/** Template columns, in order (row 1 is this header). */
export const IMPORT_COLUMNS = [
  { key: 'station', header: '站点编码 Station code', width: 18 },
  { key: 'time', header: '采样时间(北京时间) Sampled at (Beijing)', width: 26 },
  { key: 'parameter', header: '参数代码 Parameter code', width: 16 },
  { key: 'value', header: '数值 Value', width: 12 },
  { key: 'unit', header: '单位 Unit', width: 10 },
  { key: 'flag', header: '标记 Flag (optional)', width: 14 },
] as const;
const COLUMN_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];

type RowError = ImportReport['errors'][number];

/** Plain text of a cell value (rich text, formulas and hyperlinks included). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text).trim();
  }
  return '';
}

function unitKey(unit: string): string {
  // µ (micro sign) and μ (Greek mu), ³ and 3 are written both ways.
  return unit.trim().replace(/μ/g, 'µ').replace(/3/g, '³').toLowerCase();
}

function toRows(stationKey: number, items: { parameterCode: string; observedAt: number; value: number; flag: string | null }[], now: number): Insertable<MonitoringReadingsTable>[] {
  return items.map((item) => ({
    station_key: stationKey,
    parameter_code: item.parameterCode,
    interval: MANUAL_SAMPLE_INTERVAL,
    observed_at: item.observedAt,
    value: item.value,
    flag: item.flag,
    quality: 'preliminary',
    validated_by: null,
    validated_at: null,
    source: 'manual',
    institution_id: null,
    received_at: now,
  }));
}

function batchOf(inserted: { station_key: number; parameter_code: string; interval: string; observed_at: number }[]): StoredBatch {
  const buckets = new Map<string, StoredBucket>();
  for (const row of inserted) {
    const observedAt = Number(row.observed_at);
    const hourStart = observedAt - (((observedAt % HOUR) + HOUR) % HOUR);
    const key = `${row.station_key}|${row.parameter_code}|${hourStart}`;
    if (!buckets.has(key)) buckets.set(key, { stationKey: Number(row.station_key), parameterCode: row.parameter_code, interval: MANUAL_SAMPLE_INTERVAL, hourStart });
  }
  return { inserted: inserted.length, buckets: [...buckets.values()] };
}

/**
 * Manual water samples (手工采样): one sample by form, or many from the Excel template. A sample
 * is stored as `day` readings (MANUAL_SAMPLE_INTERVAL) at the sampling instant with source `manual`.
 */
export function createSampleService(deps: SampleServiceDeps) {
  const { clock, database, audit, readings, directory, notify } = deps;
  const { db } = database;

  function writableStation(caller: Caller, station: StationRef): void {
    if (!canWriteReadingsOf(caller, station.ownerOrganisationId)) {
      throw errors.forbidden("Only the station's owning organisation enters its samples", '只有站点所属单位可以录入该站点数据');
    }
  }

  return {
    async createSample(caller: Caller, stationId: string, input: CreateSampleRequest, meta?: RequestMeta): Promise<{ inserted: number; duplicates: number }> {
      const station = directory.findById(stationId);
      if (station === undefined) throw errors.notFound('Station', '监测站点', stationId);
      writableStation(caller, station);
      if (station.kind !== 'surface_water') throw errors.unprocessable('Manual samples are for surface-water stations', '手工采样仅适用于地表水站点');
      if (station.status === 'retired') throw errors.conflict('The station is retired', '站点已撤销');
      const now = clock.now();
      const observedAt = Date.parse(input.sampledAt);
      if (observedAt > now + FUTURE_TOLERANCE_MS) {
        throw errors.validation('The sampling time is in the future', '采样时间晚于当前时间', [{ in: 'body', path: '/sampledAt', keyword: 'rule', message: 'future' }]);
      }
      const seen = new Set<string>();
      input.values.forEach((v, i) => {
        if (!station.parameters.has(v.parameterCode)) {
          throw errors.validation(`The station does not measure ${v.parameterCode}`, `该站点未配置监测参数 ${v.parameterCode}`, [
            { in: 'body', path: `/values/${i}/parameterCode`, keyword: 'rule', message: 'unknown parameter' },
          ]);
        }
        if (seen.has(v.parameterCode)) {
          throw errors.validation(`${v.parameterCode} is given twice`, `参数 ${v.parameterCode} 重复`, [{ in: 'body', path: `/values/${i}/parameterCode`, keyword: 'rule', message: 'duplicate' }]);
        }
        seen.add(v.parameterCode);
      });
      const rows = toRows(station.stationKey, input.values.map((v) => ({ parameterCode: v.parameterCode, observedAt, value: v.value, flag: v.flag ?? null })), now);
      const inserted = await db.transaction().execute(async (trx) => {
        const keys = await readings.insertReturning(trx, rows);
        await audit.record(trx, {
          actor: auditActor(caller),
          action: 'readings.sample.create',
          objectType: 'station',
          objectId: station.id,
          targetOrganisationId: targetOrganisation(caller, station.ownerOrganisationId),
          after: { sampledAt: new Date(observedAt).toISOString(), values: input.values, inserted: keys.length },
          ...(meta ? { meta } : {}),
        });
        return keys;
      });
      notify(batchOf(inserted));
      return { inserted: inserted.length, duplicates: rows.length - inserted.length };
    },

    /**
     * Imports the template's rows, all or nothing: any row error → nothing is stored and the
     * report lists every error (422, report in `details`). Existing readings and rows repeating
     * an earlier row are reported as duplicates and skipped. `dryRun` validates only (200).
     */
    async importWorkbook(caller: Caller, file: Buffer, options: { dryRun: boolean }, meta?: RequestMeta): Promise<ImportReport> {
      const workbook = new ExcelJS.Workbook();
      try {
        await workbook.xlsx.load(file as unknown as ArrayBuffer);
      } catch {
        throw errors.badRequest('The file is not a readable XLSX workbook', '文件不是有效的 XLSX 工作簿');
      }
      const sheet = workbook.worksheets[0];
      if (sheet === undefined) throw errors.badRequest('The workbook has no worksheet', '工作簿中没有工作表');
      if (sheet.rowCount - 1 > IMPORT_MAX_ROWS) throw errors.badRequest(`At most ${IMPORT_MAX_ROWS} rows per import`, `每次最多导入 ${IMPORT_MAX_ROWS} 行`);

      const now = clock.now();
      const errorsFound: RowError[] = [];
      const accepted: { row: number; station: StationRef; parameterCode: string; observedAt: number; value: number; flag: string | null }[] = [];
      const rowError = (row: number, column: number, code: RowError['code'], message: string, messageZh: string) =>
        errorsFound.push({ row, column: COLUMN_LETTERS[column]!, code, message, messageZh });
      let dataRows = 0;

      sheet.eachRow({ includeEmpty: false }, (excelRow, rowNumber) => {
        if (rowNumber === 1) return;
        const cells = [1, 2, 3, 4, 5, 6].map((i) => excelRow.getCell(i).value);
        const texts = cells.map(cellText);
        if (texts.every((t) => t === '')) return;
        dataRows += 1;
        const before = errorsFound.length;
        for (const column of [0, 1, 2, 3, 4]) {
          if (texts[column] === '') rowError(rowNumber, column, 'MISSING_VALUE', `${IMPORT_COLUMNS[column]!.key} is empty`, `${IMPORT_COLUMNS[column]!.header.split(' ')[0]}为空`);
        }
        if (errorsFound.length > before) return;

        const station = directory.findByCode(texts[0]!);
        let parameter: { unit: string } | undefined;
        if (station === undefined) {
          rowError(rowNumber, 0, 'UNKNOWN_STATION', `No station has the code ${texts[0]}`, `站点编码 ${texts[0]} 不存在`);
        } else if (!canWriteReadingsOf(caller, station.ownerOrganisationId)) {
          rowError(rowNumber, 0, 'STATION_NOT_WRITABLE', `Station ${station.code} belongs to another organisation`, `站点 ${station.code} 不属于本单位`);
        } else if (station.kind !== 'surface_water' || station.status === 'retired') {
          rowError(rowNumber, 0, 'NOT_A_WATER_STATION', `Station ${station.code} is not an active surface-water station`, `站点 ${station.code} 不是在用的地表水站点`);
        } else {
          parameter = station.parameters.get(texts[2]!);
          if (parameter === undefined) {
            rowError(rowNumber, 2, 'UNKNOWN_PARAMETER', `Station ${station.code} does not measure ${texts[2]}`, `站点 ${station.code} 未配置参数 ${texts[2]}`);
          } else if (unitKey(parameter.unit) !== unitKey(texts[4]!)) {
            rowError(rowNumber, 4, 'UNIT_MISMATCH', `Unit ${texts[4]} differs from the station's ${parameter.unit}`, `单位 ${texts[4]} 与站点配置的 ${parameter.unit} 不一致`);
          }
        }

        const timeCell = cells[1];
        const observedAt = timeCell instanceof Date ? beijingWallClockToEpoch(timeCell) : parseBeijingText(texts[1]!);
        if (observedAt === undefined || !Number.isFinite(observedAt)) {
          rowError(rowNumber, 1, 'INVALID_TIME', `${texts[1]} is not a time (YYYY-MM-DD HH:mm, Beijing time)`, `${texts[1]} 不是有效时间（YYYY-MM-DD HH:mm，北京时间）`);
        } else if (observedAt > now + FUTURE_TOLERANCE_MS) {
          rowError(rowNumber, 1, 'FUTURE_TIME', `${toBeijingText(observedAt)} is in the future`, `采样时间 ${toBeijingText(observedAt)} 晚于当前时间`);
        }

        const raw = cells[3];
        const value = typeof raw === 'number' ? raw : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(texts[3]!) ? Number(texts[3]) : NaN;
        if (!Number.isFinite(value)) rowError(rowNumber, 3, 'NOT_NUMERIC', `${texts[3]} is not a number`, `${texts[3]} 不是数值`);

        const flag = texts[5] === '' ? null : texts[5]!;
        if (flag !== null && !/^[A-Za-z]{1,2}$/.test(flag)) rowError(rowNumber, 5, 'INVALID_FLAG', `${flag} is not a data flag`, `${flag} 不是有效的数据标记`);

        if (errorsFound.length === before && station !== undefined && observedAt !== undefined) {
          accepted.push({ row: rowNumber, station, parameterCode: texts[2]!, observedAt, value, flag });
        }
      });

      // Duplicates: a row repeating an earlier one, or a reading that is stored already.
      const duplicates: { row: number }[] = [];
      const fresh: typeof accepted = [];
      const seen = new Set<string>();
      const byStation = new Map<number, typeof accepted>();
      for (const item of accepted) byStation.set(item.station.stationKey, [...(byStation.get(item.station.stationKey) ?? []), item]);
      for (const [stationKey, items] of byStation) {
        const existing = await readings.existingKeys(db, stationKey, MANUAL_SAMPLE_INTERVAL, [...new Set(items.map((i) => i.parameterCode))], [...new Set(items.map((i) => i.observedAt))]);
        for (const item of items) {
          const key = readingKey(stationKey, item.parameterCode, item.observedAt);
          if (existing.has(key) || seen.has(key)) duplicates.push({ row: item.row });
          else fresh.push(item);
          seen.add(key);
        }
      }
      duplicates.sort((a, b) => a.row - b.row);
      errorsFound.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
      const report: ImportReport = { dryRun: options.dryRun, rows: dataRows, imported: 0, duplicates, errors: errorsFound };
      if (options.dryRun) return report;
      if (errorsFound.length > 0) {
        throw new AppError(ErrorCode.UnprocessableEntity, 422, `${errorsFound.length} row errors; nothing was imported`, `共 ${errorsFound.length} 处错误，未导入任何数据`, report);
      }
      if (fresh.length === 0) return report;

      const rows = fresh.flatMap((item) => toRows(item.station.stationKey, [item], now));
      const organisations = [...new Set(fresh.map((item) => item.station.ownerOrganisationId))];
      const inserted = await db.transaction().execute(async (trx) => {
        const keys: Awaited<ReturnType<ReadingRepository['insertReturning']>> = [];
        for (let i = 0; i < rows.length; i += 500) keys.push(...(await readings.insertReturning(trx, rows.slice(i, i + 500))));
        await audit.record(trx, {
          actor: auditActor(caller),
          action: 'readings.import',
          objectType: 'station',
          objectId: null,
          targetOrganisationId: organisations.length === 1 ? targetOrganisation(caller, organisations[0]!) : isSystem(caller) ? null : organisations.find((o) => o !== caller.organisationId) ?? null,
          after: { rows: dataRows, inserted: keys.length, duplicates: duplicates.length, stations: [...new Set(fresh.map((item) => item.station.code))] },
          ...(meta ? { meta } : {}),
        });
        return keys;
      });
      notify(batchOf(inserted));
      // A concurrent writer may have stored some rows between the check and the insert.
      return { ...report, imported: inserted.length };
    },

    /** The import template: the sample sheet, instructions and the caller's water stations. */
    async template(caller: Caller): Promise<Buffer> {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('样品 Samples');
      sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
      sheet.getRow(1).font = { bold: true };
      const help = workbook.addWorksheet('说明 Instructions');
      help.columns = [{ width: 100 }];
      for (const line of [
        '每行一个参数值；采样时间为北京时间，格式 YYYY-MM-DD HH:mm 或 Excel 日期时间。',
        'One value per row; sampling time in Beijing time as YYYY-MM-DD HH:mm or an Excel date-time.',
        '单位须与站点配置一致；已存在的数据按重复跳过；任何一行有错误则整个文件不导入。',
        "Units must match the station's configuration; existing readings are skipped as duplicates; any row error imports nothing.",
      ]) {
        help.addRow([line]);
      }
      const stations = workbook.addWorksheet('站点参数 Station parameters');
      stations.columns = [
        { header: '站点编码 Station code', width: 18 },
        { header: '参数代码 Parameter code', width: 16 },
        { header: '单位 Unit', width: 10 },
      ];
      for (const station of directory.all()) {
        if (station.kind !== 'surface_water' || station.status === 'retired' || !canWriteReadingsOf(caller, station.ownerOrganisationId)) continue;
        for (const [code, parameter] of station.parameters) stations.addRow([station.code, code, parameter.unit]);
      }
      return Buffer.from(await workbook.xlsx.writeBuffer());
    },
  };
}
