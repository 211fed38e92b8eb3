import type { DatasetFacets, ListDatasetsQuery, ListDatasetsResponse } from '../../../contracts/catalog';
import { errors } from '../../platform/errors';
import type { Caller } from '../identity';
import { canReadCatalog, draftScope } from './catalog.policy';
import { presentDataset } from './catalog.presenter';
import type { CatalogInternals } from './catalog.types';
import type { DatasetFacetRow } from './dataset.repository';
import { freshnessOf } from './freshness';
import { schemaRepository } from './schema.repository';

type FacetName = keyof DatasetFacets;
const FACETS: readonly FacetName[] = ['province', 'theme', 'sharingType', 'securityGrade', 'status', 'freshness'];

type Candidate = Record<FacetName, string> & { id: string };

const split = (value: string | undefined): Set<string> | undefined => {
  const parts = value?.split(',').filter((part) => part !== '');
  return parts === undefined || parts.length === 0 ? undefined : new Set(parts);
};

/**
 * Faceted search. The text query and visibility are applied in SQL; facet filters and counts
 * run over the matching candidates in memory because freshness is computed from the clock.
 * Each facet's counts apply every other facet's filter but not its own, so picking one value
 * still shows how many the alternatives would give.
 */
export function createDatasetSearch(deps: CatalogInternals) {
  const { clock, database, datasets } = deps;
  const { db } = database;

  return async function search(caller: Caller, query: ListDatasetsQuery): Promise<ListDatasetsResponse> {
    if (!canReadCatalog(caller)) throw errors.forbidden();
    const now = clock.now();
    const rows = await datasets.candidates(db, {
      ...(query.q === undefined ? {} : { q: query.q }),
      drafts: draftScope(caller),
      ...(query.ownerOrganisationId === undefined ? {} : { ownerOrganisationId: query.ownerOrganisationId }),
    });
    const candidates: Candidate[] = rows.map((row: DatasetFacetRow) => ({
      id: row.id,
      province: row.owner_province_code,
      theme: row.theme,
      sharingType: row.sharing_type,
      securityGrade: row.security_grade,
      status: row.status,
      freshness: freshnessOf({ updateCycle: row.update_cycle, lastReleaseAt: row.last_release_at, since: row.published_at ?? row.created_at }, now),
    }));
    const wanted: Record<FacetName, Set<string> | undefined> = {
      province: split(query.province),
      theme: split(query.theme),
      sharingType: split(query.sharingType),
      securityGrade: split(query.securityGrade),
      status: split(query.status),
      freshness: split(query.freshness),
    };
    const passes = (candidate: Candidate, except?: FacetName) => FACETS.every((facet) => facet === except || wanted[facet] === undefined || wanted[facet].has(candidate[facet]));

    const facets = {} as DatasetFacets;
    for (const facet of FACETS) {
      const counts = new Map<string, number>();
      for (const candidate of candidates) if (passes(candidate, facet)) counts.set(candidate[facet], (counts.get(candidate[facet]) ?? 0) + 1);
      facets[facet] = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    }
    const matching = candidates.filter((candidate) => passes(candidate));
    const offset = query.offset ?? 0;
    const page = matching.slice(offset, offset + (query.limit ?? 50));
    const full = new Map((await datasets.findByIds(db, page.map((c) => c.id))).map((row) => [row.id, row]));
    const schemas = new Map((await schemaRepository.findByIds(db, [...full.values()].flatMap((row) => (row.current_schema_id === null ? [] : [row.current_schema_id])))).map((s) => [s.id, s]));
    const items = page.flatMap((c) => {
      const row = full.get(c.id);
      return row === undefined ? [] : [presentDataset(row, row.current_schema_id === null ? undefined : schemas.get(row.current_schema_id), now)];
    });
    return { items, total: matching.length, facets };
  };
}
