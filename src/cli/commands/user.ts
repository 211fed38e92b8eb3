import { Option, type Command } from 'commander';
import type { CommandRegistration } from './index';

/** `--role a --role b` and `--role a,b` both collect into one list. */
function collectRoles(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((role) => role.trim()).filter(Boolean)];
}

/** Registration only: the implementation (and the server it needs) is in `user.run.ts`, loaded when a command runs. */
export const registerUserCommands: CommandRegistration = (program: Command) => {
  const user = program.command('user').description('User accounts / 用户账号');

  // The role list in the help comes from the contracts, which load typebox (over a second). It is
  // filled in once a `user` command is chosen, before its help or parse, so other commands skip it.
  const roleOption = new Option('--role <roles>', 'role, repeatable or comma-separated').argParser(collectRoles).makeOptionMandatory();
  program.hook('preSubcommand', async (_program, chosen) => {
    if (chosen !== user) return;
    const { ROLES } = await import('../../contracts/identity');
    roleOption.description = `role, repeatable or comma-separated: ${ROLES.join(', ')}`;
  });

  user
    .command('add')
    .description('Create a user; prints a generated password when --password is absent / 创建用户')
    .requiredOption('--username <username>', 'sign-in name (letters, digits, . _ -)')
    .requiredOption('--org <id|name>', 'organisation id or exact name')
    .addOption(roleOption)
    .option('--display-name <name>', 'display name (default: the username)')
    .option('--email <email>', 'e-mail address')
    .option('--locale <locale>', 'zh-CN or en (default zh-CN)')
    .option('--password <password>', 'initial password (default: generated and printed)')
    .action(async (options: { username: string; org: string; role: string[]; displayName?: string; email?: string; locale?: string; password?: string }) => {
      const [{ loadConfig }, { runUserAdd }] = await Promise.all([import('../../server/config/config'), import('./user.run')]);
      await runUserAdd(
        loadConfig(process.env),
        {
          username: options.username,
          org: options.org,
          roles: options.role,
          ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
          ...(options.email === undefined ? {} : { email: options.email }),
          ...(options.locale === undefined ? {} : { locale: options.locale }),
          ...(options.password === undefined ? {} : { password: options.password }),
        },
        { stdout: process.stdout, stderr: process.stderr },
      );
    });

  user
    .command('reset-password <username>')
    .description('Set a new password (generated when --password is absent), clear the lockout / 重置密码并解除锁定')
    .option('--password <password>', 'the new password (default: generated and printed)')
    .action(async (username: string, options: { password?: string }) => {
      const [{ loadConfig }, { runUserResetPassword }] = await Promise.all([import('../../server/config/config'), import('./user.run')]);
      await runUserResetPassword(
        loadConfig(process.env),
        { username, ...(options.password === undefined ? {} : { password: options.password }) },
        { stdout: process.stdout, stderr: process.stderr },
      );
    });
};
