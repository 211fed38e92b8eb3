import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteRegistration } from '../../http/routes';
import { PLATFORM_VERSION } from '../../platform/version';

const MetaResponse = Type.Object({
  name: Type.String(),
  nameEn: Type.String(),
  version: Type.String(),
  /** Tile URL template for base maps; empty means boundaries only (fully offline). */
  mapTileUrl: Type.String(),
});

/** Public facts the web needs before sign-in. */
export const registerMetaRoutes: RouteRegistration = (api, ctx) => {
  api.withTypeProvider<TypeBoxTypeProvider>().get(
    '/meta',
    { schema: { tags: ['meta'], summary: 'Platform name, version and map settings', response: { 200: MetaResponse } }, config: { auth: 'public' } },
    async () => ({
      name: '长三角生态环境协同平台',
      nameEn: 'Yangtze River Delta Eco-Environment Collaboration Platform',
      version: PLATFORM_VERSION,
      mapTileUrl: ctx.config.mapTileUrl,
    }),
  );
};
