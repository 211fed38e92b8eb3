import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { presentUsccCheck } from '../../server/modules/standards/standards.presenter';
import type { CommandRegistration } from './index';

/**
 * The output object for one code; surrounding whitespace is ignored, nothing else is normalised.
 * Built by the standards presenter, shared with `/api/v1/standards/uscc/…`.
 */
export function checkUsccCode(input: string): object {
  return presentUsccCheck(input);
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
      else {
        const { mapJsonLines } = await import('../line-io');
        await mapJsonLines(process.stdin, process.stdout, checkUsccCode);
      }
    });
};
