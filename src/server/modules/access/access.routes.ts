import { createHash } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  AccessRequest,
  CreateAccessRequest,
  CreateGrantTokenRequest,
  DecideAccessRequest,
  EffectiveAccess,
  Exchange,
  ExchangeReceipt,
  ExchangeSummary,
  ExchangeSummaryQuery,
  Grant,
  ListAccessRequestsQuery,
  ListAccessRequestsResponse,
  ListExchangesQuery,
  ListExchangesResponse,
  ListGrantsQuery,
  ListGrantsResponse,
  ReceiptVerification,
  RevokeGrantRequest,
  SharedRowsPage,
  SharedRowsQuery,
} from '../../../contracts/access';
import { Id, IdParams } from '../../../contracts/common';
import { ApiToken } from '../../../contracts/identity';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/auth-guard';
import { errorResponses, requestMeta } from '../identity/http-support';
import { SESSION_COOKIE } from '../identity';
import { sharedRowsCsv, sharedRowsXlsx } from './shared-data.export';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FileResponse = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'CSV or XLSX file (format=csv|xlsx)' });

/**
 * Rate-limit key of a shared-data read: the bearer token (each machine client its own budget),
 * else the session, else the address. Digests, so no secret sits in the limiter's memory.
 */
function readerKey(request: FastifyRequest): string {
  const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);
  const authorization = request.headers.authorization;
  if (authorization !== undefined) return `token:${digest(authorization)}`;
  const session = request.cookies[SESSION_COOKIE];
  return session === undefined ? `ip:${request.ip}` : `session:${digest(session)}`;
}

const DatasetParams = Type.Object({ datasetId: Id }, { additionalProperties: false });

/** Access requests, grants, effective access and the exchange log under /api/v1. */
export async function registerAccessRoutes(parent: FastifyInstance, ctx: AppContext): Promise<void> {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>();
  api.addSchema(AccessRequest);
  api.addSchema(Grant);
  api.addSchema(Exchange);
  const { requests, grants, exchanges } = ctx.access;
  const tags = ['access'];
  const member = { auth: { permission: 'catalog:read' as const } };
  const requester = { auth: { permission: 'access:request' as const } };
  const decider = { auth: { permission: 'access:decide' as const } };
  const reader = { auth: { permission: 'data:read' as const } };

  api.post(
    '/access-requests',
    {
      schema: { tags, summary: 'Request access to a dataset (共享申请)', body: CreateAccessRequest, response: { 201: Type.Ref('AccessRequest'), ...errorResponses(400, 401, 403, 404, 409, 503) } },
      config: requester,
    },
    async (request, reply) => reply.code(201).send(await requests.create(actorOf(request), request.body, requestMeta(request))),
  );

  api.get(
    '/access-requests',
    { schema: { tags, summary: 'Inbox (to answer) or outbox (sent) of the organisation', querystring: ListAccessRequestsQuery, response: { 200: ListAccessRequestsResponse, ...errorResponses(400, 401, 403) } }, config: member },
    async (request) => requests.list(actorOf(request), request.query),
  );

  api.get(
    '/access-requests/:id',
    { schema: { tags, summary: 'One access request with its history', params: IdParams, response: { 200: Type.Ref('AccessRequest'), ...errorResponses(400, 401, 403, 404) } }, config: member },
    async (request) => requests.get(actorOf(request), request.params.id),
  );

  api.post(
    '/access-requests/:id/decision',
    {
      schema: { tags, summary: 'Approve, approve partially or refuse (with reasons)', params: IdParams, body: DecideAccessRequest, response: { 200: Type.Ref('AccessRequest'), ...errorResponses(400, 401, 403, 404, 409) } },
      config: decider,
    },
    async (request) => requests.decide(actorOf(request), request.params.id, request.body, requestMeta(request)),
  );

  api.post(
    '/access-requests/:id/withdraw',
    { schema: { tags, summary: 'Withdraw a pending request', params: IdParams, response: { 200: Type.Ref('AccessRequest'), ...errorResponses(400, 401, 403, 404, 409) } }, config: requester },
    async (request) => requests.withdraw(actorOf(request), request.params.id, requestMeta(request)),
  );

  api.get(
    '/grants',
    { schema: { tags, summary: 'Grants received or given by the organisation', querystring: ListGrantsQuery, response: { 200: ListGrantsResponse, ...errorResponses(400, 401, 403) } }, config: member },
    async (request) => grants.list(actorOf(request), request.query),
  );

  api.get(
    '/grants/:id',
    { schema: { tags, summary: 'One grant', params: IdParams, response: { 200: Type.Ref('Grant'), ...errorResponses(400, 401, 403, 404) } }, config: member },
    async (request) => grants.get(actorOf(request), request.params.id),
  );

  api.post(
    '/grants/:id/revoke',
    { schema: { tags, summary: 'Revoke a grant (grantor or owner)', params: IdParams, body: RevokeGrantRequest, response: { 200: Type.Ref('Grant'), ...errorResponses(400, 401, 403, 404, 409) } }, config: decider },
    async (request) => grants.revoke(actorOf(request), request.params.id, request.body.reason, requestMeta(request)),
  );

  api.post(
    '/grants/:id/tokens',
    {
      schema: {
        tags,
        summary: 'An API token bound to this grant (machine access; secret shown once)',
        params: IdParams,
        body: CreateGrantTokenRequest,
        response: { 201: Type.Object({ token: ApiToken, secret: Type.String(), grantId: Id }), ...errorResponses(400, 401, 403, 404) },
      },
      config: reader,
    },
    async (request, reply) => reply.code(201).send(await grants.createToken(actorOf(request), request.params.id, request.body.name, requestMeta(request))),
  );

  api.get(
    '/shared-data/:datasetId/access',
    { schema: { tags, summary: "The caller's effective access to a dataset", params: DatasetParams, response: { 200: EffectiveAccess, ...errorResponses(400, 401, 403, 404) } }, config: reader },
    async (request) => grants.effectiveAccess(actorOf(request), request.params.datasetId),
  );

  api.get(
    '/shared-data/:datasetId/rows',
    {
      schema: {
        tags,
        summary: 'Shared rows (default deny): filtered to the grant, fields not granted removed, sensitive fields masked; every read by another organisation is logged',
        params: DatasetParams,
        querystring: SharedRowsQuery,
        response: { 200: Type.Union([SharedRowsPage, FileResponse]), ...errorResponses(400, 401, 403, 404, 429) },
      },
      config: { ...reader, rateLimit: { max: ctx.config.access.readRateLimitPerMinute, timeWindow: 60_000, keyGenerator: readerKey } },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'json';
      const page = await ctx.access.sharedData.readRows(actorOf(request), request.params.datasetId, request.query, format, requestMeta(request));
      const name = `${request.params.datasetId}-${page.table}-r${page.releaseSequence}`;
      if (format === 'csv') {
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(sharedRowsCsv(page));
      }
      if (format === 'xlsx') {
        return reply.type(XLSX_MIME).header('content-disposition', `attachment; filename="${name}.xlsx"`).send(await sharedRowsXlsx(page));
      }
      return page;
    },
  );

  api.get(
    '/exchange-log',
    { schema: { tags, summary: 'Exchanges of the own data (owner) or the own reads (consumer)', querystring: ListExchangesQuery, response: { 200: ListExchangesResponse, ...errorResponses(400, 401, 403) } }, config: reader },
    async (request) => exchanges.list(actorOf(request), request.query),
  );

  api.get(
    '/exchange-log/summary',
    { schema: { tags, summary: 'Who pulled what and how often (owner)', querystring: ExchangeSummaryQuery, response: { 200: ExchangeSummary, ...errorResponses(400, 401, 403) } }, config: reader },
    async (request) => exchanges.summary(actorOf(request), request.query.datasetId),
  );

  api.get(
    '/exchange-log/:id/receipt',
    { schema: { tags, summary: 'Signed receipt of one exchange', params: IdParams, response: { 200: ExchangeReceipt, ...errorResponses(400, 401, 403, 404) } }, config: reader },
    async (request, reply) => {
      const receipt = await exchanges.receipt(actorOf(request), request.params.id);
      return reply.header('content-disposition', `attachment; filename="exchange-receipt-${receipt.body.exchangeId}.json"`).send(receipt);
    },
  );

  api.post(
    '/exchange-log/receipts/verify',
    {
      schema: { tags, summary: 'Verify a receipt: signature and presence in the log', body: ExchangeReceipt, response: { 200: ReceiptVerification, ...errorResponses(400, 415) } },
      // A receipt is evidence for third parties (auditors): checking it needs no account.
      config: { auth: 'public' },
    },
    async (request) => exchanges.verifyReceipt(request.body),
  );
}
