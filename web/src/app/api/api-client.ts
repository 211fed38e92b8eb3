import { ErrorCode } from '../../../../src/contracts/errors';
import { ApiError, isErrorEnvelope } from './api-error';

/** Query string values; `undefined`, `null` and `''` are left out. */
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** What the API client needs from the session (wired by the auth provider). */
export interface SessionHooks {
  /** The CSRF token of the current cookie session, if signed in. */
  csrfToken(): string | null;
  /** Fetches a fresh session (GET /auth/me) after a CSRF refusal; returns its token, or null. */
  refreshCsrfToken(): Promise<string | null>;
  /** The server no longer recognises the session. */
  onUnauthenticated(): void;
}

const API_PREFIX = '/api/v1';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let session: SessionHooks = {
  csrfToken: () => null,
  refreshCsrfToken: async () => null,
  onUnauthenticated: () => undefined,
};

/** Connects the client to the session state; called once by the auth provider. */
export function connectSession(hooks: SessionHooks): void {
  session = hooks;
}

function urlFor(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_PREFIX}${path}${search ? `?${search}` : ''}`;
}

async function send<T>(method: string, path: string, body: unknown, query: QueryParams | undefined, csrfRetried: boolean): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const csrf = UNSAFE.has(method) ? session.csrfToken() : null;
  if (csrf) headers['x-csrf-token'] = csrf;

  let response: Response;
  try {
    response = await fetch(urlFor(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw ApiError.network(cause);
  }

  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload as T;

  const error = isErrorEnvelope(payload) ? ApiError.fromEnvelope(response.status, payload) : ApiError.badResponse(response.status);
  if (error.code === ErrorCode.CsrfFailed && !csrfRetried) {
    const fresh = await session.refreshCsrfToken();
    if (fresh) return send<T>(method, path, body, query, true);
  }
  if (error.code === ErrorCode.Unauthenticated) session.onUnauthenticated();
  throw error;
}

/**
 * The one way the web talks to the API: JSON in and out, the session cookie, the CSRF header
 * on unsafe methods, and every failure as an `ApiError`. Paths are relative to `/api/v1`.
 */
export const api = {
  get: <T>(path: string, query?: QueryParams) => send<T>('GET', path, undefined, query, false),
  post: <T>(path: string, body?: unknown) => send<T>('POST', path, body ?? {}, undefined, false),
  put: <T>(path: string, body: unknown) => send<T>('PUT', path, body, undefined, false),
  patch: <T>(path: string, body: unknown) => send<T>('PATCH', path, body, undefined, false),
  delete: <T = void>(path: string) => send<T>('DELETE', path, undefined, undefined, false),
};
