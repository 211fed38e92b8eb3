import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { ErrorEnvelope } from '../../contracts/errors';
import type { AppContext } from '../context';
import { newId } from '../platform/ids';
import { installAuthGuard } from './auth-guard';
import { installErrorHandler } from './error-handler';
import { registerHealthRoutes } from './health';
import { installMediaTypeCheck } from './media-types';
import { installMetrics } from './metrics';
import { installNotFoundHandler } from './not-found';
import { apiRoutes } from './routes';

export type App = FastifyInstance;

export interface BuildAppOptions {
  /** Serve the built web app from this folder (default `web/dist` when it exists). */
  webRoot?: string | false;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds the HTTP app around an already created context; the caller listens and closes it. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<App> {
  const { config } = ctx;
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    // One line per request costs ~75 % of throughput on small routes; opt in with LOG_REQUESTS.
    logController: new LogController({ disableRequestLogging: !config.logRequests }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: false,
    // A caller-supplied id (from a proxy) is kept when it is well-formed, so logs correlate.
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : newId();
    },
    ajv: {
      customOptions: {
        // Unknown fields are an error (400), not silently dropped.
        removeAdditional: false,
        coerceTypes: 'array',
        useDefaults: true,
        allErrors: false,
      },
    },
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addSchema(ErrorEnvelope);
  // The API speaks JSON. Without this Fastify would parse text/plain and answer a later 400
  // instead of 415; a route that takes files registers its own parser in its own scope.
  app.removeContentTypeParser('text/plain');
  installErrorHandler(app);
  installMediaTypeCheck(app);

  const webRoot = options.webRoot === undefined ? resolve(import.meta.dirname, '../../../web/dist') : options.webRoot;
  const serveWeb = webRoot !== false && existsSync(resolve(webRoot, 'index.html'));
  installNotFoundHandler(app, (request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
    return serveWeb && wantsPage ? reply.type('text/html; charset=utf-8').sendFile('index.html') : undefined;
  });

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    // Hands the limit to our error handler, which writes the envelope with RATE_LIMITED.
    errorResponseBuilder: (_request, context) => Object.assign(new Error(`Rate limit exceeded, retry in ${context.after}`), { statusCode: 429 }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'yrd-eco API · 长三角生态环境协同平台', version: '1' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'yrd_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  // The API documentation and the web app's files (everything outside /api) are public: the
  // login page must load. Marking them here keeps the guard's default-deny for the API intact.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs') || !route.url.startsWith('/api')) route.config = { auth: 'public', ...route.config };
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true } });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { auth: 'public' } }, async () => app.swagger());

  installAuthGuard(app, ctx.authenticator);
  installMetrics(app, ctx.database);
  registerHealthRoutes(app, ctx);

  await app.register(
    async (api) => {
      for (const register of apiRoutes) await register(api, ctx);
    },
    { prefix: '/api/v1' },
  );

  if (serveWeb) {
    await app.register(fastifyStatic, { root: webRoot as string, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  return app;
}
