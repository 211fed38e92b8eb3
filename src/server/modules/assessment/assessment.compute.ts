import { AMBIENT_AIR_CODES, SURFACE_WATER_CODES } from '../../../standards/hj212';
import type { AqiPollutant } from '../../../standards/aqi';
import type { WaterItem } from '../../../standards/water-quality';
import type { CompletenessRules } from './assessment.completeness';
import { HOUR_MS } from './assessment.periods';

/**
 * Pure arithmetic of the assessment module: aggregates, hour means derived from minute or
 * real-time data, O3 8-hour moving averages. No I/O.
 */

export interface Aggregate {
  mean: number | null;
  min: number | null;
  max: number | null;
  sum: number;
  count: number;
}

export function aggregate(values: readonly number[]): Aggregate {
  if (values.length === 0) return { mean: null, min: null, max: null, sum: 0, count: 0 };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { mean: sum / values.length, min, max, sum, count: values.length };
}

export interface RawPoint {
  interval: 'rt' | 'min' | 'hour' | 'day';
  observedAt: number;
  value: number;
}

/**
 * Hour means of one parameter. An hour reading wins for its hour. Without one, the hour mean is
 * derived from minute data (preferred) or real-time data in that hour, and is valid only when it
 * covers at least `minMinutesPerDerivedHour` minutes: minute data cover `count × step` minutes
 * (step = the smallest spacing between the hour's minute values, 1–60 min, default 1 for a
 * single value); real-time data cover the number of distinct minutes holding a value.
 * Returns hour start → { value, derived }.
 */
export function hourMeans(points: readonly RawPoint[], rules: Pick<CompletenessRules, 'minMinutesPerDerivedHour'>): Map<number, { value: number; derived: boolean }> {
  const hours = new Map<number, number>();
  const minutes = new Map<number, number[]>();
  const realtime = new Map<number, { t: number; v: number }[]>();
  for (const p of points) {
    const h = Math.floor(p.observedAt / HOUR_MS) * HOUR_MS;
    if (p.interval === 'hour') hours.set(h, p.value);
    else if (p.interval === 'min') push(minutes, h, p.observedAt, p.value);
    else if (p.interval === 'rt') pushRt(realtime, h, p.observedAt, p.value);
  }
  const out = new Map<number, { value: number; derived: boolean }>();
  for (const [h, v] of hours) out.set(h, { value: v, derived: false });
  for (const [h, list] of minutes) {
    if (out.has(h)) continue;
    const times = list.filter((_, i) => i % 2 === 0).sort((a, b) => a - b);
    const values = list.filter((_, i) => i % 2 === 1);
    let step = times.length === 1 ? 1 : 60;
    for (let i = 1; i < times.length; i++) step = Math.min(step, (times[i]! - times[i - 1]!) / 60_000);
    step = Math.max(1, Math.min(60, step));
    const covered = Math.min(60, times.length * step);
    if (covered >= rules.minMinutesPerDerivedHour) out.set(h, { value: aggregate(values).mean!, derived: true });
  }
  for (const [h, list] of realtime) {
    if (out.has(h)) continue;
    const distinctMinutes = new Set(list.map((x) => Math.floor(x.t / 60_000))).size;
    if (distinctMinutes >= rules.minMinutesPerDerivedHour) out.set(h, { value: aggregate(list.map((x) => x.v)).mean!, derived: true });
  }
  return out;
}

function push(map: Map<number, number[]>, key: number, t: number, v: number): void {
  const list = map.get(key);
  if (list) list.push(t, v);
  else map.set(key, [t, v]);
}

function pushRt(map: Map<number, { t: number; v: number }[]>, key: number, t: number, v: number): void {
  const list = map.get(key);
  if (list) list.push({ t, v });
  else map.set(key, [{ t, v }]);
}

/**
 * O3 8-hour moving average ending with the hour starting at `hour` (hours hour−7 … hour), valid
 * with at least `minHours` hourly values; null otherwise.
 */
export function o3EightHourMean(o3: ReadonlyMap<number, number>, hour: number, minHours: number): number | null {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < 8; i++) {
    const v = o3.get(hour - i * HOUR_MS);
    if (v !== undefined) {
      sum += v;
      n += 1;
    }
  }
  return n >= minHours ? sum / n : null;
}

/**
 * O3 daily maximum 8-hour mean of the Beijing day starting at `dayStart`: the maximum over the
 * 17 windows inside the day (01–08 … 17–24 o'clock, i.e. ending with hours 7 … 23 of the day),
 * valid when at least `minWindows` windows are valid.
 */
export function o3DailyMaxEightHour(o3: ReadonlyMap<number, number>, dayStart: number, rules: Pick<CompletenessRules, 'minHoursPerO3EightHour' | 'minO3EightHourWindowsPerDay'>): number | null {
  let best: number | null = null;
  let valid = 0;
  for (let end = 7; end <= 23; end++) {
    const m = o3EightHourMean(o3, dayStart + end * HOUR_MS, rules.minHoursPerO3EightHour);
    if (m === null) continue;
    valid += 1;
    if (best === null || m > best) best = m;
  }
  return valid >= rules.minO3EightHourWindowsPerDay ? best : null;
}

/** HJ 212 air code → HJ 633 key (SO2 … O3), after the code normalisation of the HJ 212 library. */
export function aqiPollutantOf(parameterCode: string): Exclude<AqiPollutant, 'O3_8h'> | undefined {
  return AMBIENT_AIR_CODES[parameterCode];
}

export const AQI_PARAMETER_CODES: Readonly<Record<Exclude<AqiPollutant, 'O3_8h'>, string>> = Object.freeze(
  Object.fromEntries(Object.entries(AMBIENT_AIR_CODES).map(([code, key]) => [key, code])) as Record<Exclude<AqiPollutant, 'O3_8h'>, string>,
);

/** HJ 212 surface-water code → GB 3838 item. */
export function waterItemOf(parameterCode: string): WaterItem | undefined {
  return SURFACE_WATER_CODES[parameterCode] as WaterItem | undefined;
}

export const WATER_PARAMETER_CODES: Readonly<Partial<Record<WaterItem, string>>> = Object.freeze(
  Object.fromEntries(Object.entries(SURFACE_WATER_CODES).map(([code, item]) => [item, code])) as Partial<Record<WaterItem, string>>,
);
