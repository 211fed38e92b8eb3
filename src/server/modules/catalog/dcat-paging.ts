/**
 * Paging of the DCAT-AP export the way harvesters follow it: the catalog is a Hydra collection
 * whose `hydra:view` is a `hydra:PartialCollectionView` with first/previous/next/last links
 * (ckanext-dcat's RDF harvester and udata follow `hydra:next`; both also know the older
 * `hydra:PagedCollection`, which Hydra replaced). Links repeat every parameter, so a harvester
 * that only follows them keeps its page size and its `modifiedSince` filter.
 */
export interface DcatPaging {
  page: number;
  pageSize: number;
  /** Datasets matching the filter on all pages. */
  totalItems: number;
  /** As the client sent it (echoed in the links). */
  modifiedSince?: string;
}

export function lastPageOf(totalItems: number, pageSize: number): number {
  return Math.max(1, Math.ceil(totalItems / pageSize));
}

/** The absolute URL of one page of the export. */
export function dcatPageUrl(base: string, paging: Omit<DcatPaging, 'totalItems'>, page: number): string {
  const params = new URLSearchParams({ page: String(page), pageSize: String(paging.pageSize) });
  if (paging.modifiedSince !== undefined) params.set('modifiedSince', paging.modifiedSince);
  return `${base}/api/v1/catalog/dcat?${params.toString()}`;
}

/** The `hydra:PartialCollectionView` node of the current page (its `@id` is the page's URL). */
export function hydraView(base: string, paging: DcatPaging): Record<string, unknown> {
  const last = lastPageOf(paging.totalItems, paging.pageSize);
  const link = (page: number) => ({ '@id': dcatPageUrl(base, paging, page) });
  return {
    '@id': dcatPageUrl(base, paging, paging.page),
    '@type': 'hydra:PartialCollectionView',
    'hydra:first': link(1),
    ...(paging.page > 1 ? { 'hydra:previous': link(Math.min(paging.page - 1, last)) } : {}),
    ...(paging.page < last ? { 'hydra:next': link(paging.page + 1) } : {}),
    'hydra:last': link(last),
  };
}
