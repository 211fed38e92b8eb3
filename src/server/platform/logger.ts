import pino, { type Logger } from 'pino';
import type { Config } from '../config/config';

export type { Logger };

/** One structured JSON logger for the process; request loggers are children with the request id. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'yrd-eco' },
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.newPassword'], censor: '[redacted]' },
  });
}
