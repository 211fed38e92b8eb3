import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { mapJsonLines } from '../line-io';
import { validateUscc } from '../../standards/uscc';
import type { CommandRegistration } from './index';

/** The output object for one code; surrounding whitespace is ignored, nothing else is normalised. */
export function checkUsccCode(input: string): object {
  const code = input.trim();
  const result = validateUscc(code);
  return {
    code,
    valid: result.valid,
    orgCodeValid: result.orgCodeValid,
    error: result.error === null ? null : { code: result.error.code, message: result.error.message },
  };
}

function writeLines(output: Writable, codes: readonly string[]): void {
  for (const code of codes) output.write(`${JSON.stringify(checkUsccCode(code))}\n`);
}

/** `yrd-eco uscc check [CODE…]`: one JSON line per code, from the arguments or else from stdin. */
export const registerUsccCommands: CommandRegistration = (program: Command) => {
  const uscc = program.command('uscc').description('Unified social credit code (GB 32100) tools / 统一社会信用代码工具');
  uscc
    .command('check')
    .description('Check codes given as arguments, or one per stdin line; one JSON object per code / 校验统一社会信用代码')
    .argument('[codes...]', 'codes to check (read from stdin when none)')
    .action(async (codes: string[]) => {
      if (codes.length > 0) writeLines(process.stdout, codes);
      else await mapJsonLines(process.stdin, process.stdout, checkUsccCode);
    });
};
