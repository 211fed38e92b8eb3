import { Type, type Static } from 'typebox';
import { Id, Instant, Page, PageQuery, StringEnum, Text } from './common';

/**
 * Following datasets (订阅), in-app notifications (站内通知), signed webhooks and data-error
 * reports (数据纠错). See docs/sharing.md.
 */

/** What a subscriber can be told about a dataset. */
export const SUBSCRIPTION_EVENTS = ['release.accepted', 'schema.published', 'dataset.updated'] as const;
export type SubscriptionEvent = (typeof SUBSCRIPTION_EVENTS)[number];

export const Subscription = Type.Object({
  id: Id,
  datasetId: Id,
  datasetTitleZh: Type.String(),
  datasetTitleEn: Type.String(),
  events: Type.Array(StringEnum(SUBSCRIPTION_EVENTS)),
  /** Null when the subscriber only wants in-app notifications. */
  webhookUrl: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
});
export type Subscription = Static<typeof Subscription>;

/** Returned once, at creation or rotation: the HMAC key the receiver verifies deliveries with. */
export const SubscriptionWithSecret = Type.Object({
  subscription: Subscription,
  webhookSecret: Type.Union([Type.String(), Type.Null()]),
});

export const WebhookUrl = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 500 });

export const FollowRequest = Type.Object(
  {
    events: Type.Optional(Type.Array(StringEnum(SUBSCRIPTION_EVENTS), { minItems: 1, uniqueItems: true })),
    webhookUrl: Type.Optional(Type.Union([WebhookUrl, Type.Null()])),
  },
  { additionalProperties: false },
);
export type FollowRequest = Static<typeof FollowRequest>;

export const FollowState = Type.Object({
  following: Type.Boolean(),
  subscription: Type.Union([Subscription, Type.Null()]),
  followers: Type.Integer(),
});

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

export const WebhookDelivery = Type.Object({
  id: Id,
  subscriptionId: Id,
  event: Type.String(),
  status: StringEnum(DELIVERY_STATUSES),
  attempts: Type.Integer(),
  nextAttemptAt: Type.Union([Instant, Type.Null()]),
  lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
  deliveredAt: Type.Union([Instant, Type.Null()]),
});
export type WebhookDelivery = Static<typeof WebhookDelivery>;
export const WebhookDeliveryPage = Page(WebhookDelivery);

export const Notification = Type.Object({
  id: Id,
  kind: Type.String(),
  titleZh: Type.String(),
  titleEn: Type.String(),
  /** Path inside the web app to open, e.g. `/catalog/datasets/…`. */
  link: Type.Union([Type.String(), Type.Null()]),
  datasetId: Type.Union([Id, Type.Null()]),
  createdAt: Instant,
  read: Type.Boolean(),
});
export type Notification = Static<typeof Notification>;
export const NotificationPage = Type.Object({
  items: Type.Array(Notification),
  total: Type.Integer(),
  unread: Type.Integer(),
});
export const ListNotificationsQuery = Type.Object(
  { ...PageQuery, unreadOnly: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

/** 数据纠错: a consumer flags a record or field; the owner answers by the deadline. */
export const DATA_ERROR_STATUSES = [
  'open', // 待处理
  'acknowledged', // 已确认, being corrected
  'resolved', // 已更正
  'rejected', // 不予更正 (with the reason)
] as const;
export type DataErrorStatus = (typeof DATA_ERROR_STATUSES)[number];

export const DataErrorReport = Type.Object({
  id: Id,
  datasetId: Id,
  datasetTitle: Type.String(),
  releaseId: Type.Union([Id, Type.Null()]),
  tableName: Type.Union([Type.String(), Type.Null()]),
  rowNo: Type.Union([Type.Integer(), Type.Null()]),
  field: Type.Union([Type.String(), Type.Null()]),
  description: Type.String(),
  reporterOrganisationId: Id,
  reporterOrganisationName: Type.String(),
  ownerOrganisationId: Id,
  status: StringEnum(DATA_ERROR_STATUSES),
  /** Beijing date (YYYY-MM-DD) by which the owner answers. */
  dueDate: Type.String(),
  overdue: Type.Boolean(),
  response: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
  answeredAt: Type.Union([Instant, Type.Null()]),
});
export type DataErrorReport = Static<typeof DataErrorReport>;

export const CreateDataErrorRequest = Type.Object(
  {
    datasetId: Id,
    releaseId: Type.Optional(Id),
    tableName: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' })),
    rowNo: Type.Optional(Type.Integer({ minimum: 1 })),
    field: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' })),
    description: Text(2000),
  },
  { additionalProperties: false },
);
export type CreateDataErrorRequest = Static<typeof CreateDataErrorRequest>;

export const AnswerDataErrorRequest = Type.Object(
  {
    status: StringEnum(['acknowledged', 'resolved', 'rejected'] as const),
    response: Text(2000),
  },
  { additionalProperties: false },
);
export type AnswerDataErrorRequest = Static<typeof AnswerDataErrorRequest>;

export const ListDataErrorsQuery = Type.Object(
  {
    ...PageQuery,
    /** `inbox`: reports on the own organisation's datasets; `outbox`: reports the organisation filed. */
    box: Type.Optional(StringEnum(['inbox', 'outbox'] as const)),
    datasetId: Type.Optional(Id),
    status: Type.Optional(StringEnum(DATA_ERROR_STATUSES)),
  },
  { additionalProperties: false },
);
export const DataErrorPage = Page(DataErrorReport);
