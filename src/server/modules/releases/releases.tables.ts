import type { ReleaseStatus, RuleSeverity } from '../../../contracts/sharing';

export type UploadChannel = 'json' | 'csv' | 'xlsx';
/** How an upload's rows meet the rows already collected for the next release. */
export type UploadMode = 'append' | 'replace';
/**
 * rejected = the file could not be read (only its problems are kept); pending = validated and
 * waiting in the draft collection; released = frozen into a submitted or accepted release.
 */
export type UploadStatus = 'rejected' | 'pending' | 'released';
export type ReviewEntryKind = 'submitted' | 'message' | 'accepted' | 'correction_requested';

export interface UploadsTable {
  id: string;
  dataset_id: string;
  /** 1, 2, 3 … per dataset: the order uploads apply in. */
  upload_no: number;
  /** The schema version the rows were validated against (kept for good). */
  schema_id: string;
  schema_version: number;
  organisation_id: string;
  uploaded_by: string;
  uploaded_by_name: string;
  channel: UploadChannel;
  mode: UploadMode;
  file_name: string | null;
  byte_size: number;
  /** SHA-256 of the bytes (files) or of the canonical JSON (batches): spots duplicate uploads. */
  content_digest: string;
  /** JSON array of the table names the upload holds. */
  tables: string;
  status: UploadStatus;
  row_count: number;
  /** JSON array of parse problems (rejected uploads), else '[]'. */
  problems: string;
  blocker_count: number;
  error_count: number;
  warning_count: number;
  info_count: number;
  /** The release that last froze this upload's rows (kept when a correction sends it back). */
  release_id: string | null;
  created_at: number;
}

/** The rows of a readable upload as submitted (raw cell text), in upload order per table. */
export interface UploadRowsTable {
  upload_id: string;
  table_name: string;
  row_no: number;
  source_row: number;
  /** JSON object: field → raw text or null. */
  data: string;
}

export interface ValidationResultsTable {
  upload_id: string;
  /** 1-based order of the result within its upload (paging key). */
  seq: number;
  table_name: string | null;
  /** Source row (spreadsheet row or batch index); null for table and dataset results. */
  source_row: number | null;
  field: string | null;
  rule_code: string;
  severity: RuleSeverity;
  message: string;
  message_zh: string;
  value: string | null;
}

export interface ReleasesTable {
  id: string;
  dataset_id: string;
  schema_id: string;
  schema_version: number;
  /** 1, 2, 3 … per dataset. */
  sequence: number;
  status: ReleaseStatus;
  row_count: number;
  /** JSON object: table → row count. */
  table_counts: string;
  /** SHA-256 (hex) of the canonical snapshot. */
  digest: string;
  /** The receipt as issued (canonical JSON text) and its HMAC-SHA-256 (null without a key). */
  receipt: string;
  receipt_signature: string | null;
  organisation_id: string;
  submitted_by: string;
  submitted_by_name: string;
  submitted_at: number;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_by_organisation_id: string | null;
  decided_at: number | null;
  superseded_at: number | null;
}

export interface ReleaseRowsTable {
  release_id: string;
  table_name: string;
  row_no: number;
  /** GB/T 2260 code from the table's scopeField, for row-level grants (range queries). */
  scope_code: string | null;
  /** The row as JSON text; never queried with JSON operators. */
  data: string;
}

export interface ReleaseReviewsTable {
  id: string;
  release_id: string;
  kind: ReviewEntryKind;
  author_user_id: string;
  author_name: string;
  author_organisation_id: string;
  body: string;
  created_at: number;
}

export interface ReleaseAttachmentsTable {
  id: string;
  release_id: string;
  review_id: string;
  file_name: string;
  /** Sniffed from the bytes, never taken from the client. */
  content_type: string;
  byte_size: number;
  sha256: string;
  /** Base64 of the bytes: text is the one portable column type for small files on both dialects. */
  content: string;
  created_at: number;
}

export interface ReleasesTables {
  uploads: UploadsTable;
  upload_rows: UploadRowsTable;
  validation_results: ValidationResultsTable;
  releases: ReleasesTable;
  release_rows: ReleaseRowsTable;
  release_reviews: ReleaseReviewsTable;
  release_attachments: ReleaseAttachmentsTable;
}
