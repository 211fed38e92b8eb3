import { ErrorCode } from '../../contracts/errors';

/**
 * The one error type services throw. The HTTP error handler turns it into the envelope
 * `{ error: { code, message, messageZh, details, requestId } }` with `status`.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly messageZh: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const errors = {
  badRequest: (message: string, messageZh: string, details?: unknown) =>
    new AppError(ErrorCode.BadRequest, 400, message, messageZh, details),
  validation: (message: string, messageZh: string, details?: unknown) =>
    new AppError(ErrorCode.ValidationFailed, 400, message, messageZh, details),
  unauthenticated: () =>
    new AppError(ErrorCode.Unauthenticated, 401, 'Sign in required', '请先登录'),
  forbidden: (message = 'You are not allowed to do this', messageZh = '无权执行此操作', details?: unknown) =>
    new AppError(ErrorCode.Forbidden, 403, message, messageZh, details),
  notFound: (what: string, whatZh: string, id?: string) =>
    new AppError(ErrorCode.NotFound, 404, `${what} not found`, `${whatZh}不存在`, id === undefined ? undefined : { id }),
  conflict: (message: string, messageZh: string, details?: unknown) =>
    new AppError(ErrorCode.Conflict, 409, message, messageZh, details),
  unprocessable: (message: string, messageZh: string, details?: unknown) =>
    new AppError(ErrorCode.UnprocessableEntity, 422, message, messageZh, details),
};
