import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import { ErrorCode } from '../../../contracts/errors';
import type { ListUploadsQuery, UploadList, UploadMode, UploadReport, UploadReportQuery } from '../../../contracts/releases';
import type { Executor } from '../../db/database';
import type { RequestMeta } from '../../platform/actor';
import { AppError, errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { canonicalJson } from '../audit';
import { isSystem, type Caller } from '../identity';
import { composeCollection, type CollectedRow, type PendingUploadRows } from './collection';
import { parseCsvUpload } from './parse/csv-upload';
import { parseJsonBatch, type JsonBatch } from './parse/json-upload';
import type { ParseOutcome, ParsedTable, RawCell } from './parse/types';
import { parseXlsxUpload } from './parse/xlsx-upload';
import { canSeeDataset, canSubmit, isParty } from './releases.policy';
import type { DatasetView, ReleasesDeps, SchemaView } from './releases.ports';
import { presentResult, presentUpload } from './releases.presenter';
import type { ReleasesRepository, UploadRecord } from './releases.repository';
import type { UploadChannel, ValidationResultsTable } from './releases.tables';
import { emptyCounts, uploadShapes, type ReleaseSchemaDefinition, type ValidationFinding } from './validation';

export type UploadInput =
  | { channel: 'json'; mode: UploadMode; schemaVersion?: number | undefined; batch: JsonBatch }
  | { channel: 'csv' | 'xlsx'; mode: UploadMode; schemaVersion?: number | undefined; table?: string | undefined; fileName?: string | undefined; bytes: Uint8Array };

export interface UploadServiceDeps extends ReleasesDeps {
  repository: ReleasesRepository;
}

export function auditActor(caller: Caller) {
  return isSystem(caller) ? null : { userId: caller.userId, username: caller.username, displayName: caller.displayName, organisationId: caller.organisationId };
}
export function activityActor(caller: Caller) {
  return isSystem(caller) ? null : { userId: caller.userId, displayName: caller.displayName, organisationId: caller.organisationId };
}
export function targetOrganisation(caller: Caller, organisationId: string): string | null {
  return isSystem(caller) || caller.organisationId !== organisationId ? organisationId : null;
}
function callerPerson(caller: Caller) {
  return isSystem(caller) ? { userId: 'system', name: 'system', organisationId: '' } : { userId: caller.userId, name: caller.displayName, organisationId: caller.organisationId };
}

export const datasetNotFound = (id: string) => errors.notFound('Dataset', '数据资源', id);

/** Loads the dataset and checks the caller may see it (404 otherwise, never revealing drafts). */
export async function visibleDataset(deps: ReleasesDeps, executor: Executor, caller: Caller, id: string): Promise<DatasetView> {
  const dataset = await deps.catalog.getDataset(executor, id);
  if (dataset === undefined || !canSeeDataset(caller, dataset)) throw datasetNotFound(id);
  return dataset;
}

/** The base of the draft collection: the latest accepted release's rows, as raw cells. */
export async function loadCollection(deps: UploadServiceDeps, executor: Executor, datasetId: string, pending: readonly UploadRecord[]): Promise<{ collection: Map<string, CollectedRow[]>; baseReleaseId: string | null }> {
  const { repository } = deps;
  const base = await repository.latestAccepted(executor, datasetId);
  const baseRows = new Map<string, { rowNo: number; cells: Record<string, RawCell> }[]>();
  if (base) {
    for (const row of await repository.allReleaseRows(executor, base.id)) {
      let list = baseRows.get(row.table_name);
      if (!list) baseRows.set(row.table_name, (list = []));
      list.push({ rowNo: row.row_no, cells: JSON.parse(row.data) as Record<string, RawCell> });
    }
  }
  const uploads: PendingUploadRows[] = [];
  for (const upload of pending) {
    const tables = new Map<string, { sourceRow: number; cells: Record<string, RawCell> }[]>();
    for (const row of await repository.uploadRows(executor, upload.id)) {
      let list = tables.get(row.table_name);
      if (!list) tables.set(row.table_name, (list = []));
      list.push({ sourceRow: row.source_row, cells: JSON.parse(row.data) as Record<string, RawCell> });
    }
    uploads.push({ uploadId: upload.id, mode: upload.mode, tables });
  }
  return { collection: composeCollection(baseRows, uploads), baseReleaseId: base?.id ?? null };
}

export function createUploadService(deps: UploadServiceDeps) {
  const { clock, database, audit, catalog, repository, validator, config } = deps;
  const { db } = database;

  async function schemaFor(dataset: DatasetView, version: number | undefined): Promise<SchemaView> {
    if (version === undefined) {
      const current = await catalog.currentSchema(db, dataset.id);
      if (current === undefined) {
        throw errors.conflict('The dataset has no published schema yet; publish one before uploading data', '该数据资源尚未发布数据结构，请先发布数据结构再上传数据');
      }
      return current;
    }
    const schema = (await catalog.listSchemas(dataset.id)).find((candidate) => candidate.version === version);
    if (schema === undefined || schema.status !== 'published') {
      throw errors.notFound(`Published schema version ${version}`, `已发布的数据结构版本 v${version}`);
    }
    return schema;
  }

  async function parse(input: UploadInput, definition: ReleaseSchemaDefinition): Promise<ParseOutcome> {
    const shapes = uploadShapes(definition);
    const limits = { maxRows: config.uploadMaxRows };
    if (input.channel === 'json') return parseJsonBatch(input.batch, shapes, limits);
    if (input.channel === 'xlsx') {
      if (input.table !== undefined && !shapes.some((shape) => shape.name === input.table)) throw unknownTable(input.table);
      return parseXlsxUpload(input.bytes, shapes, limits, input.table);
    }
    if (input.table === undefined) {
      return { ok: false, problems: [{ code: 'TABLE_REQUIRED', message: 'A CSV file holds one table: name it with ?table=', messageZh: 'CSV 文件只能包含一个数据表，请用 table 参数指明数据表' }] };
    }
    const shape = shapes.find((candidate) => candidate.name === input.table);
    if (shape === undefined) throw unknownTable(input.table);
    return parseCsvUpload(input.bytes, shape, limits);
  }

  function contentDigest(input: UploadInput): string {
    const hash = createHash('sha256');
    hash.update(`${input.channel}\n${input.mode}\n${input.channel === 'json' ? '' : (input.table ?? '')}\n`);
    hash.update(input.channel === 'json' ? canonicalJson(input.batch) : input.bytes);
    return hash.digest('hex');
  }

  async function report(upload: UploadRecord, query: UploadReportQuery): Promise<UploadReport> {
    const limit = query.limit ?? 100;
    const offset = query.offset ?? 0;
    const [summary, page] = await Promise.all([repository.resultSummary(db, upload.id), repository.resultPage(db, upload.id, { severity: query.severity, limit, offset })]);
    return {
      upload: presentUpload(upload),
      problems: JSON.parse(upload.problems) as UploadReport['problems'],
      summary: summary.map((row) => ({ ruleCode: row.rule_code, severity: row.severity, count: Number(row.n) })),
      results: { items: page.items.map(presentResult), total: page.total, offset, limit },
    };
  }

  return {
    /**
     * Reads, validates and stores one upload. A file that cannot be read stores only its
     * problems (status rejected) and answers 422 UPLOAD_UNREADABLE; a readable one stores its
     * rows and every validation result in one transaction and joins the draft collection.
     */
    async upload(caller: Caller, datasetId: string, input: UploadInput, meta?: RequestMeta): Promise<UploadReport> {
      const dataset = await visibleDataset(deps, db, caller, datasetId);
      if (!canSubmit(caller, dataset)) throw errors.forbidden('Only the owner organisation submits data for this dataset', '只有数据资源提供方可以提交数据');
      if (dataset.status === 'deprecated') throw errors.conflict('The dataset is deprecated; it takes no new data', '该数据资源已停用，不再接收数据');
      const schema = await schemaFor(dataset, input.schemaVersion);
      const definition = schema.definition as ReleaseSchemaDefinition;
      const outcome = await parse(input, definition);
      const digest = contentDigest(input);
      const byteSize = input.channel === 'json' ? Buffer.byteLength(JSON.stringify(input.batch)) : input.bytes.length;
      const fileName = input.channel === 'json' ? null : (input.fileName ?? null);
      const now = clock.now();
      const id = newId(now);
      const person = callerPerson(caller);
      const base = {
        id,
        dataset_id: dataset.id,
        schema_id: schema.id,
        schema_version: schema.version,
        organisation_id: isSystem(caller) ? dataset.ownerOrganisationId : caller.organisationId,
        uploaded_by: person.userId,
        uploaded_by_name: person.name,
        channel: input.channel as UploadChannel,
        mode: input.mode,
        file_name: fileName,
        byte_size: byteSize,
        content_digest: digest,
        created_at: now,
        release_id: null,
      };

      if (!outcome.ok) {
        await db.transaction().execute(async (trx) => {
          const row = { ...base, upload_no: await repository.nextUploadNo(trx, dataset.id), tables: '[]', status: 'rejected' as const, row_count: 0, problems: JSON.stringify(outcome.problems), blocker_count: 0, error_count: 0, warning_count: 0, info_count: 0 };
          await repository.insertUpload(trx, row);
          await audit.record(trx, { actor: auditActor(caller), action: 'upload.reject', objectType: 'upload', objectId: id, targetOrganisationId: targetOrganisation(caller, dataset.ownerOrganisationId), after: { datasetId: dataset.id, problems: outcome.problems.length, fileName }, ...(meta ? { meta } : {}) });
          await catalog.recordActivity(trx, { datasetId: dataset.id, kind: 'upload.rejected', actor: activityActor(caller), summary: `Upload could not be read (${outcome.problems.length} problems)`, details: { uploadId: id, fileName, problemCount: outcome.problems.length, problems: outcome.problems.slice(0, 5).map((problem) => problem.code) } });
        });
        throw new AppError(ErrorCode.UploadUnreadable, 422, `The upload could not be read: ${outcome.problems[0]!.message}`, `上传内容无法读取：${outcome.problems[0]!.messageZh}`, { uploadId: id, problems: outcome.problems });
      }

      const duplicate = await repository.findPendingDuplicate(db, dataset.id, digest);
      if (duplicate) {
        throw new AppError(ErrorCode.DuplicateUpload, 409, 'The same content was already uploaded and is waiting for the next release', '相同内容已上传，正在等待发布', { uploadId: duplicate.id });
      }

      // Validate in the context of everything collected so far, so keys, links and dataset
      // rules see the rows this upload will sit beside.
      const pending = await repository.pendingUploads(db, dataset.id);
      const { collection } = await loadCollection(deps, db, dataset.id, pending);
      const ownRows = applyUpload(collection, id, input.mode, outcome.tables);
      const findings = await validator.validate(db, schema.definition, collection);
      const results = resultsForUpload(id, findings, collection, ownRows);
      const counts = emptyCounts();
      for (const result of results) counts[result.severity] += 1;

      const row = {
        ...base,
        tables: JSON.stringify(outcome.tables.map((table) => table.table)),
        status: 'pending' as const,
        row_count: outcome.rowCount,
        problems: '[]',
        blocker_count: counts.BLOCKER,
        error_count: counts.ERROR,
        warning_count: counts.WARNING,
        info_count: counts.INFO,
      };
      await db.transaction().execute(async (trx) => {
        const stored = { ...row, upload_no: await repository.nextUploadNo(trx, dataset.id) };
        await repository.insertUpload(trx, stored);
        await repository.insertUploadRows(
          trx,
          outcome.tables.flatMap((table) => table.rows.map((parsed, index) => ({ upload_id: id, table_name: table.table, row_no: index + 1, source_row: parsed.sourceRow, data: JSON.stringify(parsed.cells) }))),
        );
        await repository.insertResults(trx, results);
        await audit.record(trx, {
          actor: auditActor(caller),
          action: 'upload.create',
          objectType: 'upload',
          objectId: id,
          targetOrganisationId: targetOrganisation(caller, dataset.ownerOrganisationId),
          after: { datasetId: dataset.id, schemaVersion: schema.version, mode: input.mode, rows: outcome.rowCount, counts, digest },
          ...(meta ? { meta } : {}),
        });
        await catalog.recordActivity(trx, {
          datasetId: dataset.id,
          kind: 'upload.validated',
          actor: activityActor(caller),
          summary: `Uploaded ${outcome.rowCount} rows (${input.mode}); ${counts.BLOCKER} blockers, ${counts.ERROR} errors`,
          details: { uploadId: id, schemaVersion: schema.version, mode: input.mode, rowCount: outcome.rowCount, tables: outcome.tables.map((table) => table.table), counts },
        });
      });
      const stored = await repository.findUpload(db, dataset.id, id);
      return report(stored!, {});
    },

    async list(caller: Caller, datasetId: string, query: ListUploadsQuery): Promise<UploadList> {
      const dataset = await visibleDataset(deps, db, caller, datasetId);
      if (!isParty(caller, dataset)) throw errors.forbidden('Only the owner and the custodian see the uploads', '只有数据提供方和审核方可以查看上传记录');
      const page = await repository.listUploads(db, datasetId, { status: query.status, limit: query.limit ?? 50, offset: query.offset ?? 0 });
      return { items: page.items.map(presentUpload), total: page.total };
    },

    async report(caller: Caller, datasetId: string, uploadId: string, query: UploadReportQuery): Promise<UploadReport> {
      const upload = await findVisibleUpload(caller, datasetId, uploadId);
      return report(upload, query);
    },

    /** Everything the XLSX report needs (all results, not a page). */
    async fullReport(caller: Caller, datasetId: string, uploadId: string) {
      const upload = await findVisibleUpload(caller, datasetId, uploadId);
      const [summary, results] = await Promise.all([repository.resultSummary(db, upload.id), repository.allResults(db, upload.id)]);
      return {
        upload: presentUpload(upload),
        problems: JSON.parse(upload.problems) as UploadReport['problems'],
        summary: summary.map((row) => ({ ruleCode: row.rule_code, severity: row.severity, count: Number(row.n) })),
        results: results.map(presentResult),
      };
    },

    /** The schema version a template is made from (published only; default: current). */
    async templateSource(caller: Caller, datasetId: string, version: number | undefined) {
      const dataset = await visibleDataset(deps, db, caller, datasetId);
      const schema = await schemaFor(dataset, version);
      return { dataset, schema, definition: schema.definition as ReleaseSchemaDefinition };
    },
  };

  async function findVisibleUpload(caller: Caller, datasetId: string, uploadId: string): Promise<UploadRecord> {
    const dataset = await visibleDataset(deps, db, caller, datasetId);
    if (!isParty(caller, dataset)) throw errors.forbidden('Only the owner and the custodian see validation reports', '只有数据提供方和审核方可以查看校验报告');
    const upload = await repository.findUpload(db, datasetId, uploadId);
    if (upload === undefined) throw errors.notFound('Upload', '上传记录', uploadId);
    return upload;
  }
}

export type UploadService = ReturnType<typeof createUploadService>;

function unknownTable(table: string): AppError {
  return errors.validation(`Table ${table} is not part of the schema`, `数据结构中没有数据表 ${table}`, [{ in: 'querystring', path: '/table', keyword: 'enum', message: 'unknown table' }]);
}

/**
 * Adds the new upload's rows to the collection the way it will apply, and returns, per table,
 * the index range its rows occupy (to attribute findings to this upload).
 */
function applyUpload(collection: Map<string, CollectedRow[]>, uploadId: string, mode: UploadMode, tables: readonly ParsedTable[]): Map<string, { from: number; to: number }> {
  const ranges = new Map<string, { from: number; to: number }>();
  for (const table of tables) {
    const kept = mode === 'replace' ? [] : (collection.get(table.table) ?? []);
    const added = table.rows.map((row) => ({ uploadId, sourceRow: row.sourceRow, cells: row.cells }));
    collection.set(table.table, [...kept, ...added]);
    ranges.set(table.table, { from: kept.length, to: kept.length + added.length });
  }
  return ranges;
}

/**
 * The results an upload keeps: those on its own rows, and those on whole tables or the dataset
 * (counts, aggregates), which describe the collection as this upload leaves it.
 */
function resultsForUpload(
  uploadId: string,
  findings: readonly ValidationFinding[],
  collection: ReadonlyMap<string, readonly CollectedRow[]>,
  ownRows: ReadonlyMap<string, { from: number; to: number }>,
): Insertable<ValidationResultsTable>[] {
  const results: Insertable<ValidationResultsTable>[] = [];
  for (const finding of findings) {
    let sourceRow: number | null = null;
    if (finding.rowIndex !== null && finding.table !== null) {
      const range = ownRows.get(finding.table);
      if (range === undefined || finding.rowIndex < range.from || finding.rowIndex >= range.to) continue;
      sourceRow = collection.get(finding.table)![finding.rowIndex]!.sourceRow;
    }
    results.push({
      upload_id: uploadId,
      seq: results.length + 1,
      table_name: finding.table,
      source_row: sourceRow,
      field: finding.field,
      rule_code: finding.ruleCode,
      severity: finding.severity,
      message: finding.message,
      message_zh: finding.messageZh,
      value: finding.value,
    });
  }
  return results;
}
