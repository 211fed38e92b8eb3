import { readFile, writeFile } from 'node:fs/promises';
import type { CatalogImportReport } from '../../contracts/catalog';
import { ErrorCode } from '../../contracts/errors';
import type { Config } from '../../server/config/config';
import { closeContext } from '../../server/context';
import { formatOfFile, importReportLines, readCatalogFile, writeCatalogJson, writeCatalogXlsx } from '../../server/modules/catalog';
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

/**
 * `yrd-eco catalog import [--dry-run] FILE`: all or nothing. Prints the per-row report (the same
 * one the HTTP import answers) and returns false when a row or the file has problems.
 */
export async function runCatalogImport(config: Config, io: CliIo, file: string, options: { dryRun?: boolean } = {}): Promise<boolean> {
  const format = formatOfFile(file);
  const content = await readFile(file);
  const ctx = await openCliContext(config);
  try {
    const { records, sourceRows } = await readCatalogFile(format, content);
    io.stderr.write(`Checking ${records.length} resources…\n`);
    const report = await ctx.catalog.transfer.importRecords(records, { dryRun: options.dryRun ?? false, sourceRows, onProgress: progress(io, 'checked') });
    for (const line of importReportLines(report)) io.stderr.write(`${line}\n`);
    if (report.dryRun) {
      io.stdout.write(report.invalid === 0 ? `${report.total} resources checked, all valid (dry run, nothing imported)\n` : `${report.invalid} of ${report.total} rows have problems (dry run, nothing imported)\n`);
      return report.invalid === 0;
    }
    io.stdout.write(`${report.imported} resources imported from ${file}\n`);
    return true;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    io.stderr.write(`${error.messageZh} / ${error.message}\n`);
    if (error.code === ErrorCode.CatalogImportRejected) for (const line of importReportLines(error.details as CatalogImportReport)) io.stderr.write(`${line}\n`);
    return false;
  } finally {
    await closeContext(ctx);
  }
}
