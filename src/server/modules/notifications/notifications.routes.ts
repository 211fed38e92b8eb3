import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Id, PageQuery } from '../../../contracts/common';
import {
  AnswerDataErrorRequest,
  CreateDataErrorRequest,
  DataErrorPage,
  DataErrorReport,
  FollowRequest,
  FollowState,
  ListDataErrorsQuery,
  ListNotificationsQuery,
  NotificationPage,
  Subscription,
  SubscriptionWithSecret,
  WebhookDelivery,
  WebhookDeliveryPage,
} from '../../../contracts/notifications';
import { actorOf } from '../../http/auth-guard';
import type { RouteRegistration } from '../../http/routes';
import { errors } from '../../platform/errors';
import { errorResponses, NoContent, requestMeta } from '../identity/http-support';

const MarkReadRequest = Type.Object(
  { ids: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 500, uniqueItems: true })), all: Type.Optional(Type.Literal(true)) },
  { additionalProperties: false, description: 'Either `ids` or `all: true`' },
);

/** Follow/webhooks, in-app notifications and data-error reports. */
export const registerNotificationsRoutes: RouteRegistration = (api, ctx) => {
  const routes = api.withTypeProvider<TypeBoxTypeProvider>();
  const { subscriptions, inbox, dataErrors } = ctx.notifications;
  const tags = ['notifications'];

  routes.get(
    '/datasets/:id/follow',
    { schema: { tags, summary: 'Whether I follow a dataset, and its follower count · 关注状态', params: IdParams, response: { 200: FollowState, ...errorResponses(401, 403, 404) } }, config: { auth: { permission: 'catalog:read' } } },
    async (request) => subscriptions.followState(actorOf(request), request.params.id),
  );

  routes.put(
    '/datasets/:id/follow',
    {
      schema: {
        tags,
        summary: 'Follow a dataset, optionally with a signed webhook (the secret is shown once) · 关注数据集',
        params: IdParams,
        body: FollowRequest,
        response: { 200: SubscriptionWithSecret, ...errorResponses(400, 401, 403, 404, 422) },
      },
      config: { auth: { permission: 'catalog:read' } },
    },
    async (request) => subscriptions.follow(actorOf(request), request.params.id, request.body, requestMeta(request)),
  );

  routes.delete(
    '/datasets/:id/follow',
    { schema: { tags, summary: 'Stop following a dataset · 取消关注', params: IdParams, response: { 204: NoContent, ...errorResponses(401, 403, 404) } }, config: { auth: { permission: 'catalog:read' } } },
    async (request, reply) => {
      await subscriptions.unfollow(actorOf(request), request.params.id, requestMeta(request));
      return reply.code(204).send(null);
    },
  );

  routes.get(
    '/subscriptions',
    { schema: { tags, summary: 'Datasets I follow · 我的关注', response: { 200: Type.Object({ items: Type.Array(Subscription) }), ...errorResponses(401) } }, config: { auth: { permission: 'catalog:read' } } },
    async (request) => ({ items: await subscriptions.mine(actorOf(request)) }),
  );

  routes.get(
    '/subscriptions/:id/deliveries',
    {
      schema: { tags, summary: 'Webhook delivery history of my subscription · 推送记录', params: IdParams, querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: WebhookDeliveryPage, ...errorResponses(400, 401, 404) } },
      config: { auth: { permission: 'catalog:read' } },
    },
    async (request) => subscriptions.deliveries(actorOf(request), request.params.id, { limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }),
  );

  routes.post(
    '/webhook-deliveries/:id/redeliver',
    { schema: { tags, summary: 'Queue a delivery again (same delivery id) · 重新推送', params: IdParams, response: { 200: WebhookDelivery, ...errorResponses(401, 403, 404, 409) } }, config: { auth: { permission: 'catalog:read' } } },
    async (request) => subscriptions.redeliver(actorOf(request), request.params.id, requestMeta(request)),
  );

  routes.get(
    '/notifications',
    { schema: { tags, summary: 'My notifications, newest first · 站内通知', querystring: ListNotificationsQuery, response: { 200: NotificationPage, ...errorResponses(400, 401) } }, config: { auth: 'authenticated' } },
    async (request) => inbox.list(actorOf(request), { unreadOnly: request.query.unreadOnly ?? false, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }),
  );

  routes.post(
    '/notifications/read',
    { schema: { tags, summary: 'Mark notifications read · 标记已读', body: MarkReadRequest, response: { 204: NoContent, ...errorResponses(400, 401, 403, 404) } }, config: { auth: 'authenticated' } },
    async (request, reply) => {
      const { ids, all } = request.body;
      if ((ids === undefined) === (all === undefined)) throw errors.validation('Give either `ids` or `all: true`', '请提供 ids 或 all: true 之一');
      await inbox.markRead(actorOf(request), all ? 'all' : ids!);
      return reply.code(204).send(null);
    },
  );

  routes.post(
    '/data-errors',
    {
      schema: { tags, summary: 'Report an error in a dataset (routed to its owner) · 数据纠错', body: CreateDataErrorRequest, response: { 201: DataErrorReport, ...errorResponses(400, 401, 403, 404, 422) } },
      config: { auth: { permission: 'data:read' } },
    },
    async (request, reply) => reply.code(201).send(await dataErrors.report(actorOf(request), request.body, requestMeta(request))),
  );

  routes.get(
    '/data-errors',
    { schema: { tags, summary: 'Data-error reports: inbox (on my datasets) or outbox (filed by us) · 纠错列表', querystring: ListDataErrorsQuery, response: { 200: DataErrorPage, ...errorResponses(400, 401, 403) } }, config: { auth: { permission: 'data:read' } } },
    async (request) => dataErrors.list(actorOf(request), request.query),
  );

  routes.get(
    '/data-errors/:id',
    { schema: { tags, summary: 'One data-error report · 纠错详情', params: IdParams, response: { 200: DataErrorReport, ...errorResponses(401, 403, 404) } }, config: { auth: { permission: 'data:read' } } },
    async (request) => dataErrors.get(actorOf(request), request.params.id),
  );

  routes.post(
    '/data-errors/:id/answer',
    {
      schema: { tags, summary: 'Answer a report: acknowledged, resolved or rejected (with the reason) · 答复纠错', params: IdParams, body: AnswerDataErrorRequest, response: { 200: DataErrorReport, ...errorResponses(400, 401, 403, 404, 409) } },
      config: { auth: { permission: 'data:submit' } },
    },
    async (request) => dataErrors.answer(actorOf(request), request.params.id, request.body, requestMeta(request)),
  );
};
