import { sql } from 'kysely';
import type { PortableMigration } from '../migrator';

/** `prev_hash` of the first exchange (frozen copy: migrations import nothing from the application). */
const GENESIS_HASH = '0'.repeat(64);

/**
 * Secure sharing (高效安全共享): access requests and their event history, grants, tokens bound
 * to a grant, and the hash-chained exchange log with its one-row head (which serialises appends
 * and shows a removed tail, as audit_chain_head does for the audit trail).
 */
export const access: PortableMigration = {
  name: '20261128-13-access',

  async up(db, dialect) {
    await db.schema
      .createTable('access_requests')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('dataset_id', 'text', (col) => col.notNull().references('datasets.id'))
      .addColumn('requesting_organisation_id', 'text', (col) => col.notNull().references('organisations.id'))
      .addColumn('requested_by', 'text', (col) => col.notNull().references('users.id'))
      .addColumn('deciding_organisation_id', 'text', (col) => col.notNull().references('organisations.id'))
      .addColumn('purpose', 'text', (col) => col.notNull())
      .addColumn('legal_basis', 'text')
      // JSON arrays as text; null = everything.
      .addColumn('fields', 'text')
      .addColumn('scope_codes', 'text')
      .addColumn('use_from', 'text', (col) => col.notNull())
      .addColumn('use_until', 'text', (col) => col.notNull())
      .addColumn('retention_days', 'integer', (col) => col.notNull())
      .addColumn('onward_sharing', 'integer', (col) => col.notNull().check(sql`onward_sharing in (0, 1)`))
      .addColumn('onward_sharing_reason', 'text')
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('submitted_at', 'bigint', (col) => col.notNull())
      .addColumn('reply_working_days', 'integer', (col) => col.notNull())
      .addColumn('deadline_date', 'text', (col) => col.notNull())
      .addColumn('deadline_at', 'bigint', (col) => col.notNull())
      .addColumn('calendar_version', 'text', (col) => col.notNull())
      .addColumn('reminded_at', 'bigint')
      .addColumn('escalated_at', 'bigint')
      .addColumn('decided_at', 'bigint')
      .addColumn('decided_by', 'text', (col) => col.references('users.id'))
      .addColumn('reasons', 'text')
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();
    // Inbox and outbox, newest first.
    await db.schema.createIndex('access_requests_deciding_idx').on('access_requests').columns(['deciding_organisation_id', 'submitted_at']).execute();
    await db.schema.createIndex('access_requests_requesting_idx').on('access_requests').columns(['requesting_organisation_id', 'submitted_at']).execute();
    await db.schema.createIndex('access_requests_dataset_idx').on('access_requests').columns(['dataset_id', 'submitted_at']).execute();
    // The periodic job: pending requests by deadline.
    await db.schema.createIndex('access_requests_status_deadline_idx').on('access_requests').columns(['status', 'deadline_at']).execute();

    await db.schema
      .createTable('access_request_events')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('request_id', 'text', (col) => col.notNull().references('access_requests.id'))
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('at', 'bigint', (col) => col.notNull())
      .addColumn('actor_user_id', 'text', (col) => col.references('users.id'))
      .addColumn('actor_display_name', 'text')
      .addColumn('note', 'text')
      .execute();
    await db.schema.createIndex('access_request_events_request_idx').on('access_request_events').columns(['request_id', 'at']).execute();

    await db.schema
      .createTable('grants')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('request_id', 'text', (col) => col.notNull().unique().references('access_requests.id'))
      .addColumn('dataset_id', 'text', (col) => col.notNull().references('datasets.id'))
      .addColumn('grantee_organisation_id', 'text', (col) => col.notNull().references('organisations.id'))
      .addColumn('grantor_organisation_id', 'text', (col) => col.notNull().references('organisations.id'))
      .addColumn('purpose', 'text', (col) => col.notNull())
      .addColumn('fields', 'text')
      .addColumn('scope_codes', 'text')
      .addColumn('valid_from', 'bigint', (col) => col.notNull())
      .addColumn('valid_until', 'bigint', (col) => col.notNull())
      .addColumn('revoked_at', 'bigint')
      .addColumn('revoked_by', 'text', (col) => col.references('users.id'))
      .addColumn('revoke_reason', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .execute();
    // effectiveGrant: the grantee's grants on one dataset.
    await db.schema.createIndex('grants_grantee_dataset_idx').on('grants').columns(['grantee_organisation_id', 'dataset_id', 'valid_until']).execute();
    await db.schema.createIndex('grants_grantor_idx').on('grants').columns(['grantor_organisation_id', 'created_at']).execute();

    // A personal API token (identity's api_tokens) narrowed to one grant: machine access.
    await db.schema
      .createTable('grant_tokens')
      .addColumn('token_id', 'text', (col) => col.primaryKey().references('api_tokens.id'))
      .addColumn('grant_id', 'text', (col) => col.notNull().references('grants.id'))
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('grant_tokens_grant_idx').on('grant_tokens').column('grant_id').execute();

    await db.schema
      .createTable('exchange_log')
      .addColumn('seq', 'bigint', (col) => col.primaryKey().check(sql`seq >= 1`))
      .addColumn('id', 'text', (col) => col.notNull().unique())
      .addColumn('occurred_at', 'bigint', (col) => col.notNull())
      .addColumn('dataset_id', 'text', (col) => col.notNull())
      .addColumn('release_id', 'text', (col) => col.notNull())
      .addColumn('table_name', 'text', (col) => col.notNull())
      .addColumn('owner_organisation_id', 'text', (col) => col.notNull())
      .addColumn('consumer_organisation_id', 'text', (col) => col.notNull())
      .addColumn('consumer_user_id', 'text', (col) => col.notNull())
      .addColumn('token_id', 'text')
      .addColumn('grant_id', 'text')
      .addColumn('access_kind', 'text', (col) => col.notNull())
      .addColumn('purpose', 'text')
      .addColumn('fields', 'text', (col) => col.notNull())
      .addColumn('scope_codes', 'text')
      .addColumn('row_count', 'integer', (col) => col.notNull())
      .addColumn('format', 'text', (col) => col.notNull())
      .addColumn('request_id', 'text')
      .addColumn('prev_hash', 'text', (col) => col.notNull())
      .addColumn('hash', 'text', (col) => col.notNull())
      .execute();
    // The owner's view (who pulled what), the consumer's view, and one dataset's history.
    await db.schema.createIndex('exchange_log_owner_idx').on('exchange_log').columns(['owner_organisation_id', 'seq']).execute();
    await db.schema.createIndex('exchange_log_consumer_idx').on('exchange_log').columns(['consumer_organisation_id', 'seq']).execute();
    await db.schema.createIndex('exchange_log_dataset_idx').on('exchange_log').columns(['dataset_id', 'seq']).execute();

    await db.schema
      .createTable('exchange_log_head')
      .addColumn('id', 'integer', (col) => col.primaryKey().check(sql`id = 1`))
      .addColumn('seq', 'bigint', (col) => col.notNull().check(sql`seq >= 0`))
      .addColumn('hash', 'text', (col) => col.notNull())
      .execute();
    await db.insertInto('exchange_log_head').values({ id: 1, seq: 0, hash: GENESIS_HASH }).execute();

    if (dialect === 'sqlite') {
      await sql`create trigger exchange_log_no_update before update on exchange_log
        begin select raise(abort, 'exchange_log is append-only: UPDATE is not allowed'); end`.execute(db);
      await sql`create trigger exchange_log_no_delete before delete on exchange_log
        begin select raise(abort, 'exchange_log is append-only: DELETE is not allowed'); end`.execute(db);
    } else {
      await sql`create function exchange_log_append_only() returns trigger language plpgsql as $$
        begin
          raise exception 'exchange_log is append-only: % is not allowed', tg_op using errcode = 'restrict_violation';
        end $$`.execute(db);
      await sql`create trigger exchange_log_no_update_delete before update or delete on exchange_log
        for each row execute function exchange_log_append_only()`.execute(db);
      await sql`create trigger exchange_log_no_truncate before truncate on exchange_log
        for each statement execute function exchange_log_append_only()`.execute(db);
    }
  },

  async down(db, dialect) {
    await db.schema.dropTable('exchange_log_head').execute();
    await db.schema.dropTable('exchange_log').execute();
    if (dialect === 'postgres') await sql`drop function exchange_log_append_only()`.execute(db);
    await db.schema.dropTable('grant_tokens').execute();
    await db.schema.dropTable('grants').execute();
    await db.schema.dropTable('access_request_events').execute();
    await db.schema.dropTable('access_requests').execute();
  },
};
