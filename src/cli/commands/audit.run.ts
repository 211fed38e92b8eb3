import type { Writable } from 'node:stream';
import type { AuditVerifyResponse } from '../../contracts/audit';
import { loadConfig } from '../../server/config/config';
import { createDatabase } from '../../server/db/database';
import { migrationStatus } from '../../server/db/migrator';
import { createAuditService } from '../../server/modules/audit';
import { systemClock } from '../../server/platform/clock';

const AUDIT_MIGRATION = '20261128-02-audit';

export interface AuditVerifyOptions {
  env: Record<string, string | undefined>;
  stdout: Writable;
  /** Gets the progress line, rewritten in place with `\r`. */
  stderr: Writable;
  json?: boolean;
}

/**
 * `yrd-eco audit verify`: walks the whole audit chain of the configured database. Returns the
 * result; the command exits 1 when the chain is broken. Changes nothing in the database.
 */
export async function runAuditVerify(options: AuditVerifyOptions): Promise<AuditVerifyResponse> {
  const config = loadConfig(options.env);
  const database = createDatabase(config.database);
  try {
    const status = await migrationStatus(database);
    if (!status.some((migration) => migration.name === AUDIT_MIGRATION && migration.executedAt !== null)) {
      throw new Error('This database has no audit trail yet; run `yrd-eco migrate` first');
    }
    const audit = createAuditService({ clock: systemClock });
    let progressShown = false;
    const result = await audit.verify(database.db, (checked, total) => {
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

function describe(result: AuditVerifyResponse): string {
  if (result.ok) return `Audit chain intact: ${result.checked} events verified.\n审计链完整：已校验 ${result.checked} 条记录。\n`;
  return (
    `Audit chain BROKEN at seq ${result.firstBrokenSeq}: ${result.reason}\n` +
    `审计链在第 ${result.firstBrokenSeq} 条处断裂（此前 ${result.checked} 条完好）。\n`
  );
}
