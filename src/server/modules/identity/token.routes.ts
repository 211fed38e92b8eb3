import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../contracts/common';
import { ApiToken, CreateTokenRequest, CreateTokenResponse, ListTokensResponse } from '../../../contracts/identity';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/auth-guard';
import { errorResponses, requestMeta } from './http-support';

const tags = ['tokens'];

/** GET/POST /tokens (own tokens), POST /tokens/:id/revoke. */
export function registerTokenRoutes(scope: FastifyInstance, ctx: AppContext): void {
  const api = scope.withTypeProvider<TypeBoxTypeProvider>();
  const { tokens } = ctx.identity;

  api.get(
    '/tokens',
    {
      schema: { tags, summary: "The caller's own personal API tokens", response: { 200: ListTokensResponse, ...errorResponses(401, 403) } },
      config: { auth: { permission: 'tokens:manage' } },
    },
    async (request) => ({ items: await tokens.listOwn(actorOf(request)) }),
  );

  api.post(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Create a personal API token; the secret is in this response only',
        body: CreateTokenRequest,
        response: { 201: CreateTokenResponse, ...errorResponses(400, 401, 403, 415) },
      },
      config: { auth: { permission: 'tokens:manage' } },
    },
    async (request, reply) => {
      const created = await tokens.create(actorOf(request), request.body, requestMeta(request));
      return reply.code(201).send(created);
    },
  );

  api.post(
    '/tokens/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a token (own, or of a user the caller manages); revoking twice is harmless',
        params: IdParams,
        response: { 200: ApiToken, ...errorResponses(400, 401, 403, 404) },
      },
      config: { auth: { permission: 'tokens:manage' } },
    },
    async (request) => tokens.revoke(actorOf(request), request.params.id, requestMeta(request)),
  );
}
