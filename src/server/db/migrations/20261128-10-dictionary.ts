import type { PortableMigration } from '../migrator';

/**
 * The data dictionary (标准统一): data elements and versioned code lists. Entries belong to one
 * version; a released version's entries are frozen except for retiring single codes.
 */
export const dictionary: PortableMigration = {
  name: '20261128-10-dictionary',

  async up(db) {
    await db.schema
      .createTable('data_elements')
      .addColumn('id', 'text', (col) => col.primaryKey())
      // 数据元编码, never changes
      .addColumn('code', 'text', (col) => col.notNull().unique())
      .addColumn('name_zh', 'text', (col) => col.notNull())
      .addColumn('name_en', 'text', (col) => col.notNull())
      .addColumn('definition', 'text')
      // one of the dataset-schema field types (string, decimal, code, point …)
      .addColumn('type', 'text', (col) => col.notNull())
      .addColumn('unit', 'text')
      .addColumn('min_value', 'double precision')
      .addColumn('max_value', 'double precision')
      .addColumn('max_length', 'integer')
      .addColumn('decimal_places', 'integer')
      // code of the code list the values come from (type code); not a FK so elements can be
      // drafted before their list
      .addColumn('code_list_code', 'text')
      .addColumn('revision', 'integer', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('code_lists')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('code', 'text', (col) => col.notNull().unique())
      .addColumn('name_zh', 'text', (col) => col.notNull())
      .addColumn('name_en', 'text', (col) => col.notNull())
      .addColumn('description', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('code_list_versions')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('code_list_id', 'text', (col) => col.notNull().references('code_lists.id'))
      .addColumn('version', 'text', (col) => col.notNull())
      // draft | released | retired
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('note', 'text')
      .addColumn('released_at', 'bigint')
      .addColumn('retired_at', 'bigint')
      // label of the version that replaces a retired one
      .addColumn('replaced_by', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addUniqueConstraint('code_list_versions_list_version_uq', ['code_list_id', 'version'])
      .execute();

    await db.schema
      .createTable('code_list_entries')
      .addColumn('version_id', 'text', (col) => col.notNull().references('code_list_versions.id').onDelete('cascade'))
      .addColumn('code', 'text', (col) => col.notNull())
      .addColumn('name_zh', 'text', (col) => col.notNull())
      .addColumn('name_en', 'text', (col) => col.notNull())
      .addColumn('parent_code', 'text')
      // keeps the order the standard lists the codes in
      .addColumn('position', 'integer', (col) => col.notNull())
      .addColumn('retired_at', 'bigint')
      .addColumn('replacement_code', 'text')
      .addPrimaryKeyConstraint('code_list_entries_pk', ['version_id', 'code'])
      .execute();
  },

  async down(db) {
    await db.schema.dropTable('code_list_entries').execute();
    await db.schema.dropTable('code_list_versions').execute();
    await db.schema.dropTable('code_lists').execute();
    await db.schema.dropTable('data_elements').execute();
  },
};
