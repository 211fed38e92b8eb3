import { DIVISIONS, PROVINCE_CODES, type Division, type DivisionLevel, type ProvinceCode } from './table';

/**
 * Province-level prefixes (first two digits) that exist in GB/T 2260, Taiwan (71), Hong Kong (81)
 * and Macao (82) included. A code with any other prefix is malformed.
 */
export const GB2260_PROVINCE_PREFIXES: readonly string[] = Object.freeze([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

const BY_CODE: ReadonlyMap<string, Division> = new Map(DIVISIONS.map((d) => [d.code, d]));
const SIX_DIGITS = /^[0-9]{6}$/;

/** The division with this code, if it is in the table. */
export function findDivision(code: string): Division | undefined {
  return BY_CODE.get(code);
}

/** True for the four party codes 310000, 320000, 330000, 340000. */
export function isProvinceCode(code: string): code is ProvinceCode {
  return (PROVINCE_CODES as readonly string[]).includes(code);
}

export type DivisionCodeCheck =
  /** In the table. */
  | { readonly valid: true; readonly status: 'known'; readonly code: string; readonly level: DivisionLevel; readonly division: Division }
  /**
   * Well-formed but not in the table: a county we do not list, a unit of another province, or a
   * code that does not (or no longer) exist. `inRegion` says whether its province is a party.
   */
  | {
      readonly valid: false;
      readonly status: 'unknown';
      readonly code: string;
      readonly level: DivisionLevel;
      readonly inRegion: boolean;
      readonly reason: string;
    }
  /** Cannot be a GB/T 2260 code at all. */
  | { readonly valid: false; readonly status: 'malformed'; readonly reason: string };

function structuralProblem(code: unknown): string | undefined {
  if (typeof code !== 'string' || !SIX_DIGITS.test(code)) return 'a GB/T 2260 code is exactly six ASCII digits';
  if (code === '000000') return '000000 is not a GB/T 2260 code (the platform uses it for the whole region)';
  const prefix = code.slice(0, 2);
  if (!GB2260_PROVINCE_PREFIXES.includes(prefix)) return `no province-level unit has the prefix ${prefix}`;
  if (code.slice(2, 4) === '00' && code.slice(4, 6) !== '00') return 'county digits are set but the city digits are 00';
  return undefined;
}

/**
 * Validates a division code: first its structure (six digits, an existing province prefix, no
 * county part without a city part), then membership in the table of the four parties. Unknown
 * (well-formed, not listed) and malformed codes are distinct results.
 */
export function isValidDivisionCode(code: string): DivisionCodeCheck {
  const problem = structuralProblem(code);
  if (problem !== undefined) return { valid: false, status: 'malformed', reason: problem };
  const level = levelOfWellFormed(code);
  const division = BY_CODE.get(code);
  if (division) return { valid: true, status: 'known', code, level, division };
  const inRegion = isProvinceCode(provinceCodeOf(code));
  const reason = inRegion
    ? level === 'county'
      ? 'county-level code not in the table (only Shanghai districts and the demonstration-zone counties are listed)'
      : 'no such division in the four provinces (abolished or never assigned)'
    : 'outside the four provinces of the Yangtze River Delta';
  return { valid: false, status: 'unknown', code, level, inRegion, reason };
}

function provinceCodeOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

function levelOfWellFormed(code: string): DivisionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/**
 * The level implied by the trailing zeros: `xx0000` province, `xxxx00` city (prefecture level,
 * including 310100), otherwise county. Undefined for a malformed code; the code need not be in
 * the table.
 */
export function divisionLevel(code: string): DivisionLevel | undefined {
  return structuralProblem(code) === undefined ? levelOfWellFormed(code) : undefined;
}

/** The party province containing a code (any well-formed code, listed or not); undefined outside the region. */
export function provinceOf(code: string): Division | undefined {
  if (structuralProblem(code) !== undefined) return undefined;
  return BY_CODE.get(provinceCodeOf(code));
}

/**
 * The city-level unit containing a city or county code (for a Shanghai district: 310100);
 * undefined for provinces, malformed codes and cities outside the table.
 */
export function cityOf(code: string): Division | undefined {
  if (structuralProblem(code) !== undefined || levelOfWellFormed(code) === 'province') return undefined;
  return BY_CODE.get(`${code.slice(0, 4)}00`);
}

/** The listed units whose parent is `code`, in code order. */
export function childrenOf(code: string): readonly Division[] {
  return DIVISIONS.filter((d) => d.parent === code);
}

/** The city-level units of a party province, in code order (Shanghai: 310100 only); [] for any other code. */
export function citiesOf(provinceCode: string): readonly Division[] {
  return DIVISIONS.filter((d) => d.level === 'city' && d.parent === provinceCode);
}

export type DivisionNameLanguage = 'zh' | 'en' | 'en-full';

/**
 * The name of a listed division: `zh` Chinese (default), `en` pinyin (not unique: two Suzhous,
 * two Taizhous), `en-full` unambiguous English ("Suzhou, Anhui"). Undefined if not listed.
 */
export function divisionName(code: string, lang: DivisionNameLanguage = 'zh'): string | undefined {
  const division = BY_CODE.get(code);
  if (!division) return undefined;
  switch (lang) {
    case 'zh':
      return division.name;
    case 'en':
      return division.nameEn;
    case 'en-full':
      return division.nameEnFull;
  }
}

/** The five "2+5" cities of M4, in code order. */
export const TWO_PLUS_FIVE_CODES: readonly string[] = Object.freeze(DIVISIONS.filter((d) => d.twoPlusFive).map((d) => d.code));

/** The Jiangsu and Anhui cities on the Jiangsu–Anhui border (M3), in code order. */
export const JIANGSU_ANHUI_BORDER_CODES: readonly string[] = Object.freeze(
  DIVISIONS.filter((d) => d.jiangsuAnhuiBorder).map((d) => d.code),
);
