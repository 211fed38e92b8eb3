import { IAQI_LEVELS, breakpointsOf, type AqiIndicator, type AqiStandard } from './breakpoints';
import { ceilIndex } from './rounding';

/** Special cases of Table 1, reported so a reader can see why an IAQI has its value. */
export type IaqiRule =
  /** Above the highest breakpoint: reported as 500. */
  | 'ABOVE_TABLE_500'
  /** HJ 633-2026 note b: SO2 1 h > 800 µg/m³ gives IAQI 200. */
  | 'SO2_1H_OVER_800_IS_200'
  /** HJ 633-2026 note c: O3 8 h > 800 µg/m³ gives IAQI 300. */
  | 'O3_8H_OVER_800_IS_300';

export type IaqiOutcome =
  | { readonly ok: true; readonly raw: number; readonly iaqi: number; readonly rule: IaqiRule | null }
  /**
   * HJ 633-2012 notes (2) and (3): SO2 1 h > 800 and O3 8 h > 800 have no IAQI of their own;
   * the caller substitutes the SO2 24 h or O3 1 h IAQI.
   */
  | { readonly ok: false; readonly reason: 'OVER_800_NOT_DEFINED' }
  | { readonly ok: false; readonly reason: 'INVALID_CONCENTRATION' };

/**
 * IAQI of one indicator (HJ 633 formula (1)): linear interpolation between the breakpoints
 * around `concentration`, then rounded up with {@link ceilIndex}. Units as in Table 1: µg/m³,
 * CO in mg/m³. The concentration is used as given; round it first if the standard asks for it.
 */
export function computeIaqi(indicator: AqiIndicator, concentration: number, standard: AqiStandard): IaqiOutcome {
  if (!Number.isFinite(concentration) || concentration < 0) return { ok: false, reason: 'INVALID_CONCENTRATION' };
  const column = breakpointsOf(indicator, standard);
  for (let i = 1; i < column.length; i++) {
    const hi = column[i];
    if (hi === null || hi === undefined) break;
    if (concentration <= hi) {
      const lo = column[i - 1]!;
      const iaqiLo = IAQI_LEVELS[i - 1]!;
      const iaqiHi = IAQI_LEVELS[i]!;
      const raw = ((iaqiHi - iaqiLo) / (hi - lo)) * (concentration - lo) + iaqiLo;
      return { ok: true, raw, iaqi: ceilIndex(raw), rule: null };
    }
  }
  if (indicator === 'SO2_1H' || indicator === 'O3_8H') {
    if (standard === '2012') return { ok: false, reason: 'OVER_800_NOT_DEFINED' };
    return indicator === 'SO2_1H'
      ? { ok: true, raw: 200, iaqi: 200, rule: 'SO2_1H_OVER_800_IS_200' }
      : { ok: true, raw: 300, iaqi: 300, rule: 'O3_8H_OVER_800_IS_300' };
  }
  return { ok: true, raw: 500, iaqi: 500, rule: 'ABOVE_TABLE_500' };
}
