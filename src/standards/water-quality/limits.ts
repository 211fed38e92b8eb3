/** The 24 basic items of GB 3838-2002 Table 1 (water temperature has no class limits and is left out). */
export type WaterItem =
  | 'pH'
  | 'DO'
  | 'CODMn'
  | 'COD'
  | 'BOD5'
  | 'NH3-N'
  | 'TP'
  | 'TN'
  | 'Cu'
  | 'Zn'
  | 'F'
  | 'Se'
  | 'As'
  | 'Hg'
  | 'Cd'
  | 'Cr6'
  | 'Pb'
  | 'CN'
  | 'VolatilePhenol'
  | 'Petroleum'
  | 'LAS'
  | 'Sulfide'
  | 'FecalColiform';

/** Table 1 order, which is also the order of every output. */
export const WATER_ITEMS: readonly WaterItem[] = [
  'pH', 'DO', 'CODMn', 'COD', 'BOD5', 'NH3-N', 'TP', 'TN', 'Cu', 'Zn', 'F', 'Se', 'As', 'Hg', 'Cd', 'Cr6', 'Pb', 'CN',
  'VolatilePhenol', 'Petroleum', 'LAS', 'Sulfide', 'FecalColiform',
];

/** 河流 (rivers) or 湖泊、水库 (lakes and reservoirs): they differ in TP limits and in TN. */
export type WaterBody = 'river' | 'lake';

/** Limits for classes I–V in order. */
export type ClassLimits = readonly [number, number, number, number, number];

export type ItemRule =
  /** Value ≤ limit meets the class. */
  | { readonly kind: 'max'; readonly limits: ClassLimits }
  /** Value ≥ limit meets the class (溶解氧: higher is better). */
  | { readonly kind: 'min'; readonly limits: ClassLimits }
  /** Inside [low, high] meets every class; outside is 劣V (pH 6–9 is not a gradient). */
  | { readonly kind: 'range'; readonly low: number; readonly high: number };

const max = (...limits: ClassLimits): ItemRule => ({ kind: 'max', limits });

/**
 * GB 3838-2002 Table 1 (domain-standards.md §2.1). mg/L except pH (dimensionless) and
 * 粪大肠菌群 (个/L). DO class I is 7.5 mg/L (the alternative "saturation ≥ 90 %" is not modelled).
 */
const RULES: Readonly<Record<Exclude<WaterItem, 'TP' | 'TN'>, ItemRule>> = {
  pH: { kind: 'range', low: 6, high: 9 },
  DO: { kind: 'min', limits: [7.5, 6, 5, 3, 2] },
  CODMn: max(2, 4, 6, 10, 15),
  COD: max(15, 15, 20, 30, 40),
  BOD5: max(3, 3, 4, 6, 10),
  'NH3-N': max(0.15, 0.5, 1.0, 1.5, 2.0),
  Cu: max(0.01, 1.0, 1.0, 1.0, 1.0),
  Zn: max(0.05, 1.0, 1.0, 2.0, 2.0),
  F: max(1.0, 1.0, 1.0, 1.5, 1.5),
  Se: max(0.01, 0.01, 0.01, 0.02, 0.02),
  As: max(0.05, 0.05, 0.05, 0.1, 0.1),
  Hg: max(0.00005, 0.00005, 0.0001, 0.001, 0.001),
  Cd: max(0.001, 0.005, 0.005, 0.005, 0.01),
  Cr6: max(0.01, 0.05, 0.05, 0.05, 0.1),
  Pb: max(0.01, 0.01, 0.05, 0.05, 0.1),
  CN: max(0.005, 0.05, 0.2, 0.2, 0.2),
  VolatilePhenol: max(0.002, 0.002, 0.005, 0.01, 0.1),
  Petroleum: max(0.05, 0.05, 0.05, 0.5, 1.0),
  LAS: max(0.2, 0.2, 0.2, 0.3, 0.3),
  Sulfide: max(0.05, 0.1, 0.2, 0.5, 1.0),
  FecalColiform: max(200, 2000, 10000, 20000, 40000),
};

const TP_RIVER = max(0.02, 0.1, 0.2, 0.3, 0.4);
const TP_LAKE = max(0.01, 0.025, 0.05, 0.1, 0.2);
const TN_LAKE = max(0.2, 0.5, 1.0, 1.5, 2.0);

/**
 * The rule for an item in a water body, or null when the standard gives that item no class
 * there (总氮 applies to lakes and reservoirs only).
 */
export function ruleOf(item: WaterItem, waterBody: WaterBody): ItemRule | null {
  if (item === 'TP') return waterBody === 'lake' ? TP_LAKE : TP_RIVER;
  if (item === 'TN') return waterBody === 'lake' ? TN_LAKE : null;
  return RULES[item];
}
