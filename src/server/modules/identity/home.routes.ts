import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { HomeSummary } from '../../../contracts/home';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/auth-guard';
import { errorResponses } from './http-support';

/** GET /home/summary. */
export function registerHomeRoutes(scope: FastifyInstance, ctx: AppContext): void {
  const api = scope.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/home/summary',
    {
      schema: {
        tags: ['home'],
        summary: "The caller's own organisation at a glance",
        response: { 200: HomeSummary, ...errorResponses(401) },
      },
      config: { auth: 'authenticated' },
    },
    async (request) => ctx.identity.home.summary(actorOf(request)),
  );
}
