import type { ItemRule } from './limits';

/** GB 3838 classes, best to worst; 劣V is worse than the class V limit. */
export type WaterClass = 'I' | 'II' | 'III' | 'IV' | 'V' | '劣V';

/** Best to worst. */
export const WATER_CLASSES: readonly WaterClass[] = ['I', 'II', 'III', 'IV', 'V', '劣V'];

/** 1 for I … 6 for 劣V, for comparisons. */
export function classRank(waterClass: WaterClass): number {
  return WATER_CLASSES.indexOf(waterClass) + 1;
}

/**
 * Class of one measured value under an item rule (环办〔2011〕22号 single-factor rule): the best
 * class whose (inclusive) limit the value meets, so where classes share a limit the better one
 * wins (COD 15 is class I); DO counts upward; pH is either within 6–9 (I) or 劣V.
 */
export function classifyValue(rule: ItemRule, value: number): WaterClass {
  if (rule.kind === 'range') return value >= rule.low && value <= rule.high ? 'I' : '劣V';
  for (let i = 0; i < rule.limits.length; i++) {
    const limit = rule.limits[i]!;
    if (rule.kind === 'max' ? value <= limit : value >= limit) return WATER_CLASSES[i]!;
  }
  return '劣V';
}

/** 水质状况 of a section class: I–II 优, III 良好, IV 轻度污染, V 中度污染, 劣V 重度污染. */
export function qualitativeGrade(waterClass: WaterClass): '优' | '良好' | '轻度污染' | '中度污染' | '重度污染' {
  switch (waterClass) {
    case 'I':
    case 'II':
      return '优';
    case 'III':
      return '良好';
    case 'IV':
      return '轻度污染';
    case 'V':
      return '中度污染';
    case '劣V':
      return '重度污染';
  }
}
