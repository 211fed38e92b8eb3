import type { Config } from '../../server/config/config';
import { closeContext } from '../../server/context';
import { DEMO_CREDENTIALS, seedDemoData, type SeedResult } from '../../server/modules/demo';
import { openCliContext, type CliIo } from './user.run';

/**
 * `yrd-eco demo`: loads the demo data set (idempotent: what exists is left alone) and prints
 * the demo sign-ins. Progress goes to stderr.
 */
export async function runDemo(config: Config, io: CliIo, options: { monitoring?: boolean } = {}): Promise<SeedResult> {
  const ctx = await openCliContext(config);
  try {
    io.stderr.write(`Loading the demo data into ${config.database.dialect}…\n`);
    const result = await seedDemoData(ctx, {
      monitoring: options.monitoring ?? true,
      onProgress: (line) => io.stderr.write(`  ${line}\n`),
    });
    io.stdout.write(`Demo data: ${result.organisationsCreated} organisations and ${result.usersCreated} users created.\n`);
    if (result.monitoring) {
      const { stationsCreated, readingsInserted } = result.monitoring;
      io.stdout.write(`Monitoring: ${stationsCreated} stations and ${readingsInserted} readings created.\n`);
    }
    io.stdout.write('Demo logins / 演示账号:\n');
    for (const credential of DEMO_CREDENTIALS) {
      io.stdout.write(`  ${credential.username.padEnd(10)} ${credential.password}   ${credential.description}\n`);
    }
    return result;
  } finally {
    await closeContext(ctx);
  }
}
