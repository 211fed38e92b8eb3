import { Option, type Command } from 'commander';
import { presentAqi, type AqiPresentOptions } from '../../server/modules/standards/standards.presenter';
import type { AqiMode, AqiStandard } from '../../standards/aqi';
import type { CommandRegistration } from './index';

export type AqiLineOptions = AqiPresentOptions;

const failure = (code: string, message: string) => ({ ok: false, error: { code, message } });

/**
 * One output object for one input line: a JSON object of concentrations (µg/m³, CO mg/m³) with
 * keys among SO2 NO2 PM10 PM2.5 CO O3 O3_8h (and SO2_24h for the 2012 SO2 > 800 rule,
 * PM10_24h/PM2.5_24h for the 2012 real-time sliding means), plus an
 * optional `date`/`time` that picks HJ 633-2012 (before 2026-03-01) or HJ 633-2026. The object
 * is built by the standards presenter, shared with `POST /api/v1/standards/aqi`.
 */
export function aqiForLine(line: string, options: AqiLineOptions): object {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return failure('INVALID_JSON', 'line is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return failure('INVALID_INPUT', 'line must be a JSON object');
  return presentAqi(parsed as Record<string, unknown>, options);
}

/** `yrd-eco aqi [--standard 2012|2026] [--mode hourly|daily]`: stdin JSON lines in, JSON lines out. */
export const registerAqiCommand: CommandRegistration = (program: Command) => {
  program
    .command('aqi')
    .description('HJ 633 AQI for one JSON object of concentrations per stdin line / 逐行计算空气质量指数')
    .addOption(new Option('--standard <edition>', 'HJ 633 edition (default: by each line’s date/time, else the one in force today)').choices(['2012', '2026']))
    .addOption(new Option('--mode <mode>', 'hourly (实时报) or daily (日报)').choices(['hourly', 'daily']).default('hourly'))
    .action(async (options: { standard?: AqiStandard; mode: AqiMode }) => {
      const { mapJsonLines } = await import('../line-io');
      const now = Date.now();
      await mapJsonLines(process.stdin, process.stdout, (line) => aqiForLine(line, { ...options, now }));
    });
};
