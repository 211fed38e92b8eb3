import type { Writable } from 'node:stream';
import { loadConfig } from '../../server/config/config';
import { createDatabase } from '../../server/db/database';
import { migrationStatus } from '../../server/db/migrator';
import { verifyExchangeLog, type ExchangeVerifyResult } from '../../server/modules/access';

const ACCESS_MIGRATION = '20261128-13-access';

export interface ExchangeVerifyOptions {
  env: Record<string, string | undefined>;
  stdout: Writable;
  /** Gets the progress line, rewritten in place with `\r`. */
  stderr: Writable;
  json?: boolean;
}

/**
 * `yrd-eco exchange verify`: walks the whole exchange log of the configured database; the
 * command exits 1 when the chain is broken. Changes nothing in the database.
 */
export async function runExchangeVerify(options: ExchangeVerifyOptions): Promise<ExchangeVerifyResult> {
  const config = loadConfig(options.env);
  const database = createDatabase(config.database);
  try {
    const status = await migrationStatus(database);
    if (!status.some((migration) => migration.name === ACCESS_MIGRATION && migration.executedAt !== null)) {
      throw new Error('This database has no exchange log yet; run `yrd-eco migrate` first');
    }
    let progressShown = false;
    const result = await verifyExchangeLog(database.db, (checked, total) => {
      options.stderr.write(`\r checked ${checked}/${total}`);
      progressShown = true;
    });
    if (progressShown) options.stderr.write('\n');
    options.stdout.write(options.json ? `${JSON.stringify(result)}\n` : describe(result));
    return result;
  } finally {
    await database.close();
  }
}

function describe(result: ExchangeVerifyResult): string {
  if (result.ok) return `Exchange log intact: ${result.checked} exchanges verified.\n交换日志完整：已校验 ${result.checked} 条记录。\n`;
  return `Exchange log BROKEN at seq ${result.firstBrokenSeq}: ${result.reason}\n交换日志在第 ${result.firstBrokenSeq} 条处断裂（此前 ${result.checked} 条完好）。\n`;
}
