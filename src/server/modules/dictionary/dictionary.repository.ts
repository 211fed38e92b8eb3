import type { Executor } from '../../db/database';
import type { DialectHelpers } from '../../db/dialect';
import type { CodeListEntriesTable, CodeListsTable, CodeListVersionsTable, DataElementsTable } from './dictionary.tables';

export interface ElementFilter {
  q?: string;
  type?: DataElementsTable['type'];
  codeList?: string;
  limit: number;
  offset: number;
}

export interface VersionWithCount extends CodeListVersionsTable {
  entry_count: number;
}

/** The dictionary's SQL; every function takes the executor first (transactions never escape). */
export function createDictionaryRepository(dialect: DialectHelpers) {
  return {
    async listElements(executor: Executor, filter: ElementFilter): Promise<{ rows: DataElementsTable[]; total: number }> {
      let query = executor.selectFrom('data_elements');
      if (filter.q) {
        const q = filter.q;
        query = query.where((eb) =>
          eb.or([dialect.containsInsensitive(eb.ref('code'), q), dialect.containsInsensitive(eb.ref('name_zh'), q), dialect.containsInsensitive(eb.ref('name_en'), q)]),
        );
      }
      if (filter.type) query = query.where('type', '=', filter.type);
      if (filter.codeList) query = query.where('code_list_code', '=', filter.codeList);
      const [rows, count] = await Promise.all([
        query.selectAll().orderBy('code').limit(filter.limit).offset(filter.offset).execute(),
        query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    findElement(executor: Executor, code: string): Promise<DataElementsTable | undefined> {
      return executor.selectFrom('data_elements').selectAll().where('code', '=', code).executeTakeFirst();
    },

    async elementCodesIn(executor: Executor, codes: readonly string[]): Promise<Set<string>> {
      if (codes.length === 0) return new Set();
      const rows = await executor.selectFrom('data_elements').select('code').where('code', 'in', [...codes]).execute();
      return new Set(rows.map((row) => row.code));
    },

    async insertElement(executor: Executor, row: DataElementsTable): Promise<void> {
      await executor.insertInto('data_elements').values(row).execute();
    },

    /** Updates only when the stored revision is still `expectedRevision`; returns whether it did. */
    async updateElement(executor: Executor, code: string, expectedRevision: number, changes: Partial<DataElementsTable>): Promise<boolean> {
      const result = await executor.updateTable('data_elements').set(changes).where('code', '=', code).where('revision', '=', expectedRevision).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async listCodeLists(executor: Executor, filter: { q?: string; limit: number; offset: number }): Promise<{ rows: CodeListsTable[]; total: number }> {
      let query = executor.selectFrom('code_lists');
      if (filter.q) {
        const q = filter.q;
        query = query.where((eb) =>
          eb.or([dialect.containsInsensitive(eb.ref('code'), q), dialect.containsInsensitive(eb.ref('name_zh'), q), dialect.containsInsensitive(eb.ref('name_en'), q)]),
        );
      }
      const [rows, count] = await Promise.all([
        query.selectAll().orderBy('code').limit(filter.limit).offset(filter.offset).execute(),
        query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    findCodeList(executor: Executor, code: string): Promise<CodeListsTable | undefined> {
      return executor.selectFrom('code_lists').selectAll().where('code', '=', code).executeTakeFirst();
    },

    async insertCodeList(executor: Executor, row: CodeListsTable): Promise<void> {
      await executor.insertInto('code_lists').values(row).execute();
    },

    async updateCodeList(executor: Executor, id: string, changes: Partial<CodeListsTable>): Promise<void> {
      await executor.updateTable('code_lists').set(changes).where('id', '=', id).execute();
    },

    /** Versions of the given lists with their entry counts, newest first. */
    async versionsOf(executor: Executor, codeListIds: readonly string[]): Promise<VersionWithCount[]> {
      if (codeListIds.length === 0) return [];
      const rows = await executor
        .selectFrom('code_list_versions as v')
        .leftJoin('code_list_entries as e', 'e.version_id', 'v.id')
        .selectAll('v')
        .select((eb) => eb.fn.count<number | string>('e.code').as('entry_count'))
        .where('v.code_list_id', 'in', [...codeListIds])
        .groupBy(['v.id', 'v.code_list_id', 'v.version', 'v.status', 'v.note', 'v.released_at', 'v.retired_at', 'v.replaced_by', 'v.created_at'])
        .orderBy('v.created_at', 'desc')
        .orderBy('v.id', 'desc')
        .execute();
      return rows.map((row) => ({ ...row, entry_count: Number(row.entry_count) }));
    },

    findVersion(executor: Executor, codeListId: string, version: string): Promise<CodeListVersionsTable | undefined> {
      return executor.selectFrom('code_list_versions').selectAll().where('code_list_id', '=', codeListId).where('version', '=', version).executeTakeFirst();
    },

    /** The released version released last (what a reference without a version means). */
    latestReleased(executor: Executor, codeListId: string): Promise<CodeListVersionsTable | undefined> {
      return executor
        .selectFrom('code_list_versions')
        .selectAll()
        .where('code_list_id', '=', codeListId)
        .where('status', '=', 'released')
        .orderBy('released_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    async insertVersion(executor: Executor, row: CodeListVersionsTable): Promise<void> {
      await executor.insertInto('code_list_versions').values(row).execute();
    },

    async updateVersion(executor: Executor, id: string, changes: Partial<CodeListVersionsTable>): Promise<void> {
      await executor.updateTable('code_list_versions').set(changes).where('id', '=', id).execute();
    },

    entriesOf(executor: Executor, versionId: string): Promise<CodeListEntriesTable[]> {
      return executor.selectFrom('code_list_entries').selectAll().where('version_id', '=', versionId).orderBy('position').execute();
    },

    async replaceEntries(executor: Executor, versionId: string, entries: readonly CodeListEntriesTable[]): Promise<void> {
      await executor.deleteFrom('code_list_entries').where('version_id', '=', versionId).execute();
      // Chunks keep each statement under SQLite's bound-parameter limit.
      for (let start = 0; start < entries.length; start += 200) {
        await executor.insertInto('code_list_entries').values(entries.slice(start, start + 200)).execute();
      }
    },

    async retireEntry(executor: Executor, versionId: string, code: string, retiredAt: number, replacementCode: string | null): Promise<void> {
      await executor.updateTable('code_list_entries').set({ retired_at: retiredAt, replacement_code: replacementCode }).where('version_id', '=', versionId).where('code', '=', code).execute();
    },
  };
}

export type DictionaryRepository = ReturnType<typeof createDictionaryRepository>;
