import type { PortableMigration } from '../migrator';

/**
 * Dataset subscriptions (with optional signed webhooks and their delivery history), in-app
 * notifications addressed to a user or to an organisation's holders of a permission, and
 * data-error reports (数据纠错) routed to the dataset owner.
 */
export const notifications: PortableMigration = {
  name: '20261128-14-notifications',

  async up(db) {
    await db.schema
      .createTable('subscriptions')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('dataset_id', 'text', (col) => col.notNull().references('datasets.id'))
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
      .addColumn('organisation_id', 'text', (col) => col.notNull().references('organisations.id'))
      // JSON array of SUBSCRIPTION_EVENTS.
      .addColumn('events', 'text', (col) => col.notNull())
      .addColumn('webhook_url', 'text')
      // The HMAC key is needed in clear to sign each delivery; it is shown to the subscriber once.
      .addColumn('webhook_secret', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addUniqueConstraint('subscriptions_dataset_user_uq', ['dataset_id', 'user_id'])
      .execute();
    await db.schema.createIndex('subscriptions_user_idx').on('subscriptions').columns(['user_id', 'created_at']).execute();

    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('subscription_id', 'text', (col) => col.notNull().references('subscriptions.id').onDelete('cascade'))
      .addColumn('event', 'text', (col) => col.notNull())
      // The exact JSON body sent on every attempt, so the signature covers what was stored.
      .addColumn('payload', 'text', (col) => col.notNull())
      // pending | delivered | failed
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull())
      .addColumn('next_attempt_at', 'bigint')
      .addColumn('last_status_code', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('delivered_at', 'bigint')
      .execute();
    // The dispatcher picks due pending deliveries in time order.
    await db.schema.createIndex('webhook_deliveries_due_idx').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('webhook_deliveries_sub_idx').on('webhook_deliveries').columns(['subscription_id', 'created_at']).execute();

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (col) => col.primaryKey())
      // Either one user, or every user of an organisation holding `required_permission`.
      .addColumn('recipient_user_id', 'text', (col) => col.references('users.id'))
      .addColumn('recipient_organisation_id', 'text', (col) => col.references('organisations.id'))
      .addColumn('required_permission', 'text')
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('title_zh', 'text', (col) => col.notNull())
      .addColumn('title_en', 'text', (col) => col.notNull())
      .addColumn('link', 'text')
      .addColumn('dataset_id', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['recipient_user_id', 'created_at']).execute();
    await db.schema.createIndex('notifications_org_idx').on('notifications').columns(['recipient_organisation_id', 'created_at']).execute();

    await db.schema
      .createTable('notification_reads')
      .addColumn('notification_id', 'text', (col) => col.notNull().references('notifications.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
      .addColumn('read_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('notification_reads_pk', ['notification_id', 'user_id'])
      .execute();

    await db.schema
      .createTable('data_error_reports')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('dataset_id', 'text', (col) => col.notNull().references('datasets.id'))
      .addColumn('release_id', 'text')
      .addColumn('table_name', 'text')
      .addColumn('row_no', 'integer')
      .addColumn('field', 'text')
      .addColumn('description', 'text', (col) => col.notNull())
      .addColumn('reporter_organisation_id', 'text', (col) => col.notNull().references('organisations.id'))
      .addColumn('reporter_user_id', 'text', (col) => col.notNull().references('users.id'))
      .addColumn('owner_organisation_id', 'text', (col) => col.notNull().references('organisations.id'))
      // open | acknowledged | resolved | rejected
      .addColumn('status', 'text', (col) => col.notNull())
      // Beijing date YYYY-MM-DD, computed in working days when filed.
      .addColumn('due_date', 'text', (col) => col.notNull())
      .addColumn('response', 'text')
      .addColumn('answered_by', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('answered_at', 'bigint')
      .execute();
    await db.schema.createIndex('data_error_reports_owner_idx').on('data_error_reports').columns(['owner_organisation_id', 'status', 'created_at']).execute();
    await db.schema.createIndex('data_error_reports_reporter_idx').on('data_error_reports').columns(['reporter_organisation_id', 'created_at']).execute();
    await db.schema.createIndex('data_error_reports_dataset_idx').on('data_error_reports').columns(['dataset_id', 'created_at']).execute();
  },

  async down(db) {
    await db.schema.dropTable('data_error_reports').execute();
    await db.schema.dropTable('notification_reads').execute();
    await db.schema.dropTable('notifications').execute();
    await db.schema.dropTable('webhook_deliveries').execute();
    await db.schema.dropTable('subscriptions').execute();
  },
};
