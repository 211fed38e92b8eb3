import { InvalidArgumentError, Option, type Command } from 'commander';
import { mapJsonLines } from '../line-io';
import { WATER_ITEMS, assessWaterSample, type ReferenceItem, type WaterBody, type WaterItem } from '../../standards/water-quality';
import type { CommandRegistration } from './index';

export interface WaterClassLineOptions {
  readonly waterBody?: WaterBody;
  readonly includeReferenceItems?: readonly ReferenceItem[];
}

const ITEMS: ReadonlySet<string> = new Set(WATER_ITEMS);

const failure = (code: string, message: string) => ({ ok: false, error: { code, message } });

function readValue(value: unknown): number | null | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

/**
 * One output object for one input line: a JSON object of GB 3838 item values (mg/L; pH
 * dimensionless; FecalColiform 个/L) keyed `pH DO CODMn COD BOD5 NH3-N TP TN Cu Zn F Se As Hg Cd
 * Cr6 Pb CN VolatilePhenol Petroleum LAS Sulfide FecalColiform`.
 */
export function waterClassForLine(line: string, options: WaterClassLineOptions = {}): object {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return failure('INVALID_JSON', 'line is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return failure('INVALID_INPUT', 'line must be a JSON object');
  const sample: Partial<Record<WaterItem, number>> = {};
  const ignoredKeys: string[] = [];
  for (const [key, raw] of Object.entries(parsed as Record<string, unknown>)) {
    if (!ITEMS.has(key)) {
      ignoredKeys.push(key);
      continue;
    }
    const value = readValue(raw);
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
    mainPollutants: a.mainPollutants,
    referenceItems: a.referenceItems,
    unclassifiedItems: a.unclassifiedItems,
    ...(ignoredKeys.length > 0 ? { ignoredKeys } : {}),
  };
}

function parseReferenceItems(text: string): ReferenceItem[] {
  const items = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const item of items) if (item !== 'TN' && item !== 'FecalColiform') throw new InvalidArgumentError(`unknown reference item ${item}; use TN and/or FecalColiform`);
  return items as ReferenceItem[];
}

/** `yrd-eco water-class [--water-body river|lake]`: stdin JSON lines in, JSON lines out. */
export const registerWaterClassCommand: CommandRegistration = (program: Command) => {
  program
    .command('water-class')
    .description('GB 3838-2002 class for one JSON sample per stdin line / 逐行评价地表水水质类别')
    .addOption(new Option('--water-body <kind>', 'river (河流) or lake (湖泊、水库)').choices(['river', 'lake']).default('river'))
    .option('--include-reference-items <items>', 'count reference indicators in the class: TN and/or FecalColiform, comma-separated', parseReferenceItems)
    .action(async (options: { waterBody: WaterBody; includeReferenceItems?: ReferenceItem[] }) => {
      await mapJsonLines(process.stdin, process.stdout, (line) => waterClassForLine(line, options));
    });
};
