import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../audit';

/**
 * The release receipt (回执): who released what and when, and a digest that pins the frozen
 * rows. The digest is SHA-256 over the canonical snapshot — tables in name order, rows in row
 * order, each line `table \t row_no \t canonical JSON of the row \n` — so anyone holding the
 * rows (e.g. read back through the API) can recompute it without our database.
 */
export interface SnapshotRow {
  table: string;
  rowNo: number;
  data: Record<string, unknown>;
}

export function snapshotDigest(rows: Iterable<SnapshotRow>): string {
  const ordered = [...rows].sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : a.rowNo - b.rowNo));
  const hash = createHash('sha256');
  for (const row of ordered) hash.update(`${row.table}\t${row.rowNo}\t${canonicalJson(row.data)}\n`, 'utf8');
  return hash.digest('hex');
}

export interface ReleaseReceipt {
  receiptVersion: 1;
  releaseId: string;
  datasetId: string;
  datasetCode: string;
  sequence: number;
  schemaId: string;
  schemaVersion: number;
  submittedBy: { userId: string; name: string; organisationId: string };
  /** ISO-8601 UTC. */
  submittedAt: string;
  rowCount: number;
  rowCounts: Record<string, number>;
  digestAlgorithm: 'SHA-256';
  digest: string;
}

/** The receipt's text as stored and served: canonical JSON, so a signature covers exactly it. */
export function receiptText(receipt: ReleaseReceipt): string {
  return canonicalJson(receipt);
}

/** HMAC-SHA-256 (hex) of the receipt text; null when no key is configured. */
export function signReceipt(text: string, key: string | null): string | null {
  return key === null ? null : createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

export function verifyReceipt(text: string, signature: string, key: string): boolean {
  const expected = Buffer.from(createHmac('sha256', key).update(text, 'utf8').digest('hex'), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
