import ExcelJS from 'exceljs';
import type { CatalogFileProblem } from '../../../contracts/catalog';
import { ErrorCode } from '../../../contracts/errors';
import { AppError, errors } from '../../platform/errors';
import { COLUMNS, type NationalRecord } from './national-format';

/**
 * The two files of the provincial catalog exchange: an XLSX workbook whose first sheet has the
 * national guide's column names as its header row, and a JSON document holding the same records.
 */
export const CATALOG_SHEET = '信息资源目录';
export const JSON_FORMAT = 'yrd-eco-catalog';
export const MAX_IMPORT_ROWS = 5000;
/** Largest catalog file accepted over HTTP: 5,000 resources with schema definitions fit easily. */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

export type CatalogFileFormat = 'xlsx' | 'json';

export function formatOfFile(name: string): CatalogFileFormat {
  if (/\.xlsx$/i.test(name)) return 'xlsx';
  if (/\.json$/i.test(name)) return 'json';
  throw errors.badRequest(`${name}: the catalog file must end in .xlsx or .json`, `${name}：目录文件须为 .xlsx 或 .json`);
}

export async function writeCatalogXlsx(records: readonly NationalRecord[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(CATALOG_SHEET);
  sheet.addRow([...COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  // Every cell is text: codes such as 001 and 320000 must not become numbers.
  for (const record of records) sheet.addRow(COLUMNS.map((column) => record[column]));
  sheet.columns.forEach((column) => {
    column.numFmt = '@';
    column.width = 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function writeCatalogJson(records: readonly NationalRecord[]): string {
  return `${JSON.stringify({ format: JSON_FORMAT, version: 1, columns: COLUMNS, records }, null, 2)}\n`;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    // Formulas are not evaluated: their cached result is taken as text.
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
  }
  return '';
}

/** Records with where each came from: the worksheet row (XLSX, header = row 1) or the record number (JSON). */
export interface CatalogFileContent {
  records: Record<string, unknown>[];
  sourceRows: number[];
}

function refused(reason: CatalogFileProblem, message: string, messageZh: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(ErrorCode.CatalogFileInvalid, 400, message, messageZh, { reason, ...details });
}

const tooMany = () => refused('TOO_MANY_ROWS', `At most ${MAX_IMPORT_ROWS} resources per import`, `每次最多导入 ${MAX_IMPORT_ROWS} 条资源`, { max: MAX_IMPORT_ROWS });

/** The first sheet's records; a header that is not the national column set is refused. */
async function readXlsxContent(file: Buffer): Promise<{ records: Record<string, string>[]; sourceRows: number[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw refused('NOT_XLSX', 'The file is not a readable XLSX workbook', '文件不是有效的 XLSX 工作簿');
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) throw refused('NO_SHEET', 'The workbook has no catalog sheet', '工作簿中没有目录工作表');
  if (sheet.rowCount < 2) throw refused('NO_ROWS', 'The catalog sheet has no rows', '目录工作表没有数据行');
  if (sheet.rowCount - 1 > MAX_IMPORT_ROWS) throw tooMany();
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, index) => {
    header[index - 1] = cellText(cell.value).trim();
  });
  const missing = COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw refused('MISSING_COLUMNS', `The header row lacks the columns ${missing.join(', ')}`, `表头缺少列：${missing.join('、')}`, { missingColumns: missing });
  }
  const records: Record<string, string>[] = [];
  const sourceRows: number[] = [];
  for (let rowNumber = 2; rowNumber <= sheet.rowCount; rowNumber++) {
    const row = sheet.getRow(rowNumber);
    const record: Record<string, string> = {};
    let empty = true;
    header.forEach((name, index) => {
      if (name === '') return;
      const text = cellText(row.getCell(index + 1).value);
      if (text.trim() !== '') empty = false;
      record[name] = text;
    });
    // Spreadsheets keep formatted empty rows: they are not resources.
    if (!empty) {
      records.push(record);
      sourceRows.push(rowNumber);
    }
  }
  if (records.length === 0) throw refused('NO_ROWS', 'The catalog sheet has no rows', '目录工作表没有数据行');
  return { records, sourceRows };
}

export async function readCatalogXlsx(file: Buffer): Promise<Record<string, string>[]> {
  return (await readXlsxContent(file)).records;
}

export function readCatalogJson(text: string): Record<string, unknown>[] {
  let document: unknown;
  try {
    // Editors on Windows like to start UTF-8 files with a byte-order mark; JSON.parse does not.
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw refused('NOT_JSON', 'The file is not JSON', '文件不是有效的 JSON');
  }
  const records = (document as { format?: unknown; records?: unknown } | null)?.records;
  if ((document as { format?: unknown } | null)?.format !== JSON_FORMAT || !Array.isArray(records)) {
    throw refused('NOT_CATALOG_JSON', `The JSON is not a ${JSON_FORMAT} document with records`, `JSON 文件不是含 records 的 ${JSON_FORMAT} 目录文件`);
  }
  if (records.length === 0) throw refused('NO_ROWS', 'The catalog file has no records', '目录文件没有记录');
  if (records.length > MAX_IMPORT_ROWS) throw tooMany();
  const notRecord = records.findIndex((r) => typeof r !== 'object' || r === null || Array.isArray(r));
  if (notRecord >= 0) throw refused('NOT_A_RECORD', `Every record must be an object (record ${notRecord + 1} is not)`, `每条记录须为对象（第 ${notRecord + 1} 条不是）`, { record: notRecord + 1 });
  return records as Record<string, unknown>[];
}

/** Reads either format; every way a file can fail is a 400 CATALOG_FILE_INVALID with a reason. */
export async function readCatalogFile(format: CatalogFileFormat, bytes: Buffer): Promise<CatalogFileContent> {
  if (format === 'xlsx') return readXlsxContent(bytes);
  const records = readCatalogJson(bytes.toString('utf8'));
  return { records, sourceRows: records.map((_record, index) => index + 1) };
}
