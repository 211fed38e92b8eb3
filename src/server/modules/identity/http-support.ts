import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { RequestMeta } from '../../platform/actor';

/** `{ $ref: 'ErrorEnvelope' }` for each status a route may fail with. */
export function errorResponses(...statuses: number[]): Record<number, ReturnType<typeof Type.Ref>> {
  return Object.fromEntries(statuses.map((status) => [status, Type.Ref('ErrorEnvelope')]));
}

/** 204 responses have no body. */
export const NoContent = Type.Null({ description: 'No content' });

/** Request context recorded with every audited write. */
export function requestMeta(request: FastifyRequest): RequestMeta {
  return { requestId: String(request.id), ip: request.ip ?? null };
}
