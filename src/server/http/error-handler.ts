import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, type ErrorEnvelope } from '../../contracts/errors';
import { AppError } from '../platform/errors';
import { CalendarNotCoveredError } from '../platform/working-days';
import { acceptedMediaTypes, unsupportedMediaType } from './media-types';

interface Mapped {
  status: number;
  code: ErrorCode;
  message: string;
  messageZh: string;
  details?: unknown;
}

/** Fastify's own errors (parsing, validation, limits) mapped to our stable codes. */
const FASTIFY_ERRORS: Record<string, Omit<Mapped, 'details'>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: ErrorCode.MalformedJson,
    message: 'The request body is not valid JSON',
    messageZh: '请求体不是合法的 JSON',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: ErrorCode.MalformedJson,
    message: 'The request body is empty but its content type is JSON',
    messageZh: '请求体为空，但内容类型为 JSON',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: ErrorCode.PayloadTooLarge,
    message: 'The request body is too large',
    messageZh: '请求体过大',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: ErrorCode.BadRequest,
    message: 'The Content-Length header does not match the body',
    messageZh: 'Content-Length 与请求体不一致',
  },
};

function fromAppError(error: AppError): Mapped {
  return { status: error.status, code: error.code, message: error.message, messageZh: error.messageZh, details: error.details };
}

function mapError(error: FastifyError | AppError | Error, request: FastifyRequest): Mapped | null {
  if (error instanceof AppError) return fromAppError(error);
  // No parser for the body's type: the answer names the types this route takes (not always JSON).
  if ((error as FastifyError).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return fromAppError(unsupportedMediaType(acceptedMediaTypes(request)));
  if (error instanceof CalendarNotCoveredError) {
    // Not the caller's fault: the holiday calendar needs maintenance. 503 tells clients to retry later.
    return {
      status: 503,
      code: ErrorCode.CalendarNotCovered,
      message: error.message,
      messageZh: `工作日历缺少 ${error.years.join('、')} 年的法定节假日安排，暂时无法计算期限；请管理员更新日历`,
      details: { years: error.years },
    };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return {
      status: 400,
      code: ErrorCode.ValidationFailed,
      message: `Invalid request ${fastifyError.validationContext ?? ''}: ${fastifyError.message}`.replace(/\s+:/, ':'),
      messageZh: '请求参数不符合要求',
      details: fastifyError.validation.map((issue) => ({
        in: fastifyError.validationContext,
        path: issue.instancePath,
        keyword: issue.keyword,
        params: issue.params,
        message: issue.message,
      })),
    };
  }
  const known = fastifyError.code ? FASTIFY_ERRORS[fastifyError.code] : undefined;
  if (known) return { ...known };
  if (fastifyError.statusCode === 429) {
    return { status: 429, code: ErrorCode.RateLimited, message: 'Too many requests; slow down', messageZh: '请求过于频繁，请稍后再试' };
  }
  return null;
}

/** Writes the one error envelope. Unknown errors are logged with context and answered as 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const mapped = mapError(error, request);
    if (mapped === null) {
      request.log.error({ err: error, url: request.url, method: request.method }, 'unhandled error');
      return sendError(reply, request, {
        status: 500,
        code: ErrorCode.Internal,
        message: 'Internal server error',
        messageZh: '服务器内部错误',
      });
    }
    if (mapped.status >= 500) request.log.error({ err: error }, 'server error');
    return sendError(reply, request, mapped);
  });
}

export function sendError(reply: FastifyReply, request: FastifyRequest, mapped: Mapped): FastifyReply {
  const body: ErrorEnvelope = {
    error: {
      code: mapped.code,
      message: mapped.message,
      messageZh: mapped.messageZh,
      ...(mapped.details === undefined ? {} : { details: mapped.details }),
      requestId: String(request.id),
    },
  };
  return reply.status(mapped.status).type('application/json; charset=utf-8').send(body);
}
