/**
 * HJ/T 212-2005 pollutant codes → HJ 212-2017 codes ("original code" column of HJ 212-2017
 * Appendix B; hj212.md §11.2–11.3). 2005-era loggers still send the old codes.
 * The 2-digit flue-gas codes (`01`, `02`…) and 3-digit water codes (`001`, `011`…) never collide.
 */
const CODES_2005_TO_2017: Readonly<Record<string, string>> = {
  // Water (ST 32 / 21)
  B01: 'w00000', // 污水流量
  '001': 'w01001', // pH
  '002': 'w01002', // 色度
  '003': 'w01012', // 悬浮物
  '010': 'w01017', // BOD5
  '011': 'w01018', // COD
  '015': 'w01020', // TOC
  '020': 'w20111', // 总汞
  '022': 'w20115', // 总镉
  '023': 'w20116', // 总铬
  '024': 'w20117', // 六价铬
  '026': 'w20119', // 总砷
  '027': 'w20120', // 总铅
  '060': 'w21003', // 氨氮
  '065': 'w21001', // 总氮
  '070': 'w21016', // 氰化物
  '080': 'w22001', // 石油类
  '101': 'w21011', // 总磷
  '110': 'w23002', // 挥发酚
  // Flue gas (ST 31)
  B02: 'a00000', // 废气流量
  '01': 'a34013', // 烟尘
  '02': 'a21026', // SO2
  '03': 'a21002', // NOx
  '04': 'a21005', // CO
  '05': 'a21028', // H2S
  '08': 'a21024', // HCl
  '10': 'a21001', // NH3
  '30': 'a05001', // CO2
  '31': 'a20057', // 汞及其化合物
  '37': 'a01010', // 林格曼黑度
  S01: 'a19001', // O2 含量
  S02: 'a01011', // 烟气流速
  S03: 'a01012', // 烟气温度
  S04: 'a01017', // 烟气动压
  S05: 'a01014', // 烟气湿度
  S06: 'a01015', // 制冷温度
  S07: 'a01016', // 烟道截面积
  S08: 'a01013', // 烟气压力
};

const CODES_2017_TO_2005: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(CODES_2005_TO_2017).map(([old, current]) => [current, old]),
);

/**
 * Names other than the HJ 524 code that senders use for ambient O3 (hj212.md §11.1): the table
 * omits O3, so `a05024` (HJ 524), the literal `O3` and `a21030` all occur.
 */
const AIR_ALIASES: Readonly<Record<string, string>> = { O3: 'a05024', a21030: 'a05024' };

function own(table: Readonly<Record<string, string>>, key: string): string | null {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key]! : null;
}

/** The HJ 212-2017 code for a 2005 code, or null if the code is not in the mapping table. */
export function pollutantCode2005To2017(code2005: string): string | null {
  return own(CODES_2005_TO_2017, code2005);
}

/** The HJ/T 212-2005 code for a 2017 code, or null (2017-only parameters have no 2005 code). */
export function pollutantCode2017To2005(code2017: string): string | null {
  return own(CODES_2017_TO_2005, code2017);
}

/**
 * Normalises a pollutant code to its 2017 form: maps 2005 codes and O3 aliases, and returns
 * any other code unchanged (unknown codes are normal in the field, hj212.md §11.5).
 */
export function normalizePollutantCode(code: string): string {
  return own(CODES_2005_TO_2017, code) ?? own(AIR_ALIASES, code) ?? code;
}

/** HJ 633 pollutant keys of the ambient-air (ST=22) codes, after {@link normalizePollutantCode}. */
export const AMBIENT_AIR_CODES: Readonly<Record<string, 'SO2' | 'NO2' | 'PM10' | 'PM2.5' | 'CO' | 'O3'>> = {
  a21026: 'SO2',
  a21004: 'NO2',
  a34002: 'PM10',
  a34004: 'PM2.5',
  a21005: 'CO',
  a05024: 'O3',
};

/**
 * GB 3838 item keys of surface-water codes from the HJ 212 table (hj212.md §11.2). Projects
 * disagree on some metal codes (Cu, Hg), so only the table's codes are listed.
 */
export const SURFACE_WATER_CODES: Readonly<Record<string, string>> = {
  w01001: 'pH',
  w01009: 'DO',
  w01019: 'CODMn',
  w01018: 'COD',
  w01017: 'BOD5',
  w21003: 'NH3-N',
  w21011: 'TP',
  w21001: 'TN',
  w20111: 'Hg',
  w20115: 'Cd',
  w20117: 'Cr6',
  w20119: 'As',
  w20120: 'Pb',
  w21016: 'CN',
  w23002: 'VolatilePhenol',
  w22001: 'Petroleum',
};
