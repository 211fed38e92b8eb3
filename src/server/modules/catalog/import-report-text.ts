import type { CatalogImportReport } from '../../../contracts/catalog';

/**
 * The per-row import report as text lines (the CLI prints them): one line per problem with its
 * stable code, and on a dry run one line per valid row too, so the file can be fixed row by row.
 */
export function importReportLines(report: CatalogImportReport): string[] {
  const lines: string[] = [];
  for (const row of report.rows) {
    const where = `row ${row.row}${row.sourceRow === row.row ? '' : ` (sheet row ${row.sourceRow})`} ${row.code || '—'}`;
    if (row.problems.length === 0) {
      if (report.dryRun) lines.push(`  ${where}: valid / 校验通过`);
      continue;
    }
    for (const problem of row.problems) {
      lines.push(`  ${where}${problem.column ? ` [${problem.column}]` : ''} ${problem.code}: ${problem.messageZh} / ${problem.message}`);
    }
  }
  return lines;
}
