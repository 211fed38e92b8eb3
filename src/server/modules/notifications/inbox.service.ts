import type { Insertable } from 'kysely';
import type { Permission } from '../../../contracts/identity';
import type { SubscriptionEvent } from '../../../contracts/notifications';
import type { DatabaseHandle, Executor } from '../../db/database';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { errors } from '../../platform/errors';
import type { DomainEvents, EventBus } from '../../platform/events';
import { newId } from '../../platform/ids';
import { presentNotification } from './notifications.presenter';
import { notificationsRepository as repo } from './notifications.repository';
import type { NotificationsTable, WebhookDeliveriesTable } from './notifications.tables';
import type { DatasetRef, NotificationsDatasets } from './notifications.types';

export interface InboxDeps {
  database: DatabaseHandle;
  clock: Clock;
  datasets: NotificationsDatasets;
}

/** Where the web shows a dataset (the catalog feature's dataset page). */
export const datasetLink = (datasetId: string) => `/sharing/datasets/${datasetId}`;

interface Message {
  kind: string;
  zh: string;
  en: string;
  link: string | null;
  datasetId: string | null;
}

type Recipient = { userId: string } | { organisationId: string; permission: Permission };

/**
 * In-app notifications (站内通知) and webhook deliveries, made from domain events after the
 * change they describe has committed. Each reaction writes its notifications and deliveries in
 * one transaction.
 */
export function createInboxService(deps: InboxDeps) {
  const { database, clock, datasets } = deps;
  const db = database.db;

  function notificationRows(recipients: Recipient[], message: Message): Insertable<NotificationsTable>[] {
    const now = clock.now();
    return recipients.map((recipient) => ({
      id: newId(now),
      recipient_user_id: 'userId' in recipient ? recipient.userId : null,
      recipient_organisation_id: 'organisationId' in recipient ? recipient.organisationId : null,
      required_permission: 'permission' in recipient ? recipient.permission : null,
      kind: message.kind,
      title_zh: message.zh,
      title_en: message.en,
      link: message.link,
      dataset_id: message.datasetId,
      created_at: now,
    }));
  }

  /** Notifies an organisation's holders of a permission (e.g. the deciders of access requests). */
  async function toOrganisation(organisationId: string, permission: Permission, message: Message): Promise<void> {
    await repo.insertNotifications(db, notificationRows([{ organisationId, permission }], message));
  }

  /** Notifies a dataset's followers who asked for `event`, and queues their webhooks. */
  async function toFollowers(dataset: DatasetRef, event: SubscriptionEvent, message: Message, payload: Record<string, unknown>): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const subscribers = (await repo.subscriptionsOfDataset(trx, dataset.id)).filter((row) => (JSON.parse(row.events) as string[]).includes(event));
      await repo.insertNotifications(trx, notificationRows(subscribers.map((row) => ({ userId: row.user_id })), message));
      const now = clock.now();
      const deliveries: Insertable<WebhookDeliveriesTable>[] = subscribers
        .filter((row) => row.webhook_url !== null)
        .map((row) => {
          const id = newId(now);
          const body = { id, event, occurredAt: new Date(now).toISOString(), dataset: { id: dataset.id, code: dataset.code, title: dataset.titleZh, titleEn: dataset.titleEn }, ...payload };
          return { id, subscription_id: row.id, event, payload: JSON.stringify(body), status: 'pending', attempts: 0, next_attempt_at: now, last_status_code: null, last_error: null, created_at: now, delivered_at: null };
        });
      await repo.insertDeliveries(trx, deliveries);
    });
  }

  async function datasetOf(executor: Executor, id: string): Promise<DatasetRef | undefined> {
    return datasets.getDataset(executor, id);
  }

  const reactions: { [E in keyof DomainEvents]?: (event: DomainEvents[E]) => Promise<void> } = {
    'release.accepted': async (event) => {
      const dataset = await datasetOf(db, event.datasetId);
      if (!dataset) return;
      await toFollowers(
        dataset,
        'release.accepted',
        { kind: 'release.accepted', zh: `「${dataset.titleZh}」发布了第 ${event.sequence} 版数据（${event.rowCount} 行）`, en: `“${dataset.titleEn}” released version ${event.sequence} (${event.rowCount} rows)`, link: datasetLink(dataset.id), datasetId: dataset.id },
        { release: { id: event.releaseId, sequence: event.sequence, rowCount: event.rowCount } },
      );
      await toOrganisation(dataset.ownerOrganisationId, 'data:submit', { kind: 'release.accepted.owner', zh: `「${dataset.titleZh}」第 ${event.sequence} 版已通过审核`, en: `Release ${event.sequence} of “${dataset.titleEn}” was accepted`, link: datasetLink(dataset.id), datasetId: dataset.id });
    },
    'schema.published': async (event) => {
      const dataset = await datasetOf(db, event.datasetId);
      if (!dataset) return;
      await toFollowers(
        dataset,
        'schema.published',
        { kind: 'schema.published', zh: `「${dataset.titleZh}」发布了数据结构第 ${event.version} 版`, en: `“${dataset.titleEn}” published schema version ${event.version}`, link: datasetLink(dataset.id), datasetId: dataset.id },
        { schema: { id: event.schemaId, version: event.version } },
      );
    },
    'dataset.updated': async (event) => {
      const dataset = await datasetOf(db, event.datasetId);
      if (!dataset || dataset.status === 'draft') return;
      await toFollowers(
        dataset,
        'dataset.updated',
        { kind: 'dataset.updated', zh: `「${dataset.titleZh}」的目录信息已更新`, en: `The catalog entry of “${dataset.titleEn}” changed`, link: datasetLink(dataset.id), datasetId: dataset.id },
        { changedFields: event.changedFields },
      );
    },
    'release.submitted': async (event) => {
      const dataset = await datasetOf(db, event.datasetId);
      if (!dataset) return;
      await toOrganisation(event.custodianOrganisationId, 'data:review', { kind: 'release.submitted', zh: `「${dataset.titleZh}」提交了新版本，待审核`, en: `A release of “${dataset.titleEn}” awaits review`, link: '/sharing/review', datasetId: dataset.id });
    },
    'release.correction_requested': async (event) => {
      const dataset = await datasetOf(db, event.datasetId);
      if (!dataset) return;
      await toOrganisation(event.ownerOrganisationId, 'data:submit', { kind: 'release.correction_requested', zh: `「${dataset.titleZh}」的发布被退回修改`, en: `Corrections were requested for a release of “${dataset.titleEn}”`, link: datasetLink(dataset.id), datasetId: dataset.id });
    },
    'access.requested': async (event) => {
      const dataset = await datasetOf(db, event.datasetId);
      if (!dataset) return;
      await toOrganisation(event.decidingOrganisationId, 'access:decide', { kind: 'access.requested', zh: `收到「${dataset.titleZh}」的共享申请`, en: `New access request for “${dataset.titleEn}”`, link: `/sharing/requests/${event.requestId}`, datasetId: dataset.id });
    },
    'access.decided': async (event) => {
      const dataset = await datasetOf(db, event.datasetId);
      if (!dataset) return;
      await toOrganisation(event.requestingOrganisationId, 'access:request', { kind: 'access.decided', zh: `「${dataset.titleZh}」的共享申请已答复`, en: `Your access request for “${dataset.titleEn}” was answered`, link: `/sharing/requests/${event.requestId}`, datasetId: dataset.id });
    },
    'grant.revoked': async (event) => {
      const dataset = await datasetOf(db, event.datasetId);
      if (!dataset) return;
      await toOrganisation(event.granteeOrganisationId, 'data:read', { kind: 'grant.revoked', zh: `「${dataset.titleZh}」的共享授权已被撤销`, en: `Access to “${dataset.titleEn}” was revoked`, link: '/sharing/grants', datasetId: dataset.id });
    },
  };

  return {
    /** Subscribes the reactions to the bus; returns the unsubscribe function. */
    listen(events: EventBus): () => void {
      const offs = (Object.keys(reactions) as (keyof DomainEvents)[]).map((name) => events.on(name, reactions[name] as (event: DomainEvents[typeof name]) => Promise<void>));
      return () => offs.forEach((off) => off());
    },

    /** Adds a notification inside the caller's transaction (for writes made by this module). */
    async notifyOrganisationIn(executor: Executor, organisationId: string, permission: Permission, message: Message): Promise<void> {
      await repo.insertNotifications(executor, notificationRows([{ organisationId, permission }], message));
    },

    async list(actor: Actor, options: { unreadOnly: boolean; limit: number; offset: number }) {
      const page = await repo.notificationsFor(db, { userId: actor.userId, organisationId: actor.organisationId, permissions: actor.permissions }, options);
      return { items: page.items.map(presentNotification), total: page.total, unread: page.unread };
    },

    /** Marks the given notifications read (or all the reader's unread ones). */
    async markRead(actor: Actor, ids: readonly string[] | 'all'): Promise<void> {
      const reader = { userId: actor.userId, organisationId: actor.organisationId, permissions: actor.permissions };
      await db.transaction().execute(async (trx) => {
        if (ids !== 'all') {
          // Only notifications the reader can see may be marked; others are answered as absent.
          const visible = new Set(await repo.visibleIdsFor(trx, reader, ids));
          const missing = ids.find((id) => !visible.has(id));
          if (missing !== undefined) throw errors.notFound('Notification', '通知', missing);
        }
        const unread = await repo.unreadIdsFor(trx, reader, ids === 'all' ? null : ids);
        await repo.markRead(trx, unread, actor.userId, clock.now());
      });
    },
  };
}

export type InboxService = ReturnType<typeof createInboxService>;
