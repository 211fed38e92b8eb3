import type { Organisation } from '../../../contracts/identity';
import { ErrorCode } from '../../../contracts/errors';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { SYSTEM } from '../identity';
import { createActivityRecorder } from './activity';
import { startOfBeijingDay } from './beijing-dates';
import type { CatalogInternals } from './catalog.types';
import type { DatasetService } from './dataset.service';
import { metadataProblems } from './metadata-rules';
import { COLUMNS, fromNationalRecord, toNationalRecord, type ImportedEntry, type NationalRecord, type RowProblem } from './national-format';
import { checkDefinition } from './schema-check';
import { schemaRepository } from './schema.repository';

export interface ImportRowReport {
  /** 1-based data row (the XLSX row is one more, after the header). */
  row: number;
  code: string;
  problems: RowProblem[];
}

export interface ImportReport {
  imported: number;
  rows: ImportRowReport[];
}

export type Progress = (done: number, total: number) => void;

/**
 * Import and export of a provincial catalog in the national metadata format. Export writes
 * every dataset (drafts included) with its current schema, so an import into another platform
 * reproduces the same catalog. Import is all-or-nothing: every row is checked first (codes,
 * enumerations, the provider's USCC and organisation, the guide's conditional rules, the schema
 * definition) and any problem rejects the whole file with a per-row report; otherwise every
 * resource is written in one transaction, with its code, status and 发布日期 as given.
 */
export function createCatalogTransfer(deps: CatalogInternals & { datasetService: DatasetService }) {
  const { clock, database, audit, organisations, datasets, datasetService } = deps;
  const { db } = database;
  const recordActivity = createActivityRecorder(clock);

  async function exportRecords(onProgress?: Progress): Promise<NationalRecord[]> {
    const candidates = await datasets.candidates(db, { drafts: { all: true } });
    const names = new Map<string, string>();
    const records: NationalRecord[] = [];
    for (const [index, candidate] of candidates.entries()) {
      const dataset = (await datasetService.getDataset(db, candidate.id))!;
      let custodian = names.get(dataset.custodianOrganisationId);
      if (custodian === undefined) {
        custodian = (await organisations.get(SYSTEM, dataset.custodianOrganisationId)).name;
        names.set(dataset.custodianOrganisationId, custodian);
      }
      const schema = dataset.currentSchemaId === null ? undefined : await schemaRepository.findById(db, dataset.currentSchemaId);
      records.push(toNationalRecord(dataset, custodian, schema === undefined ? undefined : JSON.parse(schema.definition)));
      onProgress?.(index + 1, candidates.length);
    }
    return records;
  }

  async function organisationByUscc(uscc: string, cache: Map<string, Organisation | null>): Promise<Organisation | null> {
    if (!cache.has(uscc)) {
      const { items } = await organisations.list(SYSTEM, { q: uscc, limit: 5, offset: 0 });
      cache.set(uscc, items.find((o) => o.uscc === uscc) ?? null);
    }
    return cache.get(uscc)!;
  }

  async function organisationByName(name: string, cache: Map<string, Organisation | null>): Promise<Organisation | null> {
    if (!cache.has(name)) {
      const { items } = await organisations.list(SYSTEM, { q: name, limit: 50, offset: 0 });
      cache.set(name, items.find((o) => o.name === name) ?? null);
    }
    return cache.get(name)!;
  }

  async function importRecords(records: readonly Record<string, unknown>[], onProgress?: Progress): Promise<ImportReport> {
    const rows: ImportRowReport[] = [];
    const accepted: { entry: ImportedEntry; owner: Organisation; custodian: Organisation }[] = [];
    const seenCodes = new Map<string, number>();
    const byUscc = new Map<string, Organisation | null>();
    const byName = new Map<string, Organisation | null>();
    for (const [index, record] of records.entries()) {
      const row = index + 1;
      const parsed = fromNationalRecord(record as Partial<Record<string, unknown>>);
      const code = typeof record['信息资源代码'] === 'string' ? (record['信息资源代码'] as string).trim() : '';
      const problems: RowProblem[] = [...parsed.problems];
      // Repeated codes are found even when either row has other problems.
      const earlier = code === '' ? undefined : seenCodes.get(code);
      if (earlier !== undefined) problems.push({ column: '信息资源代码', message: `信息资源代码 ${code} repeats row ${earlier}`, messageZh: `信息资源代码 ${code} 与第 ${earlier} 行重复` });
      else if (code !== '') seenCodes.set(code, row);
      if (parsed.entry !== null) {
        const entry = parsed.entry;
        const add = (column: RowProblem['column'], message: string, messageZh: string) => problems.push({ column, message, messageZh });
        if ((await datasets.findByCode(db, entry.code)) !== undefined) add('信息资源代码', `信息资源代码 ${entry.code} is already in the catalog`, `信息资源代码 ${entry.code} 已在目录中`);
        for (const p of metadataProblems(entry.input)) add('', p.message, p.messageZh);
        const owner = await organisationByUscc(entry.providerCode, byUscc);
        if (owner === null) add('信息资源提供方代码', `No member organisation has the USCC ${entry.providerCode}`, `没有统一社会信用代码为 ${entry.providerCode} 的成员单位`);
        const custodian = entry.custodianName === '' ? owner : await organisationByName(entry.custodianName, byName);
        if (custodian === null && entry.custodianName !== '') add('数据管理单位', `No member organisation is named ${entry.custodianName}`, `没有名为“${entry.custodianName}”的成员单位`);
        if (entry.schemaDefinition !== undefined) {
          for (const p of await checkDefinition(db, entry.schemaDefinition, deps.codeLists)) add('数据结构定义', `${p.path}: ${p.message}`, `${p.path}：${p.messageZh}`);
        }
        if (problems.length === 0 && owner !== null && custodian !== null) accepted.push({ entry, owner, custodian });
      }
      rows.push({ row, code, problems });
      onProgress?.(row, records.length);
    }
    if (rows.some((r) => r.problems.length > 0)) {
      const bad = rows.filter((r) => r.problems.length > 0);
      throw new AppError(
        ErrorCode.CatalogImportRejected,
        422,
        `${bad.length} of ${rows.length} rows have problems; nothing was imported`,
        `${rows.length} 行中有 ${bad.length} 行有误，未导入任何资源`,
        { rows: bad },
      );
    }
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      for (const { entry, owner, custodian } of accepted) {
        const created = await datasetService.create(SYSTEM, { ...entry.input, ownerOrganisationId: owner.id, custodianOrganisationId: custodian.id }, undefined, { executor: trx, code: entry.code, owner });
        if (entry.schemaDefinition !== undefined) {
          const schemaId = newId(now);
          await schemaRepository.insert(trx, { id: schemaId, dataset_id: created.id, version: 1, status: 'published', definition: JSON.stringify(entry.schemaDefinition), migration_note: null, created_by: null, created_at: now, published_at: now });
          await datasets.setCurrentSchema(trx, created.id, schemaId, now);
        }
        if (entry.status !== 'draft') {
          await datasets.update(trx, created.id, { status: entry.status, published_at: entry.publishedDate === null ? null : startOfBeijingDay(entry.publishedDate) });
        }
        await recordActivity(trx, { datasetId: created.id, kind: 'dataset.imported', actor: null, summary: `Imported ${entry.code} from a provincial catalog`, details: { status: entry.status } });
      }
      await audit.record(trx, { actor: null, action: 'catalog.import', objectType: 'catalog', objectId: null, after: { codes: accepted.map((a) => a.entry.code) } });
    });
    return { imported: accepted.length, rows };
  }

  return { exportRecords, importRecords, columns: COLUMNS };
}

export type CatalogTransfer = ReturnType<typeof createCatalogTransfer>;
