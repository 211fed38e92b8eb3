import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database';
import type { DialectHelpers } from '../../db/dialect';
import type { DatasetsTable } from './catalog.tables';

export type DatasetRow = Selectable<DatasetsTable>;

/** The columns faceted search needs for every candidate (the page loads full rows). */
export type DatasetFacetRow = Pick<
  DatasetRow,
  'id' | 'status' | 'owner_province_code' | 'theme' | 'sharing_type' | 'security_grade' | 'update_cycle' | 'last_release_at' | 'published_at' | 'created_at' | 'code'
>;

export interface DatasetCandidateFilter {
  q?: string;
  /** Drafts are included only for this scope (null: no drafts). */
  drafts: { all: true } | { organisationId: string } | null;
  ownerOrganisationId?: string;
  /** Only these statuses (e.g. the public DCAT export). */
  statuses?: readonly string[];
}

export type DatasetRepository = ReturnType<typeof createDatasetRepository>;

/** SQL of `datasets`. */
export function createDatasetRepository(dialect: Pick<DialectHelpers, 'containsInsensitive'>) {
  return {
    async insert(executor: Executor, row: Insertable<DatasetsTable>): Promise<void> {
      await executor.insertInto('datasets').values(row).execute();
    },

    async update(executor: Executor, id: string, changes: Updateable<DatasetsTable>): Promise<void> {
      await executor.updateTable('datasets').set(changes).where('id', '=', id).execute();
    },

    async findById(executor: Executor, id: string): Promise<DatasetRow | undefined> {
      return executor.selectFrom('datasets').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Only the columns an access decision needs (the shared-data read path runs this per read). */
    findSharingFacts(executor: Executor, id: string) {
      return executor.selectFrom('datasets').select(['id', 'title_zh', 'title_en', 'owner_organisation_id', 'sharing_type', 'status']).where('id', '=', id).executeTakeFirst();
    },

    async findByCode(executor: Executor, code: string): Promise<DatasetRow | undefined> {
      return executor.selectFrom('datasets').selectAll().where('code', '=', code).executeTakeFirst();
    },

    /** Ids of the datasets an organisation is custodian of (the releases part's review inbox). */
    async idsInCustodyOf(executor: Executor, organisationId: string): Promise<string[]> {
      const rows = await executor.selectFrom('datasets').select('id').where('custodian_organisation_id', '=', organisationId).execute();
      return rows.map((row) => row.id);
    },

    async findByIds(executor: Executor, ids: readonly string[]): Promise<DatasetRow[]> {
      if (ids.length === 0) return [];
      return executor.selectFrom('datasets').selectAll().where('id', 'in', ids).execute();
    },

    /** Codes already issued under a classification prefix (for the next 顺序码). */
    async codesWithPrefix(executor: Executor, prefix: string): Promise<string[]> {
      const rows = await executor.selectFrom('datasets').select('code').where('code', 'like', `${prefix}/%`).execute();
      return rows.map((row) => row.code);
    },

    async candidates(executor: Executor, filter: DatasetCandidateFilter): Promise<DatasetFacetRow[]> {
      let query = executor
        .selectFrom('datasets')
        .select(['id', 'status', 'owner_province_code', 'theme', 'sharing_type', 'security_grade', 'update_cycle', 'last_release_at', 'published_at', 'created_at', 'code']);
      const q = filter.q?.trim();
      if (q !== undefined && q !== '') {
        query = query.where((eb) =>
          eb.or([
            dialect.containsInsensitive(eb.ref('title_zh'), q),
            dialect.containsInsensitive(eb.ref('title_en'), q),
            dialect.containsInsensitive(eb.ref('description_zh'), q),
            dialect.containsInsensitive(eb.ref('description_en'), q),
            dialect.containsInsensitive(eb.ref('keywords'), q),
            dialect.containsInsensitive(eb.ref('provider_name'), q),
            eb('code', '=', q),
            eb('local_code', '=', q),
          ]),
        );
      }
      const drafts = filter.drafts;
      if (drafts === null) query = query.where('status', '!=', 'draft');
      else if (!('all' in drafts)) query = query.where((eb) => eb.or([eb('status', '!=', 'draft'), eb('owner_organisation_id', '=', drafts.organisationId)]));
      if (filter.ownerOrganisationId !== undefined) query = query.where('owner_organisation_id', '=', filter.ownerOrganisationId);
      if (filter.statuses !== undefined) query = query.where('status', 'in', filter.statuses as string[] as DatasetRow['status'][]);
      return query.orderBy('code').execute();
    },

    /**
     * What the public DCAT export may show, as isPublicEntry (dcat.ts) decides it for a presented
     * dataset: published, shared, open to society. Only the columns paging needs.
     */
    async publicEntries(executor: Executor): Promise<Pick<DatasetRow, 'id' | 'code' | 'updated_at'>[]> {
      return executor
        .selectFrom('datasets')
        .select(['id', 'code', 'updated_at'])
        .where('status', '=', 'published')
        .where('sharing_type', '!=', 'not_shared')
        .where('openness_type', '!=', 'closed')
        .execute();
    },

    async setCurrentSchema(executor: Executor, id: string, schemaId: string, at: number): Promise<void> {
      await executor.updateTable('datasets').set({ current_schema_id: schemaId, updated_at: at }).where('id', '=', id).execute();
    },

    /** Moves last_release_at forward only (a late, older release never makes a dataset look staler). */
    async markReleased(executor: Executor, id: string, at: number): Promise<void> {
      await executor
        .updateTable('datasets')
        .set({ last_release_at: at })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('last_release_at', 'is', null), eb('last_release_at', '<', at)]))
        .execute();
    },
  };
}
