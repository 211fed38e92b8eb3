/**
 * The notifications module's only public surface: following datasets with signed webhooks,
 * in-app notifications made from domain events, and data-error reports (数据纠错).
 */
import type { DatabaseHandle } from '../../db/database';
import type { Clock } from '../../platform/clock';
import type { EventBus } from '../../platform/events';
import type { Logger } from '../../platform/logger';
import { createDataErrorService, type DataErrorService } from './data-error.service';
import { createInboxService, type InboxService } from './inbox.service';
import type { NotificationsAudit, NotificationsCalendar, NotificationsDatasets } from './notifications.types';
import { createSubscriptionService, type SubscriptionService } from './subscription.service';
import { createWebhookDispatcher, type WebhookDispatcher, type WebhookSettings } from './webhook.dispatcher';

export interface NotificationsDeps {
  database: DatabaseHandle;
  clock: Clock;
  logger: Logger;
  audit: NotificationsAudit;
  events: EventBus;
  datasets: NotificationsDatasets;
  calendar: NotificationsCalendar;
  organisationName(id: string): Promise<string>;
  webhooks: WebhookSettings;
  dataErrorReplyWorkingDays: number;
}

export interface NotificationsModule {
  subscriptions: SubscriptionService;
  inbox: InboxService;
  dataErrors: DataErrorService;
  webhooks: WebhookDispatcher;
  /** Starts listening to domain events and sending webhooks. */
  start(): void;
  stop(): Promise<void>;
}

export function createNotificationsModule(deps: NotificationsDeps): NotificationsModule {
  const inbox = createInboxService(deps);
  const subscriptions = createSubscriptionService({ ...deps, allowPrivateTargets: deps.webhooks.allowPrivateTargets });
  const dataErrors = createDataErrorService({ ...deps, inbox, replyWorkingDays: deps.dataErrorReplyWorkingDays });
  const webhooks = createWebhookDispatcher({ database: deps.database, clock: deps.clock, logger: deps.logger, settings: deps.webhooks });
  let unlisten: (() => void) | undefined;
  return {
    subscriptions,
    inbox,
    dataErrors,
    webhooks,
    start() {
      unlisten ??= inbox.listen(deps.events);
      webhooks.start();
    },
    async stop() {
      unlisten?.();
      unlisten = undefined;
      await webhooks.stop();
    },
  };
}

export { registerNotificationsRoutes } from './notifications.routes';
export { DEFAULT_WEBHOOK_SETTINGS, retryDelay, type WebhookSettings } from './webhook.dispatcher';
export { verifyWebhook, signatureHeader, SIGNATURE_HEADER, DELIVERY_HEADER, EVENT_HEADER } from './webhook.signing';
export type { DatasetRef, NotificationsDatasets } from './notifications.types';
