import type { Dataset } from '../../../contracts/catalog';
import { SYSTEM } from '../identity';
import { presentDataset } from './catalog.presenter';
import type { CatalogInternals } from './catalog.types';
import { buildDcatCatalog, isPublicEntry, type DcatAgent } from './dcat';
import { schemaRepository } from './schema.repository';

/** The public DCAT-AP 3 export (no authentication: only what is open to society). */
export function createDcatExport(deps: CatalogInternals) {
  const { clock, database, datasets, organisations } = deps;
  const { db } = database;
  return async function exportDcat(baseUrl: string): Promise<Record<string, unknown>> {
    const now = clock.now();
    const candidates = await datasets.candidates(db, { drafts: null, statuses: ['published'] });
    const rows = await datasets.findByIds(db, candidates.map((c) => c.id));
    const schemas = new Map((await schemaRepository.findByIds(db, rows.flatMap((r) => (r.current_schema_id === null ? [] : [r.current_schema_id])))).map((s) => [s.id, s]));
    const presented: Dataset[] = rows
      .map((row) => presentDataset(row, row.current_schema_id === null ? undefined : schemas.get(row.current_schema_id), now))
      .filter(isPublicEntry)
      .sort((a, b) => a.code.localeCompare(b.code));
    const agents = new Map<string, DcatAgent>();
    for (const id of new Set(presented.map((d) => d.ownerOrganisationId))) {
      const organisation = await organisations.get(SYSTEM, id);
      agents.set(id, { id, name: organisation.name, nameEn: organisation.nameEn, uscc: organisation.uscc });
    }
    return buildDcatCatalog({ baseUrl, datasets: presented, organisations: agents });
  };
}
