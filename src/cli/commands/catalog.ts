import type { Command } from 'commander';
import type { CommandRegistration } from './index';

/** Registration only: the implementation (and the server it needs) is in `catalog.run.ts`, loaded when the command runs. */
export const registerCatalogCommands: CommandRegistration = (program: Command) => {
  const catalog = program.command('catalog').description('Provincial catalog exchange in the national metadata format / 政务信息资源目录导入导出');
  catalog
    .command('export')
    .argument('<file>', 'target file: .xlsx (column names of the national guide) or .json')
    .description('Write the whole catalog (drafts included) with the current schemas / 导出目录')
    .action(async (file: string) => {
      const [{ loadConfig }, { runCatalogExport }] = await Promise.all([import('../../server/config/config'), import('./catalog.run')]);
      await runCatalogExport(loadConfig(process.env), { stdout: process.stdout, stderr: process.stderr }, file);
    });
  catalog
    .command('import')
    .argument('<file>', 'a .xlsx or .json catalog file as written by export')
    .option('--dry-run', 'check every row and print the report; import nothing / 只校验')
    .description('Import a provincial catalog: every row is checked, then all or nothing; exit 1 with a per-row report / 导入目录')
    .action(async (file: string, options: { dryRun?: boolean }) => {
      const [{ loadConfig }, { runCatalogImport }] = await Promise.all([import('../../server/config/config'), import('./catalog.run')]);
      const ok = await runCatalogImport(loadConfig(process.env), { stdout: process.stdout, stderr: process.stderr }, file, { dryRun: options.dryRun === true });
      if (!ok) process.exitCode = 1;
    });
};
