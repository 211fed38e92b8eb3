import { Option, type Command } from 'commander';
import type { CommandRegistration } from './index';

/** Registration only: the implementation (and the server it needs) is in `token.run.ts`, loaded when the command runs. */
export const registerTokenCommands: CommandRegistration = (program: Command) => {
  const token = program.command('token').description('Personal API tokens / API 令牌');

  // The permission list in the help comes from the contracts, which load typebox (over a second).
  // It is filled in once a `token` command is chosen, before its help or parse (see user.ts).
  const scopesOption = new Option('--scopes <scopes>', 'comma-separated permissions').makeOptionMandatory();
  program.hook('preSubcommand', async (_program, chosen) => {
    if (chosen !== token) return;
    const { PERMISSIONS } = await import('../../contracts/identity');
    scopesOption.description = `comma-separated permissions: ${PERMISSIONS.join(', ')}`;
  });
  token
    .command('create')
    .description('Create a personal API token for a user; prints the secret once / 创建 API 令牌')
    .requiredOption('--user <username>', 'owner of the token')
    .requiredOption('--name <name>', 'what the token is for')
    .addOption(scopesOption)
    .option('--days <days>', 'lifetime in days (1–366)', '90')
    .action(async (options: { user: string; name: string; scopes: string; days: string }) => {
      if (!/^\d+$/.test(options.days)) throw new Error(`--days must be a whole number (got "${options.days}")`);
      const [{ loadConfig }, { runTokenCreate }] = await Promise.all([import('../../server/config/config'), import('./token.run')]);
      await runTokenCreate(
        loadConfig(process.env),
        {
          username: options.user,
          name: options.name,
          scopes: options.scopes.split(',').map((scope) => scope.trim()).filter(Boolean),
          days: Number(options.days),
        },
        { stdout: process.stdout, stderr: process.stderr },
      );
    });
};
