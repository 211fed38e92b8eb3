import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv-write';
import { parseCsvUpload } from './csv-upload';
import { decodeText } from './decode-text';
import { templateHeader } from './header-match';
import { parseJsonBatch } from './json-upload';
import type { ParseOutcome, UploadTableShape } from './types';
import { buildCsvTemplate, buildXlsxTemplate } from './template';
import { parseXlsxUpload, README_SHEET } from './xlsx-upload';

const samples: UploadTableShape = {
  name: 'water_samples',
  labelZh: '水质采样',
  labelEn: 'Water samples',
  fields: [
    { name: 'section_code', required: true, labelZh: '断面编码', labelEn: 'Section code' },
    { name: 'sampled_on', required: true, labelZh: '采样日期', labelEn: 'Sampling date' },
    { name: 'cod_mg_l', required: false, labelZh: '化学需氧量', labelEn: 'COD' },
    { name: 'remark', required: false, labelZh: '备注', labelEn: 'Remark' },
  ],
};
const stations: UploadTableShape = { name: 'stations', fields: [{ name: 'code', required: true }, { name: 'name', required: false }] };
const limits = { maxRows: 1000 };
const utf8 = (text: string) => new TextEncoder().encode(text);

function problemsOf(outcome: ParseOutcome) {
  if (outcome.ok) throw new Error('expected problems');
  return outcome.problems;
}
function rowsOf(outcome: ParseOutcome) {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.tables;
}

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(utf8('\ufeff断面,1'))).toEqual({ ok: true, text: '断面,1', encoding: 'utf-8' });
    expect(decodeText(utf8('断面,1'))).toEqual({ ok: true, text: '断面,1', encoding: 'utf-8' });
  });
  it('falls back to GB18030 for a GBK file saved by Excel', () => {
    const gbk = iconv.encode('断面编码,采样日期\r\n太湖,2026-11-01\r\n', 'gbk');
    expect(decodeText(gbk)).toEqual({ ok: true, text: '断面编码,采样日期\r\n太湖,2026-11-01\r\n', encoding: 'gb18030' });
  });
  it('refuses bytes that are neither UTF-8 nor GB18030', () => {
    const result = decodeText(new Uint8Array([0x61, 0x62, 0x80, 0xff, 0x30]));
    expect(result.ok).toBe(false);
  });
});

describe('parseCsvUpload', () => {
  it('maps template headers, labels and field names and keeps source rows', () => {
    const csv = `${templateHeader(samples.fields[0]!)},采样日期,cod_mg_l,Remark\r\nTH01,2026-11-01,12.5,"a, ""quoted""\nline"\r\n\r\nTH02,2026-11-02,,\r\n`;
    const tables = rowsOf(parseCsvUpload(utf8(csv), samples, limits));
    expect(tables).toEqual([
      {
        table: 'water_samples',
        rows: [
          { sourceRow: 2, cells: { section_code: 'TH01', sampled_on: '2026-11-01', cod_mg_l: '12.5', remark: 'a, "quoted"\nline' } },
          { sourceRow: 4, cells: { section_code: 'TH02', sampled_on: '2026-11-02', cod_mg_l: null, remark: null } },
        ],
      },
    ]);
  });
  it('reads a GBK file', () => {
    const outcome = parseCsvUpload(iconv.encode('断面编码,采样日期\r\n太湖口,2026-11-01\r\n', 'gbk'), samples, limits);
    expect(outcome.ok && outcome.encoding).toBe('gb18030');
    expect(rowsOf(outcome)[0]!.rows[0]!.cells.section_code).toBe('太湖口');
  });
  it('reports undecodable bytes', () => {
    const bytes = new Uint8Array([...utf8('section_code,sampled_on\r\n'), 0x81, 0x20, 0xff, 0xfe, 0x0a]);
    expect(problemsOf(parseCsvUpload(bytes, samples, limits)).map((p) => p.code)).toEqual(['UNDECODABLE_TEXT']);
  });
  it('reports a missing required column, an unknown and a duplicate column together', () => {
    const problems = problemsOf(parseCsvUpload(utf8('section_code,colour,断面编码\r\nA,red,A\r\n'), samples, limits));
    expect(problems.map((p) => [p.code, p.column])).toEqual([
      ['UNKNOWN_COLUMN', 'B'],
      ['DUPLICATE_COLUMN', 'C'],
      ['MISSING_COLUMN', 'sampled_on'],
    ]);
    expect(problems[0]!.messageZh).toContain('colour');
  });
  it('reports cells beyond the header, an empty file, a header-only file and an unclosed quote', () => {
    expect(problemsOf(parseCsvUpload(utf8('section_code,sampled_on\r\nA,2026-01-01,surplus\r\n'), samples, limits))[0]).toMatchObject({ code: 'EXTRA_CELLS', sourceRow: 2, column: 'C' });
    expect(problemsOf(parseCsvUpload(new Uint8Array(), samples, limits))[0]!.code).toBe('EMPTY_FILE');
    expect(problemsOf(parseCsvUpload(utf8('\r\n\r\n'), samples, limits))[0]!.code).toBe('EMPTY_SHEET');
    expect(problemsOf(parseCsvUpload(utf8('section_code,sampled_on\r\n'), samples, limits))[0]!.code).toBe('NO_DATA_ROWS');
    expect(problemsOf(parseCsvUpload(utf8('section_code,sampled_on\r\n"A,2026\r\n'), samples, limits))[0]!.code).toBe('MALFORMED_CSV');
  });
  it('stops at the row cap', () => {
    const csv = `section_code,sampled_on\r\n${'A,2026-01-01\r\n'.repeat(11)}`;
    expect(problemsOf(parseCsvUpload(utf8(csv), samples, { maxRows: 10 }))[0]!.code).toBe('TOO_MANY_ROWS');
    expect(rowsOf(parseCsvUpload(utf8(csv), samples, { maxRows: 11 }))[0]!.rows).toHaveLength(11);
  });
  it('round-trips arbitrary cell text (quotes, commas, line breaks, CJK) through toCsv', () => {
    const cell = fc.oneof(fc.constant(null), fc.string({ minLength: 1, unit: 'grapheme' }), fc.constantFrom('"', ',', '\r\n', '\n', '太湖,"蓝藻"\n', ' 空格 ', '=1+1'));
    const row = fc.tuple(fc.string({ minLength: 1, unit: 'grapheme' }), cell, cell, cell);
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), fc.boolean(), (rows, bom) => {
        const csv = toCsv([samples.fields.map((field) => field.name), ...rows], { neutraliseFormulas: false, bom });
        const tables = rowsOf(parseCsvUpload(utf8(csv), samples, limits));
        const back = tables[0]!.rows.map((parsed) => samples.fields.map((field) => parsed.cells[field.name]));
        expect(back).toEqual(rows);
        expect(tables[0]!.rows.map((parsed) => parsed.sourceRow)).toEqual(rows.map((_, index) => index + 2));
      }),
    );
  });
  it('neutralises formula-looking cells on export only', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (cells) => {
        const csv = toCsv([['section_code', 'sampled_on', 'remark', 'cod_mg_l', 'x'].slice(0, Math.max(cells.length, 2)), cells], { neutraliseFormulas: true, bom: false });
        const parsed = parseCsvUpload(utf8(csv), { name: 't', fields: ['section_code', 'sampled_on', 'remark', 'cod_mg_l', 'x'].map((name) => ({ name, required: false })) }, limits);
        if (!parsed.ok) return; // a row of only empty cells has no data
        for (const value of Object.values(parsed.tables[0]!.rows[0]!.cells)) {
          if (value !== null) expect(value).not.toMatch(/^[=+\-@\t\r]/);
        }
      }),
    );
    expect(toCsv([['=HYPERLINK("x")', '-5', '@SUM(A1)', 'ok']], { neutraliseFormulas: true, bom: false })).toBe(`"'=HYPERLINK(""x"")",'-5,'@SUM(A1),ok\r\n`);
  });
});

async function workbook(build: (book: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  build(book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('parseXlsxUpload', () => {
  it('reads one sheet per table by name or label, skipping the readme, blank rows and header-only sheets', async () => {
    const bytes = await workbook((book) => {
      book.addWorksheet(README_SHEET).addRow(['说明']);
      const sheet = book.addWorksheet('水质采样');
      sheet.addRow(samples.fields.map(templateHeader));
      sheet.addRow(['TH01', new Date(Date.UTC(2026, 10, 1)), 12.5, { richText: [{ text: '富' }, { text: '文本' }] }]);
      sheet.addRow([]);
      sheet.getCell('A4').value = 'TH02';
      sheet.getCell('B4').value = new Date(Date.UTC(2026, 10, 2, 9, 30));
      book.addWorksheet('stations').addRow(['code', 'name']);
    });
    const tables = rowsOf(await parseXlsxUpload(bytes, [samples, stations], limits));
    expect(tables).toEqual([
      {
        table: 'water_samples',
        rows: [
          { sourceRow: 2, cells: { section_code: 'TH01', sampled_on: '2026-11-01', cod_mg_l: '12.5', remark: '富文本' } },
          { sourceRow: 4, cells: { section_code: 'TH02', sampled_on: '2026-11-02 09:30:00', cod_mg_l: null, remark: null } },
        ],
      },
    ]);
  });
  it('refuses formulas and error cells, naming each cell', async () => {
    const bytes = await workbook((book) => {
      const sheet = book.addWorksheet('water_samples');
      sheet.addRow(['section_code', 'sampled_on', 'cod_mg_l']);
      sheet.addRow(['TH01', '2026-11-01', { formula: '1+1', result: 2 }]);
      sheet.addRow(['TH02', '2026-11-01', { error: '#N/A' }]);
    });
    const problems = problemsOf(await parseXlsxUpload(bytes, [samples], limits));
    expect(problems.map((p) => [p.code, p.sourceRow, p.column])).toEqual([
      ['FORMULA_NOT_ALLOWED', 2, 'C'],
      ['CELL_ERROR', 3, 'C'],
    ]);
  });
  it('reports unknown sheets, wrong headers, empty workbooks and non-XLSX bytes', async () => {
    const unknown = await workbook((book) => {
      book.addWorksheet('Sheet1').addRow(['a']);
      book.addWorksheet('water_samples').addRow(['section_code']);
    });
    expect(problemsOf(await parseXlsxUpload(unknown, [samples], limits)).map((p) => p.code)).toEqual(['UNKNOWN_TABLE', 'MISSING_COLUMN']);
    const empty = await workbook((book) => {
      book.addWorksheet('water_samples');
    });
    expect(problemsOf(await parseXlsxUpload(empty, [samples], limits)).map((p) => p.code)).toEqual(['NO_DATA_ROWS']);
    expect(problemsOf(await parseXlsxUpload(empty, [samples], limits, 'stations')).map((p) => p.code)).toContain('EMPTY_SHEET');
    expect(problemsOf(await parseXlsxUpload(utf8('section_code\r\nA'), [samples], limits)).map((p) => p.code)).toEqual(['NOT_XLSX']);
  });
  it('caps rows across sheets', async () => {
    const bytes = await workbook((book) => {
      const sheet = book.addWorksheet('water_samples');
      sheet.addRow(['section_code', 'sampled_on']);
      for (let index = 0; index < 6; index += 1) sheet.addRow([`S${index}`, '2026-01-01']);
    });
    expect(problemsOf(await parseXlsxUpload(bytes, [samples], { maxRows: 5 })).map((p) => p.code)).toEqual(['TOO_MANY_ROWS']);
  });
});

describe('parseJsonBatch', () => {
  it('turns typed values into raw text and keeps the row index', () => {
    const tables = rowsOf(parseJsonBatch({ water_samples: [{ section_code: 'A', sampled_on: '2026-01-01', cod_mg_l: 0.1, remark: true }] }, [samples], limits));
    expect(tables[0]!.rows[0]).toEqual({ sourceRow: 1, cells: { section_code: 'A', sampled_on: '2026-01-01', cod_mg_l: '0.1', remark: 'true' } });
  });
  it('reports unknown tables, unknown fields, nested values and empty batches', () => {
    const problems = problemsOf(parseJsonBatch({ nope: [{}], water_samples: [{ colour: 'red', remark: { a: 1 } }] }, [samples], limits));
    expect(problems.map((p) => p.code)).toEqual(['UNKNOWN_TABLE', 'UNKNOWN_COLUMN', 'INVALID_VALUE']);
    expect(problemsOf(parseJsonBatch({ water_samples: [] }, [samples], limits)).map((p) => p.code)).toEqual(['NO_DATA_ROWS']);
    expect(problemsOf(parseJsonBatch({ water_samples: [{}, {}] }, [samples], { maxRows: 1 })).map((p) => p.code)).toEqual(['TOO_MANY_ROWS']);
  });
});

describe('templates', () => {
  const templateTable = {
    name: 'water_samples',
    label: { zh: '水质采样', en: 'Water samples' },
    fields: [
      { name: 'section_code', label: { zh: '断面编码', en: 'Section code' }, type: 'code', required: true, codeList: { code: 'SECTION' } },
      { name: 'sampled_on', label: { zh: '采样日期', en: 'Sampling date' }, type: 'date', required: true },
      { name: 'cod_mg_l', label: { zh: '化学需氧量', en: 'COD' }, type: 'decimal', unit: 'mg/L', min: 0, max: 1000, precision: 1 },
      { name: 'remark', label: { zh: '备注', en: 'Remark' }, type: 'text' },
    ],
  };
  it('a filled-in XLSX template parses back to its rows', async () => {
    const bytes = await buildXlsxTemplate({
      datasetCode: '320000/WQ',
      datasetTitle: { zh: '水质', en: 'Water quality' },
      schemaVersion: 2,
      tables: [templateTable],
      codeLists: new Map([['SECTION', [{ code: 'TH01', labelZh: '太湖一号', labelEn: 'Taihu 1' }]]]),
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual([README_SHEET, 'water_samples']);
    expect(book.getWorksheet(README_SHEET)!.getColumn(2).values).toContain('TH01');
    book.getWorksheet('water_samples')!.addRow(['TH01', '2026-11-01', '12.5', null]);
    const filled = new Uint8Array(await book.xlsx.writeBuffer());
    expect(rowsOf(await parseXlsxUpload(filled, [samples], limits))[0]!.rows[0]!.cells).toEqual({ section_code: 'TH01', sampled_on: '2026-11-01', cod_mg_l: '12.5', remark: null });
  });
  it('a filled-in CSV template parses back to its rows', () => {
    const csv = `${buildCsvTemplate(templateTable)}TH01,2026-11-01,12.5,\r\n`;
    expect(csv.startsWith('\ufeff断面编码 Section code (section_code),')).toBe(true);
    expect(rowsOf(parseCsvUpload(utf8(csv), samples, limits))[0]!.rows).toHaveLength(1);
  });
});
