import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../contracts/common';
import { CreateUserRequest, ListUsersQuery, ListUsersResponse, ResetPasswordRequest, UpdateUserRequest, User } from '../../../contracts/identity';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/auth-guard';
import { errorResponses, NoContent, requestMeta } from './http-support';

const tags = ['users'];

/** GET/POST /users, GET/PATCH /users/:id, POST /users/:id/reset-password, POST /users/:id/unlock. */
export function registerUserRoutes(scope: FastifyInstance, ctx: AppContext): void {
  const api = scope.withTypeProvider<TypeBoxTypeProvider>();
  const { users } = ctx.identity;

  api.get(
    '/users',
    {
      schema: {
        tags,
        summary: "Users the caller may see: own organisation's, or the region's for platform admins and the working group",
        querystring: ListUsersQuery,
        response: { 200: ListUsersResponse, ...errorResponses(400, 401, 403) },
      },
      config: { auth: { permission: 'users:read' } },
    },
    async (request) => users.list(actorOf(request), request.query),
  );

  api.get(
    '/users/:id',
    {
      schema: { tags, summary: 'One user (404 when out of reach)', params: IdParams, response: { 200: User, ...errorResponses(400, 401, 403, 404) } },
      config: { auth: { permission: 'users:read' } },
    },
    async (request) => users.get(actorOf(request), request.params.id),
  );

  api.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create a user (platform admins anywhere; org admins in their own organisation)',
        body: CreateUserRequest,
        response: { 201: User, ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
      },
      config: { auth: { permission: 'users:manage' } },
    },
    async (request, reply) => {
      const created = await users.create(actorOf(request), request.body, requestMeta(request));
      return reply.code(201).send(created);
    },
  );

  api.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Change display name, e-mail, roles or status (nobody changes their own roles)',
        params: IdParams,
        body: UpdateUserRequest,
        response: { 200: User, ...errorResponses(400, 401, 403, 404, 415) },
      },
      config: { auth: { permission: 'users:manage' } },
    },
    async (request) => users.update(actorOf(request), request.params.id, request.body, requestMeta(request)),
  );

  api.post(
    '/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: "Set a user's password, clear the lockout and end their sessions",
        params: IdParams,
        body: ResetPasswordRequest,
        response: { 204: NoContent, ...errorResponses(400, 401, 403, 404, 415, 422) },
      },
      config: { auth: { permission: 'users:manage' } },
    },
    async (request, reply) => {
      await users.resetPassword(actorOf(request), request.params.id, request.body.newPassword, requestMeta(request));
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/users/:id/unlock',
    {
      schema: {
        tags,
        summary: 'Clear a lockout after failed sign-ins',
        params: IdParams,
        response: { 200: User, ...errorResponses(400, 401, 403, 404) },
      },
      config: { auth: { permission: 'users:manage' } },
    },
    async (request) => users.unlock(actorOf(request), request.params.id, requestMeta(request)),
  );
}
