export interface SubscriptionsTable {
  id: string;
  dataset_id: string;
  user_id: string;
  organisation_id: string;
  /** JSON array of SUBSCRIPTION_EVENTS. */
  events: string;
  webhook_url: string | null;
  webhook_secret: string | null;
  created_at: number;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDeliveriesTable {
  id: string;
  subscription_id: string;
  event: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

export interface NotificationsTable {
  id: string;
  recipient_user_id: string | null;
  recipient_organisation_id: string | null;
  required_permission: string | null;
  kind: string;
  title_zh: string;
  title_en: string;
  link: string | null;
  dataset_id: string | null;
  created_at: number;
}

export interface NotificationReadsTable {
  notification_id: string;
  user_id: string;
  read_at: number;
}

export interface DataErrorReportsTable {
  id: string;
  dataset_id: string;
  release_id: string | null;
  table_name: string | null;
  row_no: number | null;
  field: string | null;
  description: string;
  reporter_organisation_id: string;
  reporter_user_id: string;
  owner_organisation_id: string;
  status: 'open' | 'acknowledged' | 'resolved' | 'rejected';
  due_date: string;
  response: string | null;
  answered_by: string | null;
  created_at: number;
  answered_at: number | null;
}

export interface NotificationsTables {
  subscriptions: SubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  notifications: NotificationsTable;
  notification_reads: NotificationReadsTable;
  data_error_reports: DataErrorReportsTable;
}
