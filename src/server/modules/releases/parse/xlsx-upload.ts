import ExcelJS from 'exceljs';
import { columnLetters } from './header-match';
import { noDataRows, rowsFromGrid, tooManyRows, type GridRecord } from './grid-rows';
import { MAX_REPORTED_PROBLEMS, type ParseLimits, type ParseOutcome, type ParseProblem, type ParsedTable, type RawCell, type UploadTableShape } from './types';

/** The template's instruction sheet; never read as data. */
export const README_SHEET = '填写说明 README';

/**
 * An XLSX workbook holds one sheet per table, named after the table (its name or either label).
 * The first non-empty row of a sheet is its header.
 *
 * Formulas are refused (FORMULA_NOT_ALLOWED, listed per cell) rather than read through their
 * cached results: a workbook written by a tool that does not calculate has no cached result, and
 * one saved before recalculation holds a stale one, so the value we would store might not be the
 * value the submitter saw. "Paste values" is the fix the message gives.
 */
export async function parseXlsxUpload(
  bytes: Uint8Array,
  tables: readonly UploadTableShape[],
  limits: ParseLimits,
  onlyTable?: string,
): Promise<ParseOutcome> {
  if (bytes.length === 0) return { ok: false, problems: [{ code: 'EMPTY_FILE', message: 'The file is empty', messageZh: '文件为空' }] };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problems: [{ code: 'NOT_XLSX', message: 'The file is not a readable XLSX workbook', messageZh: '文件不是有效的 XLSX 工作簿' }] };
  }
  const problems: ParseProblem[] = [];
  const parsed: ParsedTable[] = [];
  let rowCount = 0;
  const seenTables = new Set<string>();
  for (const sheet of workbook.worksheets) {
    if (sheet.name === README_SHEET || sheet.state === 'hidden' || sheet.state === 'veryHidden') continue;
    const table = findTable(tables, sheet.name);
    if (onlyTable !== undefined && table?.name !== onlyTable) continue;
    const grid = readSheet(sheet, table?.name ?? sheet.name, problems);
    if (table === undefined) {
      if (grid.header !== null) {
        problems.push({
          code: 'UNKNOWN_TABLE',
          table: sheet.name,
          message: `Sheet "${sheet.name}" does not match any table of the schema`,
          messageZh: `工作表“${sheet.name}”与数据结构中的任何数据表都不对应`,
        });
      }
      continue;
    }
    if (seenTables.has(table.name)) {
      problems.push({ code: 'UNKNOWN_TABLE', table: table.name, message: `Two sheets hold table ${table.name}`, messageZh: `有两个工作表对应数据表 ${table.name}` });
      continue;
    }
    seenTables.add(table.name);
    // A table's sheet left as the bare template (header only, or nothing) is simply not part
    // of this upload; only an upload without any data row at all is refused.
    if (grid.header === null) continue;
    const rows = rowsFromGrid(table, grid.header.cells.map((cell) => cell ?? ''), grid.records, problems);
    rowCount += rows.length;
    if (rowCount > limits.maxRows) {
      problems.push(tooManyRows(limits.maxRows, table.name));
      break;
    }
    if (rows.length > 0) parsed.push({ table: table.name, rows });
  }
  if (onlyTable !== undefined && !seenTables.has(onlyTable)) {
    problems.push({
      code: 'EMPTY_SHEET',
      table: onlyTable,
      message: `The workbook has no sheet for table ${onlyTable}`,
      messageZh: `工作簿中没有数据表 ${onlyTable} 对应的工作表`,
    });
  }
  if (problems.length === 0 && rowCount === 0) problems.push(noDataRows());
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_REPORTED_PROBLEMS) };
  return { ok: true, tables: parsed, rowCount };
}

function findTable(tables: readonly UploadTableShape[], sheetName: string): UploadTableShape | undefined {
  const key = sheetName.trim().toLowerCase();
  return tables.find((table) => [table.name, table.labelZh, table.labelEn].some((name) => name !== undefined && name.trim().toLowerCase() === key));
}

interface SheetGrid {
  header: GridRecord | null;
  records: GridRecord[];
}

function readSheet(sheet: ExcelJS.Worksheet, tableName: string, problems: ParseProblem[]): SheetGrid {
  let header: GridRecord | null = null;
  const records: GridRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: RawCell[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) {
      cells.push(cellText(row.getCell(column), tableName, rowNumber, column, problems));
    }
    if (cells.every((cell) => cell === null)) return;
    if (header === null) header = { sourceRow: rowNumber, cells };
    else records.push({ sourceRow: rowNumber, cells });
  });
  return { header, records };
}

function cellText(cell: ExcelJS.Cell, table: string, sourceRow: number, columnNumber: number, problems: ParseProblem[]): RawCell {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  const column = columnLetters(columnNumber - 1);
  const report = (problem: Omit<ParseProblem, 'table' | 'sourceRow' | 'column'>): null => {
    if (problems.length < MAX_REPORTED_PROBLEMS) problems.push({ ...problem, table, sourceRow, column });
    return null;
  };
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return wallClockText(value);
  if ('formula' in value || 'sharedFormula' in value) {
    return report({
      code: 'FORMULA_NOT_ALLOWED',
      message: `Cell ${column}${sourceRow} holds a formula; paste its value instead`,
      messageZh: `单元格 ${column}${sourceRow} 含有公式，请改为粘贴数值`,
    });
  }
  if ('error' in value) {
    return report({ code: 'CELL_ERROR', message: `Cell ${column}${sourceRow} is the error value ${value.error}`, messageZh: `单元格 ${column}${sourceRow} 为错误值 ${value.error}` });
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('') || null;
  if ('text' in value && typeof value.text === 'string') return value.text === '' ? null : value.text;
  return cell.text === '' ? null : cell.text;
}

/**
 * exceljs hands a date cell over as a Date whose UTC fields are the wall-clock fields typed in
 * the sheet (Excel stores no zone). Submitters type Beijing time, so the text is that wall clock.
 */
function wallClockText(date: Date): string {
  const iso = date.toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? day : `${day} ${time}`;
}
