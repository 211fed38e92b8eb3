import { sql } from 'kysely';
import type { PortableMigration } from '../migrator';

/** `prev_hash` of the first event (frozen copy: migrations import nothing from the application). */
const GENESIS_HASH = '0'.repeat(64);

/**
 * The audit trail: `audit_events` (append-only, hash-chained) and `audit_chain_head`, the one
 * row that serialises appends and records where the chain ends. Triggers refuse UPDATE and
 * DELETE of events (and rewinding or deleting the head) on both dialects; they are defence in
 * depth against mistakes, while the hash chain is what detects deliberate tampering.
 */
export const audit: PortableMigration = {
  name: '20261128-02-audit',

  async up(db, dialect) {
    await db.schema
      .createTable('audit_events')
      // Assigned by the application from the chain head, never by a sequence: a rolled-back
      // append must not leave a gap, because a gap is how a deleted event shows.
      .addColumn('seq', 'bigint', (col) => col.primaryKey().check(sql`seq >= 1`))
      .addColumn('id', 'text', (col) => col.notNull().unique())
      .addColumn('occurred_at', 'bigint', (col) => col.notNull())
      .addColumn('actor_user_id', 'text')
      .addColumn('actor_username', 'text')
      .addColumn('actor_display_name', 'text')
      .addColumn('organisation_id', 'text')
      .addColumn('target_organisation_id', 'text')
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('object_type', 'text', (col) => col.notNull())
      .addColumn('object_id', 'text')
      .addColumn('request_id', 'text')
      .addColumn('ip', 'text')
      .addColumn('before_digest', 'text')
      .addColumn('after_digest', 'text')
      .addColumn('prev_hash', 'text', (col) => col.notNull())
      .addColumn('hash', 'text', (col) => col.notNull())
      .execute();

    // GET /audit-events?from=&to=: the time-range filter.
    await db.schema.createIndex('audit_events_occurred_at_idx').on('audit_events').column('occurred_at').execute();
    // GET /audit-events?actorUserId=: one user's actions, newest first.
    await db.schema.createIndex('audit_events_actor_user_idx').on('audit_events').columns(['actor_user_id', 'seq']).execute();
    // An org admin's view and ?organisationId=: events by the organisation's people, newest first.
    await db.schema.createIndex('audit_events_organisation_idx').on('audit_events').columns(['organisation_id', 'seq']).execute();
    // The same, for events that touched the organisation's records from outside.
    await db.schema
      .createIndex('audit_events_target_organisation_idx')
      .on('audit_events')
      .columns(['target_organisation_id', 'seq'])
      .execute();
    // GET /audit-events?objectType=&objectId=: the history of one record.
    await db.schema.createIndex('audit_events_object_idx').on('audit_events').columns(['object_type', 'object_id', 'seq']).execute();

    await db.schema
      .createTable('audit_chain_head')
      .addColumn('id', 'integer', (col) => col.primaryKey().check(sql`id = 1`))
      .addColumn('seq', 'bigint', (col) => col.notNull().check(sql`seq >= 0`))
      .addColumn('hash', 'text', (col) => col.notNull())
      .execute();
    await db.insertInto('audit_chain_head').values({ id: 1, seq: 0, hash: GENESIS_HASH }).execute();

    if (dialect === 'sqlite') {
      await sql`create trigger audit_events_no_update before update on audit_events
        begin select raise(abort, 'audit_events is append-only: UPDATE is not allowed'); end`.execute(db);
      await sql`create trigger audit_events_no_delete before delete on audit_events
        begin select raise(abort, 'audit_events is append-only: DELETE is not allowed'); end`.execute(db);
      await sql`create trigger audit_chain_head_no_rewind before update on audit_chain_head
        when new.seq < old.seq or new.id <> old.id
        begin select raise(abort, 'audit_chain_head only moves forward: UPDATE is not allowed'); end`.execute(db);
      await sql`create trigger audit_chain_head_no_delete before delete on audit_chain_head
        begin select raise(abort, 'audit_chain_head only moves forward: DELETE is not allowed'); end`.execute(db);
    } else {
      await sql`create function audit_events_append_only() returns trigger language plpgsql as $$
        begin
          raise exception 'audit_events is append-only: % is not allowed', tg_op using errcode = 'restrict_violation';
        end $$`.execute(db);
      // Row triggers for UPDATE/DELETE, a statement trigger for TRUNCATE (which skips row triggers).
      await sql`create trigger audit_events_no_update_delete before update or delete on audit_events
        for each row execute function audit_events_append_only()`.execute(db);
      await sql`create trigger audit_events_no_truncate before truncate on audit_events
        for each statement execute function audit_events_append_only()`.execute(db);
      await sql`create function audit_chain_head_forward_only() returns trigger language plpgsql as $$
        begin
          if tg_op = 'UPDATE' then
            if new.seq >= old.seq and new.id = old.id then
              return new;
            end if;
          end if;
          raise exception 'audit_chain_head only moves forward: % is not allowed', tg_op using errcode = 'restrict_violation';
        end $$`.execute(db);
      await sql`create trigger audit_chain_head_forward_only before update or delete on audit_chain_head
        for each row execute function audit_chain_head_forward_only()`.execute(db);
      await sql`create trigger audit_chain_head_no_truncate before truncate on audit_chain_head
        for each statement execute function audit_chain_head_forward_only()`.execute(db);
    }
  },

  async down(db, dialect) {
    // Dropping a table drops its triggers on both dialects; PostgreSQL's functions go after.
    await db.schema.dropTable('audit_chain_head').execute();
    await db.schema.dropTable('audit_events').execute();
    if (dialect === 'postgres') {
      await sql`drop function audit_chain_head_forward_only()`.execute(db);
      await sql`drop function audit_events_append_only()`.execute(db);
    }
  },
};
