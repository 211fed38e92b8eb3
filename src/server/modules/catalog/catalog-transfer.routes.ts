import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CatalogImportBody, CatalogImportQuery, CatalogImportReport, XLSX_MEDIA_TYPE } from '../../../contracts/catalog';
import { ErrorCode } from '../../../contracts/errors';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/auth-guard';
import { AppError } from '../../platform/errors';
import { errorResponses, requestMeta } from '../identity/http-support';
import { MAX_IMPORT_BYTES, readCatalogFile, writeCatalogJson, writeCatalogXlsx } from './national-files';

const JSON_MEDIA_TYPE = 'application/json';
const FileResponse = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'File download' });

const unsupported = () =>
  new AppError(
    ErrorCode.UnsupportedMediaType,
    415,
    `Send the catalog file as the request body, as ${XLSX_MEDIA_TYPE} (XLSX) or ${JSON_MEDIA_TYPE} (JSON)`,
    '请将目录文件作为请求体上传：XLSX 文件或 JSON 文件',
  );

/** Provincial catalog import and export in the national metadata format (目录导入/导出). */
export async function registerCatalogTransferRoutes(parent: FastifyInstance, ctx: AppContext): Promise<void> {
  // Own scope: the catalog file is the raw body. JSON is taken raw too, so both formats are read
  // by the CLI's reader (same checks, same messages) under the same size limit.
  await parent.register(async (scope) => {
    scope.removeContentTypeParser(JSON_MEDIA_TYPE);
    scope.addContentTypeParser([XLSX_MEDIA_TYPE, JSON_MEDIA_TYPE], { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) => done(null, body));
    scope.addContentTypeParser('*', (_request, _payload, done) => done(unsupported()));
    const api = scope.withTypeProvider<TypeBoxTypeProvider>();
    const { transfer } = ctx.catalog;
    const tags = ['catalog'];

    api.post(
      '/catalog/import',
      {
        bodyLimit: MAX_IMPORT_BYTES,
        schema: {
          tags,
          summary: 'Import a provincial catalog (national metadata format, XLSX or JSON body): all or nothing with a per-row report; ?dryRun=true only checks',
          querystring: CatalogImportQuery,
          body: CatalogImportBody,
          response: { 200: CatalogImportReport, ...errorResponses(400, 401, 403, 413, 415, 422) },
        },
        config: { auth: { permission: 'catalog:manage' } },
      },
      async (request) => {
        const body: unknown = request.body;
        if (!Buffer.isBuffer(body)) throw unsupported();
        const format = (request.headers['content-type'] ?? '').startsWith(XLSX_MEDIA_TYPE) ? 'xlsx' : 'json';
        const { records, sourceRows } = await readCatalogFile(format, body);
        return transfer.importRecords(records, { caller: actorOf(request), dryRun: request.query.dryRun ?? false, meta: requestMeta(request), sourceRows });
      },
    );

    for (const format of ['xlsx', 'json'] as const) {
      api.get(
        `/catalog/export.${format}`,
        {
          schema: { tags, summary: `The catalog the caller sees (own drafts included) in the national metadata format, as ${format.toUpperCase()}`, response: { 200: FileResponse, ...errorResponses(401, 403) } },
          config: { auth: { permission: 'catalog:read' } },
        },
        async (request, reply) => {
          const records = await transfer.exportRecords(undefined, actorOf(request));
          const day = new Date(ctx.clock.now() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
          return reply
            .type(format === 'xlsx' ? XLSX_MEDIA_TYPE : 'application/json; charset=utf-8')
            .header('content-disposition', `attachment; filename="yrd-eco-catalog-${day}.${format}"`)
            .send(format === 'xlsx' ? await writeCatalogXlsx(records) : writeCatalogJson(records));
        },
      );
    }
  });
}
