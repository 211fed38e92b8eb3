import { sql } from 'kysely';
import type { PortableMigration } from '../migrator';

/**
 * Identity and access: organisations, users and their roles, browser sessions and personal API
 * tokens. Secrets (session cookies, token secrets) are stored only as SHA-256 digests; passwords
 * as scrypt hashes with a per-user salt.
 */
export const identity: PortableMigration = {
  name: '20261128-01-identity',

  async up(db) {
    await db.schema
      .createTable('organisations')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('name_en', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('division_code', 'text', (col) => col.notNull())
      .addColumn('province_code', 'text', (col) => col.notNull())
      .addColumn('uscc', 'text')
      .addColumn('parent_id', 'text', (col) => col.references('organisations.id'))
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();
    // Creating or renaming an organisation: names are unique (409 CONFLICT), and the demo seeder looks them up by name.
    await db.schema.createIndex('organisations_name_uq').on('organisations').column('name').unique().execute();
    // Creating or updating an organisation: one USCC names one body (NULLs do not collide on either dialect).
    await db.schema.createIndex('organisations_uscc_uq').on('organisations').column('uscc').unique().execute();
    // GET /organisations?provinceCode=&kind= and the home summary's "organisations in my province by kind".
    await db.schema.createIndex('organisations_province_kind_idx').on('organisations').columns(['province_code', 'kind']).execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('organisation_id', 'text', (col) => col.notNull().references('organisations.id'))
      .addColumn('username', 'text', (col) => col.notNull())
      .addColumn('display_name', 'text', (col) => col.notNull())
      .addColumn('email', 'text')
      .addColumn('password_hash', 'text', (col) => col.notNull())
      .addColumn('locale', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('failed_logins', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('locked_until', 'bigint')
      .addColumn('last_login_at', 'bigint')
      .addColumn('password_changed_at', 'bigint', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();
    // POST /auth/login looks a user up by lower(username); also makes usernames unique regardless of case.
    await db.schema
      .createIndex('users_username_lower_uq')
      .on('users')
      .expression(sql`lower(username)`)
      .unique()
      .execute();
    // GET /users?organisationId= and the home summary's user counts.
    await db.schema.createIndex('users_organisation_idx').on('users').column('organisation_id').execute();

    await db.schema
      .createTable('user_roles')
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
      .execute();
    // GET /users?role=: users holding one role.
    await db.schema.createIndex('user_roles_role_idx').on('user_roles').columns(['role', 'user_id']).execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('secret_hash', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('expires_at', 'bigint', (col) => col.notNull())
      .addColumn('last_seen_at', 'bigint', (col) => col.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    // Every cookie-authenticated request: the session by the digest of its cookie value.
    await db.schema.createIndex('sessions_secret_hash_uq').on('sessions').column('secret_hash').unique().execute();
    // POST /auth/logout-all, password resets and disabling a user end all of one user's sessions.
    await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
    // Purging expired sessions.
    await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();

    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('prefix', 'text', (col) => col.notNull())
      .addColumn('secret_hash', 'text', (col) => col.notNull())
      .addColumn('scopes', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('expires_at', 'bigint', (col) => col.notNull())
      .addColumn('revoked_at', 'bigint')
      .addColumn('last_used_at', 'bigint')
      .execute();
    // Every bearer-authenticated request: the token by the digest of its secret.
    await db.schema.createIndex('api_tokens_secret_hash_uq').on('api_tokens').column('secret_hash').unique().execute();
    // GET /tokens (own tokens, newest first) and the home summary's active-token count.
    await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').columns(['user_id', 'created_at']).execute();
  },

  async down(db) {
    await db.schema.dropTable('api_tokens').ifExists().execute();
    await db.schema.dropTable('sessions').ifExists().execute();
    await db.schema.dropTable('user_roles').ifExists().execute();
    await db.schema.dropTable('users').ifExists().execute();
    await db.schema.dropTable('organisations').ifExists().execute();
  },
};
