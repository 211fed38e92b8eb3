import type { ParseProblem, UploadTableShape } from './types';

/**
 * Maps a header row to field names. A header cell may be the field name itself, the template's
 * combined header "中文名 English name (field_name)" (the name in the trailing parentheses wins),
 * or just the Chinese or English label, so a sheet someone rebuilt by hand still matches.
 */
export interface HeaderMapping {
  /** Per column position: the field it holds, or null for a blank trailing header cell. */
  columns: (string | null)[];
}

const TRAILING_NAME = /[(（]\s*([A-Za-z_][A-Za-z0-9_]*)\s*[)）]\s*$/;

export function templateHeader(field: { name: string; labelZh?: string | undefined; labelEn?: string | undefined }): string {
  const labels = [field.labelZh, field.labelEn].filter((label): label is string => label !== undefined && label.trim() !== '');
  return labels.length === 0 ? field.name : `${labels.join(' ')} (${field.name})`;
}

export function matchHeader(table: UploadTableShape, headerCells: readonly string[]): { mapping: HeaderMapping; problems: ParseProblem[] } {
  const problems: ParseProblem[] = [];
  const byKey = new Map<string, string>();
  for (const field of table.fields) {
    byKey.set(field.name.toLowerCase(), field.name);
    if (field.labelZh) byKey.set(field.labelZh.trim().toLowerCase(), field.name);
    if (field.labelEn) byKey.set(field.labelEn.trim().toLowerCase(), field.name);
    byKey.set(templateHeader(field).toLowerCase(), field.name);
  }
  // Trailing blank header cells are common in hand-edited sheets; blank ones in between are not.
  let last = headerCells.length - 1;
  while (last >= 0 && headerCells[last]!.trim() === '') last -= 1;

  const columns: (string | null)[] = [];
  const seen = new Map<string, number>();
  for (let index = 0; index < headerCells.length; index += 1) {
    const text = headerCells[index]!.trim();
    if (index > last) {
      columns.push(null);
      continue;
    }
    const named = TRAILING_NAME.exec(text)?.[1];
    const field = (named !== undefined ? byKey.get(named.toLowerCase()) : undefined) ?? byKey.get(text.toLowerCase());
    const column = columnLetters(index);
    if (field === undefined) {
      problems.push({
        code: 'UNKNOWN_COLUMN',
        table: table.name,
        sourceRow: 1,
        column,
        message: text === '' ? `Column ${column} has no header` : `Column ${column} "${text}" is not a field of table ${table.name}`,
        messageZh: text === '' ? `第 ${column} 列没有表头` : `第 ${column} 列“${text}”不是数据表 ${table.name} 的字段`,
      });
      columns.push(null);
      continue;
    }
    const earlier = seen.get(field);
    if (earlier !== undefined) {
      problems.push({
        code: 'DUPLICATE_COLUMN',
        table: table.name,
        sourceRow: 1,
        column,
        message: `Column ${column} repeats field ${field} (already in column ${columnLetters(earlier)})`,
        messageZh: `第 ${column} 列与第 ${columnLetters(earlier)} 列重复（字段 ${field}）`,
      });
      columns.push(null);
      continue;
    }
    seen.set(field, index);
    columns.push(field);
  }
  for (const field of table.fields) {
    if (field.required && !seen.has(field.name)) {
      problems.push({
        code: 'MISSING_COLUMN',
        table: table.name,
        sourceRow: 1,
        column: field.name,
        message: `Required column ${templateHeader(field)} is missing`,
        messageZh: `缺少必填列 ${templateHeader(field)}`,
      });
    }
  }
  return { mapping: { columns }, problems };
}

/** Spreadsheet column name of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let name = '';
  let rest = index + 1;
  while (rest > 0) {
    const remainder = (rest - 1) % 26;
    name = String.fromCharCode(65 + remainder) + name;
    rest = Math.floor((rest - 1) / 26);
  }
  return name;
}
