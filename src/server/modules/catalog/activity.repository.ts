import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db/database';
import type { DatasetActivityTable } from './catalog.tables';

export type ActivityRow = Selectable<DatasetActivityTable>;

/** SQL of `dataset_activity` (append-only). */
export const activityRepository = {
  async insert(executor: Executor, row: Insertable<DatasetActivityTable>): Promise<void> {
    await executor.insertInto('dataset_activity').values(row).execute();
  },

  async list(executor: Executor, filter: { datasetId: string; kind?: string; limit: number; offset: number }): Promise<{ rows: ActivityRow[]; total: number }> {
    let query = executor.selectFrom('dataset_activity').where('dataset_id', '=', filter.datasetId);
    if (filter.kind !== undefined && filter.kind !== '') {
      // A prefix such as "schema." selects a family of kinds.
      query = filter.kind.endsWith('.') ? query.where('kind', 'like', `${filter.kind}%`) : query.where('kind', '=', filter.kind);
    }
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },
};
