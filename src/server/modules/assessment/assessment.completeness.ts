/**
 * Data-validity (completeness) rules for statistics. Values below a rule are stored and shown
 * with `complete = false`; they are never hidden. These are configuration: pass overrides to
 * the service.
 *
 * Defaults follow GB 3095-2012 §8 "数据统计的有效性规定" (Table 4), as commonly quoted; the
 * shared references (domain-standards.md, air-water-practice.md) do not reproduce that table,
 * so the figures are *from memory* and are kept overridable:
 * - 1 h mean: ≥ 45 minutes of data in the hour (used when hour means are derived from minutes);
 * - 24 h mean (SO2, NO2, CO, PM10, PM2.5): ≥ 20 hourly means in the natural day;
 * - O3 8 h mean: ≥ 6 hourly means in the 8 hours;
 * - O3 daily maximum 8 h mean: ≥ 14 valid 8 h means among the windows ending 08:00–24:00;
 * - monthly mean: ≥ 27 daily means (≥ 25 in February);
 * - annual mean: ≥ 324 daily means.
 * Manual water samples (monthly sampling) expect one sample per month.
 * Automatic surface-water stations report every 4 hours (air-water-practice.md §5.2: 陈浅
 * "automatic data update every 4 hours"), so their day expects 6 values; a day with at least 4
 * is complete. GB 3095 does not apply to water: this is a platform choice, kept configurable.
 */
export interface CompletenessRules {
  minMinutesPerDerivedHour: number;
  minHoursPerDay: number;
  minHoursPerO3EightHour: number;
  minO3EightHourWindowsPerDay: number;
  minDaysPerMonth: number;
  minDaysPerFebruary: number;
  minDaysPerYear: number;
  /** Discrete samples (manual water sampling): samples expected per month and months per year. */
  samplesPerMonth: number;
  minSampleMonthsPerYear: number;
  /** Automatic surface-water stations: values expected per day, and the minimum for a complete day. */
  waterAutoValuesPerDay: number;
  minWaterAutoValuesPerDay: number;
}

export const DEFAULT_COMPLETENESS: Readonly<CompletenessRules> = Object.freeze({
  minMinutesPerDerivedHour: 45,
  minHoursPerDay: 20,
  minHoursPerO3EightHour: 6,
  minO3EightHourWindowsPerDay: 14,
  minDaysPerMonth: 27,
  minDaysPerFebruary: 25,
  minDaysPerYear: 324,
  samplesPerMonth: 1,
  minSampleMonthsPerYear: 12,
  waterAutoValuesPerDay: 6,
  minWaterAutoValuesPerDay: 4,
});
