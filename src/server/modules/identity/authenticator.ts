import type { FastifyRequest } from 'fastify';
import type { Authenticator } from '../../http/auth-guard';
import type { Actor } from '../../platform/actor';
import type { AuthService } from './auth.service';
import { identityErrors } from './identity.errors';
import { safeEqual, SESSION_COOKIE } from './secrets';
import type { TokenService } from './token.service';

const BEARER = /^Bearer +(\S+)$/i;

/**
 * Resolves the caller of a request. An `Authorization` header wins over the cookie: it must be
 * `Bearer <token>` and valid, or the request fails (a bad token never falls back to a session).
 */
export function createAuthenticator(deps: {
  auth: Pick<AuthService, 'resolveSession'>;
  tokens: Pick<TokenService, 'resolveBearer'>;
  csrfTokens: WeakMap<Actor, string>;
}): Authenticator {
  return {
    async authenticate(request: FastifyRequest): Promise<Actor | null> {
      const authorization = request.headers.authorization;
      if (authorization !== undefined) {
        const match = BEARER.exec(authorization.trim());
        if (match === null) throw identityErrors.tokenInvalid();
        return deps.tokens.resolveBearer(match[1]!);
      }
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie === undefined || cookie === '') return null;
      return deps.auth.resolveSession(cookie);
    },

    csrfTokenMatches(actor: Actor, headerValue: string | undefined): boolean {
      const expected = deps.csrfTokens.get(actor);
      return expected !== undefined && headerValue !== undefined && safeEqual(expected, headerValue);
    },
  };
}
