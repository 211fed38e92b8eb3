import { columnLetters, matchHeader } from './header-match';
import { MAX_REPORTED_PROBLEMS, type ParseProblem, type ParsedRow, type RawCell, type UploadTableShape } from './types';

/** One line of a sheet or CSV file: its spreadsheet row number and cell texts (null = blank). */
export interface GridRecord {
  sourceRow: number;
  cells: RawCell[];
}

/**
 * Turns a header and data records into rows keyed by field name. Shared by CSV and XLSX so both
 * judge headers, blank rows and stray cells the same way. Rows whose cells are all blank are
 * skipped (spreadsheets keep formatted empty rows); a cell beyond the header is an error because
 * its value would otherwise be dropped without the submitter noticing.
 */
export function rowsFromGrid(
  table: UploadTableShape,
  headerCells: readonly string[],
  records: Iterable<GridRecord>,
  problems: ParseProblem[],
): ParsedRow[] {
  const { mapping, problems: headerProblems } = matchHeader(table, headerCells);
  problems.push(...headerProblems);
  const rows: ParsedRow[] = [];
  if (headerProblems.length > 0) return rows;
  const width = mapping.columns.length;
  for (const record of records) {
    if (record.cells.every((cell) => cell === null)) continue;
    const cells: Record<string, RawCell> = {};
    for (const field of table.fields) cells[field.name] = null;
    record.cells.forEach((value, index) => {
      const field = index < width ? mapping.columns[index] : null;
      if (field) {
        cells[field] = value;
      } else if (value !== null && problems.length < MAX_REPORTED_PROBLEMS) {
        const column = columnLetters(index);
        problems.push({
          code: 'EXTRA_CELLS',
          table: table.name,
          sourceRow: record.sourceRow,
          column,
          message: `Row ${record.sourceRow} has a value in column ${column}, which has no header`,
          messageZh: `第 ${record.sourceRow} 行第 ${column} 列有值，但该列没有表头`,
        });
      }
    });
    rows.push({ sourceRow: record.sourceRow, cells });
  }
  return rows;
}

export function tooManyRows(maxRows: number, table?: string): ParseProblem {
  return {
    code: 'TOO_MANY_ROWS',
    table,
    message: `The upload holds more than ${maxRows} data rows; split it into several uploads`,
    messageZh: `上传的数据超过 ${maxRows} 行，请分批上传`,
  };
}

export function noDataRows(): ParseProblem {
  return { code: 'NO_DATA_ROWS', message: 'The upload holds no data rows', messageZh: '上传内容没有任何数据行' };
}
