import { Option, type Command } from 'commander';
import { mapJsonLines } from '../line-io';
import { AQI_POLLUTANTS, aqiStandardFor, computeAqi, type AqiInput, type AqiMode, type AqiStandard } from '../../standards/aqi';
import type { CommandRegistration } from './index';

export interface AqiLineOptions {
  /** Forces the edition; otherwise the line's `date`/`time` decides, else the edition in force at `now`. */
  readonly standard?: AqiStandard;
  readonly mode?: AqiMode;
  /** Epoch ms used when a line carries no date. */
  readonly now: number;
}

const CONCENTRATION_KEYS: ReadonlySet<string> = new Set([...AQI_POLLUTANTS, 'SO2_24h']);
const DATE_KEYS = ['date', 'time'] as const;

const failure = (code: string, message: string) => ({ ok: false, error: { code, message } });

function readConcentration(value: unknown): number | null | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

/**
 * One output object for one input line: a JSON object of concentrations (µg/m³, CO mg/m³) with
 * keys among SO2 NO2 PM10 PM2.5 CO O3 O3_8h (and SO2_24h for the 2012 SO2 > 800 rule), plus an
 * optional `date`/`time` that picks HJ 633-2012 (before 2026-03-01) or HJ 633-2026.
 */
export function aqiForLine(line: string, options: AqiLineOptions): object {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return failure('INVALID_JSON', 'line is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return failure('INVALID_INPUT', 'line must be a JSON object');
  const record = parsed as Record<string, unknown>;
  const input: AqiInput = {};
  const ignoredKeys: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if ((DATE_KEYS as readonly string[]).includes(key)) continue;
    if (!CONCENTRATION_KEYS.has(key)) {
      ignoredKeys.push(key);
      continue;
    }
    const concentration = readConcentration(value);
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
  if (r.aqi === null) return failure('NO_RATED_POLLUTANTS', `no supplied pollutant enters the ${r.mode} AQI under HJ 633-${r.standard}`);
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
    notes: r.notes,
    ...(ignoredKeys.length > 0 ? { ignoredKeys } : {}),
  };
}

/** `yrd-eco aqi [--standard 2012|2026] [--mode hourly|daily]`: stdin JSON lines in, JSON lines out. */
export const registerAqiCommand: CommandRegistration = (program: Command) => {
  program
    .command('aqi')
    .description('HJ 633 AQI for one JSON object of concentrations per stdin line / 逐行计算空气质量指数')
    .addOption(new Option('--standard <edition>', 'HJ 633 edition (default: by each line’s date/time, else the one in force today)').choices(['2012', '2026']))
    .addOption(new Option('--mode <mode>', 'hourly (实时报) or daily (日报)').choices(['hourly', 'daily']).default('hourly'))
    .action(async (options: { standard?: AqiStandard; mode: AqiMode }) => {
      const now = Date.now();
      await mapJsonLines(process.stdin, process.stdout, (line) => aqiForLine(line, { ...options, now }));
    });
};
