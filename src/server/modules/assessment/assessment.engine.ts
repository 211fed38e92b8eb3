import { aqiStandardFor, breakpointsOf, computeAqi, type AqiIndicator, type AqiInput, type AqiPollutant, type AqiResult } from '../../../standards/aqi';
import { assessWaterSample, classRank, ruleOf, type WaterAssessment, type WaterClass, type WaterItem } from '../../../standards/water-quality';
import type { Executor } from '../../db/database';
import { newId } from '../../platform/ids';
import type { CompletenessRules } from './assessment.completeness';
import { aggregate, aqiPollutantOf, hourMeans, o3DailyMaxEightHour, o3EightHourMean, waterItemOf, type RawPoint } from './assessment.compute';
import {
  DAY_MS,
  HOUR_MS,
  beijingMonthStart,
  beijingParts,
  beijingYearStart,
  daysInBeijingMonth,
  daysInBeijingYear,
  hourStart,
  nextBeijingMonthStart,
  nextBeijingYearStart,
} from './assessment.periods';
import { assessmentRepository as repo, type DirtyKey, type ReadingPoint, type StationParameterRow, type StationRow } from './assessment.repository';
import type {
  AirQualityDailyTable,
  AirQualityHourlyTable,
  AlertBasis,
  AssessmentAlertsTable,
  AssessmentRollupsTable,
  RollupBasis,
  WaterClassMonthlyTable,
  WaterClassSamplesTable,
} from './assessment.tables';

/**
 * Recomputes everything derived from one batch of dirty (station, parameter, Beijing day) keys,
 * inside the caller's transaction: day roll-ups from hour readings (or hour means derived from
 * minute/real-time data), then their months, then their years; hourly and daily AQI of air
 * stations; water class per sample and per section-month; exceedance alerts.
 */

/** Hourly AQI above this raises a `standard` alert (重度污染 and worse). */
export const HOURLY_AQI_ALERT_THRESHOLD = 200;

const DAILY_INDICATOR: Readonly<Record<AqiPollutant, AqiIndicator | null>> = {
  SO2: 'SO2_24H',
  NO2: 'NO2_24H',
  PM10: 'PM10_24H',
  'PM2.5': 'PM25_24H',
  CO: 'CO_24H',
  O3: null,
  O3_8h: 'O3_8H',
};
const DAILY_MEAN_KEYS = ['SO2', 'NO2', 'PM10', 'PM2.5', 'CO'] as const;

export interface EngineStats {
  keys: number;
  stationDays: number;
  alertsRaised: number;
}

interface StationInfo {
  row: StationRow;
  parameters: Map<string, StationParameterRow>;
  targetClass: WaterClass | null;
}

interface Group {
  stationKey: number;
  dayStart: number;
  parameters: Set<string>;
  upTo: number;
}

export async function processDirtyBatch(trx: Executor, batch: readonly DirtyKey[], rules: CompletenessRules, now: number): Promise<EngineStats> {
  const groups = new Map<string, Group>();
  for (const key of batch) {
    const id = `${key.station_key}:${key.day_start}`;
    let group = groups.get(id);
    if (!group) {
      group = { stationKey: key.station_key, dayStart: key.day_start, parameters: new Set(), upTo: 0 };
      groups.set(id, group);
    }
    group.parameters.add(key.parameter_code);
    group.upTo = Math.max(group.upTo, key.enqueued_at);
  }

  const stations = await loadStations(trx, [...new Set(batch.map((k) => k.station_key))]);
  const dayRows: AssessmentRollupsTable[] = [];
  const aqiHourly: AirQualityHourlyTable[] = [];
  const aqiDaily: AirQualityDailyTable[] = [];
  const waterSamples: WaterClassSamplesTable[] = [];
  const alerts: AssessmentAlertsTable[] = [];
  const months = new Map<string, { stationKey: number; parameterCode: string; monthStart: number }>();
  const waterMonths = new Map<string, { station: StationInfo; monthStart: number }>();

  // One readings query per station of the batch, covering all its dirty days (plus the 7 hours
  // before the first, for O3 8-hour means); each day then takes its slice.
  const stationReadings = new Map<number, ReadingPoint[]>();
  for (const [stationKey, list] of groupsByStation(groups.values())) {
    const station = stations.get(stationKey);
    if (station === undefined) continue;
    const codes = new Set([...station.parameters.keys(), ...list.flatMap((g) => [...g.parameters])]);
    const first = Math.min(...list.map((g) => g.dayStart));
    const last = Math.max(...list.map((g) => g.dayStart));
    stationReadings.set(stationKey, await repo.readReadings(trx, stationKey, [...codes], first - 7 * HOUR_MS, last + DAY_MS));
  }

  for (const group of groups.values()) {
    const station = stations.get(group.stationKey);
    if (station === undefined) continue;
    const { dayStart } = group;
    const dayEnd = dayStart + DAY_MS;
    const windowStart = dayStart - 7 * HOUR_MS;
    const readings = (stationReadings.get(group.stationKey) ?? []).filter((r) => Number(r.observed_at) >= windowStart && Number(r.observed_at) < dayEnd);
    const byParameter = groupByParameter(readings);
    const manual = station.row.kind === 'surface_water' && station.row.sub_kind === 'manual';
    const hourly = new Map<string, Map<number, { value: number; derived: boolean }>>();
    const hourlyOf = (code: string) => {
      let means = hourly.get(code);
      if (!means) {
        means = hourMeans(byParameter.get(code) ?? [], rules);
        hourly.set(code, means);
      }
      return means;
    };

    for (const code of group.parameters) {
      const inDay = (byParameter.get(code) ?? []).filter((p) => p.observedAt >= dayStart);
      let values: number[];
      let basis: RollupBasis;
      let expected: number;
      let complete: (count: number) => boolean;
      const hours = manual ? new Map() : dayHours(hourlyOf(code), dayStart);
      if (manual || (hours.size === 0 && inDay.some((p) => p.interval === 'day'))) {
        values = inDay.filter((p) => manual || p.interval === 'day').map((p) => p.value);
        basis = 'sample';
        expected = 1;
        complete = (count) => count >= 1;
      } else {
        values = [...hours.values()].map((h) => h.value);
        basis = [...hours.values()].some((h) => h.derived) ? 'derived' : 'hour';
        if (station.row.kind === 'surface_water') {
          expected = rules.waterAutoValuesPerDay;
          complete = (count) => count >= rules.minWaterAutoValuesPerDay;
        } else {
          expected = 24;
          complete = (count) => count >= rules.minHoursPerDay;
        }
      }
      const agg = aggregate(values);
      if (agg.count === 0) {
        await repo.deleteRollup(trx, group.stationKey, code, 'day', dayStart);
      } else {
        dayRows.push({
          station_key: group.stationKey,
          parameter_code: code,
          period: 'day',
          period_start: dayStart,
          ...agg,
          expected,
          coverage: Math.min(1, agg.count / expected),
          complete: complete(agg.count) ? 1 : 0,
          basis,
          computed_at: now,
        });
      }
      const monthStart = beijingMonthStart(dayStart);
      months.set(`${group.stationKey}|${code}|${monthStart}`, { stationKey: group.stationKey, parameterCode: code, monthStart });

      // Permit limits (排污许可) of pollution sources: every hour mean above the limit.
      const permit = station.parameters.get(code)?.permit_limit ?? null;
      if (station.row.kind === 'pollution_source' && permit !== null) {
        for (const [hour, mean] of dayHours(hourlyOf(code), dayStart)) {
          if (mean.value > permit) alerts.push(alertRow(station, code, 'permit', 'hour', hour, mean.value, permit, { derived: mean.derived }, now));
        }
      }
    }

    if (station.row.kind === 'air') {
      const { hourlyRows, dailyRow, raised } = airQuality(station, dayStart, hourlyOf, byParameter, rules, now);
      aqiHourly.push(...hourlyRows);
      if (dailyRow) aqiDaily.push(dailyRow);
      alerts.push(...raised);
    }

    if (station.row.kind === 'surface_water') {
      const samples = manual ? manualSamples(byParameter, dayStart) : automaticDailyMeans(byParameter, dayStart, hourlyOf, rules);
      for (const sample of samples) {
        const outcome = assessWaterSample(sample.items, { waterBody: station.row.water_body ?? 'river' });
        if (!outcome.ok) continue;
        waterSamples.push({ station_key: group.stationKey, sampled_at: sample.at, basis: manual ? 'sample' : 'daily', ...waterColumns(outcome.assessment, sample.items, now) });
        alerts.push(...waterAlerts(station, outcome.assessment, sample.items, sample.codes, manual ? 'sample' : 'day', sample.at, now));
      }
      const monthStart = beijingMonthStart(dayStart);
      waterMonths.set(`${group.stationKey}|${monthStart}`, { station, monthStart });
    }
  }

  await repo.upsertRollups(trx, dayRows);

  const years = new Map<string, { stationKey: number; parameterCode: string; yearStart: number }>();
  const monthRows: AssessmentRollupsTable[] = [];
  const dayRollups = await rollupsByStation(trx, months.values(), 'day', (m) => [m.monthStart, nextBeijingMonthStart(m.monthStart)]);
  for (const m of months.values()) {
    const end = nextBeijingMonthStart(m.monthStart);
    const days = (dayRollups.get(m.stationKey) ?? []).filter((d) => d.parameter_code === m.parameterCode && d.period_start >= m.monthStart && d.period_start < end);
    const row = monthRollup(m.stationKey, m.parameterCode, m.monthStart, days, rules, now);
    if (row) monthRows.push(row);
    else await repo.deleteRollup(trx, m.stationKey, m.parameterCode, 'month', m.monthStart);
    const yearStart = beijingYearStart(m.monthStart);
    years.set(`${m.stationKey}|${m.parameterCode}|${yearStart}`, { stationKey: m.stationKey, parameterCode: m.parameterCode, yearStart });
  }
  await repo.upsertRollups(trx, monthRows);

  const yearRows: AssessmentRollupsTable[] = [];
  const monthRollups = await rollupsByStation(trx, years.values(), 'month', (y) => [y.yearStart, nextBeijingYearStart(y.yearStart)]);
  for (const y of years.values()) {
    const end = nextBeijingYearStart(y.yearStart);
    const monthsOfYear = (monthRollups.get(y.stationKey) ?? []).filter((r) => r.parameter_code === y.parameterCode && r.period_start >= y.yearStart && r.period_start < end);
    const row = yearRollup(y.stationKey, y.parameterCode, y.yearStart, monthsOfYear, rules, now);
    if (row) yearRows.push(row);
    else await repo.deleteRollup(trx, y.stationKey, y.parameterCode, 'year', y.yearStart);
  }
  await repo.upsertRollups(trx, yearRows);

  // Section-month class: the monthly mean of each item (from the month roll-ups just written).
  const waterMonthRows: WaterClassMonthlyTable[] = [];
  const waterRollups = await rollupsByStation(trx, [...waterMonths.values()].map((w) => ({ stationKey: w.station.row.station_key, monthStart: w.monthStart })), 'month', (w) => [w.monthStart, w.monthStart + 1]);
  for (const { station, monthStart } of waterMonths.values()) {
    const rollups = (waterRollups.get(station.row.station_key) ?? []).filter((r) => r.period_start === monthStart);
    const items: Partial<Record<WaterItem, number>> = {};
    for (const r of rollups) {
      const item = waterItemOf(r.parameter_code);
      if (item !== undefined && r.mean !== null) items[item] = r.mean;
    }
    const outcome = assessWaterSample(items, { waterBody: station.row.water_body ?? 'river' });
    if (outcome.ok) waterMonthRows.push({ station_key: station.row.station_key, month_start: monthStart, ...waterColumns(outcome.assessment, items, now) });
  }

  await repo.upsertAqiHourly(trx, aqiHourly);
  await repo.upsertAqiDaily(trx, aqiDaily);
  await repo.upsertWaterSamples(trx, waterSamples);
  await repo.upsertWaterMonthly(trx, waterMonthRows);
  const alertsRaised = await repo.insertAlerts(trx, alerts);
  await repo.deleteProcessed(trx, [...groups.values()].map((g) => ({ stationKey: g.stationKey, dayStart: g.dayStart, parameterCodes: [...g.parameters], upTo: g.upTo })));
  return { keys: batch.length, stationDays: groups.size, alertsRaised };
}

function groupsByStation(groups: Iterable<Group>): Map<number, Group[]> {
  const out = new Map<number, Group[]>();
  for (const g of groups) {
    const list = out.get(g.stationKey);
    if (list) list.push(g);
    else out.set(g.stationKey, [g]);
  }
  return out;
}

/** Roll-ups of one period per station, one query per station spanning all the wanted ranges. */
async function rollupsByStation<T extends { stationKey: number }>(
  trx: Executor,
  wanted: Iterable<T>,
  period: 'day' | 'month',
  rangeOf: (item: T) => [number, number],
): Promise<Map<number, AssessmentRollupsTable[]>> {
  const ranges = new Map<number, [number, number]>();
  for (const item of wanted) {
    const [from, to] = rangeOf(item);
    const current = ranges.get(item.stationKey);
    ranges.set(item.stationKey, current ? [Math.min(current[0], from), Math.max(current[1], to)] : [from, to]);
  }
  const out = new Map<number, AssessmentRollupsTable[]>();
  for (const [stationKey, [from, to]] of ranges) {
    const rows = await repo.readRollups(trx, { stationKey, period, from, to });
    out.set(stationKey, rows.map((r) => ({ ...r, period_start: Number(r.period_start) })));
  }
  return out;
}

async function loadStations(trx: Executor, keys: number[]): Promise<Map<number, StationInfo>> {
  const rows = await repo.stationsByKeys(trx, keys);
  const ids = rows.map((r) => r.id);
  const parameters = await repo.parametersOf(trx, ids);
  const targets = await repo.waterTargets(trx, ids);
  const out = new Map<number, StationInfo>();
  for (const row of rows) {
    out.set(row.station_key, { row, parameters: new Map(), targetClass: (targets.get(row.id) as WaterClass | undefined) ?? null });
  }
  const byId = new Map(rows.map((r) => [r.id, out.get(r.station_key)!]));
  for (const p of parameters) byId.get(p.station_id)?.parameters.set(p.parameter_code, p);
  return out;
}

function groupByParameter(readings: readonly ReadingPoint[]): Map<string, RawPoint[]> {
  const out = new Map<string, RawPoint[]>();
  for (const r of readings) {
    const point: RawPoint = { interval: r.interval, observedAt: Number(r.observed_at), value: r.value };
    const list = out.get(r.parameter_code);
    if (list) list.push(point);
    else out.set(r.parameter_code, [point]);
  }
  return out;
}

function dayHours<T>(means: ReadonlyMap<number, T>, dayStart: number): Map<number, T> {
  const out = new Map<number, T>();
  for (const [hour, v] of means) if (hour >= dayStart && hour < dayStart + DAY_MS) out.set(hour, v);
  return out;
}

function monthRollup(stationKey: number, code: string, monthStart: number, days: readonly AssessmentRollupsTable[], rules: CompletenessRules, now: number): AssessmentRollupsTable | null {
  if (days.length === 0) return null;
  const sample = days.some((d) => d.basis === 'sample');
  const valid = sample ? days : days.filter((d) => d.complete === 1);
  const agg = aggregate(valid.map((d) => d.mean!).filter((m) => m !== null));
  const expected = sample ? rules.samplesPerMonth : daysInBeijingMonth(monthStart);
  const needed = sample ? rules.samplesPerMonth : beijingParts(monthStart).month === 2 ? rules.minDaysPerFebruary : rules.minDaysPerMonth;
  return {
    station_key: stationKey,
    parameter_code: code,
    period: 'month',
    period_start: monthStart,
    ...agg,
    expected,
    coverage: Math.min(1, agg.count / expected),
    complete: agg.count >= needed ? 1 : 0,
    basis: sample ? 'sample' : days.some((d) => d.basis === 'derived') ? 'derived' : 'hour',
    computed_at: now,
  };
}

function yearRollup(stationKey: number, code: string, yearStart: number, months: readonly AssessmentRollupsTable[], rules: CompletenessRules, now: number): AssessmentRollupsTable | null {
  if (months.length === 0) return null;
  const sample = months.some((m) => m.basis === 'sample');
  let sum = 0;
  let count = 0;
  let min: number | null = null;
  let max: number | null = null;
  let monthsWithData = 0;
  for (const m of months) {
    sum += m.sum;
    count += m.count;
    if (m.count > 0) monthsWithData += 1;
    if (m.min !== null && (min === null || m.min < min)) min = m.min;
    if (m.max !== null && (max === null || m.max > max)) max = m.max;
  }
  const expected = sample ? 12 * rules.samplesPerMonth : daysInBeijingYear(yearStart);
  const complete = sample ? monthsWithData >= rules.minSampleMonthsPerYear : count >= rules.minDaysPerYear;
  return {
    station_key: stationKey,
    parameter_code: code,
    period: 'year',
    period_start: yearStart,
    mean: count > 0 ? sum / count : null,
    min,
    max,
    sum,
    count,
    expected,
    coverage: Math.min(1, count / expected),
    complete: complete ? 1 : 0,
    basis: sample ? 'sample' : months.some((m) => m.basis === 'derived') ? 'derived' : 'hour',
    computed_at: now,
  };
}

/** CO is reported in mg/m³; convert if a station declares µg/m³. */
function toAqiUnit(pollutant: string, value: number, unit: string | undefined): number {
  if (pollutant === 'CO' && unit !== undefined && /^(µ|u|μ)g\/m3|^(µ|u|μ)g\/m³/i.test(unit)) return value / 1000;
  return value;
}

function airQuality(
  station: StationInfo,
  dayStart: number,
  hourlyOf: (code: string) => Map<number, { value: number; derived: boolean }>,
  byParameter: Map<string, RawPoint[]>,
  rules: CompletenessRules,
  now: number,
): { hourlyRows: AirQualityHourlyTable[]; dailyRow: AirQualityDailyTable | null; raised: AssessmentAlertsTable[] } {
  const series = new Map<string, Map<number, number>>();
  for (const code of byParameter.keys()) {
    const pollutant = aqiPollutantOf(code);
    if (pollutant === undefined) continue;
    const unit = station.parameters.get(code)?.unit;
    const map = new Map<number, number>();
    for (const [hour, mean] of hourlyOf(code)) map.set(hour, toAqiUnit(pollutant, mean.value, unit));
    series.set(pollutant, map);
  }
  const hourlyRows: AirQualityHourlyTable[] = [];
  const raised: AssessmentAlertsTable[] = [];
  if (series.size === 0) return { hourlyRows, dailyRow: null, raised };
  const o3 = series.get('O3') ?? new Map<number, number>();

  for (let hour = dayStart; hour < dayStart + DAY_MS; hour += HOUR_MS) {
    const input: AqiInput = {};
    for (const [pollutant, map] of series) {
      const v = map.get(hour);
      if (v !== undefined) input[pollutant as AqiPollutant] = v;
    }
    if (Object.keys(input).length === 0) continue;
    const o3_8h = o3EightHourMean(o3, hour, rules.minHoursPerO3EightHour);
    if (o3_8h !== null) input.O3_8h = o3_8h;
    const standard = aqiStandardFor(hour)!;
    const outcome = computeAqi(input, { standard, mode: 'hourly' });
    if (!outcome.ok) continue;
    const result = outcome.result;
    hourlyRows.push({ station_key: station.row.station_key, observed_at: hour, ...aqiColumns(result, input, now) });
    if (result.aqi !== null && result.aqiPublishable && result.aqi > HOURLY_AQI_ALERT_THRESHOLD) {
      raised.push(alertRow(station, 'AQI', 'standard', 'hour', hour, result.aqi, HOURLY_AQI_ALERT_THRESHOLD, { standard, category: result.category, primaryPollutants: result.primaryPollutants }, now));
    }
  }

  const daily: AqiInput = {};
  let complete = true;
  for (const key of DAILY_MEAN_KEYS) {
    const map = series.get(key);
    const values = map ? [...dayHours(map, dayStart).values()] : [];
    if (values.length >= rules.minHoursPerDay) daily[key] = aggregate(values).mean!;
    else complete = false;
  }
  const o3Max8h = o3DailyMaxEightHour(o3, dayStart, rules);
  if (o3Max8h !== null) daily.O3_8h = o3Max8h;
  else complete = false;
  const o3Day = [...dayHours(o3, dayStart).values()];
  if (o3Day.length > 0) daily.O3 = Math.max(...o3Day);
  if (Object.keys(daily).length === 0) return { hourlyRows, dailyRow: null, raised };
  const standard = aqiStandardFor(dayStart)!;
  const outcome = computeAqi(daily, { standard, mode: 'daily' });
  if (!outcome.ok) return { hourlyRows, dailyRow: null, raised };
  const result = outcome.result;
  const dailyRow: AirQualityDailyTable = { station_key: station.row.station_key, day_start: dayStart, ...aqiColumns(result, daily, now), complete: complete ? 1 : 0 };
  // A 24 h mean (or O3 daily max 8 h) above the GB 3095 grade-II limit = IAQI above 100.
  for (const [pollutant, iaqi] of Object.entries(result.iaqi) as [AqiPollutant, number][]) {
    const indicator = DAILY_INDICATOR[pollutant];
    if (indicator === null || iaqi <= 100) continue;
    const limit = breakpointsOf(indicator, standard)[2]!;
    const code = pollutant === 'O3_8h' ? 'a05024' : codeOf(pollutant);
    raised.push(alertRow(station, code, 'standard', 'day', dayStart, daily[pollutant]!, limit, { standard, indicator, iaqi }, now));
  }
  return { hourlyRows, dailyRow, raised };
}

const CODE_OF: Readonly<Record<string, string>> = { SO2: 'a21026', NO2: 'a21004', PM10: 'a34002', 'PM2.5': 'a34004', CO: 'a21005', O3: 'a05024' };
function codeOf(pollutant: string): string {
  return CODE_OF[pollutant]!;
}

function aqiColumns(result: AqiResult, input: AqiInput, now: number) {
  return {
    standard: result.standard,
    aqi: result.aqi,
    level: result.level,
    category: result.category,
    primary_pollutants: JSON.stringify(result.primaryPollutants),
    iaqi: JSON.stringify(result.iaqi),
    concentrations: JSON.stringify(roundAll(input)),
    publishable: result.aqiPublishable ? 1 : 0,
    computed_at: now,
  };
}

function roundAll(values: Record<string, number | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) out[k] = Math.round(v * 1000) / 1000;
  return out;
}

interface WaterSampleInput {
  at: number;
  items: Partial<Record<WaterItem, number>>;
  codes: Partial<Record<WaterItem, string>>;
}

function manualSamples(byParameter: Map<string, RawPoint[]>, dayStart: number): WaterSampleInput[] {
  const samples = new Map<number, WaterSampleInput>();
  for (const [code, points] of byParameter) {
    const item = waterItemOf(code);
    if (item === undefined) continue;
    for (const p of points) {
      if (p.observedAt < dayStart) continue;
      let sample = samples.get(p.observedAt);
      if (!sample) {
        sample = { at: p.observedAt, items: {}, codes: {} };
        samples.set(p.observedAt, sample);
      }
      sample.items[item] = p.value;
      sample.codes[item] = code;
    }
  }
  return [...samples.values()].sort((a, b) => a.at - b.at);
}

function automaticDailyMeans(
  byParameter: Map<string, RawPoint[]>,
  dayStart: number,
  hourlyOf: (code: string) => Map<number, { value: number; derived: boolean }>,
  rules: CompletenessRules,
): WaterSampleInput[] {
  const sample: WaterSampleInput = { at: dayStart, items: {}, codes: {} };
  for (const code of byParameter.keys()) {
    const item = waterItemOf(code);
    if (item === undefined) continue;
    const values = [...dayHours(hourlyOf(code), dayStart).values()].map((h) => h.value);
    // Automatic water stations often report every 4 h (6 values a day): any value counts here;
    // the day roll-up keeps the coverage flag.
    if (values.length === 0) continue;
    void rules;
    sample.items[item] = aggregate(values).mean!;
    sample.codes[item] = code;
  }
  return Object.keys(sample.items).length > 0 ? [sample] : [];
}

function waterColumns(assessment: WaterAssessment, items: Partial<Record<WaterItem, number>>, now: number) {
  return {
    water_body: assessment.waterBody,
    class: assessment.class,
    class_rank: classRank(assessment.class),
    grade: assessment.grade,
    item_classes: JSON.stringify(assessment.itemClasses),
    main_pollutants: JSON.stringify(assessment.mainPollutants),
    item_values: JSON.stringify(roundAll(items)),
    computed_at: now,
  };
}

function waterAlerts(
  station: StationInfo,
  assessment: WaterAssessment,
  items: Partial<Record<WaterItem, number>>,
  codes: Partial<Record<WaterItem, string>>,
  basis: AlertBasis,
  at: number,
  now: number,
): AssessmentAlertsTable[] {
  const target = station.targetClass;
  if (target === null) return [];
  const targetRank = classRank(target);
  const out: AssessmentAlertsTable[] = [];
  for (const item of assessment.assessedItems) {
    const itemClass = assessment.itemClasses[item];
    const value = items[item];
    const code = codes[item];
    if (itemClass === undefined || value === undefined || code === undefined || classRank(itemClass) <= targetRank) continue;
    const rule = ruleOf(item, assessment.waterBody);
    if (rule === null) continue;
    const limit = rule.kind === 'range' ? (value < rule.low ? rule.low : rule.high) : targetRank <= 5 ? rule.limits[targetRank - 1]! : rule.limits[4];
    out.push(alertRow(station, code, 'standard', basis, at, value, limit, { item, class: itemClass, targetClass: target, waterBody: assessment.waterBody }, now));
  }
  return out;
}

function alertRow(
  station: StationInfo,
  parameterCode: string,
  kind: 'standard' | 'permit',
  basis: AlertBasis,
  observedAt: number,
  value: number,
  limit: number,
  detail: Record<string, unknown>,
  now: number,
): AssessmentAlertsTable {
  return {
    id: newId(now),
    station_id: station.row.id,
    station_key: station.row.station_key,
    organisation_id: station.row.owner_organisation_id,
    parameter_code: parameterCode,
    kind,
    basis,
    observed_at: observedAt,
    hour_bucket: hourStart(observedAt),
    value: Math.round(value * 10000) / 10000,
    limit_value: limit,
    detail: JSON.stringify(detail),
    status: 'open',
    created_at: now,
    acknowledged_at: null,
    acknowledged_by: null,
    closed_at: null,
    closed_by: null,
  };
}
