import type { Command } from 'commander';
import type { CommandRegistration } from './index';

/** Registration only: the implementation is in `exchange.run.ts`, loaded when the command runs. */
export const registerExchangeCommands: CommandRegistration = (program: Command) => {
  const exchange = program.command('exchange').description('Exchange log of shared data / 数据交换日志');
  exchange
    .command('verify')
    .description('Recompute the exchange log hash chain and report the first broken link; exit 1 when broken / 校验交换日志链')
    .option('--json', 'print the result as one JSON object')
    .action(async (options: { json?: boolean }) => {
      const { runExchangeVerify } = await import('./exchange.run');
      const result = await runExchangeVerify({ env: process.env, stdout: process.stdout, stderr: process.stderr, json: options.json ?? false });
      if (!result.ok) process.exitCode = 1;
    });
};
