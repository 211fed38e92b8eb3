import type { DatasetSchemaDefinition, FieldDefinition } from '../../../contracts/dataset-schema';
import type {
  CodeList,
  CodeListEntryInput,
  CodeListVersion,
  CreateCodeListRequest,
  CreateCodeListVersionRequest,
  CreateDataElementRequest,
  DataElement,
  ListCodeListsQuery,
  ListDataElementsQuery,
  RetireCodeListVersionRequest,
  RetireCodeRequest,
  UpdateCodeListRequest,
  UpdateDataElementRequest,
} from '../../../contracts/dictionary';
import { checkDatasetSchema } from '../../../dataset-schema';
import type { DatabaseHandle, Executor } from '../../db/database';
import type { RequestMeta } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { isRealDate, startOfBeijingDay } from '../../platform/beijing-dates';
import { errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { AuditRecordInput, AuditService } from '../audit';
import { isSystem, type Caller } from '../identity';
import { canManageDictionary, canReadDictionary } from './dictionary.policy';
import { presentCodeList, presentElement, presentVersion } from './dictionary.presenter';
import type { DictionaryRepository } from './dictionary.repository';
import type { CodeListEntriesTable, CodeListsTable, CodeListVersionsTable, DataElementsTable } from './dictionary.tables';

export interface DictionaryServiceDeps {
  clock: Clock;
  database: Pick<DatabaseHandle, 'db' | 'dialect'>;
  audit: Pick<AuditService, 'record'>;
  repository: DictionaryRepository;
}

/** A code list as validation needs it: one version's codes with their lifecycle. */
export interface ResolvedCodeList {
  code: string;
  version: string;
  status: 'released' | 'retired';
  entries: { code: string; nameZh: string; nameEn: string; retiredAt: number | null; replacementCode: string | null }[];
}

function auditActor(caller: Caller): AuditRecordInput['actor'] {
  return isSystem(caller) ? null : { userId: caller.userId, username: caller.username, displayName: caller.displayName, organisationId: caller.organisationId };
}

/**
 * The instant a retirement counts from: 00:00 Beijing time of `effectiveFrom` (back-dated to when
 * the code really stopped, e.g. a division abolished before the notice reached the platform), or
 * now. A retirement cannot start in the future: the code is valid until it is retired.
 */
function retirementStart(effectiveFrom: string | undefined, now: number): number {
  if (effectiveFrom === undefined) return now;
  if (!isRealDate(effectiveFrom)) throw invalid('/effectiveFrom', `No such date: ${effectiveFrom}`, `日期不存在：${effectiveFrom}`);
  const start = startOfBeijingDay(effectiveFrom);
  if (start > now) throw invalid('/effectiveFrom', 'A retirement cannot start in the future: retire the code on the day it stops being valid', '停用生效日期不能晚于今天：请在代码失效当天停用');
  return start;
}

function invalid(path: string, message: string, messageZh: string) {
  return errors.validation(message, messageZh, [{ in: 'body', path, keyword: 'rule', message }]);
}

/** Element attributes are checked by the dataset-schema checker, as a one-field schema. */
function elementAsField(row: DataElementsTable): FieldDefinition {
  return {
    name: 'element',
    label: { zh: row.name_zh, en: row.name_en },
    type: row.type,
    ...(row.unit !== null ? { unit: row.unit } : {}),
    ...(row.min_value !== null ? { min: row.min_value } : {}),
    ...(row.max_value !== null ? { max: row.max_value } : {}),
    ...(row.max_length !== null ? { maxLength: row.max_length } : {}),
    ...(row.decimal_places !== null ? { precision: row.decimal_places } : {}),
    ...(row.code_list_code !== null ? { codeList: { code: row.code_list_code } } : {}),
  };
}

const ELEMENT_FIELD_PATHS: Record<string, string> = { precision: '/precision', codeList: '/codeList', maxLength: '/maxLength', unit: '/unit', min: '/min', max: '/max' };

export function createDictionaryService(deps: DictionaryServiceDeps) {
  const { clock, database, audit, repository } = deps;
  const { db, dialect } = database;

  function requireRead(caller: Caller): void {
    if (!canReadDictionary(caller)) throw errors.forbidden();
  }
  function requireManage(caller: Caller): void {
    if (!canManageDictionary(caller)) throw errors.forbidden('Only the working group maintains the data dictionary', '数据字典由工作专班维护');
  }

  async function checkElement(executor: Executor, row: DataElementsTable): Promise<void> {
    const codeListExists = row.code_list_code === null ? false : (await repository.findCodeList(executor, row.code_list_code)) !== undefined;
    const definition: DatasetSchemaDefinition = { format: 1, tables: [{ name: 'element', label: { zh: row.name_zh, en: row.name_en }, fields: [elementAsField(row)] }] };
    const [problem] = checkDatasetSchema(definition, { codeListExists: () => codeListExists });
    if (problem) {
      const attribute = problem.path.split('/')[5] ?? '';
      throw invalid(ELEMENT_FIELD_PATHS[attribute] ?? '/', problem.message, problem.messageZh);
    }
  }

  async function loadCodeList(executor: Executor, code: string): Promise<CodeListsTable> {
    const list = await repository.findCodeList(executor, code);
    if (!list) throw errors.notFound('Code list', '代码集', code);
    return list;
  }

  async function loadVersion(executor: Executor, code: string, version: string): Promise<{ list: CodeListsTable; row: CodeListVersionsTable }> {
    const list = await loadCodeList(executor, code);
    const row = await repository.findVersion(executor, list.id, version);
    if (!row) throw errors.notFound('Code list version', '代码集版本', `${code}@${version}`);
    return { list, row };
  }

  async function presentListWithVersions(executor: Executor, list: CodeListsTable): Promise<CodeList> {
    return presentCodeList(list, await repository.versionsOf(executor, [list.id]));
  }

  async function fullVersion(executor: Executor, list: CodeListsTable, row: CodeListVersionsTable): Promise<CodeListVersion> {
    const entries = await repository.entriesOf(executor, row.id);
    return presentVersion(list, row, entries);
  }

  function entryRows(versionId: string, entries: readonly CodeListEntryInput[]): CodeListEntriesTable[] {
    const codes = new Set<string>();
    entries.forEach((entry, index) => {
      if (codes.has(entry.code)) throw invalid(`/entries/${index}/code`, `Code "${entry.code}" is listed twice`, `代码 "${entry.code}" 重复`);
      codes.add(entry.code);
    });
    return entries.map((entry, index) => {
      const parent = entry.parentCode ?? null;
      if (parent !== null && !codes.has(parent)) throw invalid(`/entries/${index}/parentCode`, `Parent code "${parent}" is not in the list`, `上级代码 "${parent}" 不在代码集中`);
      return { version_id: versionId, code: entry.code, name_zh: entry.nameZh, name_en: entry.nameEn, parent_code: parent, position: index, retired_at: null, replacement_code: null };
    });
  }

  function fromWriteError(error: unknown, what: string, whatZh: string): never {
    if (dialect.isUniqueViolation(error)) throw errors.conflict(`${what} exists already`, `${whatZh}已存在`);
    throw error;
  }

  const service = {
    // ---- data elements -------------------------------------------------------------------
    async listElements(caller: Caller, query: ListDataElementsQuery): Promise<{ items: DataElement[]; total: number }> {
      requireRead(caller);
      const { rows, total } = await repository.listElements(db, {
        ...(query.q ? { q: query.q } : {}),
        ...(query.type ? { type: query.type } : {}),
        ...(query.codeList ? { codeList: query.codeList } : {}),
        limit: query.limit ?? 50,
        offset: query.offset ?? 0,
      });
      return { items: rows.map(presentElement), total };
    },

    async getElement(caller: Caller, code: string): Promise<DataElement> {
      requireRead(caller);
      const row = await repository.findElement(db, code);
      if (!row) throw errors.notFound('Data element', '数据元', code);
      return presentElement(row);
    },

    async createElement(caller: Caller, input: CreateDataElementRequest, meta?: RequestMeta): Promise<DataElement> {
      requireManage(caller);
      const now = clock.now();
      const row: DataElementsTable = {
        id: newId(now),
        code: input.code,
        name_zh: input.nameZh,
        name_en: input.nameEn,
        definition: input.definition ?? null,
        type: input.type,
        unit: input.unit ?? null,
        min_value: input.min ?? null,
        max_value: input.max ?? null,
        max_length: input.maxLength ?? null,
        decimal_places: input.precision ?? null,
        code_list_code: input.codeList ?? null,
        revision: 1,
        created_at: now,
        updated_at: now,
      };
      try {
        await db.transaction().execute(async (trx) => {
          await checkElement(trx, row);
          await repository.insertElement(trx, row);
          await audit.record(trx, { actor: auditActor(caller), action: 'data_element.create', objectType: 'data_element', objectId: row.code, after: presentElement(row), ...(meta ? { meta } : {}) });
        });
      } catch (error) {
        fromWriteError(error, `Data element ${input.code}`, `数据元 ${input.code} `);
      }
      return presentElement(row);
    },

    async updateElement(caller: Caller, code: string, input: UpdateDataElementRequest, meta?: RequestMeta): Promise<DataElement> {
      requireManage(caller);
      return db.transaction().execute(async (trx) => {
        const before = await repository.findElement(trx, code);
        if (!before) throw errors.notFound('Data element', '数据元', code);
        if (before.revision !== input.revision) {
          throw errors.conflict(`Data element ${code} was changed meanwhile (now revision ${before.revision})`, `数据元 ${code} 已被他人修改（当前修订版 ${before.revision}）`);
        }
        const after: DataElementsTable = {
          ...before,
          ...(input.nameZh === undefined ? {} : { name_zh: input.nameZh }),
          ...(input.nameEn === undefined ? {} : { name_en: input.nameEn }),
          ...(input.definition === undefined ? {} : { definition: input.definition }),
          ...(input.type === undefined ? {} : { type: input.type }),
          ...(input.unit === undefined ? {} : { unit: input.unit }),
          ...(input.min === undefined ? {} : { min_value: input.min }),
          ...(input.max === undefined ? {} : { max_value: input.max }),
          ...(input.maxLength === undefined ? {} : { max_length: input.maxLength }),
          ...(input.precision === undefined ? {} : { decimal_places: input.precision }),
          ...(input.codeList === undefined ? {} : { code_list_code: input.codeList }),
          revision: before.revision + 1,
          updated_at: clock.now(),
        };
        await checkElement(trx, after);
        const { id: _id, code: _code, created_at: _created, ...changes } = after;
        if (!(await repository.updateElement(trx, code, before.revision, changes))) {
          throw errors.conflict(`Data element ${code} was changed meanwhile`, `数据元 ${code} 已被他人修改`);
        }
        await audit.record(trx, { actor: auditActor(caller), action: 'data_element.update', objectType: 'data_element', objectId: code, before: presentElement(before), after: presentElement(after), ...(meta ? { meta } : {}) });
        return presentElement(after);
      });
    },

    /** Data elements by code, for other parts (e.g. the catalog building a schema from elements). */
    async elementsByCode(executor: Executor, codes: readonly string[]): Promise<DataElement[]> {
      const found = await Promise.all([...new Set(codes)].map((code) => repository.findElement(executor, code)));
      return found.filter((row): row is DataElementsTable => row !== undefined).map(presentElement);
    },

    // ---- code lists ----------------------------------------------------------------------
    async listCodeLists(caller: Caller, query: ListCodeListsQuery): Promise<{ items: CodeList[]; total: number }> {
      requireRead(caller);
      const { rows, total } = await repository.listCodeLists(db, { ...(query.q ? { q: query.q } : {}), limit: query.limit ?? 50, offset: query.offset ?? 0 });
      const versions = await repository.versionsOf(db, rows.map((row) => row.id));
      return { items: rows.map((row) => presentCodeList(row, versions.filter((version) => version.code_list_id === row.id))), total };
    },

    async getCodeList(caller: Caller, code: string): Promise<CodeList> {
      requireRead(caller);
      return presentListWithVersions(db, await loadCodeList(db, code));
    },

    async createCodeList(caller: Caller, input: CreateCodeListRequest, meta?: RequestMeta): Promise<CodeList> {
      requireManage(caller);
      const now = clock.now();
      const row: CodeListsTable = { id: newId(now), code: input.code, name_zh: input.nameZh, name_en: input.nameEn, description: input.description ?? null, created_at: now, updated_at: now };
      try {
        await db.transaction().execute(async (trx) => {
          await repository.insertCodeList(trx, row);
          await audit.record(trx, { actor: auditActor(caller), action: 'code_list.create', objectType: 'code_list', objectId: row.code, after: presentCodeList(row, []), ...(meta ? { meta } : {}) });
        });
      } catch (error) {
        fromWriteError(error, `Code list ${input.code}`, `代码集 ${input.code} `);
      }
      return presentCodeList(row, []);
    },

    async updateCodeList(caller: Caller, code: string, input: UpdateCodeListRequest, meta?: RequestMeta): Promise<CodeList> {
      requireManage(caller);
      return db.transaction().execute(async (trx) => {
        const before = await loadCodeList(trx, code);
        const after: CodeListsTable = {
          ...before,
          ...(input.nameZh === undefined ? {} : { name_zh: input.nameZh }),
          ...(input.nameEn === undefined ? {} : { name_en: input.nameEn }),
          ...(input.description === undefined ? {} : { description: input.description }),
          updated_at: clock.now(),
        };
        await repository.updateCodeList(trx, before.id, { name_zh: after.name_zh, name_en: after.name_en, description: after.description, updated_at: after.updated_at });
        await audit.record(trx, { actor: auditActor(caller), action: 'code_list.update', objectType: 'code_list', objectId: code, before: presentCodeList(before, []), after: presentCodeList(after, []), ...(meta ? { meta } : {}) });
        return presentListWithVersions(trx, after);
      });
    },

    async getVersion(caller: Caller, code: string, version: string): Promise<CodeListVersion> {
      requireRead(caller);
      const { list, row } = await loadVersion(db, code, version);
      return fullVersion(db, list, row);
    },

    /** A new draft version, empty, with the given entries, or copied from another version. */
    async createVersion(caller: Caller, code: string, input: CreateCodeListVersionRequest, meta?: RequestMeta): Promise<CodeListVersion> {
      requireManage(caller);
      if (input.copyFrom !== undefined && input.entries !== undefined) throw invalid('/copyFrom', 'Give either copyFrom or entries, not both', 'copyFrom 与 entries 只能二选一');
      try {
        return await db.transaction().execute(async (trx) => {
          const list = await loadCodeList(trx, code);
          const now = clock.now();
          const row: CodeListVersionsTable = { id: newId(now), code_list_id: list.id, version: input.version, status: 'draft', note: input.note ?? null, released_at: null, retired_at: null, replaced_by: null, created_at: now };
          let entries: CodeListEntryInput[] = input.entries ?? [];
          if (input.copyFrom !== undefined) {
            const source = await repository.findVersion(trx, list.id, input.copyFrom);
            if (!source) throw invalid('/copyFrom', `Version ${input.copyFrom} does not exist`, `版本 ${input.copyFrom} 不存在`);
            // Retired codes are not carried into a new version: it lists the codes in force.
            entries = (await repository.entriesOf(trx, source.id))
              .filter((entry) => entry.retired_at === null)
              .map((entry) => ({ code: entry.code, nameZh: entry.name_zh, nameEn: entry.name_en, parentCode: entry.parent_code }));
            const kept = new Set(entries.map((entry) => entry.code));
            entries = entries.map((entry) => (entry.parentCode && !kept.has(entry.parentCode) ? { ...entry, parentCode: null } : entry));
          }
          await repository.insertVersion(trx, row);
          const rows = entryRows(row.id, entries);
          await repository.replaceEntries(trx, row.id, rows);
          await audit.record(trx, { actor: auditActor(caller), action: 'code_list_version.create', objectType: 'code_list', objectId: code, after: { version: row.version, note: row.note, entries: rows.length, copyFrom: input.copyFrom ?? null }, ...(meta ? { meta } : {}) });
          return presentVersion(list, row, rows);
        });
      } catch (error) {
        return fromWriteError(error, `Version ${input.version} of ${code}`, `${code} 的版本 ${input.version} `);
      }
    },

    async replaceEntries(caller: Caller, code: string, version: string, entries: readonly CodeListEntryInput[], meta?: RequestMeta): Promise<CodeListVersion> {
      requireManage(caller);
      return db.transaction().execute(async (trx) => {
        const { list, row } = await loadVersion(trx, code, version);
        if (row.status !== 'draft') throw errors.conflict(`Version ${version} is ${row.status}; only drafts can be edited (retire single codes instead)`, `版本 ${version} 已${row.status === 'released' ? '发布' : '停用'}，只能编辑草稿（已发布版本可停用单个代码）`);
        const rows = entryRows(row.id, entries);
        const before = await repository.entriesOf(trx, row.id);
        await repository.replaceEntries(trx, row.id, rows);
        await audit.record(trx, { actor: auditActor(caller), action: 'code_list_version.entries', objectType: 'code_list', objectId: code, before: { version, entries: before.length }, after: { version, entries: rows.length }, ...(meta ? { meta } : {}) });
        return presentVersion(list, row, rows);
      });
    },

    async releaseVersion(caller: Caller, code: string, version: string, meta?: RequestMeta): Promise<CodeListVersion> {
      requireManage(caller);
      return db.transaction().execute(async (trx) => {
        const { list, row } = await loadVersion(trx, code, version);
        if (row.status !== 'draft') throw errors.conflict(`Version ${version} is already ${row.status}`, `版本 ${version} 已${row.status === 'released' ? '发布' : '停用'}`);
        const entries = await repository.entriesOf(trx, row.id);
        if (entries.length === 0) throw errors.conflict('An empty version cannot be released', '空版本不能发布');
        const released: CodeListVersionsTable = { ...row, status: 'released', released_at: clock.now() };
        await repository.updateVersion(trx, row.id, { status: 'released', released_at: released.released_at });
        await audit.record(trx, { actor: auditActor(caller), action: 'code_list_version.release', objectType: 'code_list', objectId: code, after: { version, entries: entries.length }, ...(meta ? { meta } : {}) });
        return presentVersion(list, released, entries);
      });
    },

    async retireVersion(caller: Caller, code: string, version: string, input: RetireCodeListVersionRequest, meta?: RequestMeta): Promise<CodeListVersion> {
      requireManage(caller);
      return db.transaction().execute(async (trx) => {
        const { list, row } = await loadVersion(trx, code, version);
        if (row.status !== 'released') throw errors.conflict(`Only a released version can be retired; ${version} is ${row.status}`, `只有已发布的版本可以停用；版本 ${version} 当前为${row.status === 'draft' ? '草稿' : '已停用'}`);
        const replacedBy = input.replacedBy ?? null;
        if (replacedBy !== null) {
          const replacement = await repository.findVersion(trx, list.id, replacedBy);
          if (!replacement || replacement.status !== 'released' || replacement.id === row.id) {
            throw invalid('/replacedBy', `The replacement must be another released version of ${code}`, `替代版本必须是 ${code} 的另一个已发布版本`);
          }
        }
        const retired: CodeListVersionsTable = { ...row, status: 'retired', retired_at: retirementStart(input.effectiveFrom, clock.now()), replaced_by: replacedBy };
        await repository.updateVersion(trx, row.id, { status: 'retired', retired_at: retired.retired_at, replaced_by: replacedBy });
        await audit.record(trx, { actor: auditActor(caller), action: 'code_list_version.retire', objectType: 'code_list', objectId: code, after: { version, replacedBy, retiredAt: retired.retired_at }, ...(meta ? { meta } : {}) });
        return fullVersion(trx, list, retired);
      });
    },

    /** Retires one code of a released version, naming the code that replaces it. */
    async retireCode(caller: Caller, code: string, version: string, entryCode: string, input: RetireCodeRequest, meta?: RequestMeta): Promise<CodeListVersion> {
      requireManage(caller);
      return db.transaction().execute(async (trx) => {
        const { list, row } = await loadVersion(trx, code, version);
        if (row.status !== 'released') throw errors.conflict('Codes are retired in a released version (edit a draft instead)', '只能在已发布版本中停用代码（草稿请直接编辑）');
        const entries = await repository.entriesOf(trx, row.id);
        const entry = entries.find((candidate) => candidate.code === entryCode);
        if (!entry) throw errors.notFound('Code', '代码', `${code}@${version}/${entryCode}`);
        if (entry.retired_at !== null) throw errors.conflict(`Code ${entryCode} is already retired`, `代码 ${entryCode} 已停用`);
        const replacementCode = input.replacementCode ?? null;
        if (replacementCode !== null) {
          const replacement = entries.find((candidate) => candidate.code === replacementCode);
          if (!replacement || replacement.retired_at !== null || replacement.code === entryCode) {
            throw invalid('/replacementCode', `The replacement must be another code in force in ${code}@${version}`, `替代代码必须是 ${code}@${version} 中另一个有效代码`);
          }
        }
        const retiredAt = retirementStart(input.effectiveFrom, clock.now());
        await repository.retireEntry(trx, row.id, entryCode, retiredAt, replacementCode);
        await audit.record(trx, { actor: auditActor(caller), action: 'code_list_entry.retire', objectType: 'code_list', objectId: code, after: { version, code: entryCode, replacementCode, retiredAt }, ...(meta ? { meta } : {}) });
        return presentVersion(list, row, entries.map((candidate) => (candidate.code === entryCode ? { ...candidate, retired_at: retiredAt, replacement_code: replacementCode } : candidate)));
      });
    },

    /**
     * The codes of a code list for validation: the given version (released or retired), or the
     * latest released one. A retired version's codes count as retired when the version was, so
     * they still validate older data and warn on new data. Undefined when there is no such list
     * or version (drafts are never resolved).
     */
    async resolveCodeList(executor: Executor, code: string, version?: string): Promise<ResolvedCodeList | undefined> {
      const list = await repository.findCodeList(executor, code);
      if (!list) return undefined;
      const row = version === undefined ? await repository.latestReleased(executor, list.id) : await repository.findVersion(executor, list.id, version);
      if (!row || row.status === 'draft') return undefined;
      const entries = await repository.entriesOf(executor, row.id);
      const versionRetiredAt = row.status === 'retired' ? row.retired_at : null;
      return {
        code,
        version: row.version,
        status: row.status,
        entries: entries.map((entry) => ({
          code: entry.code,
          nameZh: entry.name_zh,
          nameEn: entry.name_en,
          retiredAt: earliest(entry.retired_at, versionRetiredAt),
          replacementCode: entry.replacement_code,
        })),
      };
    },
  };
  return service;
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

export type DictionaryService = ReturnType<typeof createDictionaryService>;
