import type { RouteRegistration } from '../../http/routes';
import { registerAuthRoutes } from './auth.routes';
import { registerHomeRoutes } from './home.routes';
import { registerOrganisationRoutes } from './organisation.routes';
import { registerTokenRoutes } from './token.routes';
import { registerUserRoutes } from './user.routes';

/** Every identity route under /api/v1. */
export const registerIdentityRoutes: RouteRegistration = (api, ctx) => {
  registerAuthRoutes(api, ctx);
  registerOrganisationRoutes(api, ctx);
  registerUserRoutes(api, ctx);
  registerTokenRoutes(api, ctx);
  registerHomeRoutes(api, ctx);
};
