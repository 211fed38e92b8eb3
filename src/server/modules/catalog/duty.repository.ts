import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database';
import type { DataDutiesTable } from './catalog.tables';

export type DutyRow = Selectable<DataDutiesTable>;
/** A duty with what its presentation and visibility need from the dataset. */
export type DutyWithDataset = DutyRow & {
  dataset_code: string;
  dataset_title_zh: string;
  dataset_title_en: string;
  dataset_owner_organisation_id: string;
  dataset_last_release_at: number | null;
};

export interface DutyFilter {
  datasetId?: string;
  organisationId?: string;
  status?: 'active' | 'ended';
  /** Only duties this organisation is obliged by or owns the dataset of (null: every duty). */
  visibleTo: string | null;
}

/** SQL of `data_duties`. */
export const dutyRepository = {
  async insert(executor: Executor, row: Insertable<DataDutiesTable>): Promise<void> {
    await executor.insertInto('data_duties').values(row).execute();
  },

  async update(executor: Executor, id: string, changes: Updateable<DataDutiesTable>): Promise<void> {
    await executor.updateTable('data_duties').set(changes).where('id', '=', id).execute();
  },

  async list(executor: Executor, filter: DutyFilter & { id?: string }): Promise<DutyWithDataset[]> {
    let query = executor
      .selectFrom('data_duties as d')
      .innerJoin('datasets as s', 's.id', 'd.dataset_id')
      .selectAll('d')
      .select([
        's.code as dataset_code',
        's.title_zh as dataset_title_zh',
        's.title_en as dataset_title_en',
        's.owner_organisation_id as dataset_owner_organisation_id',
        's.last_release_at as dataset_last_release_at',
      ]);
    if (filter.id !== undefined) query = query.where('d.id', '=', filter.id);
    if (filter.datasetId !== undefined) query = query.where('d.dataset_id', '=', filter.datasetId);
    if (filter.organisationId !== undefined) query = query.where('d.organisation_id', '=', filter.organisationId);
    if (filter.status !== undefined) query = query.where('d.status', '=', filter.status);
    const visibleTo = filter.visibleTo;
    if (visibleTo !== null) query = query.where((eb) => eb.or([eb('d.organisation_id', '=', visibleTo), eb('s.owner_organisation_id', '=', visibleTo)]));
    return query.orderBy('s.code').orderBy('d.id').execute();
  },
};
