export { DIVISIONS, PROVINCE_BBOX, PROVINCE_CODES, type Division, type DivisionLevel, type LngLat, type ProvinceCode } from './table';
export {
  GB2260_PROVINCE_PREFIXES,
  JIANGSU_ANHUI_BORDER_CODES,
  TWO_PLUS_FIVE_CODES,
  childrenOf,
  cityOf,
  citiesOf,
  divisionLevel,
  divisionName,
  findDivision,
  isProvinceCode,
  isValidDivisionCode,
  provinceOf,
  type DivisionCodeCheck,
  type DivisionNameLanguage,
} from './lookup';
export {
  bboxOfGeometry,
  isRingClosed,
  pointInGeometry,
  pointInPolygon,
  pointInRing,
  ringSignedArea,
  type BBox,
  type PolygonalGeometry,
  type Position,
} from './geometry';
