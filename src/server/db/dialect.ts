import { sql, type Expression, type RawBuilder, type SelectQueryBuilder } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/**
 * Every place where SQLite and PostgreSQL need different SQL goes through this object, so that
 * repositories stay dialect-free. See docs/architecture.md, "Two dialects".
 */
export interface DialectHelpers {
  name: DialectName;
  /** Case-insensitive substring match; `needle` is matched literally (no wildcards). */
  containsInsensitive(column: Expression<unknown>, needle: string): RawBuilder<boolean>;
  /** Row lock for read-modify-write on PostgreSQL; SQLite already has a single writer. */
  forUpdate<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /** True when `error` is a unique or primary-key violation. */
  isUniqueViolation(error: unknown): boolean;
  /** True when `error` is a foreign-key violation. */
  isForeignKeyViolation(error: unknown): boolean;
}

function escapeLike(needle: string): string {
  return needle.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

export function dialectHelpers(name: DialectName): DialectHelpers {
  return {
    name,
    containsInsensitive: (column, needle) =>
      sql<boolean>`lower(${column}) like ${`%${escapeLike(needle.toLowerCase())}%`} escape '\\'`,
    forUpdate: (query) => (name === 'postgres' ? query.forUpdate() : query),
    isUniqueViolation: (error) => {
      const code = errorCode(error);
      return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
    },
    isForeignKeyViolation: (error) => {
      const code = errorCode(error);
      return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
    },
  };
}
