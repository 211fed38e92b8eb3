import { CsvError, parse } from 'csv-parse/sync';
import { decodeText } from './decode-text';
import { noDataRows, rowsFromGrid, tooManyRows, type GridRecord } from './grid-rows';
import type { ParseLimits, ParseOutcome, ParseProblem, UploadTableShape } from './types';

/**
 * A CSV file holds one table. Comma-separated, RFC 4180 quoting (cells may hold quotes, commas
 * and line breaks); encoding detected by decodeText. Record n of the file is row n, as Excel
 * numbers it when it opens the file.
 */
export function parseCsvUpload(bytes: Uint8Array, table: UploadTableShape, limits: ParseLimits): ParseOutcome {
  if (bytes.length === 0) return fail({ code: 'EMPTY_FILE', message: 'The file is empty', messageZh: '文件为空' });
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    return fail({
      code: 'UNDECODABLE_TEXT',
      message: `The file is neither UTF-8 nor GBK/GB18030 text (undecodable bytes near byte ${decoded.byteOffset}); save it as "CSV UTF-8"`,
      messageZh: `文件既不是 UTF-8 也不是 GBK/GB18030 编码（约第 ${decoded.byteOffset} 字节处无法识别），请另存为“CSV UTF-8”格式`,
    });
  }
  let records: string[][];
  try {
    records = parse(decoded.text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      // The header plus one row beyond the cap is enough to know the cap is exceeded.
      to: limits.maxRows + 2,
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      return fail({
        code: 'MALFORMED_CSV',
        sourceRow: line,
        message: `The CSV file is malformed near line ${line ?? '?'}: ${error.message}`,
        messageZh: `CSV 文件格式错误（约第 ${line ?? '?'} 行），请检查引号是否成对`,
      });
    }
    throw error;
  }
  const header = records[0];
  if (header === undefined || header.every((cell) => cell.trim() === '')) {
    return fail({ code: 'EMPTY_SHEET', table: table.name, sourceRow: 1, message: 'The file has no header row', messageZh: '文件没有表头行' });
  }
  const data: GridRecord[] = records.slice(1).map((cells, index) => ({ sourceRow: index + 2, cells: cells.map((cell) => (cell === '' ? null : cell)) }));
  const problems: ParseProblem[] = [];
  const rows = rowsFromGrid(table, header, data, problems);
  if (problems.length === 0 && rows.length > limits.maxRows) problems.push(tooManyRows(limits.maxRows, table.name));
  if (problems.length === 0 && rows.length === 0) problems.push(noDataRows());
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, tables: [{ table: table.name, rows }], rowCount: rows.length, encoding: decoded.encoding };
}

function fail(problem: ParseProblem): ParseOutcome {
  return { ok: false, problems: [problem] };
}
