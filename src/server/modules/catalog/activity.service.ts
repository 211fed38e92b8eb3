import type { ActivityEntry } from '../../../contracts/catalog';
import { errors } from '../../platform/errors';
import type { Caller } from '../identity';
import { activityRepository } from './activity.repository';
import { canSeeDataset } from './catalog.policy';
import { presentActivity } from './catalog.presenter';
import type { CatalogInternals } from './catalog.types';

/** A dataset's history, newest first, to everyone who may see the dataset. */
export function createActivityService(deps: CatalogInternals) {
  const { database, datasets } = deps;
  return {
    async list(caller: Caller, datasetId: string, query: { kind?: string; limit?: number; offset?: number }): Promise<{ items: ActivityEntry[]; total: number }> {
      const row = await datasets.findById(database.db, datasetId);
      if (row === undefined || !canSeeDataset(caller, { status: row.status, ownerOrganisationId: row.owner_organisation_id })) throw errors.notFound('Dataset', '数据资源', datasetId);
      const { rows, total } = await activityRepository.list(database.db, {
        datasetId,
        ...(query.kind === undefined ? {} : { kind: query.kind }),
        limit: query.limit ?? 50,
        offset: query.offset ?? 0,
      });
      return { items: rows.map(presentActivity), total };
    },
  };
}
