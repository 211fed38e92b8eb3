import type { Static } from 'typebox';
import type { DataErrorReport, Notification, Subscription, WebhookDelivery } from '../../../contracts/notifications';
import { toIso } from '../../platform/clock';
import type { DataErrorRow, DeliveryRow, NotificationRow, SubscriptionRow } from './notifications.repository';

export function presentSubscription(row: SubscriptionRow, dataset: { titleZh: string; titleEn: string } | undefined): Subscription {
  return { id: row.id, datasetId: row.dataset_id, datasetTitleZh: dataset?.titleZh ?? '', datasetTitleEn: dataset?.titleEn ?? '', events: JSON.parse(row.events) as Subscription['events'], webhookUrl: row.webhook_url, createdAt: toIso(row.created_at) };
}

export function presentDelivery(row: DeliveryRow): Static<typeof WebhookDelivery> {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: toIso(row.next_attempt_at),
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: toIso(row.created_at),
    deliveredAt: toIso(row.delivered_at),
  };
}

export function presentNotification(row: NotificationRow): Static<typeof Notification> {
  return { id: row.id, kind: row.kind, titleZh: row.title_zh, titleEn: row.title_en, link: row.link, datasetId: row.dataset_id, createdAt: toIso(row.created_at), read: row.read };
}

export function presentDataError(row: DataErrorRow, names: { datasetTitle: string; reporterOrganisationName: string }, overdue: boolean): DataErrorReport {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    datasetTitle: names.datasetTitle,
    releaseId: row.release_id,
    tableName: row.table_name,
    rowNo: row.row_no,
    field: row.field,
    description: row.description,
    reporterOrganisationId: row.reporter_organisation_id,
    reporterOrganisationName: names.reporterOrganisationName,
    ownerOrganisationId: row.owner_organisation_id,
    status: row.status,
    dueDate: row.due_date,
    overdue,
    response: row.response,
    createdAt: toIso(row.created_at),
    answeredAt: toIso(row.answered_at),
  };
}
