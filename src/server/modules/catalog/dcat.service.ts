import { DCAT_DEFAULT_PAGE_SIZE, type Dataset, type DcatQuery } from '../../../contracts/catalog';
import { ErrorCode } from '../../../contracts/errors';
import { toIso } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { SYSTEM } from '../identity';
import { presentDataset } from './catalog.presenter';
import type { CatalogInternals } from './catalog.types';
import { buildDcatCatalog, isPublicEntry, type DcatAgent } from './dcat';
import { lastPageOf } from './dcat-paging';
import { schemaRepository } from './schema.repository';

/** Codes are ASCII digits and "/": a plain comparison orders them the same on every dialect and locale. */
const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * The public DCAT-AP 3 export (no authentication: only what is open to society), one page at a
 * time in code order. Without parameters it is the first page of 100: the whole catalog while it
 * has at most 100 public datasets, as before paging existed.
 */
export function createDcatExport(deps: CatalogInternals) {
  const { clock, database, datasets, organisations } = deps;
  const { db } = database;
  return async function exportDcat(baseUrl: string, query: DcatQuery = {}): Promise<Record<string, unknown>> {
    const now = clock.now();
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DCAT_DEFAULT_PAGE_SIZE;
    const since = query.modifiedSince === undefined ? undefined : Date.parse(query.modifiedSince);
    // Every public entry, a few columns each: the page, the total, relations across pages and
    // the catalog's dct:modified all come from this one list.
    const entries = (await datasets.publicEntries(db)).sort(byCode);
    const matching = since === undefined ? entries : entries.filter((e) => e.updated_at >= since);
    const lastPage = lastPageOf(matching.length, pageSize);
    if (page > lastPage) {
      throw new AppError(ErrorCode.NotFound, 404, `Page ${page} is past the last page (${lastPage})`, `第 ${page} 页超出范围（共 ${lastPage} 页）`, { lastPage });
    }
    const onPage = matching.slice((page - 1) * pageSize, page * pageSize);
    const rows = await datasets.findByIds(db, onPage.map((e) => e.id));
    const schemas = new Map((await schemaRepository.findByIds(db, rows.flatMap((r) => (r.current_schema_id === null ? [] : [r.current_schema_id])))).map((s) => [s.id, s]));
    const presented: Dataset[] = rows
      .map((row) => presentDataset(row, row.current_schema_id === null ? undefined : schemas.get(row.current_schema_id), now))
      .filter(isPublicEntry)
      .sort(byCode);
    const agents = new Map<string, DcatAgent>();
    for (const id of new Set(presented.map((d) => d.ownerOrganisationId))) {
      const organisation = await organisations.get(SYSTEM, id);
      agents.set(id, { id, name: organisation.name, nameEn: organisation.nameEn, uscc: organisation.uscc });
    }
    const latest = entries.reduce<number | null>((max, e) => (max === null || e.updated_at > max ? e.updated_at : max), null);
    return buildDcatCatalog({
      baseUrl,
      datasets: presented,
      organisations: agents,
      relationTargets: new Map(entries.map((e) => [e.code, e.id])),
      catalogModified: toIso(latest) ?? '1970-01-01T00:00:00.000Z',
      paging: { page, pageSize, totalItems: matching.length, ...(query.modifiedSince === undefined ? {} : { modifiedSince: query.modifiedSince }) },
    });
  };
}
