import ExcelJS from 'exceljs';
import { neutraliseFormula, toCsv } from '../releases';
import type { SharedRowsPage } from './shared-data.service';

/** A cell as text: numbers and booleans as written, geometries and other objects as JSON. */
function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Shared rows as CSV (UTF-8 with BOM for Excel; formula-looking cells neutralised). */
export function sharedRowsCsv(page: SharedRowsPage): string {
  return toCsv([page.fields, ...page.items.map((row) => page.fields.map((field) => cellText(row[field])))], { neutraliseFormulas: true, bom: true });
}

/** Shared rows as one worksheet; every cell a value (never a formula). */
export async function sharedRowsXlsx(page: SharedRowsPage): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'yrd-eco';
  const sheet = workbook.addWorksheet(page.table);
  sheet.addRow(page.fields);
  for (const row of page.items) {
    sheet.addRow(
      page.fields.map((field) => {
        const value = row[field];
        if (typeof value === 'number' || typeof value === 'boolean') return value;
        const text = cellText(value);
        return text === null ? null : neutraliseFormula(text);
      }),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
