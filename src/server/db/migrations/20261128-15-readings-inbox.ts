import type { PortableMigration } from '../migrator';

/**
 * The SQLite readings inbox (see src/server/db/sqlite-readings-inbox.ts). Under load the HJ 212
 * gateway's batches are appended here — one row per packet, its readings as a JSON array — and
 * acknowledged once that small commit is durable; the writer thread later moves them into the
 * clustered `monitoring_readings` in large key-ordered transactions. The clustered table costs
 * about one page write per row when a commit mixes 200 loggers; the inbox costs a few pages per
 * commit. PostgreSQL commits straight into `monitoring_readings` and has no inbox tables.
 */
export const readingsInbox: PortableMigration = {
  name: '20261128-15-readings-inbox',

  async up(db, dialect) {
    if (dialect !== 'sqlite') return;
    await db.schema
      .createTable('monitoring_readings_inbox')
      // Rowid alias: appends land on the last page, and the mover reads in arrival order.
      .addColumn('id', 'integer', (col) => col.primaryKey())
      .addColumn('station_key', 'integer', (col) => col.notNull())
      .addColumn('interval', 'text', (col) => col.notNull())
      .addColumn('observed_at', 'bigint', (col) => col.notNull())
      .addColumn('source', 'text', (col) => col.notNull())
      .addColumn('institution_id', 'text')
      .addColumn('received_at', 'bigint', (col) => col.notNull())
      // [[parameter_code, value, flag], …] — value a JSON number or null, flag a string or null.
      .addColumn('readings', 'text', (col) => col.notNull())
      .execute();
    // The roll-up queue keys of the rows waiting in the inbox. They reach assessment_dirty_days
    // in the move's last transaction: a key queued before its readings were visible could be
    // processed and removed before they arrive. A move takes the keys of its generation and
    // older; batches appended while it runs record theirs in the next one.
    await db.schema
      .createTable('monitoring_readings_inbox_days')
      .addColumn('generation', 'integer', (col) => col.notNull())
      .addColumn('station_key', 'integer', (col) => col.notNull())
      .addColumn('parameter_code', 'text', (col) => col.notNull())
      .addColumn('day_start', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('monitoring_readings_inbox_days_pk', ['generation', 'station_key', 'parameter_code', 'day_start'])
      .execute();
  },

  async down(db, dialect) {
    if (dialect !== 'sqlite') return;
    await db.schema.dropTable('monitoring_readings_inbox_days').execute();
    await db.schema.dropTable('monitoring_readings_inbox').execute();
  },
};
