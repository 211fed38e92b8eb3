/**
 * What the upload parsers need to know about a dataset table and what they give back. The
 * parsers read files only: they map columns to field names and return every cell as the raw
 * text the submitter wrote, with its source row number. Typing, units, code lists and rules are
 * the validation engine's job (src/dataset-schema), so a value is never judged twice.
 */

/** One column a table accepts. Labels let submitters keep the template's human headers. */
export interface UploadFieldShape {
  name: string;
  required: boolean;
  labelZh?: string | undefined;
  labelEn?: string | undefined;
}

export interface UploadTableShape {
  name: string;
  labelZh?: string | undefined;
  labelEn?: string | undefined;
  fields: readonly UploadFieldShape[];
}

/** A cell as written; `null` is a blank cell (or JSON null, or a field left out of a JSON row). */
export type RawCell = string | null;

export interface ParsedRow {
  /**
   * Where the row came from: the 1-based line of the sheet or CSV record counted as a
   * spreadsheet shows it (the header is row 1, so the first data row is 2), or the 1-based
   * index of the row in a JSON batch.
   */
  sourceRow: number;
  cells: Record<string, RawCell>;
}

export interface ParsedTable {
  table: string;
  rows: ParsedRow[];
}

export const PARSE_PROBLEM_CODES = [
  'EMPTY_FILE', // 文件为空
  'UNDECODABLE_TEXT', // 无法识别的字符编码
  'MALFORMED_CSV', // CSV 格式错误 (e.g. an unclosed quote)
  'NOT_XLSX', // 不是有效的 XLSX 工作簿
  'MALFORMED_JSON', // JSON 批次结构错误
  'TABLE_REQUIRED', // CSV holds one table: which one must be named
  'UNKNOWN_TABLE', // 数据表不存在 (sheet or JSON key)
  'EMPTY_SHEET', // 工作表没有表头
  'NO_DATA_ROWS', // 没有任何数据行
  'MISSING_COLUMN', // 缺少必填列
  'UNKNOWN_COLUMN', // 未知列
  'DUPLICATE_COLUMN', // 列重复
  'EXTRA_CELLS', // 数据行的单元格多于表头
  'FORMULA_NOT_ALLOWED', // 单元格含公式
  'CELL_ERROR', // 单元格为错误值 (#N/A, #DIV/0! …)
  'TOO_MANY_ROWS', // 超过行数上限
  'INVALID_VALUE', // JSON value that is neither text, number, boolean nor null
] as const;
export type ParseProblemCode = (typeof PARSE_PROBLEM_CODES)[number];

/** Why a file could not be read; located as precisely as the file allows. */
export interface ParseProblem {
  code: ParseProblemCode;
  message: string;
  messageZh: string;
  table?: string | undefined;
  sourceRow?: number | undefined;
  column?: string | undefined;
}

export type ParseOutcome = { ok: true; tables: ParsedTable[]; rowCount: number; encoding?: string } | { ok: false; problems: ParseProblem[] };

export interface ParseLimits {
  /** Data rows one upload may hold across all its tables. */
  maxRows: number;
}

/** Problems listed per file before the parser stops collecting (the report stays readable). */
export const MAX_REPORTED_PROBLEMS = 200;
