import type { Logger } from 'pino';
import type { DatabaseHandle } from './database';

/** First refresh after start-up (demo data or an import has usually landed by then), then hourly. */
const FIRST_AFTER_MS = 60_000;
const EVERY_MS = 3_600_000;

/**
 * Keeps the query planner's statistics current (see DatabaseHandle.refreshStatistics): once a
 * minute after start-up, then every hour — SQLite's advice for long-lived connections. A failure
 * is logged and the next round tries again. The timers never keep the process alive.
 */
export function scheduleStatisticsRefresh(database: Pick<DatabaseHandle, 'refreshStatistics'>, logger: Pick<Logger, 'warn'>, timing = { firstAfterMs: FIRST_AFTER_MS, everyMs: EVERY_MS }): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const refresh = () => {
    if (stopped || running !== null) return;
    running = database
      .refreshStatistics()
      .catch((error: unknown) => logger.warn({ err: error }, 'could not refresh the query planner statistics; retrying at the next round'))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(refresh, timing.firstAfterMs).unref();
  const every = setInterval(refresh, timing.everyMs).unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
