import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode } from '../../contracts/errors';
import { AppError } from '../platform/errors';

/** What every route takes unless it says otherwise (the app's only global body parser). */
const JSON_MEDIA_TYPE = 'application/json';

interface MediaTypeDeclarations {
  /** The OpenAPI `consumes` list of a route that takes files as its raw body. */
  consumes?: readonly string[];
  /** A body schema per media type (`{ content: { [type]: { schema } } }`), as the catalog import has. */
  body?: { content?: Record<string, unknown> };
}

/**
 * The media types a route declares it takes: `schema.consumes`, else the media types of a
 * per-type body schema, else none (the route takes JSON like the rest of the API).
 */
export function declaredMediaTypes(schema: unknown): string[] | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const { consumes, body } = schema as MediaTypeDeclarations;
  if (consumes !== undefined && consumes.length > 0) return [...consumes];
  const content = typeof body === 'object' && body !== null ? body.content : undefined;
  return content !== undefined && typeof content === 'object' ? Object.keys(content) : undefined;
}

/** The media types the route of this request takes. */
export function acceptedMediaTypes(request: FastifyRequest): string[] {
  return declaredMediaTypes(request.routeOptions.schema) ?? [JSON_MEDIA_TYPE];
}

/** 415 naming what the route does take, so a client sending a file learns the right type. */
export function unsupportedMediaType(accepted: readonly string[]): AppError {
  const list = accepted.join(', ');
  return new AppError(
    ErrorCode.UnsupportedMediaType,
    415,
    `Unsupported content type; this endpoint accepts ${list}`,
    `不支持的内容类型，此接口只接受：${list}`,
    { accepted: [...accepted] },
  );
}

/** `text/csv; charset=utf-8` → `text/csv`. */
function mediaTypeOf(header: string): string {
  return (header.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * Holds routes to the media types they declare. File routes live in scopes whose parsers also
 * serve sibling routes (the releases scope parses CSV, XLSX and octet-stream bodies), so without
 * this an upload sent as octet-stream would be read as CSV and an attachment sent as CSV taken.
 * Runs where Fastify picks the parser (after authentication), so the order of refusals stays
 * 401/403 before 415. Requests without a Content-Type are left to the route.
 */
export function installMediaTypeCheck(app: FastifyInstance): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    const declared = declaredMediaTypes(request.routeOptions.schema);
    const header = request.headers['content-type'];
    if (declared === undefined || header === undefined) return payload;
    if (!declared.includes(mediaTypeOf(header))) throw unsupportedMediaType(declared);
    return payload;
  });
}
