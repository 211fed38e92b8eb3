import type { ErrorEnvelope } from '../../../../src/contracts/errors';

/** Codes the web adds for failures that never reached a well-formed API answer. */
export const CLIENT_ERROR_CODES = { Network: 'NETWORK_ERROR', BadResponse: 'BAD_RESPONSE' } as const;

/**
 * A failed API call. `code` is the stable machine code to branch on; `message` (English) and
 * `messageZh` (Chinese) are the server's texts for people.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageZh: string,
    readonly details: unknown = undefined,
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message in the reader's language. */
  textFor(language: string): string {
    return language.startsWith('zh') ? this.messageZh : this.message;
  }

  static fromEnvelope(status: number, envelope: ErrorEnvelope): ApiError {
    const { code, message, messageZh, details, requestId } = envelope.error;
    return new ApiError(status, code, message, messageZh, details, requestId);
  }

  static network(cause: unknown): ApiError {
    const error = new ApiError(
      0,
      CLIENT_ERROR_CODES.Network,
      'The server cannot be reached. Check the network and try again.',
      '无法连接服务器，请检查网络后重试。',
    );
    error.cause = cause;
    return error;
  }

  static badResponse(status: number): ApiError {
    return new ApiError(
      status,
      CLIENT_ERROR_CODES.BadResponse,
      `The server answered with an unexpected response (HTTP ${status}).`,
      `服务器返回了无法识别的响应（HTTP ${status}）。`,
    );
  }
}

/** True when `body` has the shape of the API's error envelope. */
export function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}
