import ExcelJS from 'exceljs';
import { toCsv } from './csv-write';
import { templateHeader } from './header-match';
import { README_SHEET } from './xlsx-upload';

/**
 * Upload templates per schema version: an XLSX workbook (a readme sheet, then one sheet per
 * table whose header row is "中文名 English name (field_name)") and a CSV file per table. The
 * parsers accept exactly these headers, so a filled-in template always maps.
 *
 * The shapes are structural subsets of the schema contract (src/contracts/dataset-schema.ts), so
 * a DatasetSchemaDefinition can be passed as it is.
 */
export interface TemplateField {
  name: string;
  label: { zh: string; en: string };
  description?: string | undefined;
  type: string;
  required?: boolean | undefined;
  unit?: string | undefined;
  min?: number | undefined;
  max?: number | undefined;
  maxLength?: number | undefined;
  precision?: number | undefined;
  codeList?: { code: string; version?: string | undefined } | undefined;
}

export interface TemplateTable {
  name: string;
  label: { zh: string; en: string };
  description?: string | undefined;
  fields: readonly TemplateField[];
}

export interface TemplateCodeEntry {
  code: string;
  labelZh: string;
  labelEn: string;
}

export interface TemplateInput {
  datasetCode: string;
  datasetTitle: { zh: string; en: string };
  schemaVersion: number;
  tables: readonly TemplateTable[];
  /** Entries of the code lists the fields use, by code list code (omitted lists are named only). */
  codeLists?: ReadonlyMap<string, readonly TemplateCodeEntry[]>;
}

const TYPE_LABELS: Record<string, string> = {
  string: '文本 text',
  text: '长文本 long text',
  integer: '整数 integer',
  decimal: '数值 decimal',
  boolean: '是/否 true/false',
  date: '日期 date (YYYY-MM-DD)',
  datetime: '日期时间 date-time (YYYY-MM-DD HH:mm:ss, 北京时间 Beijing time)',
  code: '代码 code',
  division: '行政区划代码 GB/T 2260 division code',
  point: '点 GeoJSON Point',
  line: '线 GeoJSON LineString',
  polygon: '面 GeoJSON Polygon',
};

function fieldHeader(field: TemplateField): string {
  return templateHeader({ name: field.name, labelZh: field.label.zh, labelEn: field.label.en });
}

function rangeText(field: TemplateField): string {
  const parts: string[] = [];
  if (field.min !== undefined && field.max !== undefined) parts.push(`${field.min} – ${field.max}`);
  else if (field.min !== undefined) parts.push(`≥ ${field.min}`);
  else if (field.max !== undefined) parts.push(`≤ ${field.max}`);
  if (field.precision !== undefined) parts.push(`${field.precision} 位小数 decimals`);
  if (field.maxLength !== undefined) parts.push(`≤ ${field.maxLength} 字符 chars`);
  return parts.join('; ');
}

export async function buildXlsxTemplate(input: TemplateInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'yrd-eco';
  const readme = workbook.addWorksheet(README_SHEET);
  readme.columns = [{ width: 22 }, { width: 24 }, { width: 22 }, { width: 26 }, { width: 30 }, { width: 10 }, { width: 12 }, { width: 22 }, { width: 22 }];
  readme.addRow([`${input.datasetTitle.zh} ${input.datasetTitle.en}`]).font = { bold: true, size: 13 };
  readme.addRow([`信息资源代码 Resource code: ${input.datasetCode}`]);
  readme.addRow([`数据结构版本 Schema version: v${input.schemaVersion}`]);
  readme.addRow(['每个数据表一个工作表，表头勿改；请填写数值而非公式；空行会被忽略。']);
  readme.addRow(['One sheet per table; keep the header row; enter values, not formulas; blank rows are ignored.']);
  readme.addRow([]);
  const head = readme.addRow(['数据表 Table', '字段 Field', '中文名', 'English name', '类型 Type', '必填 Required', '单位 Unit', '取值范围 Range', '代码集 Code list']);
  head.font = { bold: true };
  for (const table of input.tables) {
    for (const field of table.fields) {
      readme.addRow([
        table.name,
        field.name,
        field.label.zh,
        field.label.en,
        TYPE_LABELS[field.type] ?? field.type,
        field.required ? '是 yes' : '否 no',
        field.unit ?? '',
        rangeText(field),
        field.codeList ? `${field.codeList.code}${field.codeList.version ? ` (${field.codeList.version})` : ''}` : '',
      ]);
    }
  }
  const usedLists = new Map<string, TemplateField['codeList']>();
  for (const table of input.tables) for (const field of table.fields) if (field.codeList) usedLists.set(field.codeList.code, field.codeList);
  for (const [code] of usedLists) {
    const entries = input.codeLists?.get(code);
    if (!entries) continue;
    readme.addRow([]);
    readme.addRow([`代码集 Code list ${code}`, '代码 Code', '中文 Chinese', 'English']).font = { bold: true };
    for (const entry of entries) readme.addRow(['', entry.code, entry.labelZh, entry.labelEn]);
  }

  for (const table of input.tables) {
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.fields.map((field) => ({ width: Math.min(40, Math.max(14, fieldHeader(field).length + 2)), style: { numFmt: '@' } }));
    const header = sheet.addRow(table.fields.map(fieldHeader));
    header.font = { bold: true };
    table.fields.forEach((field, index) => {
      const cell = header.getCell(index + 1);
      if (field.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
      const note = [TYPE_LABELS[field.type] ?? field.type, field.unit ? `单位 unit: ${field.unit}` : '', rangeText(field), field.description ?? ''].filter((part) => part !== '').join('\n');
      cell.note = note;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The CSV template of one table: the header row, UTF-8 with a BOM so Excel keeps the Chinese. */
export function buildCsvTemplate(table: TemplateTable): string {
  return toCsv([table.fields.map(fieldHeader)], { neutraliseFormulas: true, bom: true });
}
