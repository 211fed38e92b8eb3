import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db/database';
import type { ExchangeLogTable } from './access.tables';

export type ExchangeRow = Selectable<ExchangeLogTable>;

export interface ExchangeFilter {
  side: 'owner' | 'consumer';
  organisationId: string;
  datasetId?: string;
}

function filtered(executor: Executor, filter: ExchangeFilter) {
  let query = executor.selectFrom('exchange_log').where(filter.side === 'owner' ? 'owner_organisation_id' : 'consumer_organisation_id', '=', filter.organisationId);
  if (filter.datasetId !== undefined) query = query.where('dataset_id', '=', filter.datasetId);
  return query;
}

/** All SQL on exchange_log and exchange_log_head. */
export const exchangeRepository = {
  /** Moves the head one forward (locking it until commit) and returns the new seq and the previous hash. */
  async advanceHead(executor: Executor): Promise<{ seq: number; prevHash: string }> {
    const row = await executor
      .updateTable('exchange_log_head')
      .set((eb) => ({ seq: eb('seq', '+', 1) }))
      .where('id', '=', 1)
      .returning(['seq', 'hash'])
      .executeTakeFirst();
    if (row === undefined) throw new Error('The exchange log head row is missing; the exchange log cannot be appended to');
    return { seq: Number(row.seq), prevHash: row.hash };
  },

  async setHeadHash(executor: Executor, seq: number, hash: string): Promise<void> {
    const result = await executor.updateTable('exchange_log_head').set({ hash }).where('id', '=', 1).where('seq', '=', seq).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Error(`The exchange log head moved away from seq ${seq} inside this transaction`);
  },

  async readHead(executor: Executor): Promise<{ seq: number; hash: string } | undefined> {
    const row = await executor.selectFrom('exchange_log_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
    return row === undefined ? undefined : { seq: Number(row.seq), hash: row.hash };
  },

  async insert(executor: Executor, row: Insertable<ExchangeLogTable>): Promise<void> {
    await executor.insertInto('exchange_log').values(row).execute();
  },

  async findById(executor: Executor, id: string): Promise<ExchangeRow | undefined> {
    return executor.selectFrom('exchange_log').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async list(executor: Executor, filter: ExchangeFilter, page: { limit: number; offset: number }): Promise<{ rows: ExchangeRow[]; total: number }> {
    const [rows, count] = await Promise.all([
      filtered(executor, filter).selectAll().orderBy('seq', 'desc').limit(page.limit).offset(page.offset).execute(),
      filtered(executor, filter).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.total) };
  },

  /** Reads, rows and last read per consumer organisation and dataset (owner's "who pulled what, how often"). */
  async perConsumer(executor: Executor, filter: ExchangeFilter) {
    const rows = await filtered(executor, filter)
      .select((eb) => [
        'consumer_organisation_id',
        'dataset_id',
        eb.fn.countAll<number>().as('reads'),
        eb.fn.sum<number>('row_count').as('rows'),
        eb.fn.max<number>('occurred_at').as('last_at'),
      ])
      .groupBy(['consumer_organisation_id', 'dataset_id'])
      .orderBy('consumer_organisation_id')
      .orderBy('dataset_id')
      .execute();
    return rows.map((row) => ({
      consumerOrganisationId: row.consumer_organisation_id,
      datasetId: row.dataset_id,
      reads: Number(row.reads),
      rows: Number(row.rows),
      lastAt: Number(row.last_at),
    }));
  },

  async chainPage(executor: Executor, afterSeq: number, upToSeq: number, limit: number): Promise<ExchangeRow[]> {
    return executor.selectFrom('exchange_log').selectAll().where('seq', '>', afterSeq).where('seq', '<=', upToSeq).orderBy('seq', 'asc').limit(limit).execute();
  },
};
