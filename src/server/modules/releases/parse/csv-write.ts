import { stringify } from 'csv-stringify/sync';

/**
 * CSV for download. Spreadsheet programs execute a cell that starts with = + - @ (and, in some,
 * a leading tab or carriage return) as a formula — "CSV injection" — so exported cells starting
 * with one of them get a leading apostrophe, which Excel and WPS show as plain text. Uploads are
 * never altered this way: the apostrophe is an export-side defence only.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export interface CsvWriteOptions {
  /** Prefix formula-looking cells (on for every file a person will open). */
  neutraliseFormulas: boolean;
  /** Start with a UTF-8 BOM so Excel on Windows opens the file as UTF-8 rather than GBK. */
  bom: boolean;
}

export function toCsv(records: readonly (readonly (string | null)[])[], options: CsvWriteOptions): string {
  const cells = records.map((record) => record.map((cell) => (cell === null ? '' : options.neutraliseFormulas ? neutraliseFormula(cell) : cell)));
  // RFC 4180 line ends; every cell holding a quote, separator or line break gets quoted.
  const body = stringify(cells, { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
  return options.bom ? `\ufeff${body}` : body;
}
