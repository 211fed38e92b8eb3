import type { CatalogImportReport, CatalogImportRow, CatalogRowProblemCode } from '../../../contracts/catalog';
import { ErrorCode } from '../../../contracts/errors';
import type { Organisation } from '../../../contracts/identity';
import type { RequestMeta } from '../../platform/actor';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { SYSTEM, type Caller } from '../identity';
import { activityActor, createActivityRecorder } from './activity';
import { startOfBeijingDay } from '../../platform/beijing-dates';
import { canManageDatasetsOf } from './catalog.policy';
import type { CatalogInternals } from './catalog.types';
import { auditActor, targetOrganisation, type DatasetService } from './dataset.service';
import { metadataProblems } from './metadata-rules';
import { fromNationalRecord, type Column, type ImportedEntry, type RowProblem } from './national-format';
import { checkDefinition } from './schema-check';
import { schemaRepository } from './schema.repository';

export type Progress = (done: number, total: number) => void;

export interface ImportOptions {
  /** Who imports (the CLI: the platform itself). Each row needs the right to catalogue its provider's datasets. */
  caller?: Caller;
  /** Check every row and report; write nothing. */
  dryRun?: boolean;
  meta?: RequestMeta;
  /** Where each record is in its file (worksheet rows); by default the record number. */
  sourceRows?: readonly number[];
  onProgress?: Progress;
}

interface AcceptedEntry {
  entry: ImportedEntry;
  owner: Organisation;
  custodian: Organisation;
}

/** The national column a metadata rule's path points at, so the report names the cell to fix. */
function columnOfRule(path: string): Column | '' {
  const columns: [string, Column][] = [
    ['/sharing/condition', '共享条件/不予共享依据'],
    ['/sharing/channel', '共享方式类型'],
    ['/openness/condition', '开放条件'],
    ['/openness/type', '开放类型'],
    ['/updateCycleNote', '更新周期描述'],
    ['/temporalStart', '时间范围起'],
    ['/temporalEnd', '时间范围止'],
    ['/spatialCoverage', '空间范围'],
  ];
  return columns.find(([prefix]) => path.startsWith(prefix))?.[1] ?? '';
}

/**
 * Import of a provincial catalog in the national metadata format, all or nothing: every row is
 * checked first (codes, enumerations, the provider's USCC and organisation, the caller's right to
 * catalogue for that organisation, the guide's conditional rules, the schema definition); any
 * problem rejects the whole file with the per-row report (422 CATALOG_IMPORT_REJECTED), a dry run
 * only reports. Otherwise every resource is written in one transaction with its code, status and
 * 发布日期 as given, each audited like a dataset created through the API.
 */
export function createCatalogImport(deps: CatalogInternals & { datasetService: DatasetService }) {
  const { clock, database, audit, organisations, datasets, datasetService } = deps;
  const { db } = database;
  const recordActivity = createActivityRecorder(clock);

  function cached<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
    const seen = new Map<string, Promise<T>>();
    return (key) => {
      if (!seen.has(key)) seen.set(key, load(key));
      return seen.get(key)!;
    };
  }

  async function checkRecords(caller: Caller, records: readonly Record<string, unknown>[], options: ImportOptions) {
    const organisationByUscc = cached(async (uscc) => (await organisations.list(SYSTEM, { q: uscc, limit: 5, offset: 0 })).items.find((o) => o.uscc === uscc) ?? null);
    const organisationByName = cached(async (name) => (await organisations.list(SYSTEM, { q: name, limit: 50, offset: 0 })).items.find((o) => o.name === name) ?? null);
    const rows: CatalogImportRow[] = [];
    const accepted: AcceptedEntry[] = [];
    const seenCodes = new Map<string, number>();
    for (const [index, record] of records.entries()) {
      const row = index + 1;
      const parsed = fromNationalRecord(record as Partial<Record<string, unknown>>);
      const text = (column: Column) => (typeof record[column] === 'string' ? (record[column] as string).trim() : '');
      const code = text('信息资源代码');
      const problems: RowProblem[] = [...parsed.problems];
      const add = (problem: CatalogRowProblemCode, column: Column | '', message: string, messageZh: string) => problems.push({ code: problem, column, message, messageZh });
      // Repeated codes are found even when either row has other problems.
      const earlier = code === '' ? undefined : seenCodes.get(code);
      if (earlier !== undefined) add('DUPLICATE_CODE', '信息资源代码', `信息资源代码 ${code} repeats row ${earlier}`, `信息资源代码 ${code} 与第 ${earlier} 行重复`);
      else if (code !== '') seenCodes.set(code, row);
      if (parsed.entry !== null) {
        const entry = parsed.entry;
        if ((await datasets.findByCode(db, entry.code)) !== undefined) add('CODE_TAKEN', '信息资源代码', `信息资源代码 ${entry.code} is already in the catalog`, `信息资源代码 ${entry.code} 已在目录中`);
        for (const p of metadataProblems(entry.input)) add('METADATA_RULE', columnOfRule(p.path), p.message, p.messageZh);
        const owner = await organisationByUscc(entry.providerCode);
        if (owner === null) add('UNKNOWN_PROVIDER', '信息资源提供方代码', `No member organisation has the USCC ${entry.providerCode}`, `没有统一社会信用代码为 ${entry.providerCode} 的成员单位`);
        else if (!canManageDatasetsOf(caller, owner.id)) add('NOT_PERMITTED', '信息资源提供方代码', `You may not catalogue datasets of ${owner.name}`, `无权为“${owner.name}”编目数据资源`);
        const custodian = entry.custodianName === '' ? owner : await organisationByName(entry.custodianName);
        if (custodian === null && entry.custodianName !== '') add('UNKNOWN_CUSTODIAN', '数据管理单位', `No member organisation is named ${entry.custodianName}`, `没有名为“${entry.custodianName}”的成员单位`);
        if (entry.schemaDefinition !== undefined) {
          for (const p of await checkDefinition(db, entry.schemaDefinition, deps.codeLists)) add('SCHEMA_INVALID', '数据结构定义', `${p.path}: ${p.message}`, `${p.path}：${p.messageZh}`);
        }
        if (problems.length === 0 && owner !== null && custodian !== null) accepted.push({ entry, owner, custodian });
      }
      rows.push({ row, sourceRow: options.sourceRows?.[index] ?? row, code, titleZh: text('信息资源名称'), status: problems.length === 0 ? 'valid' : 'invalid', problems });
      options.onProgress?.(row, records.length);
    }
    return { rows, accepted };
  }

  async function write(caller: Caller, accepted: readonly AcceptedEntry[], meta: RequestMeta | undefined): Promise<void> {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const codesByOwner = new Map<string, string[]>();
      for (const { entry, owner, custodian } of accepted) {
        // create() authorises again and audits the new dataset (with the organisation it writes for).
        const created = await datasetService.create(caller, { ...entry.input, ownerOrganisationId: owner.id, custodianOrganisationId: custodian.id }, meta, { executor: trx, code: entry.code, owner });
        if (entry.schemaDefinition !== undefined) {
          const schemaId = newId(now);
          await schemaRepository.insert(trx, { id: schemaId, dataset_id: created.id, version: 1, status: 'published', definition: JSON.stringify(entry.schemaDefinition), migration_note: null, created_by: null, created_at: now, published_at: now });
          await datasets.setCurrentSchema(trx, created.id, schemaId, now);
        }
        if (entry.status !== 'draft') {
          await datasets.update(trx, created.id, { status: entry.status, published_at: entry.publishedDate === null ? null : startOfBeijingDay(entry.publishedDate) });
        }
        await recordActivity(trx, { datasetId: created.id, kind: 'dataset.imported', actor: activityActor(caller), summary: `Imported ${entry.code} from a provincial catalog`, details: { code: entry.code, status: entry.status } });
        codesByOwner.set(owner.id, [...(codesByOwner.get(owner.id) ?? []), entry.code]);
      }
      // One entry per organisation whose catalog grew, so each organisation's audit view shows the import.
      for (const [ownerId, codes] of codesByOwner) {
        await audit.record(trx, { actor: auditActor(caller), action: 'catalog.import', objectType: 'catalog', objectId: ownerId, targetOrganisationId: targetOrganisation(caller, ownerId), after: { codes }, ...(meta ? { meta } : {}) });
      }
    });
  }

  return async function importRecords(records: readonly Record<string, unknown>[], options: ImportOptions = {}): Promise<CatalogImportReport> {
    const caller = options.caller ?? SYSTEM;
    const dryRun = options.dryRun ?? false;
    const { rows, accepted } = await checkRecords(caller, records, options);
    const invalid = rows.filter((r) => r.status === 'invalid').length;
    const report: CatalogImportReport = { dryRun, total: rows.length, valid: rows.length - invalid, invalid, imported: 0, rows };
    if (dryRun) return report;
    if (invalid > 0) {
      throw new AppError(ErrorCode.CatalogImportRejected, 422, `${invalid} of ${rows.length} rows have problems; nothing was imported`, `${rows.length} 行中有 ${invalid} 行有误，未导入任何资源`, report);
    }
    await write(caller, accepted, options.meta);
    return { ...report, imported: accepted.length, rows: rows.map((r) => ({ ...r, status: 'imported' as const })) };
  };
}

export type ImportRecords = ReturnType<typeof createCatalogImport>;
