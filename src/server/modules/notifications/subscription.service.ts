import type { FollowRequest, Subscription, SubscriptionEvent } from '../../../contracts/notifications';
import { SUBSCRIPTION_EVENTS } from '../../../contracts/notifications';
import type { DatabaseHandle, Executor } from '../../db/database';
import type { Actor, RequestMeta } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { AppError, errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { ErrorCode } from '../../../contracts/errors';
import { canSeeDataset } from './notifications.policy';
import { presentDelivery, presentSubscription } from './notifications.presenter';
import { notificationsRepository as repo } from './notifications.repository';
import type { DatasetRef, NotificationsAudit, NotificationsDatasets } from './notifications.types';
import { newWebhookSecret } from './webhook.signing';
import { checkWebhookTarget } from './webhook.target';

export interface SubscriptionServiceDeps {
  database: DatabaseHandle;
  clock: Clock;
  audit: NotificationsAudit;
  datasets: NotificationsDatasets;
  allowPrivateTargets: boolean;
}

const TARGET_MESSAGES = {
  SCHEME: ['The webhook URL must be http(s) without user name or password', 'Webhook 地址必须为 http(s)，且不得包含用户名或密码'],
  CREDENTIALS: ['The webhook URL must be http(s) without user name or password', 'Webhook 地址必须为 http(s)，且不得包含用户名或密码'],
  UNRESOLVABLE: ['The webhook host name does not resolve', 'Webhook 主机名无法解析'],
  PRIVATE_ADDRESS: ['Webhooks cannot be sent to private or loopback addresses', 'Webhook 不能发送到内网或本机地址'],
} as const;

/** Following datasets (订阅) with an optional signed webhook. */
export function createSubscriptionService(deps: SubscriptionServiceDeps) {
  const { database, clock, audit, datasets } = deps;
  const db = database.db;

  async function visibleDataset(executor: Executor, actor: Actor, datasetId: string): Promise<DatasetRef> {
    const dataset = await datasets.getDataset(executor, datasetId);
    if (!dataset || !canSeeDataset(actor, dataset)) throw errors.notFound('Dataset', '数据集', datasetId);
    return dataset;
  }

  async function checkTarget(url: string): Promise<void> {
    const problem = await checkWebhookTarget(url, deps.allowPrivateTargets);
    if (problem) {
      const [en, zh] = TARGET_MESSAGES[problem];
      throw new AppError(ErrorCode.WebhookTargetRefused, 422, en, zh, { reason: problem });
    }
  }

  return {
    async followState(actor: Actor, datasetId: string) {
      const dataset = await visibleDataset(db, actor, datasetId);
      const [row, followers] = await Promise.all([repo.findSubscription(db, datasetId, actor.userId), repo.countFollowers(db, datasetId)]);
      return { following: row !== undefined, subscription: row ? presentSubscription(row, dataset) : null, followers };
    },

    /**
     * Follows a dataset, or changes an existing subscription. A new webhook URL gets a new
     * secret, returned only in this answer; keeping the URL keeps the secret.
     */
    async follow(actor: Actor, datasetId: string, input: FollowRequest, meta: RequestMeta): Promise<{ subscription: Subscription; webhookSecret: string | null }> {
      if (input.webhookUrl) await checkTarget(input.webhookUrl);
      return db.transaction().execute(async (trx) => {
        const dataset = await visibleDataset(trx, actor, datasetId);
        const events: SubscriptionEvent[] = input.events ?? [...SUBSCRIPTION_EVENTS];
        const existing = await repo.findSubscription(trx, datasetId, actor.userId);
        const url = input.webhookUrl === undefined ? (existing?.webhook_url ?? null) : input.webhookUrl;
        const secretIsNew = url !== null && url !== existing?.webhook_url;
        const secret = url === null ? null : secretIsNew ? newWebhookSecret() : (existing?.webhook_secret ?? newWebhookSecret());
        const set = { events: JSON.stringify(events), webhook_url: url, webhook_secret: secret };
        let id: string;
        if (existing) {
          id = existing.id;
          await repo.updateSubscription(trx, id, set);
        } else {
          id = newId(clock.now());
          await repo.insertSubscription(trx, { id, dataset_id: datasetId, user_id: actor.userId, organisation_id: actor.organisationId, created_at: clock.now(), ...set });
        }
        await audit.record(trx, {
          actor,
          action: existing ? 'subscription.update' : 'subscription.create',
          objectType: 'subscription',
          objectId: id,
          // The URL is recorded; the secret never is.
          after: { datasetId, events, webhookUrl: url },
          meta,
        });
        const row = await repo.findSubscriptionById(trx, id);
        return { subscription: presentSubscription(row!, dataset), webhookSecret: secretIsNew ? secret : null };
      });
    },

    async unfollow(actor: Actor, datasetId: string, meta: RequestMeta): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const existing = await repo.findSubscription(trx, datasetId, actor.userId);
        if (!existing) throw errors.notFound('Subscription', '订阅', datasetId);
        await repo.deleteSubscription(trx, existing.id);
        await audit.record(trx, { actor, action: 'subscription.delete', objectType: 'subscription', objectId: existing.id, before: { datasetId }, meta });
      });
    },

    async mine(actor: Actor): Promise<Subscription[]> {
      const rows = await repo.subscriptionsOfUser(db, actor.userId);
      return Promise.all(rows.map(async (row) => presentSubscription(row, await datasets.getDataset(db, row.dataset_id))));
    },

    async deliveries(actor: Actor, subscriptionId: string, page: { limit: number; offset: number }) {
      const subscription = await repo.findSubscriptionById(db, subscriptionId);
      // Someone else's subscription is answered as absent: its existence is not theirs to know.
      if (!subscription || subscription.user_id !== actor.userId) throw errors.notFound('Subscription', '订阅', subscriptionId);
      const { items, total } = await repo.deliveriesOf(db, subscriptionId, page.limit, page.offset);
      return { items: items.map(presentDelivery), total };
    },

    /** Queues a failed or delivered delivery again (same id, so receivers can dedupe). */
    async redeliver(actor: Actor, deliveryId: string, meta: RequestMeta) {
      return db.transaction().execute(async (trx) => {
        const delivery = await repo.findDelivery(trx, deliveryId);
        const subscription = delivery ? await repo.findSubscriptionById(trx, delivery.subscription_id) : undefined;
        if (!delivery || !subscription || subscription.user_id !== actor.userId) throw errors.notFound('Delivery', '推送记录', deliveryId);
        if (delivery.status === 'pending') throw errors.conflict('This delivery is already queued', '该推送已在队列中');
        await repo.recordAttempt(trx, deliveryId, { status: 'pending', attempts: 0, nextAttemptAt: clock.now(), statusCode: delivery.last_status_code, error: delivery.last_error, deliveredAt: null });
        await audit.record(trx, { actor, action: 'webhook.redeliver', objectType: 'webhook_delivery', objectId: deliveryId, meta });
        return presentDelivery((await repo.findDelivery(trx, deliveryId))!);
      });
    },
  };
}

export type SubscriptionService = ReturnType<typeof createSubscriptionService>;
