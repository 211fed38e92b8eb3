import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode } from '../../contracts/errors';
import type { Permission } from '../../contracts/identity';
import type { Actor } from '../platform/actor';
import { AppError, errors } from '../platform/errors';

/**
 * What a route requires. Every route declares it in `config.auth`; a route that forgets is
 * treated as `authenticated`, never as public.
 */
export type RouteAuth = 'public' | 'authenticated' | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    /** Set by the guard for non-public routes; null on public routes. */
    actor: Actor | null;
  }
}

/** Resolves the caller from the session cookie or the bearer token. */
export interface Authenticator {
  /**
   * Returns null when the request carries no credentials; throws an AppError for credentials
   * that are present but invalid, expired or revoked.
   */
  authenticate(request: FastifyRequest): Promise<Actor | null>;
  /** The CSRF token bound to a session, checked on unsafe methods for cookie-authenticated calls. */
  csrfTokenMatches(actor: Actor, headerValue: string | undefined): boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The one permission check every route goes through. */
export function installAuthGuard(app: FastifyInstance, authenticator: Authenticator): void {
  app.decorateRequest('actor', null);
  // onRequest: callers are identified before their body is even read.
  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    const auth: RouteAuth = request.routeOptions.config.auth ?? 'authenticated';
    if (auth === 'public') return;
    const actor = await authenticator.authenticate(request);
    if (actor === null) throw errors.unauthenticated();
    if (actor.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (!authenticator.csrfTokenMatches(actor, Array.isArray(header) ? header[0] : header)) {
        throw new AppError(ErrorCode.CsrfFailed, 403, 'Missing or wrong CSRF token', 'CSRF 校验失败，请刷新页面后重试');
      }
    }
    if (typeof auth === 'object' && !actor.permissions.has(auth.permission)) {
      throw actor.via === 'token'
        ? new AppError(ErrorCode.InsufficientScope, 403, `This token lacks the scope ${auth.permission}`, `此令牌缺少权限范围 ${auth.permission}`)
        : errors.forbidden(`You lack the permission ${auth.permission}`, `您没有 ${auth.permission} 权限`);
    }
    request.actor = actor;
  });
}

/** The authenticated actor of a non-public route (the guard guarantees it is set). */
export function actorOf(request: FastifyRequest): Actor {
  if (request.actor === null) throw errors.unauthenticated();
  return request.actor;
}
