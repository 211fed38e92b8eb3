import type { PortableMigration } from '../migrator';

/**
 * The catalog (动态管理): datasets with the national guide's core metadata, their schema
 * versions, data duties (报送义务) and the activity history of each dataset.
 */
export const catalog: PortableMigration = {
  name: '20261128-11-catalog',

  async up(db) {
    await db.schema
      .createTable('datasets')
      .addColumn('id', 'text', (col) => col.primaryKey())
      // 信息资源代码: unique, fixed once published.
      .addColumn('code', 'text', (col) => col.notNull().unique())
      .addColumn('local_code', 'text')
      .addColumn('classification', 'text', (col) => col.notNull())
      .addColumn('title_zh', 'text', (col) => col.notNull())
      .addColumn('title_en', 'text', (col) => col.notNull())
      .addColumn('description_zh', 'text', (col) => col.notNull())
      .addColumn('description_en', 'text', (col) => col.notNull())
      .addColumn('owner_organisation_id', 'text', (col) => col.notNull().references('organisations.id'))
      .addColumn('owner_province_code', 'text', (col) => col.notNull())
      .addColumn('provider_name', 'text', (col) => col.notNull())
      .addColumn('provider_code', 'text')
      .addColumn('custodian_organisation_id', 'text', (col) => col.notNull().references('organisations.id'))
      .addColumn('theme', 'text', (col) => col.notNull())
      .addColumn('keywords', 'text', (col) => col.notNull())
      .addColumn('spatial_coverage', 'text', (col) => col.notNull())
      .addColumn('temporal_start', 'bigint')
      .addColumn('temporal_end', 'bigint')
      .addColumn('format_category', 'text', (col) => col.notNull())
      .addColumn('format_type', 'text', (col) => col.notNull())
      // unconditional | conditional | not_shared
      .addColumn('sharing_type', 'text', (col) => col.notNull())
      .addColumn('sharing_condition', 'text')
      .addColumn('sharing_mode', 'text', (col) => col.notNull())
      .addColumn('sharing_channel', 'text')
      .addColumn('openness_type', 'text', (col) => col.notNull())
      .addColumn('openness_condition', 'text')
      .addColumn('update_cycle', 'text', (col) => col.notNull())
      .addColumn('update_cycle_note', 'text')
      // core | important | general (GB/T 43697), independent of the sharing type
      .addColumn('security_grade', 'text', (col) => col.notNull())
      .addColumn('licence', 'text', (col) => col.notNull())
      .addColumn('use_terms', 'text', (col) => col.notNull())
      .addColumn('related_codes', 'text', (col) => col.notNull())
      // draft | published | deprecated
      .addColumn('status', 'text', (col) => col.notNull())
      // Points at dataset_schemas; no FK because the two tables reference each other.
      .addColumn('current_schema_id', 'text')
      .addColumn('published_at', 'bigint')
      .addColumn('last_release_at', 'bigint')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();
    // Faceted search filters by status first, then owner ("my datasets") and province.
    await db.schema.createIndex('datasets_status_idx').on('datasets').columns(['status', 'owner_province_code']).execute();
    await db.schema.createIndex('datasets_owner_idx').on('datasets').column('owner_organisation_id').execute();

    await db.schema
      .createTable('dataset_schemas')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('dataset_id', 'text', (col) => col.notNull().references('datasets.id'))
      .addColumn('version', 'integer', (col) => col.notNull())
      // draft | published
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('definition', 'text', (col) => col.notNull())
      .addColumn('migration_note', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('published_at', 'bigint')
      .addUniqueConstraint('dataset_schemas_version_uq', ['dataset_id', 'version'])
      .execute();

    await db.schema
      .createTable('data_duties')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('dataset_id', 'text', (col) => col.notNull().references('datasets.id'))
      .addColumn('organisation_id', 'text', (col) => col.notNull().references('organisations.id'))
      .addColumn('cycle', 'text', (col) => col.notNull())
      .addColumn('first_due_at', 'bigint', (col) => col.notNull())
      .addColumn('note', 'text')
      // active | ended
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('data_duties_dataset_idx').on('data_duties').column('dataset_id').execute();
    await db.schema.createIndex('data_duties_organisation_idx').on('data_duties').column('organisation_id').execute();

    await db.schema
      .createTable('dataset_activity')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('dataset_id', 'text', (col) => col.notNull().references('datasets.id'))
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('actor_user_id', 'text')
      .addColumn('actor_name', 'text')
      .addColumn('actor_organisation_id', 'text')
      .addColumn('summary', 'text', (col) => col.notNull())
      .addColumn('details', 'text', (col) => col.notNull())
      .addColumn('occurred_at', 'bigint', (col) => col.notNull())
      .execute();
    // History pages newest first per dataset; ids are time-ordered UUIDv7 so they break ties.
    await db.schema.createIndex('dataset_activity_dataset_idx').on('dataset_activity').columns(['dataset_id', 'occurred_at', 'id']).execute();
  },

  async down(db) {
    await db.schema.dropTable('dataset_activity').execute();
    await db.schema.dropTable('data_duties').execute();
    await db.schema.dropTable('dataset_schemas').execute();
    await db.schema.dropTable('datasets').execute();
  },
};
