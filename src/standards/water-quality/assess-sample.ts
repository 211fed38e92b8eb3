import { roundGbt8170 } from '../aqi/rounding';
import { ruleOf, WATER_ITEMS, type WaterBody, type WaterItem } from './limits';
import { classRank, classifyValue, qualitativeGrade, type WaterClass } from './water-class';

/** Reference indicators (参考指标) that are classified but, by default, do not set the section class. */
export type ReferenceItem = 'TN' | 'FecalColiform';

export interface WaterAssessmentOptions {
  /** Default `river`. Lakes and reservoirs use the lake TP column and may have TN. */
  readonly waterBody?: WaterBody;
  /**
   * Reference indicators to count in the section class anyway. Default none: the 2011 method
   * assesses 21 items and evaluates TN (lakes only) and fecal coliforms separately.
   */
  readonly includeReferenceItems?: readonly ReferenceItem[];
  /** How many main pollutants to report. Default 3 (the 2011 method). */
  readonly mainPollutantLimit?: number;
  /**
   * Decimals of the exceedance multiple, rounded per GB/T 8170; null keeps the raw quotient.
   * The method gives no rounding rule, so this is a choice: default 2.
   */
  readonly exceedanceDecimals?: number | null;
}

export interface MainPollutant {
  readonly item: WaterItem;
  readonly class: WaterClass;
  readonly value: number;
  readonly classIIILimit: number;
  /** 超标倍数 = (C − class III limit) / class III limit. */
  readonly exceedanceMultiple: number;
}

export interface WaterAssessment {
  readonly waterBody: WaterBody;
  /** Section class: the worst class among the items that count (单因子评价法). */
  readonly class: WaterClass;
  /** 水质状况 (优 / 良好 / 轻度污染 / 中度污染 / 重度污染). */
  readonly grade: ReturnType<typeof qualitativeGrade>;
  /** Class of every classified item, counted or not. */
  readonly itemClasses: Partial<Record<WaterItem, WaterClass>>;
  /** Items that set the section class. */
  readonly assessedItems: WaterItem[];
  /** Classified reference indicators that did not set the section class. */
  readonly referenceItems: WaterItem[];
  /** Supplied items that have no class in this water body (TN in a river). */
  readonly unclassifiedItems: WaterItem[];
  /** Only when the section is worse than III: worst first, at most `mainPollutantLimit`. pH and DO never appear. */
  readonly mainPollutants: MainPollutant[];
}

export type WaterAssessmentError =
  | { readonly code: 'INVALID_VALUE'; readonly item: string; readonly message: string }
  | { readonly code: 'NO_ASSESSED_ITEMS'; readonly message: string };

export type WaterAssessmentOutcome =
  | { readonly ok: true; readonly assessment: WaterAssessment }
  | { readonly ok: false; readonly error: WaterAssessmentError };

/** Items whose "exceedance" is not a concentration excess (2011 method). */
const NOT_MAIN_POLLUTANTS: ReadonlySet<WaterItem> = new Set(['pH', 'DO']);
const REFERENCE_ITEMS: ReadonlySet<WaterItem> = new Set(['TN', 'FecalColiform']);

/**
 * Classifies one sample under GB 3838-2002 with the single-factor method of
 * 《地表水环境质量评价办法（试行）》(环办〔2011〕22号). Units: mg/L; pH dimensionless;
 * FecalColiform 个/L. Main pollutants are reported only when the section is worse than class III.
 */
export function assessWaterSample(sample: Partial<Record<WaterItem, number>>, options: WaterAssessmentOptions = {}): WaterAssessmentOutcome {
  const waterBody = options.waterBody ?? 'river';
  const counted = new Set<WaterItem>(options.includeReferenceItems ?? []);
  const itemClasses: Partial<Record<WaterItem, WaterClass>> = {};
  const assessedItems: WaterItem[] = [];
  const referenceItems: WaterItem[] = [];
  const unclassifiedItems: WaterItem[] = [];
  let worst: WaterClass | null = null;

  for (const item of WATER_ITEMS) {
    const value = sample[item];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      return { ok: false, error: { code: 'INVALID_VALUE', item, message: `${item} must be a finite number ≥ 0` } };
    }
    const rule = ruleOf(item, waterBody);
    if (rule === null) {
      unclassifiedItems.push(item);
      continue;
    }
    const itemClass = classifyValue(rule, value);
    itemClasses[item] = itemClass;
    if (REFERENCE_ITEMS.has(item) && !counted.has(item as ReferenceItem)) {
      referenceItems.push(item);
      continue;
    }
    assessedItems.push(item);
    if (worst === null || classRank(itemClass) > classRank(worst)) worst = itemClass;
  }
  if (worst === null) {
    return { ok: false, error: { code: 'NO_ASSESSED_ITEMS', message: 'no item that sets the section class was supplied' } };
  }
  return {
    ok: true,
    assessment: {
      waterBody,
      class: worst,
      grade: qualitativeGrade(worst),
      itemClasses,
      assessedItems,
      referenceItems,
      unclassifiedItems,
      mainPollutants: classRank(worst) > classRank('III') ? mainPollutantsOf(sample, assessedItems, itemClasses, waterBody, options) : [],
    },
  };
}

function mainPollutantsOf(
  sample: Partial<Record<WaterItem, number>>,
  assessedItems: readonly WaterItem[],
  itemClasses: Partial<Record<WaterItem, WaterClass>>,
  waterBody: WaterBody,
  options: WaterAssessmentOptions,
): MainPollutant[] {
  const decimals = options.exceedanceDecimals === undefined ? 2 : options.exceedanceDecimals;
  const pollutants: { entry: MainPollutant; raw: number }[] = [];
  for (const item of assessedItems) {
    const itemClass = itemClasses[item]!;
    if (NOT_MAIN_POLLUTANTS.has(item) || classRank(itemClass) <= classRank('III')) continue;
    const rule = ruleOf(item, waterBody);
    if (rule === null || rule.kind !== 'max') continue;
    const value = sample[item]!;
    const limit = rule.limits[2];
    const raw = (value - limit) / limit;
    const exceedanceMultiple = decimals === null ? raw : roundGbt8170(raw, decimals);
    pollutants.push({ entry: { item, class: itemClass, value, classIIILimit: limit, exceedanceMultiple }, raw });
  }
  // Ordered on the unrounded multiple; the stable sort keeps Table 1 order among exact ties.
  pollutants.sort((a, b) => b.raw - a.raw);
  return pollutants.slice(0, options.mainPollutantLimit ?? 3).map((p) => p.entry);
}

/**
 * Class of one item's value in a water body (GB 3838-2002 Table 1), or null when the item has
 * no class there (TN in a river). Units as in {@link assessWaterSample}.
 */
export function classifyWaterItem(item: WaterItem, value: number, waterBody: WaterBody = 'river'): WaterClass | null {
  const rule = ruleOf(item, waterBody);
  return rule === null ? null : classifyValue(rule, value);
}
