import { Command, CommanderError } from 'commander';
import { commandRegistrations } from './commands';

/** Entry point of `yrd-eco`. Exits non-zero on failure with a one-line reason. */
export async function runCli(argv: string[]): Promise<void> {
  const program = new Command('yrd-eco')
    .description('长三角生态环境协同平台 / Yangtze River Delta eco-environment collaboration platform')
    .showHelpAfterError()
    .exitOverride();
  for (const register of commandRegistrations) register(program);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`yrd-eco: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
