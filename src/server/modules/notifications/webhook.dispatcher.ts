import type { DatabaseHandle } from '../../db/database';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import { notificationsRepository as repo } from './notifications.repository';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from './webhook.signing';
import { checkWebhookTarget } from './webhook.target';

export interface WebhookSettings {
  /** Deliveries give up after this many attempts (WEBHOOK_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** First retry after this long; each further retry waits twice as long (WEBHOOK_RETRY_BASE_MS). */
  retryBaseMs: number;
  /** No wait between retries is longer than this (6 h). */
  retryMaxMs: number;
  /** One attempt may take this long (WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
  /** Allow targets in private networks (WEBHOOK_ALLOW_PRIVATE_TARGETS; closed networks, tests). */
  allowPrivateTargets: boolean;
  /** How often the background loop looks for due deliveries (WEBHOOK_POLL_MS). */
  pollMs: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  maxAttempts: 8,
  retryBaseMs: 30_000,
  retryMaxMs: 6 * 3_600_000,
  timeoutMs: 10_000,
  allowPrivateTargets: false,
  pollMs: 5_000,
};

/** Back-off before attempt `attempts + 1`: base · 2^(attempts − 1), capped. */
export function retryDelay(settings: Pick<WebhookSettings, 'retryBaseMs' | 'retryMaxMs'>, attempts: number): number {
  return Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, attempts - 1));
}

export interface WebhookDispatcher {
  /** Attempts every due delivery once; returns how many were attempted. Tests call it directly. */
  runDue(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Sends queued webhook deliveries. A delivery is a row written in the same transaction as the
 * notification it accompanies, so a crash loses nothing; it is retried with exponential back-off
 * until a 2xx answer or `maxAttempts`. Deliveries are at-least-once: receivers dedupe by the
 * `X-YRD-Delivery` id (see webhook.signing.ts).
 */
export function createWebhookDispatcher(deps: { database: DatabaseHandle; clock: Clock; logger: Pick<Logger, 'warn' | 'error'>; settings: WebhookSettings }): WebhookDispatcher {
  const { database, clock, logger, settings } = deps;
  const db = database.db;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  async function attempt(delivery: Awaited<ReturnType<typeof repo.dueDeliveries>>[number]): Promise<void> {
    const attempts = delivery.attempts + 1;
    let statusCode: number | null = null;
    let error: string | null = null;
    if (!delivery.webhook_url || !delivery.webhook_secret) {
      error = 'the subscription no longer has a webhook';
    } else {
      const problem = await checkWebhookTarget(delivery.webhook_url, settings.allowPrivateTargets);
      if (problem) {
        error = `target refused: ${problem}`;
      } else {
        try {
          const response = await fetch(delivery.webhook_url, {
            method: 'POST',
            redirect: 'manual',
            signal: AbortSignal.timeout(settings.timeoutMs),
            headers: {
              'content-type': 'application/json',
              'user-agent': 'yrd-eco-webhooks/1',
              [DELIVERY_HEADER]: delivery.id,
              [EVENT_HEADER]: delivery.event,
              [SIGNATURE_HEADER]: signatureHeader(delivery.webhook_secret, Math.floor(clock.now() / 1000), delivery.id, delivery.payload),
            },
            body: delivery.payload,
          });
          statusCode = response.status;
          // The body is not needed; drain it so the connection is released.
          await response.arrayBuffer().catch(() => undefined);
          if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
        } catch (caught) {
          error = caught instanceof Error ? caught.message.slice(0, 300) : 'request failed';
        }
      }
    }
    const now = clock.now();
    if (error === null) {
      await repo.recordAttempt(db, delivery.id, { status: 'delivered', attempts, nextAttemptAt: null, statusCode, error: null, deliveredAt: now });
      return;
    }
    const givingUp = attempts >= settings.maxAttempts;
    if (givingUp) logger.warn({ deliveryId: delivery.id, attempts, error }, 'webhook delivery failed for good');
    await repo.recordAttempt(db, delivery.id, {
      status: givingUp ? 'failed' : 'pending',
      attempts,
      nextAttemptAt: givingUp ? null : now + retryDelay(settings, attempts),
      statusCode,
      error,
      deliveredAt: null,
    });
  }

  // One run at a time: the background loop and a direct call never attempt the same delivery twice.
  let lastRun: Promise<unknown> = Promise.resolve();
  function runDue(): Promise<number> {
    const run = lastRun.then(runDueNow, runDueNow);
    lastRun = run.catch(() => undefined);
    return run;
  }

  async function runDueNow(): Promise<number> {
    let attempted = 0;
    for (;;) {
      const due = await repo.dueDeliveries(db, clock.now(), 20);
      if (due.length === 0) return attempted;
      await Promise.all(due.map((delivery) => attempt(delivery)));
      // Failed attempts are rescheduled into the future, so the loop ends when the due set is empty.
      attempted += due.length;
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      running = runDue()
        .catch((error: unknown) => {
          logger.error({ err: error }, 'webhook dispatcher failed');
          return 0;
        })
        .finally(() => {
          running = undefined;
          schedule();
        });
    }, settings.pollMs);
    timer.unref();
  }

  return {
    runDue,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
