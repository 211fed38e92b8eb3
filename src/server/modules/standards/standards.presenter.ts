import type { AqiResult, Hj212DecodeResult, StandardsItemFailure, UsccCheckResult, WaterClassResult } from '../../../contracts/standards';
import { AQI_POLLUTANTS, AQI_SLIDING_PM, aqiStandardFor, computeAqi, type AqiInput, type AqiMode, type AqiStandard } from '../../../standards/aqi';
import { parseHj212Packet, type CrcTolerance } from '../../../standards/hj212';
import { validateUscc } from '../../../standards/uscc';
import { WATER_ITEMS, assessWaterSample, type ReferenceItem, type WaterBody, type WaterItem } from '../../../standards/water-quality';

/**
 * The one mapping from the standards library to the output objects of the standards toolbox.
 * The CLI (`yrd-eco hj212 decode | aqi | water-class | uscc check`, one object per line) and
 * the HTTP routes (`/api/v1/standards/…`, one object per item) both call these functions, so
 * the same input gives the same JSON. Pure: no I/O, no clock (callers pass `now`).
 * Imports nothing heavier than the standards library, so the CLI stays quick to start.
 */

const failure = (code: string, message: string): StandardsItemFailure => ({ ok: false, error: { code, message } });

/** A number, a numeric string, or null/undefined (absent); anything else is null-marked as invalid. */
function readNumber(value: unknown): number | null | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

// ---------------------------------------------------------------- HJ 212

export interface Hj212DecodeOptions {
  /** Accept CRC-16/MODBUS (straight or byte-swapped) as well; per-device tolerance, off by default. */
  readonly crcTolerance?: CrcTolerance;
  /** Decode a packet whose length field is wrong when its CRC is right (a sender miscount). */
  readonly acceptLengthMismatch?: boolean;
}

const encoder = new TextEncoder();

/**
 * One raw packet (`##…CRC`, terminator optional) → its output object. Values stay the exact
 * strings of the packet; `dataTime` is Beijing time with `+08:00`.
 */
export function presentHj212Packet(packet: string, options: Hj212DecodeOptions = {}): Hj212DecodeResult {
  const result = parseHj212Packet(encoder.encode(packet), {
    crcTolerance: options.crcTolerance ?? 'strict',
    acceptLengthMismatch: options.acceptLengthMismatch ?? false,
  });
  if (!result.ok) return failure(result.error.code, result.error.message);
  const { packet: checked, message } = result;
  return {
    ok: true,
    version: message.edition,
    crcValid: checked.crcValid,
    lengthValid: checked.lengthValid,
    qn: message.qn,
    st: message.st,
    cn: message.cn,
    pw: message.pw,
    mn: message.mn,
    flag: message.flag?.raw ?? null,
    pnum: message.pnum,
    pno: message.pno,
    dataTime: message.dataTime?.iso ?? null,
    values: message.values as Record<string, Record<string, string>>,
    cp: message.cp as Record<string, string>,
    warnings: message.warnings.map((warning) => ({ code: warning.code, message: warning.message })),
  };
}

// ---------------------------------------------------------------- AQI

export interface AqiPresentOptions {
  /** Forces the edition; otherwise the item's `date`/`time` decides, else the edition in force at `now`. */
  readonly standard?: AqiStandard;
  readonly mode?: AqiMode;
  /** Epoch ms used when an item carries no date. */
  readonly now: number;
}

const CONCENTRATION_KEYS: ReadonlySet<string> = new Set([...AQI_POLLUTANTS, ...AQI_SLIDING_PM, 'SO2_24h']);
const DATE_KEYS: ReadonlySet<string> = new Set(['date', 'time']);

/**
 * One object of concentrations (µg/m³, CO mg/m³) with keys among SO2 NO2 PM10 PM2.5 CO O3
 * O3_8h (and SO2_24h for the 2012 SO2 > 800 rule, PM10_24h/PM2.5_24h for the 2012 real-time
 * sliding means), plus an optional `date`/`time` that picks
 * HJ 633-2012 (before 2026-03-01) or HJ 633-2026 → its output object. Other keys are listed in
 * `ignoredKeys`.
 */
export function presentAqi(record: Readonly<Record<string, unknown>>, options: AqiPresentOptions): AqiResult {
  const input: AqiInput = {};
  const ignoredKeys: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (DATE_KEYS.has(key)) continue;
    if (!CONCENTRATION_KEYS.has(key)) {
      ignoredKeys.push(key);
      continue;
    }
    const concentration = readNumber(value);
    if (concentration === null) return failure('INVALID_CONCENTRATION', `${key} must be a number`);
    if (concentration !== undefined) input[key as keyof AqiInput] = concentration;
  }

  let standard = options.standard;
  if (standard === undefined) {
    const when = record.date ?? record.time;
    if (when === undefined || when === null) standard = aqiStandardFor(options.now) ?? '2026';
    else {
      const chosen = typeof when === 'string' || typeof when === 'number' ? aqiStandardFor(when) : null;
      if (chosen === null) return failure('INVALID_DATE', 'date/time must be YYYY-MM-DD, an ISO-8601 date-time or epoch milliseconds');
      standard = chosen;
    }
  }

  const outcome = computeAqi(input, { standard, mode: options.mode ?? 'hourly' });
  if (!outcome.ok) return failure(outcome.error.code, outcome.error.message);
  const r = outcome.result;
  if (r.aqi === null || r.level === null || r.category === null || r.categoryEn === null || r.color === null) {
    return failure('NO_RATED_POLLUTANTS', `no supplied pollutant enters the ${r.mode} AQI under HJ 633-${r.standard}`);
  }
  return {
    ok: true,
    aqi: r.aqi,
    level: r.level,
    category: r.category,
    categoryEn: r.categoryEn,
    color: r.color,
    iaqi: r.iaqi,
    primaryPollutants: r.primaryPollutants,
    exceedingPollutants: r.exceedingPollutants,
    standard: r.standard,
    mode: r.mode,
    missingPollutants: r.missingPollutants,
    aqiPublishable: r.aqiPublishable,
    notes: r.notes.map((note) => ({ pollutant: note.pollutant, code: note.code, message: note.message })),
    ...(ignoredKeys.length > 0 ? { ignoredKeys } : {}),
  };
}

// ---------------------------------------------------------------- Water class

export interface WaterClassPresentOptions {
  readonly waterBody?: WaterBody;
  readonly includeReferenceItems?: readonly ReferenceItem[];
}

const WATER_ITEM_KEYS: ReadonlySet<string> = new Set(WATER_ITEMS);

/**
 * One object of GB 3838 item values (mg/L; pH dimensionless; FecalColiform 个/L) keyed `pH DO
 * CODMn COD BOD5 NH3-N TP TN Cu Zn F Se As Hg Cd Cr6 Pb CN VolatilePhenol Petroleum LAS Sulfide
 * FecalColiform` → its output object. Other keys are listed in `ignoredKeys`.
 */
export function presentWaterClass(record: Readonly<Record<string, unknown>>, options: WaterClassPresentOptions = {}): WaterClassResult {
  const sample: Partial<Record<WaterItem, number>> = {};
  const ignoredKeys: string[] = [];
  for (const [key, raw] of Object.entries(record)) {
    if (!WATER_ITEM_KEYS.has(key)) {
      ignoredKeys.push(key);
      continue;
    }
    const value = readNumber(raw);
    if (value === null) return failure('INVALID_VALUE', `${key} must be a number`);
    if (value !== undefined) sample[key as WaterItem] = value;
  }
  const outcome = assessWaterSample(sample, {
    waterBody: options.waterBody ?? 'river',
    includeReferenceItems: options.includeReferenceItems ?? [],
  });
  if (!outcome.ok) return failure(outcome.error.code, outcome.error.message);
  const a = outcome.assessment;
  return {
    ok: true,
    class: a.class,
    grade: a.grade,
    waterBody: a.waterBody,
    itemClasses: a.itemClasses,
    mainPollutants: a.mainPollutants.map((p) => ({ item: p.item, class: p.class, value: p.value, classIIILimit: p.classIIILimit, exceedanceMultiple: p.exceedanceMultiple })),
    referenceItems: a.referenceItems,
    unclassifiedItems: a.unclassifiedItems,
    ...(ignoredKeys.length > 0 ? { ignoredKeys } : {}),
  };
}

// ---------------------------------------------------------------- USCC

/** One code → its output object; surrounding whitespace is ignored, nothing else is normalised. */
export function presentUsccCheck(input: string): UsccCheckResult {
  const code = input.trim();
  const result = validateUscc(code);
  return {
    code,
    valid: result.valid,
    orgCodeValid: result.orgCodeValid,
    error: result.error === null ? null : { code: result.error.code, message: result.error.message },
  };
}
