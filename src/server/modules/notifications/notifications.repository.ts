import type { Insertable, Selectable } from 'kysely';
import type { Permission } from '../../../contracts/identity';
import type { Executor } from '../../db/database';
import type { DataErrorReportsTable, DeliveryStatus, NotificationsTable, SubscriptionsTable, WebhookDeliveriesTable } from './notifications.tables';

export type SubscriptionRow = Selectable<SubscriptionsTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;
export type NotificationRow = Selectable<NotificationsTable> & { read: boolean };
export type DataErrorRow = Selectable<DataErrorReportsTable>;

/** Who is reading notifications: a user, their organisation and what they may do there. */
export interface Reader {
  userId: string;
  organisationId: string;
  permissions: ReadonlySet<Permission>;
}

function visibleTo(executor: Executor, reader: Reader) {
  const permissions = [...reader.permissions];
  return executor
    .selectFrom('notifications as n')
    .leftJoin('notification_reads as r', (join) => join.onRef('r.notification_id', '=', 'n.id').on('r.user_id', '=', reader.userId))
    .where((eb) =>
      eb.or([
        eb('n.recipient_user_id', '=', reader.userId),
        eb.and([
          eb('n.recipient_organisation_id', '=', reader.organisationId),
          permissions.length === 0 ? eb('n.required_permission', 'is', null) : eb.or([eb('n.required_permission', 'is', null), eb('n.required_permission', 'in', permissions)]),
        ]),
      ]),
    );
}

/** All SQL of the notifications module. Every function takes the executor first. */
export const notificationsRepository = {
  async insertSubscription(executor: Executor, row: Insertable<SubscriptionsTable>): Promise<void> {
    await executor.insertInto('subscriptions').values(row).execute();
  },

  async findSubscription(executor: Executor, datasetId: string, userId: string): Promise<SubscriptionRow | undefined> {
    return executor.selectFrom('subscriptions').selectAll().where('dataset_id', '=', datasetId).where('user_id', '=', userId).executeTakeFirst();
  },

  async findSubscriptionById(executor: Executor, id: string): Promise<SubscriptionRow | undefined> {
    return executor.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async updateSubscription(executor: Executor, id: string, set: Pick<SubscriptionsTable, 'events' | 'webhook_url' | 'webhook_secret'>): Promise<void> {
    await executor.updateTable('subscriptions').set(set).where('id', '=', id).execute();
  },

  async deleteSubscription(executor: Executor, id: string): Promise<void> {
    await executor.deleteFrom('subscriptions').where('id', '=', id).execute();
  },

  async subscriptionsOfUser(executor: Executor, userId: string): Promise<SubscriptionRow[]> {
    return executor.selectFrom('subscriptions').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
  },

  async subscriptionsOfDataset(executor: Executor, datasetId: string): Promise<SubscriptionRow[]> {
    return executor.selectFrom('subscriptions').selectAll().where('dataset_id', '=', datasetId).orderBy('id').execute();
  },

  async countFollowers(executor: Executor, datasetId: string): Promise<number> {
    const row = await executor.selectFrom('subscriptions').select((eb) => eb.fn.countAll<number>().as('n')).where('dataset_id', '=', datasetId).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async insertDeliveries(executor: Executor, rows: Insertable<WebhookDeliveriesTable>[]): Promise<void> {
    if (rows.length > 0) await executor.insertInto('webhook_deliveries').values(rows).execute();
  },

  /** Pending deliveries whose next attempt is due, oldest first. */
  async dueDeliveries(executor: Executor, now: number, limit: number): Promise<(DeliveryRow & { webhook_url: string | null; webhook_secret: string | null })[]> {
    return executor
      .selectFrom('webhook_deliveries as d')
      .innerJoin('subscriptions as s', 's.id', 'd.subscription_id')
      .selectAll('d')
      .select(['s.webhook_url', 's.webhook_secret'])
      .where('d.status', '=', 'pending')
      .where('d.next_attempt_at', '<=', now)
      .orderBy('d.next_attempt_at')
      .orderBy('d.id')
      .limit(limit)
      .execute();
  },

  async recordAttempt(
    executor: Executor,
    id: string,
    outcome: { status: DeliveryStatus; attempts: number; nextAttemptAt: number | null; statusCode: number | null; error: string | null; deliveredAt: number | null },
  ): Promise<void> {
    await executor
      .updateTable('webhook_deliveries')
      .set({
        status: outcome.status,
        attempts: outcome.attempts,
        next_attempt_at: outcome.nextAttemptAt,
        last_status_code: outcome.statusCode,
        last_error: outcome.error,
        delivered_at: outcome.deliveredAt,
      })
      .where('id', '=', id)
      .execute();
  },

  async findDelivery(executor: Executor, id: string): Promise<DeliveryRow | undefined> {
    return executor.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async deliveriesOf(executor: Executor, subscriptionId: string, limit: number, offset: number): Promise<{ items: DeliveryRow[]; total: number }> {
    const base = executor.selectFrom('webhook_deliveries').where('subscription_id', '=', subscriptionId);
    const [items, count] = await Promise.all([
      base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  async insertNotifications(executor: Executor, rows: Insertable<NotificationsTable>[]): Promise<void> {
    if (rows.length > 0) await executor.insertInto('notifications').values(rows).execute();
  },

  /** Notifications addressed to the reader, or to their organisation for a permission they hold. */
  async notificationsFor(executor: Executor, reader: Reader, options: { unreadOnly: boolean; limit: number; offset: number }) {
    const visible = visibleTo(executor, reader);
    const filtered = options.unreadOnly ? visible.where('r.read_at', 'is', null) : visible;
    const [rows, total, unread] = await Promise.all([
      filtered.selectAll('n').select('r.read_at').orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(options.limit).offset(options.offset).execute(),
      filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      visible.where('r.read_at', 'is', null).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const items: NotificationRow[] = rows.map(({ read_at, ...row }) => ({ ...row, read: read_at !== null }));
    return { items, total: Number(total.n), unread: Number(unread.n) };
  },

  /** Of `ids` (or of everything when null), those the reader can see and has not read yet. */
  async unreadIdsFor(executor: Executor, reader: Reader, ids: readonly string[] | null): Promise<string[]> {
    let query = visibleTo(executor, reader).where('r.read_at', 'is', null);
    if (ids !== null) {
      if (ids.length === 0) return [];
      query = query.where('n.id', 'in', ids);
    }
    return (await query.select('n.id').execute()).map((row) => row.id);
  },

  /** Of `ids`, those the reader can see (read or not). */
  async visibleIdsFor(executor: Executor, reader: Reader, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    return (await visibleTo(executor, reader).where('n.id', 'in', ids).select('n.id').execute()).map((row) => row.id);
  },

  /** Call with unread ids only (see unreadIdsFor), inside a transaction. */
  async markRead(executor: Executor, notificationIds: readonly string[], userId: string, now: number): Promise<void> {
    // Chunks keep the statement under SQLite's bound-parameter limit.
    for (let start = 0; start < notificationIds.length; start += 300) {
      const chunk = notificationIds.slice(start, start + 300);
      await executor.insertInto('notification_reads').values(chunk.map((id) => ({ notification_id: id, user_id: userId, read_at: now }))).execute();
    }
  },

  async insertDataError(executor: Executor, row: Insertable<DataErrorReportsTable>): Promise<void> {
    await executor.insertInto('data_error_reports').values(row).execute();
  },

  async findDataError(executor: Executor, id: string): Promise<DataErrorRow | undefined> {
    return executor.selectFrom('data_error_reports').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async answerDataError(executor: Executor, id: string, set: Pick<DataErrorReportsTable, 'status' | 'response' | 'answered_by' | 'answered_at'>): Promise<void> {
    await executor.updateTable('data_error_reports').set(set).where('id', '=', id).execute();
  },

  async listDataErrors(
    executor: Executor,
    filter: { ownerOrganisationId?: string; reporterOrganisationId?: string; datasetId?: string; status?: DataErrorRow['status']; limit: number; offset: number },
  ): Promise<{ items: DataErrorRow[]; total: number }> {
    let base = executor.selectFrom('data_error_reports');
    if (filter.ownerOrganisationId !== undefined) base = base.where('owner_organisation_id', '=', filter.ownerOrganisationId);
    if (filter.reporterOrganisationId !== undefined) base = base.where('reporter_organisation_id', '=', filter.reporterOrganisationId);
    if (filter.datasetId !== undefined) base = base.where('dataset_id', '=', filter.datasetId);
    if (filter.status !== undefined) base = base.where('status', '=', filter.status);
    const [items, count] = await Promise.all([
      base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },
};
