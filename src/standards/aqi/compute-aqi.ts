import type { AqiIndicator, AqiStandard } from './breakpoints';
import { aqiCategoryOf, type AqiLevel } from './categories';
import { computeIaqi, type IaqiRule } from './iaqi';
import { roundGbt8170 } from './rounding';

/** Input keys: concentrations in µg/m³, CO in mg/m³. */
export type AqiPollutant = 'SO2' | 'NO2' | 'PM10' | 'PM2.5' | 'CO' | 'O3' | 'O3_8h';

/** Every accepted input key, in output order. */
export const AQI_POLLUTANTS: readonly AqiPollutant[] = ['SO2', 'NO2', 'PM10', 'PM2.5', 'CO', 'O3', 'O3_8h'];

/**
 * 24 h sliding means of PM10 and PM2.5: with the six 1 h values and the O3 8 h sliding mean they
 * are the nine real-time (实时报) indicators of HJ 633-2012 (domain-standards.md §1.4). HJ 633-2026
 * reports the six 1 h values only, and daily reports use plain 24 h means.
 */
export type AqiSlidingPm = 'PM10_24h' | 'PM2.5_24h';
export const AQI_SLIDING_PM: readonly AqiSlidingPm[] = ['PM10_24h', 'PM2.5_24h'];

/** A key that may receive an IAQI. */
export type AqiRatedKey = AqiPollutant | AqiSlidingPm;

/**
 * Concentrations of one hour (hourly mode) or one day (daily mode).
 * Hourly: SO2/NO2/CO/O3 are 1 h means; PM10/PM2.5 are 1 h means too (rated against the 24 h
 * columns); `O3_8h` is the 8 h sliding mean. Daily: 24 h means, `O3_8h` the daily maximum 8 h
 * mean and `O3` the daily maximum 1 h mean. `SO2_24h` is only read by the HJ 633-2012 rule for
 * an SO2 1 h value above 800 µg/m³. `PM10_24h`/`PM2.5_24h` (24 h sliding means) are HJ 633-2012
 * real-time indicators of their own, beside the 1 h PM values.
 */
export type AqiInput = Partial<Record<AqiRatedKey | 'SO2_24h', number>>;

export type AqiMode = 'hourly' | 'daily';

export interface AqiOptions {
  readonly standard: AqiStandard;
  /** Default `hourly` (实时报). */
  readonly mode?: AqiMode;
  /**
   * Round concentrations before the IAQI (HJ 633-2026 4.2.2): SO2, NO2, O3, PM10, PM2.5 to whole
   * µg/m³, CO to 0.1 mg/m³, per GB/T 8170 (half to even). `gb8170` by default for both editions;
   * 2012 states no rule, so `none` is available to use concentrations as given.
   */
  readonly concentrationRounding?: 'gb8170' | 'none';
  /**
   * HJ 633-2012 daily mode only: let the O3 daily maximum 1 h IAQI enter the daily AQI
   * (7 indicators). Default false: most implementations use O3 8 h only, and 2026 drops O3 1 h
   * from the daily report (domain-standards.md §1.6 item 3).
   */
  readonly dailyO3OneHourInAqi?: boolean;
}

export interface AqiNote {
  readonly pollutant: AqiRatedKey;
  readonly code:
    | IaqiRule
    | 'SO2_1H_OVER_800_USED_24H'
    | 'SO2_1H_OVER_800_NO_24H'
    | 'O3_8H_OVER_800_USED_1H'
    | 'O3_8H_OVER_800_NO_1H'
    | 'NOT_AN_INDICATOR_IN_THIS_MODE';
  readonly message: string;
}

export interface AqiResult {
  readonly standard: AqiStandard;
  readonly mode: AqiMode;
  /** Max of the rounded IAQIs; null when no indicator could be rated. */
  readonly aqi: number | null;
  readonly level: AqiLevel | null;
  readonly category: string | null;
  readonly categoryEn: string | null;
  readonly color: string | null;
  /** Rounded IAQI per input key that entered the AQI. */
  readonly iaqi: Partial<Record<AqiRatedKey, number>>;
  /** 首要污染物: the keys whose IAQI equals the AQI (ties all count); none when AQI ≤ 50. */
  readonly primaryPollutants: AqiRatedKey[];
  /** 超标污染物 (2012 only): IAQI > 100. HJ 633-2026 deleted the term, so it is always empty there. */
  readonly exceedingPollutants: AqiRatedKey[];
  /** Which of the six pollutants were not supplied. */
  readonly missingPollutants: AqiPollutant[];
  /**
   * HJ 633-2026 5.3.1: with a pollutant missing, publish the AQI only if it is > 100
   * (otherwise show it as NA). Always true under 2012, which has no such rule.
   */
  readonly aqiPublishable: boolean;
  readonly notes: AqiNote[];
}

export type AqiError =
  | { readonly code: 'INVALID_CONCENTRATION'; readonly pollutant: string; readonly message: string }
  | { readonly code: 'NO_POLLUTANTS'; readonly message: string };

export type AqiOutcome = { readonly ok: true; readonly result: AqiResult } | { readonly ok: false; readonly error: AqiError };

function indicatorOf(pollutant: AqiRatedKey, mode: AqiMode, standard: AqiStandard, o3OneHourDaily: boolean): AqiIndicator | null {
  switch (pollutant) {
    // HJ 633-2012 real-time indicators only, rated against the 24 h columns they belong to.
    case 'PM10_24h':
      return mode === 'hourly' && standard === '2012' ? 'PM10_24H' : null;
    case 'PM2.5_24h':
      return mode === 'hourly' && standard === '2012' ? 'PM25_24H' : null;
    case 'SO2':
      return mode === 'hourly' ? 'SO2_1H' : 'SO2_24H';
    case 'NO2':
      return mode === 'hourly' ? 'NO2_1H' : 'NO2_24H';
    case 'CO':
      return mode === 'hourly' ? 'CO_1H' : 'CO_24H';
    // No 1 h PM breakpoints exist: the 1 h value is rated against the 24 h column.
    case 'PM10':
      return 'PM10_24H';
    case 'PM2.5':
      return 'PM25_24H';
    case 'O3':
      if (mode === 'hourly') return 'O3_1H';
      return standard === '2012' && o3OneHourDaily ? 'O3_1H' : null;
    case 'O3_8h':
      // 2012 real-time reports include the 8 h sliding mean; 2026 real-time uses 1 h values only.
      return mode === 'daily' || standard === '2012' ? 'O3_8H' : null;
  }
}

interface Fallback {
  readonly indicator: AqiIndicator;
  readonly concentration: (c: AqiInput) => number | undefined;
  readonly usedCode: AqiNote['code'];
  readonly missingCode: AqiNote['code'];
}

/** SO2 1 h > 800 (2012): the SO2 24 h mean must be supplied separately as `SO2_24h`. */
const SO2_FALLBACK: Fallback = {
  indicator: 'SO2_24H',
  concentration: (c) => c.SO2_24h,
  usedCode: 'SO2_1H_OVER_800_USED_24H',
  missingCode: 'SO2_1H_OVER_800_NO_24H',
};

/** O3 8 h > 800 (2012): `O3` is the 1 h mean (hourly) or the daily maximum 1 h mean (daily). */
const O3_FALLBACK: Fallback = {
  indicator: 'O3_1H',
  concentration: (c) => c.O3,
  usedCode: 'O3_8H_OVER_800_USED_1H',
  missingCode: 'O3_8H_OVER_800_NO_1H',
};

function roundConcentration(pollutant: keyof AqiInput, value: number, rounding: 'gb8170' | 'none'): number {
  if (rounding === 'none') return value;
  return roundGbt8170(value, pollutant === 'CO' ? 1 : 0);
}

/**
 * AQI per HJ 633 (2012 or 2026): IAQI per indicator, AQI = max IAQI, level/category/colour,
 * primary and (2012) exceeding pollutants. Real-time indicators: 2012 the six 1 h values, the O3
 * 8 h sliding mean and the PM10/PM2.5 24 h sliding means (nine); 2026 the six 1 h values. Special rules: SO2 1 h > 800 µg/m³ falls back to the
 * SO2 24 h IAQI under 2012 and is 200 under 2026; O3 8 h > 800 µg/m³ falls back to the O3 1 h
 * IAQI under 2012 and is 300 under 2026; above the table the IAQI is 500. Units: µg/m³, CO mg/m³.
 */
export function computeAqi(input: AqiInput, options: AqiOptions): AqiOutcome {
  const { standard } = options;
  const mode = options.mode ?? 'hourly';
  const rounding = options.concentrationRounding ?? 'gb8170';
  const concentrations: AqiInput = {};
  for (const key of [...AQI_POLLUTANTS, ...AQI_SLIDING_PM, 'SO2_24h'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      return { ok: false, error: { code: 'INVALID_CONCENTRATION', pollutant: key, message: `${key} must be a finite number ≥ 0` } };
    }
    concentrations[key] = roundConcentration(key, value, rounding);
  }
  const supplied = [...AQI_POLLUTANTS, ...AQI_SLIDING_PM].filter((p) => concentrations[p] !== undefined);
  if (supplied.length === 0) return { ok: false, error: { code: 'NO_POLLUTANTS', message: `no concentration among ${[...AQI_POLLUTANTS, ...AQI_SLIDING_PM].join(', ')}` } };

  const notes: AqiNote[] = [];
  const iaqi: Partial<Record<AqiRatedKey, number>> = {};
  const iaqiOf = (indicator: AqiIndicator, value: number | undefined): number | null => {
    if (value === undefined) return null;
    const outcome = computeIaqi(indicator, value, standard);
    return outcome.ok ? outcome.iaqi : null;
  };

  for (const pollutant of supplied) {
    const indicator = indicatorOf(pollutant, mode, standard, options.dailyO3OneHourInAqi === true);
    if (indicator === null) {
      notes.push({ pollutant, code: 'NOT_AN_INDICATOR_IN_THIS_MODE', message: `${pollutant} does not enter the ${mode} AQI under HJ 633-${standard}` });
      continue;
    }
    const outcome = computeIaqi(indicator, concentrations[pollutant]!, standard);
    if (outcome.ok) {
      iaqi[pollutant] = outcome.iaqi;
      if (outcome.rule !== null) notes.push({ pollutant, code: outcome.rule, message: `${indicator} above the table: IAQI ${outcome.iaqi}` });
      continue;
    }
    if (outcome.reason === 'INVALID_CONCENTRATION') continue;
    // HJ 633-2012 notes (2) and (3): substitute the other averaging time's IAQI.
    const fallback = indicator === 'SO2_1H' ? SO2_FALLBACK : O3_FALLBACK;
    const substitute = iaqiOf(fallback.indicator, fallback.concentration(concentrations));
    if (substitute === null) {
      notes.push({ pollutant, code: fallback.missingCode, message: `${indicator} > 800: HJ 633-2012 reports the ${fallback.indicator} IAQI, which was not supplied` });
      continue;
    }
    iaqi[pollutant] = substitute;
    notes.push({ pollutant, code: fallback.usedCode, message: `${indicator} > 800: reported the ${fallback.indicator} IAQI (HJ 633-2012)` });
  }

  const rated = Object.entries(iaqi) as [AqiRatedKey, number][];
  const aqi = rated.length === 0 ? null : Math.max(...rated.map(([, v]) => v));
  const category = aqi === null ? null : aqiCategoryOf(aqi);
  const o3Key: AqiPollutant = mode === 'hourly' ? 'O3' : 'O3_8h';
  const six: AqiPollutant[] = ['SO2', 'NO2', 'PM10', 'PM2.5', 'CO', o3Key];
  const missingPollutants = six.filter((p) => concentrations[p] === undefined);
  return {
    ok: true,
    result: {
      standard,
      mode,
      aqi,
      level: category?.level ?? null,
      category: category?.category ?? null,
      categoryEn: category?.categoryEn ?? null,
      color: category?.color ?? null,
      iaqi,
      primaryPollutants: aqi !== null && aqi > 50 ? rated.filter(([, v]) => v === aqi).map(([p]) => p) : [],
      exceedingPollutants: standard === '2012' ? rated.filter(([, v]) => v > 100).map(([p]) => p) : [],
      missingPollutants,
      aqiPublishable: standard === '2012' || (aqi !== null && (missingPollutants.length === 0 || aqi > 100)),
      notes,
    },
  };
}
