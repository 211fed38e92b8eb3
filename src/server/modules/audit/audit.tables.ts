/**
 * Tables of the audit module (migration 20261128-02-audit). Times are UTC epoch milliseconds;
 * hashes and digests are lower-case hex SHA-256.
 */

/** One event of the append-only, hash-chained audit trail. UPDATE and DELETE are refused by triggers. */
export interface AuditEventsTable {
  /** Position in the chain, 1, 2, 3… with no gaps; assigned from `audit_chain_head`. */
  seq: number;
  id: string;
  occurred_at: number;
  actor_user_id: string | null;
  actor_username: string | null;
  actor_display_name: string | null;
  /** The actor's organisation. */
  organisation_id: string | null;
  /** The organisation whose record was touched, when it differs from the actor's. */
  target_organisation_id: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  request_id: string | null;
  ip: string | null;
  before_digest: string | null;
  after_digest: string | null;
  prev_hash: string;
  hash: string;
}

/** Exactly one row (id = 1): the seq and hash of the newest event; seq 0 and the genesis hash when empty. */
export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface AuditTables {
  audit_events: AuditEventsTable;
  audit_chain_head: AuditChainHeadTable;
}
