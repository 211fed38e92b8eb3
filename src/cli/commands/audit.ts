import type { Command } from 'commander';
import type { CommandRegistration } from './index';

/** Registration only: the implementation (and the server it needs) is in `audit.run.ts`, loaded when the command runs. */
export const registerAuditCommands: CommandRegistration = (program: Command) => {
  const audit = program.command('audit').description('Audit trail / 审计日志');
  audit
    .command('verify')
    .description('Recompute the audit hash chain and report the first broken link; exit 1 when broken / 校验审计链')
    .option('--json', 'print the result as one JSON object')
    .action(async (options: { json?: boolean }) => {
      const { runAuditVerify } = await import('./audit.run');
      const result = await runAuditVerify({ env: process.env, stdout: process.stdout, stderr: process.stderr, json: options.json ?? false });
      if (!result.ok) process.exitCode = 1;
    });
};
