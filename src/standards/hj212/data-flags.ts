import type { Hj212Edition } from './decoder';

export interface DataFlagInfo {
  readonly flag: string;
  readonly known: boolean;
  readonly meaning: string;
  readonly meaningZh: string;
  /** The value was produced under normal operation (2017 `N`; 2005 `N`, or `3` at air stations). */
  readonly normal: boolean;
}

type Entry = readonly [meaning: string, meaningZh: string];

/** HJ 212-2017 data flags (`xxxxxx-Flag`), hj212.md §7. The Chinese texts are short glosses, not the standard's wording. */
const FLAGS_2017: Readonly<Record<string, Entry>> = {
  N: ['analyser working normally', '仪器正常'],
  F: ['analyser stopped', '仪器停运'],
  M: ['data produced during maintenance', '维护期间数据'],
  S: ['manually entered set value', '手工输入设定值'],
  D: ['analyser fault', '仪器故障'],
  C: ['analyser calibrating', '仪器校准'],
  T: ['above the analyser upper measuring limit', '超测量上限'],
  B: ['analyser to data logger communication failure', '仪器与数采仪通讯异常'],
};

/** HJ/T 212-2005 data flags, hj212.md §7. Note `F` means the emission source stopped, not the analyser. */
const FLAGS_2005: Readonly<Record<string, Entry>> = {
  P: ['power failure', '电源故障'],
  F: ['emission source stopped', '排放源停运'],
  C: ['calibration or check', '校验'],
  M: ['maintenance', '维护'],
  T: ['above the upper measuring limit', '超测上限'],
  D: ['fault', '故障'],
  S: ['set value', '设定值'],
  N: ['normal', '正常'],
  '0': ['air station: calibration data', '空气站：校准数据'],
  '1': ['air station: meteorological parameter', '空气站：气象参数'],
  '2': ['air station: abnormal data', '空气站：异常数据'],
  '3': ['air station: normal data', '空气站：正常数据'],
};

/**
 * What a data flag means under the packet's edition. The flag is an open string (provinces and
 * vendors add `St`, `Sd`, `Md`…): unknown flags come back with `known: false`, never an error.
 * Store the raw flag together with the edition, since `F` changed meaning in 2017.
 */
export function describeDataFlag(flag: string, edition: Hj212Edition): DataFlagInfo {
  const table = edition === '2017' ? FLAGS_2017 : FLAGS_2005;
  const entry = Object.prototype.hasOwnProperty.call(table, flag) ? table[flag] : undefined;
  if (entry === undefined) return { flag, known: false, meaning: 'unknown flag', meaningZh: '未知标记', normal: false };
  return { flag, known: true, meaning: entry[0], meaningZh: entry[1], normal: flag === 'N' || (edition === '2005' && flag === '3') };
}

/** Every flag the given edition defines. */
export function dataFlagsOf(edition: Hj212Edition): string[] {
  return Object.keys(edition === '2017' ? FLAGS_2017 : FLAGS_2005);
}
