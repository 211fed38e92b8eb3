import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AuditVerifyResponse, ListAuditEventsQuery, ListAuditEventsResponse } from '../../../contracts/audit';
import { actorOf } from '../../http/auth-guard';
import type { RouteRegistration } from '../../http/routes';
import { fromIso } from '../../platform/clock';

const ErrorResponse = Type.Ref('ErrorEnvelope');
const errorResponses = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

/** GET /audit-events and GET /audit-events/verify. */
export const registerAuditRoutes: RouteRegistration = (api, ctx) => {
  const routes = api.withTypeProvider<TypeBoxTypeProvider>();
  const { audit, database } = ctx;

  routes.get(
    '/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit events visible to the caller, newest first · 审计日志',
        querystring: ListAuditEventsQuery,
        response: { 200: ListAuditEventsResponse, ...errorResponses },
      },
      config: { auth: { permission: 'audit:read' } },
    },
    async (request) => {
      const { from, to, limit, offset, ...filter } = request.query;
      return audit.listFor(database.db, actorOf(request), {
        ...filter,
        fromMs: fromIso(from),
        toMs: fromIso(to),
        limit: limit ?? 50,
        offset: offset ?? 0,
      });
    },
  );

  routes.get(
    '/audit-events/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Recompute the whole hash chain and report the first broken link (platform admins) · 审计链校验',
        response: { 200: AuditVerifyResponse, ...errorResponses },
      },
      config: { auth: { permission: 'audit:read' } },
    },
    async (request) => audit.verifyFor(database.db, actorOf(request)),
  );
};
