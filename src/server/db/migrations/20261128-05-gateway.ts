import type { PortableMigration } from '../migrator';

/**
 * HJ 212 gateway state: MNs that arrived without a registered station (quarantine) with their
 * raw packets, the MN → station assignments made from the quarantine, and a bounded log of
 * recent bad packets. Readings themselves live in the monitoring module's tables.
 */
export const gateway: PortableMigration = {
  name: '20261128-05-gateway',

  async up(db) {
    await db.schema
      .createTable('gateway_quarantine')
      .addColumn('id', 'text', (col) => col.primaryKey())
      // One row per unknown MN (opaque device key, hj212.md §4).
      .addColumn('mn', 'text', (col) => col.notNull().unique())
      .addColumn('first_seen_at', 'bigint', (col) => col.notNull())
      .addColumn('last_seen_at', 'bigint', (col) => col.notNull())
      .addColumn('packet_count', 'integer', (col) => col.notNull())
      // Raw text of the latest packet, for the admin list.
      .addColumn('last_raw', 'text', (col) => col.notNull())
      .addColumn('last_st', 'text')
      .addColumn('last_cn', 'text')
      .addColumn('last_remote_address', 'text')
      // pending | assigned
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('assigned_station_id', 'text')
      .addColumn('assigned_at', 'bigint')
      .addColumn('assigned_by', 'text')
      .execute();
    // The admin list: pending first, most recently seen first.
    await db.schema.createIndex('gateway_quarantine_status_seen_idx').on('gateway_quarantine').columns(['status', 'last_seen_at']).execute();

    await db.schema
      .createTable('gateway_quarantine_packets')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('quarantine_id', 'text', (col) => col.notNull().references('gateway_quarantine.id').onDelete('cascade'))
      .addColumn('received_at', 'bigint', (col) => col.notNull())
      // The whole frame as text (`##…CRC`), re-decoded when the MN is assigned.
      .addColumn('raw', 'text', (col) => col.notNull())
      .execute();
    // Re-ingestion on assignment reads one MN's packets in arrival order.
    await db.schema.createIndex('gateway_quarantine_packets_q_idx').on('gateway_quarantine_packets').columns(['quarantine_id', 'id']).execute();

    await db.schema
      .createTable('gateway_mn_assignments')
      .addColumn('mn', 'text', (col) => col.primaryKey())
      .addColumn('station_id', 'text', (col) => col.notNull().references('monitoring_stations.id'))
      .addColumn('assigned_at', 'bigint', (col) => col.notNull())
      .addColumn('assigned_by', 'text')
      .execute();

    await db.schema
      .createTable('gateway_bad_packets')
      // UUID v7: time-ordered, so pruning keeps the newest by id.
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('received_at', 'bigint', (col) => col.notNull())
      .addColumn('remote_address', 'text')
      .addColumn('mn', 'text')
      // Stable reason code (CRC_MISMATCH, LENGTH_OVER_CAP, FUTURE_DATATIME, …) and its message.
      .addColumn('reason', 'text', (col) => col.notNull())
      .addColumn('message', 'text', (col) => col.notNull())
      // Raw text (best effort for framing errors), at most a few KB.
      .addColumn('raw', 'text')
      .execute();
    // The admin list filters by MN.
    await db.schema.createIndex('gateway_bad_packets_mn_idx').on('gateway_bad_packets').columns(['mn', 'id']).execute();
  },

  async down(db) {
    await db.schema.dropTable('gateway_bad_packets').execute();
    await db.schema.dropTable('gateway_mn_assignments').execute();
    await db.schema.dropTable('gateway_quarantine_packets').execute();
    await db.schema.dropTable('gateway_quarantine').execute();
  },
};
