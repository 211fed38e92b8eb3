import type { UploadMode } from '../../../contracts/releases';
import type { RawCell } from './parse/types';

/**
 * The draft collection (待发布数据): what the next release will hold. It starts from the rows of
 * the latest accepted release and applies the pending uploads in the order they arrived; for
 * each table an upload either appends its rows or replaces everything collected for that table
 * so far. Tables an upload does not hold are untouched by it.
 */
export interface CollectedRow {
  /** The pending upload the row came from; null for rows carried over from the base release. */
  uploadId: string | null;
  /** Row in its source (spreadsheet row, batch index, or row number in the base release). */
  sourceRow: number;
  cells: Record<string, RawCell>;
}

export interface PendingUploadRows {
  uploadId: string;
  mode: UploadMode;
  tables: ReadonlyMap<string, readonly { sourceRow: number; cells: Record<string, RawCell> }[]>;
}

export function composeCollection(
  base: ReadonlyMap<string, readonly { rowNo: number; cells: Record<string, RawCell> }[]>,
  pending: readonly PendingUploadRows[],
): Map<string, CollectedRow[]> {
  const collection = new Map<string, CollectedRow[]>();
  for (const [table, rows] of base) collection.set(table, rows.map((row) => ({ uploadId: null, sourceRow: row.rowNo, cells: row.cells })));
  for (const upload of pending) {
    for (const [table, rows] of upload.tables) {
      const added = rows.map((row) => ({ uploadId: upload.uploadId, sourceRow: row.sourceRow, cells: row.cells }));
      const kept = upload.mode === 'replace' ? [] : (collection.get(table) ?? []);
      collection.set(table, [...kept, ...added]);
    }
  }
  return collection;
}

/** Rows per table, for receipts and the wizard. */
export function countRows(collection: ReadonlyMap<string, readonly unknown[]>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [table, rows] of [...collection].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) counts[table] = rows.length;
  return counts;
}
