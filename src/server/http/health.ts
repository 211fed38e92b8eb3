import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { ErrorCode } from '../../contracts/errors';
import type { AppContext } from '../context';
import { isFullyMigrated } from '../db/migrator';
import { sendError } from './error-handler';

/** `/healthz`: the process answers. `/readyz`: the database answers and is fully migrated. */
export function registerHealthRoutes(app: FastifyInstance, ctx: Pick<AppContext, 'database'>): void {
  app.get('/healthz', { schema: { hide: true }, config: { auth: 'public', rateLimit: false } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true }, config: { auth: 'public', rateLimit: false } }, async (request, reply) => {
    try {
      await sql`select 1`.execute(ctx.database.db);
      if (!(await isFullyMigrated(ctx.database))) {
        return sendError(reply, request, {
          status: 503,
          code: ErrorCode.NotReady,
          message: 'Database migrations are pending',
          messageZh: '数据库迁移尚未完成',
        });
      }
      return { status: 'ready', database: ctx.database.dialect.name };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return sendError(reply, request, {
        status: 503,
        code: ErrorCode.NotReady,
        message: 'Database is not reachable',
        messageZh: '数据库不可用',
      });
    }
  });
}
