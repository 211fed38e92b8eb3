import { accessErrors } from './access.errors';

/**
 * Opaque paging cursor of shared rows: the release it started on, the table and the last row
 * number delivered. Clients pass it back unchanged; it carries no permission (every page is
 * authorised and filtered again), so it needs no signature — only strict parsing.
 */
export interface RowsCursor {
  releaseId: string;
  table: string;
  afterRowNo: number;
}

export function encodeCursor(cursor: RowsCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, r: cursor.releaseId, t: cursor.table, n: cursor.afterRowNo }), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): RowsCursor {
  const bad = () => accessErrors.invalid('/cursor', 'Malformed paging cursor', '分页游标无效');
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(text)) throw bad();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const { v, r, t, n } = (value ?? {}) as Record<string, unknown>;
  if (v !== 1 || typeof r !== 'string' || r.length > 64 || typeof t !== 'string' || !/^[a-z][a-z0-9_]{0,62}$/.test(t) || typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw bad();
  return { releaseId: r, table: t, afterRowNo: n };
}
