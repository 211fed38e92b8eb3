/** A page of a list endpoint: the items and the total matching the filter. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** Table pagination state ↔ the API's `limit`/`offset`. */
export interface Paging {
  current: number;
  pageSize: number;
}

export const FIRST_PAGE: Paging = { current: 1, pageSize: 20 };

export function toLimitOffset(paging: Paging): { limit: number; offset: number } {
  return { limit: paging.pageSize, offset: (paging.current - 1) * paging.pageSize };
}
