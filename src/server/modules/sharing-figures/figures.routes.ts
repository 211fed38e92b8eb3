import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SharingFigures, SharingFiguresQuery } from '../../../contracts/sharing-figures';
import type { RouteRegistration } from '../../http/routes';
import { errorResponses } from '../identity/http-support';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FileResponse = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'File download' });

/** The sharing dashboard (共享成效) and its XLSX export. */
export const registerSharingFiguresRoutes: RouteRegistration = (api, ctx) => {
  const routes = api.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['sharing-figures'];

  routes.get(
    '/sharing-figures',
    {
      schema: { tags, summary: 'Sharing figures of the region or one province, with monthly trends · 共享成效', querystring: SharingFiguresQuery, response: { 200: SharingFigures, ...errorResponses(400, 401, 403) } },
      config: { auth: { permission: 'catalog:read' } },
    },
    async (request) => ctx.sharingFigures.figures(request.query.province ?? '000000'),
  );

  routes.get(
    '/sharing-figures/export.xlsx',
    { schema: { tags, summary: 'The same figures as an Excel workbook · 导出', querystring: SharingFiguresQuery, response: { 200: FileResponse, ...errorResponses(400, 401, 403) } }, config: { auth: { permission: 'catalog:read' } } },
    async (request, reply) => {
      const scope = request.query.province ?? '000000';
      return reply
        .type(XLSX_MIME)
        .header('content-disposition', `attachment; filename="sharing-figures-${scope}.xlsx"`)
        .send(await ctx.sharingFigures.workbook(scope));
    },
  );
};
