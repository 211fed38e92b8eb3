import type { Command } from 'commander';
import type { CommandRegistration } from './index';

/** Registration only: the implementation (and the server it needs) is in `demo.run.ts`, loaded when the command runs. */
export const registerDemoCommand: CommandRegistration = (program: Command) => {
  program
    .command('demo')
    .description('Load the demo organisations, accounts and monitoring data (safe to repeat) / 加载演示数据')
    .option('--no-monitoring', 'organisations and accounts only, without stations and readings')
    .action(async (options: { monitoring: boolean }) => {
      const [{ loadConfig }, { runDemo }] = await Promise.all([import('../../server/config/config'), import('./demo.run')]);
      await runDemo(loadConfig(process.env), { stdout: process.stdout, stderr: process.stderr }, { monitoring: options.monitoring });
    });
};
