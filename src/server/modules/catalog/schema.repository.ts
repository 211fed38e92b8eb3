import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database';
import type { DatasetSchemasTable } from './catalog.tables';

export type SchemaRow = Selectable<DatasetSchemasTable>;

/** SQL of `dataset_schemas`. */
export const schemaRepository = {
  async insert(executor: Executor, row: Insertable<DatasetSchemasTable>): Promise<void> {
    await executor.insertInto('dataset_schemas').values(row).execute();
  },

  async update(executor: Executor, id: string, changes: Updateable<DatasetSchemasTable>): Promise<void> {
    await executor.updateTable('dataset_schemas').set(changes).where('id', '=', id).execute();
  },

  async findById(executor: Executor, id: string): Promise<SchemaRow | undefined> {
    return executor.selectFrom('dataset_schemas').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findDefinition(executor: Executor, id: string) {
    return executor.selectFrom('dataset_schemas').select(['status', 'definition']).where('id', '=', id).executeTakeFirst();
  },

  async findByIds(executor: Executor, ids: readonly string[]): Promise<SchemaRow[]> {
    if (ids.length === 0) return [];
    return executor.selectFrom('dataset_schemas').selectAll().where('id', 'in', ids).execute();
  },

  async listByDataset(executor: Executor, datasetId: string): Promise<SchemaRow[]> {
    return executor.selectFrom('dataset_schemas').selectAll().where('dataset_id', '=', datasetId).orderBy('version', 'desc').execute();
  },

  async maxVersion(executor: Executor, datasetId: string): Promise<number> {
    const row = await executor
      .selectFrom('dataset_schemas')
      .select((eb) => eb.fn.max<number | null>('version').as('v'))
      .where('dataset_id', '=', datasetId)
      .executeTakeFirst();
    return Number(row?.v ?? 0);
  },
};
