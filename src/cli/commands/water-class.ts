import { InvalidArgumentError, Option, type Command } from 'commander';
import { presentWaterClass, type WaterClassPresentOptions } from '../../server/modules/standards/standards.presenter';
import type { ReferenceItem, WaterBody } from '../../standards/water-quality';
import type { CommandRegistration } from './index';

export type WaterClassLineOptions = WaterClassPresentOptions;

const failure = (code: string, message: string) => ({ ok: false, error: { code, message } });

/**
 * One output object for one input line: a JSON object of GB 3838 item values (mg/L; pH
 * dimensionless; FecalColiform 个/L) keyed `pH DO CODMn COD BOD5 NH3-N TP TN Cu Zn F Se As Hg Cd
 * Cr6 Pb CN VolatilePhenol Petroleum LAS Sulfide FecalColiform`. The object is built by the
 * standards presenter, shared with `POST /api/v1/standards/water-class`.
 */
export function waterClassForLine(line: string, options: WaterClassLineOptions = {}): object {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return failure('INVALID_JSON', 'line is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return failure('INVALID_INPUT', 'line must be a JSON object');
  return presentWaterClass(parsed as Record<string, unknown>, options);
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
      const { mapJsonLines } = await import('../line-io');
      await mapJsonLines(process.stdin, process.stdout, (line) => waterClassForLine(line, options));
    });
};
