import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams } from '../../../contracts/common';
import {
  AssignQuarantineRequest,
  AssignQuarantineResponse,
  GatewayStatusResponse,
  ListBadPacketsQuery,
  ListBadPacketsResponse,
  ListQuarantineQuery,
  ListQuarantineResponse,
} from '../../../contracts/gateway';
import { actorOf } from '../../http/auth-guard';
import type { RouteRegistration } from '../../http/routes';

const ErrorResponse = Type.Ref('ErrorEnvelope');
const errorResponses = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };
const manage = { auth: { permission: 'gateway:manage' as const } };

/** GET /gateway/status, GET /gateway/bad-packets, GET /gateway/quarantine, POST /gateway/quarantine/:id/assign. */
export const registerGatewayRoutes: RouteRegistration = (api, ctx) => {
  const routes = api.withTypeProvider<TypeBoxTypeProvider>();
  const { gateway } = ctx;

  routes.get(
    '/gateway/status',
    {
      schema: {
        tags: ['gateway'],
        summary: 'HJ 212 gateway: connections, packet and reading rates, errors by reason, batches · 数据网关状态',
        response: { 200: GatewayStatusResponse, ...errorResponses },
      },
      config: manage,
    },
    async () => gateway.status(),
  );

  routes.get(
    '/gateway/bad-packets',
    {
      schema: {
        tags: ['gateway'],
        summary: 'Recent refused packets with raw text and reason, newest first · 异常报文',
        querystring: ListBadPacketsQuery,
        response: { 200: ListBadPacketsResponse, ...errorResponses },
      },
      config: manage,
    },
    async (request) => gateway.listBadPackets(request.query),
  );

  routes.get(
    '/gateway/quarantine',
    {
      schema: {
        tags: ['gateway'],
        summary: 'MNs without a registered station and their held packets · 未登记设备隔离区',
        querystring: ListQuarantineQuery,
        response: { 200: ListQuarantineResponse, ...errorResponses },
      },
      config: manage,
    },
    async (request) => gateway.listQuarantine(request.query),
  );

  routes.post(
    '/gateway/quarantine/:id/assign',
    {
      schema: {
        tags: ['gateway'],
        summary: 'Assign a quarantined MN to a station and ingest its held packets · 分配设备到站点',
        params: IdParams,
        body: AssignQuarantineRequest,
        response: { 200: AssignQuarantineResponse, ...errorResponses, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse },
      },
      config: manage,
    },
    async (request) =>
      gateway.assignQuarantine(actorOf(request), request.params.id, request.body.stationId, { requestId: String(request.id), ip: request.ip ?? null }),
  );
};
