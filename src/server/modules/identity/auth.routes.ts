import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ChangePasswordRequest, LoginRequest, LoginResponse, Me, UpdatePreferencesRequest } from '../../../contracts/identity';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/auth-guard';
import { errorResponses, NoContent, requestMeta } from './http-support';
import { SESSION_COOKIE } from './secrets';

const tags = ['auth'];

/** POST /auth/login, /auth/logout, /auth/logout-all; GET /auth/me; PATCH /auth/me/preferences; POST /auth/me/password. */
export function registerAuthRoutes(scope: FastifyInstance, ctx: AppContext): void {
  const api = scope.withTypeProvider<TypeBoxTypeProvider>();
  const { auth } = ctx.identity;
  const cookieOptions = { httpOnly: true, sameSite: 'strict' as const, secure: ctx.config.cookieSecure, path: '/' };

  api.post(
    '/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in with a password; sets the session cookie and returns the CSRF token',
        body: LoginRequest,
        response: { 200: LoginResponse, ...errorResponses(400, 401, 403, 415, 423, 429) },
      },
      config: { auth: 'public', rateLimit: { max: ctx.config.login.rateLimitPerMinute, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const result = await auth.login(request.body, { ...requestMeta(request), userAgent: request.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, result.sessionSecret, { ...cookieOptions, expires: new Date(result.expiresAt) });
      return result.me;
    },
  );

  api.post(
    '/auth/logout',
    {
      schema: { tags, summary: 'End this session', response: { 204: NoContent, ...errorResponses(400, 401, 403) } },
      config: { auth: 'authenticated' },
    },
    async (request, reply) => {
      await auth.logout(actorOf(request), requestMeta(request));
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/auth/logout-all',
    {
      schema: { tags, summary: 'End every session of the signed-in user', response: { 204: NoContent, ...errorResponses(401, 403) } },
      config: { auth: 'authenticated' },
    },
    async (request, reply) => {
      await auth.logoutEverywhere(actorOf(request), requestMeta(request));
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/auth/me',
    {
      schema: { tags, summary: 'The signed-in user, organisation, permissions and CSRF token', response: { 200: Me, ...errorResponses(401) } },
      config: { auth: 'authenticated' },
    },
    async (request) => auth.me(actorOf(request)),
  );

  api.patch(
    '/auth/me/preferences',
    {
      schema: {
        tags,
        summary: 'Remember the interface language for this user',
        body: UpdatePreferencesRequest,
        response: { 200: Me, ...errorResponses(400, 401, 403, 415) },
      },
      config: { auth: 'authenticated' },
    },
    async (request) => auth.updatePreferences(actorOf(request), request.body, requestMeta(request)),
  );

  api.post(
    '/auth/me/password',
    {
      schema: {
        tags,
        summary: 'Change the own password (needs the current one); ends the other sessions',
        body: ChangePasswordRequest,
        response: { 204: NoContent, ...errorResponses(400, 401, 403, 415, 422) },
      },
      config: { auth: 'authenticated' },
    },
    async (request, reply) => {
      await auth.changePassword(actorOf(request), request.body, requestMeta(request));
      return reply.code(204).send(null);
    },
  );
}
