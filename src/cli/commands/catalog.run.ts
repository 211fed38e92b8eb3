import { readFile, writeFile } from 'node:fs/promises';
import type { Config } from '../../server/config/config';
import { closeContext } from '../../server/context';
import { formatOfFile, readCatalogJson, readCatalogXlsx, writeCatalogJson, writeCatalogXlsx } from '../../server/modules/catalog';
import { AppError } from '../../server/platform/errors';
import { openCliContext, type CliIo } from './user.run';

/** A progress line every 10 % (and at the end) on stderr. */
function progress(io: CliIo, what: string) {
  let lastTenth = -1;
  return (done: number, total: number) => {
    const tenth = Math.floor((done / total) * 10);
    if (tenth !== lastTenth || done === total) {
      lastTenth = tenth;
      io.stderr.write(`  ${what}: ${done}/${total}\n`);
    }
  };
}

/** `yrd-eco catalog export FILE`: the whole catalog as XLSX or JSON. */
export async function runCatalogExport(config: Config, io: CliIo, file: string): Promise<number> {
  const format = formatOfFile(file);
  const ctx = await openCliContext(config);
  try {
    io.stderr.write(`Exporting the catalog from ${config.database.dialect}…\n`);
    const records = await ctx.catalog.transfer.exportRecords(progress(io, 'resources'));
    await writeFile(file, format === 'xlsx' ? await writeCatalogXlsx(records) : writeCatalogJson(records));
    io.stdout.write(`${records.length} resources written to ${file}\n`);
    return records.length;
  } finally {
    await closeContext(ctx);
  }
}

/** `yrd-eco catalog import FILE`: all or nothing; on problems prints one line per problem and returns false. */
export async function runCatalogImport(config: Config, io: CliIo, file: string): Promise<boolean> {
  const format = formatOfFile(file);
  const content = await readFile(file);
  const ctx = await openCliContext(config);
  try {
    const records = format === 'xlsx' ? await readCatalogXlsx(content) : readCatalogJson(content.toString('utf8'));
    io.stderr.write(`Checking ${records.length} resources…\n`);
    const report = await ctx.catalog.transfer.importRecords(records, progress(io, 'checked'));
    io.stdout.write(`${report.imported} resources imported from ${file}\n`);
    return true;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    io.stderr.write(`${error.messageZh} / ${error.message}\n`);
    const rows = (error.details as { rows?: { row: number; code: string; problems: { column: string; messageZh: string; message: string }[] }[] } | undefined)?.rows ?? [];
    for (const row of rows) {
      for (const problem of row.problems) io.stderr.write(`  row ${row.row} ${row.code}${problem.column ? ` [${problem.column}]` : ''}: ${problem.messageZh} / ${problem.message}\n`);
    }
    return false;
  } finally {
    await closeContext(ctx);
  }
}
