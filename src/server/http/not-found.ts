import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { ErrorCode } from '../../contracts/errors';
import { sendError } from './error-handler';

const METHODS: HTTPMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * Fastify answers an unknown method on a known path with 404. We mirror every route into a
 * second router so the not-found handler can tell "no such path" (404 ROUTE_NOT_FOUND) from
 * "path exists, method does not" (405 METHOD_NOT_ALLOWED with an Allow header).
 */
export function installNotFoundHandler(
  app: FastifyInstance,
  /** Answers browser navigations to client-side routes (the web app's index.html), if any. */
  spaFallback?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined,
): void {
  const shadow = FindMyWay({ ignoreTrailingSlash: true });
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const upper = method.toUpperCase() as HTTPMethod;
      if (!shadow.hasRoute(upper, route.url)) shadow.on(upper, route.url, () => undefined);
    }
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const page = spaFallback?.(request, reply);
    if (page) return page;
    const allowed = METHODS.filter((method) => shadow.find(method, path) !== null);
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendError(reply, request, {
        status: 405,
        code: ErrorCode.MethodNotAllowed,
        message: `Method ${request.method} is not allowed here; allowed: ${allowed.join(', ')}`,
        messageZh: `此地址不支持 ${request.method} 方法，可用：${allowed.join('、')}`,
      });
    }
    return sendError(reply, request, {
      status: 404,
      code: ErrorCode.RouteNotFound,
      message: `No route ${request.method} ${path}`,
      messageZh: `接口不存在：${request.method} ${path}`,
    });
  });
}
