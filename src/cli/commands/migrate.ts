import type { Command } from 'commander';
import type { CommandRegistration } from './index';

export const registerMigrateCommand: CommandRegistration = (program: Command) => {
  program
    .command('migrate')
    .description('Apply pending database migrations / 执行数据库迁移')
    .option('--status', 'list migrations and whether each is applied, change nothing')
    .action(async (options: { status?: boolean }) => {
      // Imported here so that registering the command does not load the database drivers.
      const [{ loadConfig }, { createDatabase }, { migrateToLatest, migrationStatus }] = await Promise.all([
        import('../../server/config/config'),
        import('../../server/db/database'),
        import('../../server/db/migrator'),
      ]);
      const config = loadConfig(process.env);
      const database = createDatabase(config.database);
      try {
        if (options.status) {
          const status = await migrationStatus(database);
          for (const migration of status) {
            const when = migration.executedAt ? `applied ${migration.executedAt.toISOString()}` : 'PENDING';
            process.stdout.write(`${migration.name.padEnd(40)} ${when}\n`);
          }
          const pending = status.filter((migration) => migration.executedAt === null).length;
          process.stdout.write(`${status.length} migrations, ${pending} pending (${config.database.dialect})\n`);
          return;
        }
        const applied = await migrateToLatest(database);
        process.stdout.write(applied.length === 0 ? 'Database is up to date.\n' : `Applied: ${applied.join(', ')}\n`);
      } finally {
        await database.close();
      }
    });
};
