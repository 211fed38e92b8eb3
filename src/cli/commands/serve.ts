import type { Command } from 'commander';
import type { CommandRegistration } from './index';

/**
 * `serve` runs the platform; `start` is what `npm start` runs: first start loads the demo data.
 * The server is imported inside the actions, so registering these commands costs nothing.
 */
export const registerServeCommands: CommandRegistration = (program: Command) => {
  program
    .command('serve')
    .description('Migrate and serve the API and web app / 迁移数据库并启动服务')
    .action(async () => {
      const [{ loadConfig }, { startServer, stopOnSignals }] = await Promise.all([import('../../server/config/config'), import('../../server/server')]);
      const config = loadConfig(process.env);
      const server = await startServer(config);
      stopOnSignals(server);
      process.stdout.write(`yrd-eco listening on ${server.url} (${config.database.dialect})\n`);
    });

  program
    .command('start')
    .description('Serve, loading the demo data set on first start (DEMO_DATA=auto) / 启动（首次启动加载演示数据）')
    .action(async () => {
      const [{ loadConfig }, { startServer, stopOnSignals }, { seedDemoIfEmpty, DEMO_CREDENTIALS }] = await Promise.all([
        import('../../server/config/config'),
        import('../../server/server'),
        import('../../server/modules/demo'),
      ]);
      const config = loadConfig(process.env);
      const server = await startServer(config, {
        beforeListen: async (ctx) => {
          if (config.demoData === 'auto') await seedDemoIfEmpty(ctx, { monitoring: true, onProgress: (line) => process.stdout.write(`  ${line}\n`) });
        },
      });
      stopOnSignals(server);
      const lines = [
        '',
        `  长三角生态环境协同平台 yrd-eco is running: ${server.url}`,
        `  API docs: ${server.url}/api/docs   database: ${config.database.dialect}${config.database.dialect === 'sqlite' ? ` (${config.database.file})` : ''}`,
      ];
      // With DEMO_DATA=auto the demo accounts exist, whether loaded now or on an earlier start.
      if (config.demoData === 'auto') {
        lines.push('  Demo logins / 演示账号:');
        for (const credential of DEMO_CREDENTIALS) lines.push(`    ${credential.username.padEnd(10)} ${credential.password}   ${credential.description}`);
      }
      process.stdout.write(`${lines.join('\n')}\n\n`);
    });
};
