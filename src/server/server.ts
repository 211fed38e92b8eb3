import type { Config } from './config/config';
import { closeContext, createContext, type AppContext, type ContextOptions } from './context';
import { buildApp, type App } from './http/app';
import { calendarMaintenanceWarning } from './platform/working-days';

export interface RunningServer {
  app: App;
  ctx: AppContext;
  /** The address actually bound (useful with PORT=0). */
  url: string;
  /**
   * Stops accepting connections, lets in-flight requests finish (up to the configured grace
   * period), then closes the database. Safe to call more than once.
   */
  stop(): Promise<void>;
}

export interface StartOptions extends ContextOptions {
  /** Runs after migrations and before listening (e.g. loading demo data on first start). */
  beforeListen?: (ctx: AppContext) => Promise<void>;
  webRoot?: string | false;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const ctx = await createContext(config, options);
  const calendarWarning = calendarMaintenanceWarning(ctx.calendar, ctx.clock.now());
  if (calendarWarning !== null) ctx.logger.warn(calendarWarning);
  let app: App;
  try {
    await options.beforeListen?.(ctx);
    app = await buildApp(ctx, options.webRoot === undefined ? {} : { webRoot: options.webRoot });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await closeContext(ctx);
    throw error;
  }
  if (config.gateway.enabled) {
    try {
      await ctx.gatewayModule.start();
    } catch (error) {
      await app.close();
      await closeContext(ctx);
      throw error;
    }
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      const grace = setTimeout(() => {
        ctx.logger.warn({ graceMs: config.shutdownGraceMs }, 'grace period over; closing remaining connections');
        app.server.closeAllConnections();
      }, config.shutdownGraceMs);
      grace.unref();
      try {
        // The gateway first: stop accepting, commit what it holds, send those acks, close sockets.
        await ctx.gatewayModule.stop();
        await app.close();
      } finally {
        clearTimeout(grace);
        await closeContext(ctx);
      }
    })();
    return stopping;
  };
  return { app, ctx, url: `http://${shownHost}:${port}`, stop };
}

/** Stops the server on SIGTERM/SIGINT; a second signal exits at once. */
export function stopOnSignals(server: RunningServer): void {
  let received = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) process.exit(1);
    received = true;
    server.ctx.logger.info({ signal }, 'shutting down: draining in-flight requests');
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        server.ctx.logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
