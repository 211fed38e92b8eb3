import type { RouteRegistration } from '../../http/routes';
import { registerAuthRoutes } from './auth.routes';
import { registerHomeRoutes } from './home.routes';
import { registerOrganisationRoutes } from './organisation.routes';
import { registerTokenRoutes } from './token.routes';
import { registerUserRoutes } from './user.routes';

/**
 * Every identity route under /api/v1. They live in their own encapsulated scope that accepts
 * only JSON bodies: Fastify would otherwise parse `text/plain` and answer 400 instead of 415.
 */
export const registerIdentityRoutes: RouteRegistration = async (api, ctx) => {
  await api.register(async (scope) => {
    scope.removeContentTypeParser('text/plain');
    registerAuthRoutes(scope, ctx);
    registerOrganisationRoutes(scope, ctx);
    registerUserRoutes(scope, ctx);
    registerTokenRoutes(scope, ctx);
    registerHomeRoutes(scope, ctx);
  });
};
