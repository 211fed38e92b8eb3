import type { ExpressionBuilder, Expression, Selectable, SqlBool, Updateable } from 'kysely';
import type { OrganisationKind } from '../../../contracts/identity';
import type { Executor } from '../../db/database';
import type { DialectHelpers } from '../../db/dialect';
import type { Database } from '../../db/schema';
import type { OrganisationsTable } from './identity.tables';

export type OrganisationRow = Selectable<OrganisationsTable>;

export interface OrganisationFilter {
  q?: string;
  kind?: OrganisationKind;
  provinceCode?: string;
  limit: number;
  offset: number;
}

/** All SQL on `organisations`. Every function takes the executor (database or transaction) first. */
export function createOrganisationRepository(dialect: Pick<DialectHelpers, 'containsInsensitive'>) {
  const matching = (filter: Omit<OrganisationFilter, 'limit' | 'offset'>) => (eb: ExpressionBuilder<Database, 'organisations'>) => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.kind !== undefined) conditions.push(eb('kind', '=', filter.kind));
    if (filter.provinceCode !== undefined) conditions.push(eb('province_code', '=', filter.provinceCode));
    if (filter.q !== undefined && filter.q.trim() !== '') {
      const q = filter.q.trim();
      conditions.push(
        eb.or([
          dialect.containsInsensitive(eb.ref('name'), q),
          dialect.containsInsensitive(eb.ref('name_en'), q),
          eb('division_code', '=', q),
          eb('uscc', '=', q.toUpperCase()),
        ]),
      );
    }
    return eb.and(conditions);
  };

  return {
    async findById(executor: Executor, id: string): Promise<OrganisationRow | undefined> {
      return executor.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async findByName(executor: Executor, name: string): Promise<OrganisationRow | undefined> {
      return executor.selectFrom('organisations').selectAll().where('name', '=', name).executeTakeFirst();
    },

    async findByIds(executor: Executor, ids: readonly string[]): Promise<OrganisationRow[]> {
      if (ids.length === 0) return [];
      return executor.selectFrom('organisations').selectAll().where('id', 'in', [...new Set(ids)]).execute();
    },

    /** One page in directory order (province, then division code, then name) and the total count. */
    async list(executor: Executor, filter: OrganisationFilter): Promise<{ rows: OrganisationRow[]; total: number }> {
      const where = matching(filter);
      const rows = await executor
        .selectFrom('organisations')
        .selectAll()
        .where(where)
        .orderBy('province_code')
        .orderBy('division_code')
        .orderBy('name')
        .orderBy('id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      const { total } = await executor
        .selectFrom('organisations')
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .where(where)
        .executeTakeFirstOrThrow();
      return { rows, total: Number(total) };
    },

    async count(executor: Executor): Promise<number> {
      const { total } = await executor
        .selectFrom('organisations')
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow();
      return Number(total);
    },

    /** Organisations per kind, within one province or (provinceCode null) the whole region. */
    async countByKind(executor: Executor, provinceCode: string | null): Promise<{ kind: OrganisationKind; count: number }[]> {
      let query = executor
        .selectFrom('organisations')
        .select((eb) => ['kind', eb.fn.countAll<number>().as('count')] as const)
        .groupBy('kind')
        .orderBy('kind');
      if (provinceCode !== null) query = query.where('province_code', '=', provinceCode);
      const rows = await query.execute();
      return rows.map((row) => ({ kind: row.kind, count: Number(row.count) }));
    },

    async insert(executor: Executor, row: OrganisationRow): Promise<void> {
      await executor.insertInto('organisations').values(row).execute();
    },

    async update(executor: Executor, id: string, patch: Updateable<OrganisationsTable>): Promise<void> {
      await executor.updateTable('organisations').set(patch).where('id', '=', id).execute();
    },
  };
}

export type OrganisationRepository = ReturnType<typeof createOrganisationRepository>;
