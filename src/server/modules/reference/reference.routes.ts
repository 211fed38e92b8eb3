import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DivisionsResponse } from '../../../contracts/reference';
import { citiesOf, PROVINCE_CODES, findDivision, type Division } from '../../../standards/divisions';
import type { RouteRegistration } from '../../http/routes';

function presentProvinces(): DivisionsResponse {
  const present = (division: Division) => ({ code: division.code, name: division.name, nameEn: division.nameEn, center: [...division.center] as [number, number] });
  return {
    provinces: PROVINCE_CODES.map((code) => {
      const province = findDivision(code)!;
      return {
        ...present(province),
        cities: citiesOf(code).map((city) => ({
          ...present(city),
          nameEnFull: city.nameEnFull,
          twoPlusFive: city.twoPlusFive,
          jiangsuAnhuiBorder: city.jiangsuAnhuiBorder,
        })),
      };
    }),
  };
}

/** GB/T 2260 reference data of the four parties: public, and the same for everybody. */
export const registerReferenceRoutes: RouteRegistration = (api) => {
  const divisions = presentProvinces();
  api.withTypeProvider<TypeBoxTypeProvider>().get(
    '/divisions',
    {
      schema: { tags: ['reference'], summary: 'Provinces and prefecture-level cities of the four parties (GB/T 2260)', response: { 200: DivisionsResponse } },
      config: { auth: 'public' },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=86400');
      return divisions;
    },
  );
};
