import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../contracts/common';
import {
  CreateOrganisationRequest,
  ListOrganisationsQuery,
  ListOrganisationsResponse,
  Organisation,
  UpdateOrganisationRequest,
} from '../../../contracts/identity';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/auth-guard';
import { errorResponses, requestMeta } from './http-support';

const tags = ['organisations'];

/** GET/POST /organisations, GET/PATCH /organisations/:id. */
export function registerOrganisationRoutes(scope: FastifyInstance, ctx: AppContext): void {
  const api = scope.withTypeProvider<TypeBoxTypeProvider>();
  const { organisations } = ctx.identity;

  api.get(
    '/organisations',
    {
      schema: {
        tags,
        summary: 'The organisation directory (names and codes are public to signed-in users)',
        querystring: ListOrganisationsQuery,
        response: { 200: ListOrganisationsResponse, ...errorResponses(400, 401, 403) },
      },
      config: { auth: { permission: 'organisations:read' } },
    },
    async (request) => organisations.list(actorOf(request), request.query),
  );

  api.get(
    '/organisations/:id',
    {
      schema: { tags, summary: 'One organisation', params: IdParams, response: { 200: Organisation, ...errorResponses(400, 401, 403, 404) } },
      config: { auth: { permission: 'organisations:read' } },
    },
    async (request) => organisations.get(actorOf(request), request.params.id),
  );

  api.post(
    '/organisations',
    {
      schema: {
        tags,
        summary: 'Create an organisation (platform administrators)',
        body: CreateOrganisationRequest,
        response: { 201: Organisation, ...errorResponses(400, 401, 403, 409, 415) },
      },
      config: { auth: { permission: 'organisations:manage' } },
    },
    async (request, reply) => {
      const created = await organisations.create(actorOf(request), request.body, requestMeta(request));
      return reply.code(201).send(created);
    },
  );

  api.patch(
    '/organisations/:id',
    {
      schema: {
        tags,
        summary: "Rename or set the USCC (platform administrators, or the organisation's own org admin)",
        params: IdParams,
        body: UpdateOrganisationRequest,
        response: { 200: Organisation, ...errorResponses(400, 401, 403, 404, 409, 415) },
      },
      config: { auth: { permission: 'organisations:manage' } },
    },
    async (request) => organisations.update(actorOf(request), request.params.id, request.body, requestMeta(request)),
  );
}
