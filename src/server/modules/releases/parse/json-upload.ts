import { noDataRows, tooManyRows } from './grid-rows';
import { MAX_REPORTED_PROBLEMS, type ParseLimits, type ParseOutcome, type ParseProblem, type ParsedTable, type RawCell, type UploadTableShape } from './types';

/** A JSON batch: rows per table name, each row an object keyed by field name. */
export type JsonBatch = Record<string, readonly Record<string, unknown>[]>;

/**
 * Machine clients send typed JSON values; they are turned into the same raw text a CSV cell
 * would hold (numbers in JavaScript's shortest round-trip form, booleans as true/false), so one
 * validation path judges every channel. Objects and arrays are refused: no field takes them,
 * except geometry fields, which take GeoJSON as text.
 */
export function parseJsonBatch(batch: JsonBatch, tables: readonly UploadTableShape[], limits: ParseLimits): ParseOutcome {
  const problems: ParseProblem[] = [];
  const parsed: ParsedTable[] = [];
  let rowCount = 0;
  const report = (problem: ParseProblem) => {
    if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(problem);
  };
  for (const [tableName, rows] of Object.entries(batch)) {
    const table = tables.find((candidate) => candidate.name === tableName);
    if (table === undefined) {
      report({ code: 'UNKNOWN_TABLE', table: tableName, message: `Table ${tableName} is not part of the schema`, messageZh: `数据结构中没有数据表 ${tableName}` });
      continue;
    }
    rowCount += rows.length;
    if (rowCount > limits.maxRows) {
      return { ok: false, problems: [tooManyRows(limits.maxRows, tableName)] };
    }
    const known = new Set(table.fields.map((field) => field.name));
    const parsedRows = rows.map((row, index) => {
      const sourceRow = index + 1;
      const cells: Record<string, RawCell> = {};
      for (const field of table.fields) cells[field.name] = null;
      for (const [key, value] of Object.entries(row)) {
        if (!known.has(key)) {
          report({
            code: 'UNKNOWN_COLUMN',
            table: tableName,
            sourceRow,
            column: key,
            message: `Row ${sourceRow}: ${key} is not a field of table ${tableName}`,
            messageZh: `第 ${sourceRow} 行：${key} 不是数据表 ${tableName} 的字段`,
          });
          continue;
        }
        const text = jsonValueText(value);
        if (text === undefined) {
          report({
            code: 'INVALID_VALUE',
            table: tableName,
            sourceRow,
            column: key,
            message: `Row ${sourceRow}: ${key} must be text, a number, true/false or null`,
            messageZh: `第 ${sourceRow} 行：${key} 的值必须是文本、数字、布尔值或 null`,
          });
          continue;
        }
        cells[key] = text;
      }
      return { sourceRow, cells };
    });
    if (parsedRows.length > 0) parsed.push({ table: tableName, rows: parsedRows });
  }
  if (problems.length === 0 && rowCount === 0) problems.push(noDataRows());
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, tables: parsed, rowCount };
}

function jsonValueText(value: unknown): RawCell | undefined {
  if (value === null) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}
