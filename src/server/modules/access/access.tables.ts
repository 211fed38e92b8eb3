import type { AccessRequestEventKind } from '../../../contracts/access';
import type { AccessRequestStatus } from '../../../contracts/sharing';

/**
 * Tables of the access module (migration 20261128-13-access). Times are UTC epoch ms; dates of
 * use and deadlines are also kept as Beijing dates ('YYYY-MM-DD'); JSON arrays are text.
 */

export interface AccessRequestsTable {
  id: string;
  dataset_id: string;
  requesting_organisation_id: string;
  requested_by: string;
  /** The owner, or the working group for 不予共享 datasets. */
  deciding_organisation_id: string;
  purpose: string;
  legal_basis: string | null;
  /** JSON array of `table.field`; null = every field. */
  fields: string | null;
  /** JSON array of GB/T 2260 codes; null = every row. */
  scope_codes: string | null;
  use_from: string;
  use_until: string;
  retention_days: number;
  onward_sharing: number;
  onward_sharing_reason: string | null;
  status: AccessRequestStatus;
  submitted_at: number;
  reply_working_days: number;
  /** Last Beijing day to answer, and the instant that day ends. */
  deadline_date: string;
  deadline_at: number;
  /** The working-day calendar (and overrides) the deadline was computed with. */
  calendar_version: string;
  reminded_at: number | null;
  escalated_at: number | null;
  decided_at: number | null;
  decided_by: string | null;
  reasons: string | null;
  updated_at: number;
}

export interface AccessRequestEventsTable {
  id: string;
  request_id: string;
  kind: AccessRequestEventKind;
  at: number;
  actor_user_id: string | null;
  actor_display_name: string | null;
  note: string | null;
}

export interface GrantsTable {
  id: string;
  request_id: string;
  dataset_id: string;
  grantee_organisation_id: string;
  grantor_organisation_id: string;
  purpose: string;
  fields: string | null;
  scope_codes: string | null;
  valid_from: number;
  valid_until: number;
  revoked_at: number | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  created_at: number;
}

export interface GrantTokensTable {
  token_id: string;
  grant_id: string;
  created_at: number;
}

/** One read of shared rows by another organisation; append-only, hash-chained by `seq`. */
export interface ExchangeLogTable {
  seq: number;
  id: string;
  occurred_at: number;
  dataset_id: string;
  release_id: string;
  table_name: string;
  owner_organisation_id: string;
  consumer_organisation_id: string;
  consumer_user_id: string;
  token_id: string | null;
  grant_id: string | null;
  /** `unconditional` or `granted`. */
  access_kind: string;
  purpose: string | null;
  /** JSON array of the fields delivered. */
  fields: string;
  scope_codes: string | null;
  row_count: number;
  format: string;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface ExchangeLogHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface AccessTables {
  access_requests: AccessRequestsTable;
  access_request_events: AccessRequestEventsTable;
  grants: GrantsTable;
  grant_tokens: GrantTokensTable;
  exchange_log: ExchangeLogTable;
  exchange_log_head: ExchangeLogHeadTable;
}
