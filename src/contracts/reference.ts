import { Type, type Static } from 'typebox';

const LngLat = Type.Tuple([Type.Number(), Type.Number()], { description: '[longitude, latitude], WGS 84' });

export const DivisionCity = Type.Object({
  code: Type.String({ description: 'GB/T 2260' }),
  name: Type.String(),
  nameEn: Type.String(),
  /** Disambiguated English name, e.g. "Suzhou, Anhui" for 宿州. */
  nameEnFull: Type.String(),
  center: LngLat,
  /** One of the five cities of the Zhejiang–Anhui "2+5" air joint prevention (M4). */
  twoPlusFive: Type.Boolean(),
  /** Touches the other province on the Jiangsu–Anhui border (苏皖交界, M3). */
  jiangsuAnhuiBorder: Type.Boolean(),
});
export type DivisionCity = Static<typeof DivisionCity>;

export const DivisionProvince = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  center: LngLat,
  cities: Type.Array(DivisionCity),
});
export type DivisionProvince = Static<typeof DivisionProvince>;

export const DivisionsResponse = Type.Object({ provinces: Type.Array(DivisionProvince) }, { $id: 'DivisionsResponse' });
export type DivisionsResponse = Static<typeof DivisionsResponse>;
