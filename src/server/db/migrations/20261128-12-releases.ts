import type { PortableMigration } from '../migrator';

/**
 * Validated releases: uploads with their rows and validation results, releases frozen into
 * release rows, and the custodian's review thread with attachments.
 */
export const releases: PortableMigration = {
  name: '20261128-12-releases',

  async up(db) {
    await db.schema
      .createTable('uploads')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('dataset_id', 'text', (col) => col.notNull().references('datasets.id'))
      // 1, 2, 3 … per dataset: the order uploads apply in (two may share a millisecond).
      .addColumn('upload_no', 'integer', (col) => col.notNull())
      .addColumn('schema_id', 'text', (col) => col.notNull().references('dataset_schemas.id'))
      .addColumn('schema_version', 'integer', (col) => col.notNull())
      .addColumn('organisation_id', 'text', (col) => col.notNull().references('organisations.id'))
      .addColumn('uploaded_by', 'text', (col) => col.notNull())
      .addColumn('uploaded_by_name', 'text', (col) => col.notNull())
      .addColumn('channel', 'text', (col) => col.notNull())
      .addColumn('mode', 'text', (col) => col.notNull())
      .addColumn('file_name', 'text')
      .addColumn('byte_size', 'bigint', (col) => col.notNull())
      .addColumn('content_digest', 'text', (col) => col.notNull())
      .addColumn('tables', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('row_count', 'integer', (col) => col.notNull())
      .addColumn('problems', 'text', (col) => col.notNull())
      .addColumn('blocker_count', 'integer', (col) => col.notNull())
      .addColumn('error_count', 'integer', (col) => col.notNull())
      .addColumn('warning_count', 'integer', (col) => col.notNull())
      .addColumn('info_count', 'integer', (col) => col.notNull())
      // Points at releases, created below; kept without FK to avoid a cycle in the DDL order.
      .addColumn('release_id', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addUniqueConstraint('uploads_number_uq', ['dataset_id', 'upload_no'])
      .execute();
    // The draft collection: a dataset's pending uploads in order.
    await db.schema.createIndex('uploads_dataset_idx').on('uploads').columns(['dataset_id', 'status', 'upload_no']).execute();
    await db.schema.createIndex('uploads_release_idx').on('uploads').column('release_id').execute();

    await db.schema
      .createTable('upload_rows')
      .addColumn('upload_id', 'text', (col) => col.notNull().references('uploads.id'))
      .addColumn('table_name', 'text', (col) => col.notNull())
      .addColumn('row_no', 'integer', (col) => col.notNull())
      .addColumn('source_row', 'integer', (col) => col.notNull())
      .addColumn('data', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('upload_rows_pk', ['upload_id', 'table_name', 'row_no'])
      .execute();

    await db.schema
      .createTable('validation_results')
      .addColumn('upload_id', 'text', (col) => col.notNull().references('uploads.id'))
      .addColumn('seq', 'integer', (col) => col.notNull())
      .addColumn('table_name', 'text')
      .addColumn('source_row', 'integer')
      .addColumn('field', 'text')
      .addColumn('rule_code', 'text', (col) => col.notNull())
      .addColumn('severity', 'text', (col) => col.notNull())
      .addColumn('message', 'text', (col) => col.notNull())
      .addColumn('message_zh', 'text', (col) => col.notNull())
      .addColumn('value', 'text')
      .addPrimaryKeyConstraint('validation_results_pk', ['upload_id', 'seq'])
      .execute();
    await db.schema.createIndex('validation_results_severity_idx').on('validation_results').columns(['upload_id', 'severity', 'seq']).execute();

    await db.schema
      .createTable('releases')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('dataset_id', 'text', (col) => col.notNull().references('datasets.id'))
      .addColumn('schema_id', 'text', (col) => col.notNull().references('dataset_schemas.id'))
      .addColumn('schema_version', 'integer', (col) => col.notNull())
      .addColumn('sequence', 'integer', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('row_count', 'integer', (col) => col.notNull())
      .addColumn('table_counts', 'text', (col) => col.notNull())
      .addColumn('digest', 'text', (col) => col.notNull())
      .addColumn('receipt', 'text', (col) => col.notNull())
      .addColumn('receipt_signature', 'text')
      .addColumn('organisation_id', 'text', (col) => col.notNull().references('organisations.id'))
      .addColumn('submitted_by', 'text', (col) => col.notNull())
      .addColumn('submitted_by_name', 'text', (col) => col.notNull())
      .addColumn('submitted_at', 'bigint', (col) => col.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_by_name', 'text')
      .addColumn('decided_by_organisation_id', 'text')
      .addColumn('decided_at', 'bigint')
      .addColumn('superseded_at', 'bigint')
      // Two concurrent releases of one dataset cannot take the same number.
      .addUniqueConstraint('releases_sequence_uq', ['dataset_id', 'sequence'])
      .execute();
    // The custodian's inbox lists submitted releases; consumers ask for the latest accepted one.
    await db.schema.createIndex('releases_status_idx').on('releases').columns(['status', 'submitted_at']).execute();

    await db.schema
      .createTable('release_rows')
      .addColumn('release_id', 'text', (col) => col.notNull().references('releases.id'))
      .addColumn('table_name', 'text', (col) => col.notNull())
      .addColumn('row_no', 'integer', (col) => col.notNull())
      .addColumn('scope_code', 'text')
      .addColumn('data', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('release_rows_pk', ['release_id', 'table_name', 'row_no'])
      .execute();
    // A grant's row scope is a range of division codes: [320100, 320200) for one city.
    await db.schema.createIndex('release_rows_scope_idx').on('release_rows').columns(['release_id', 'table_name', 'scope_code', 'row_no']).execute();

    await db.schema
      .createTable('release_reviews')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('release_id', 'text', (col) => col.notNull().references('releases.id'))
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('author_user_id', 'text', (col) => col.notNull())
      .addColumn('author_name', 'text', (col) => col.notNull())
      .addColumn('author_organisation_id', 'text', (col) => col.notNull().references('organisations.id'))
      .addColumn('body', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('release_reviews_release_idx').on('release_reviews').columns(['release_id', 'created_at']).execute();

    await db.schema
      .createTable('release_attachments')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('release_id', 'text', (col) => col.notNull().references('releases.id'))
      .addColumn('review_id', 'text', (col) => col.notNull().references('release_reviews.id'))
      .addColumn('file_name', 'text', (col) => col.notNull())
      .addColumn('content_type', 'text', (col) => col.notNull())
      .addColumn('byte_size', 'integer', (col) => col.notNull())
      .addColumn('sha256', 'text', (col) => col.notNull())
      .addColumn('content', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('release_attachments_review_idx').on('release_attachments').column('review_id').execute();
  },

  async down(db) {
    await db.schema.dropTable('release_attachments').execute();
    await db.schema.dropTable('release_reviews').execute();
    await db.schema.dropTable('release_rows').execute();
    await db.schema.dropTable('releases').execute();
    await db.schema.dropTable('validation_results').execute();
    await db.schema.dropTable('upload_rows').execute();
    await db.schema.dropTable('uploads').execute();
  },
};
