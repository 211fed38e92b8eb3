import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadReport } from '../../../src/contracts/releases';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { SYSTEM } from '../../../src/server/modules/identity';
import { seedDictionary } from '../../../src/server/modules/dictionary';
import { makeDataset } from '../catalog/catalog-fixtures';
import { goodSamples, goodSections, makeReleaseWorld, postFile, postJson, type ReleaseWorld } from './releases-fixtures';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.each(testDialects())('uploads and validation reports (%s)', (dialect) => {
  let t: TestApp;
  let world: ReleaseWorld;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { env: { ...IDENTITY_TEST_ENV, UPLOAD_MAX_BYTES: '65536', UPLOAD_MAX_ROWS: '500' } });
    world = await makeReleaseWorld(t.app, t.ctx);
  });
  afterAll(async () => t?.close());

  const url = () => `/api/v1/datasets/${world.dataset.id}`;

  it('downloads XLSX and CSV templates of the current schema version', async () => {
    const xlsx = await t.app.inject({ method: 'GET', url: `${url()}/template.xlsx`, headers: world.anhui.analyst.headers() });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toMatch(/^attachment; filename=".*-v1-template\.xlsx"/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['填写说明 README', 'sections', 'samples']);
    expect(book.getWorksheet('samples')!.getRow(1).getCell(3).value).toBe('化学需氧量 COD (cod)');
    const csv = await t.app.inject({ method: 'GET', url: `${url()}/template.csv?table=samples`, headers: world.jiangsu.steward.headers() });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toBe('\ufeff断面编码 Section code (section_code),采样日期 Sampled on (sampled_on),化学需氧量 COD (cod),备注 Note (note)\r\n');
    const missing = await t.app.inject({ method: 'GET', url: `${url()}/template.csv?schemaVersion=7`, headers: world.jiangsu.steward.headers() });
    expect(missing.statusCode).toBe(404);
  });

  it('validates a JSON batch and reports each rule kind per row, kept with its schema version', async () => {
    const response = await postJson(t.app, world.jiangsu.steward, world.dataset.id, {
      mode: 'append',
      tables: {
        sections: [...goodSections, { section_code: 'JS-TH01', section_name: '重复', division_code: '320200' }],
        samples: [
          { section_code: 'JS-TH01', sampled_on: '2026-10-05', cod: 'abc' }, // type
          { section_code: 'JS-NJ01', sampled_on: null, cod: 3 }, // required
          { section_code: 'JS-NJ01', sampled_on: '2026-10-07', cod: '5 µg/m³' }, // unit
          { section_code: 'JS-NJ01', sampled_on: '2026-10-08', cod: -1 }, // range
          { section_code: 'JS-NJ01', sampled_on: '2026-10-09', cod: 1.25 }, // precision
          { section_code: 'XX-000', sampled_on: '2026-10-09', cod: 1 }, // link
          { section_code: 'JS-NJ02', sampled_on: '2026-10-09', cod: 900 }, // custom rule WQ-001
        ],
      },
    });
    expect(response.statusCode).toBe(201);
    const report = response.json<UploadReport>();
    expect(report.upload).toMatchObject({ status: 'pending', channel: 'json', mode: 'append', schemaVersion: 1, rowCount: 11, tables: ['sections', 'samples'] });
    const byRule = Object.fromEntries(report.summary.map((row) => [row.ruleCode, [row.severity, row.count]]));
    expect(byRule).toMatchObject({ 'FT-001': ['ERROR', 1], 'FC-001': ['ERROR', 1], 'FU-001': ['ERROR', 1], 'FR-001': ['ERROR', 1], 'FP-001': ['ERROR', 1], 'TC-001': ['BLOCKER', 1], 'WQ-001': ['BLOCKER', 1], 'TU-001': ['BLOCKER', 1] });
    const rowsOf = (code: string) => report.results.items.filter((item) => item.ruleCode === code).map((item) => [item.table, item.sourceRow]);
    expect(rowsOf('FT-001')).toEqual([['samples', 1]]);
    expect(rowsOf('WQ-001')).toEqual([['samples', 7]]);
    expect(rowsOf('TU-001')).toEqual([['sections', 4]]);
    expect(report.upload.counts.BLOCKER).toBe(3);

    const page = await t.app.inject({ method: 'GET', url: `${url()}/uploads/${report.upload.id}?severity=BLOCKER&limit=2`, headers: world.workingGroup.member.headers() });
    expect(page.statusCode).toBe(200);
    expect(page.json<UploadReport>().results).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page.json<UploadReport>().results.items).toHaveLength(2);

    const xlsx = await t.app.inject({ method: 'GET', url: `${url()}/uploads/${report.upload.id}/report.xlsx`, headers: world.jiangsu.steward.headers() });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.getWorksheet('校验结果 Results')!.rowCount).toBe(1 + report.results.total);

    // Anhui is neither owner nor custodian: no reports, no uploads.
    expect((await t.app.inject({ method: 'GET', url: `${url()}/uploads/${report.upload.id}`, headers: world.anhui.steward.headers() })).statusCode).toBe(403);
    expect((await postJson(t.app, world.anhui.steward, world.dataset.id, { mode: 'append', tables: { sections: goodSections } })).statusCode).toBe(403);
    // An analyst of the owner lacks data:submit.
    expect((await postJson(t.app, world.jiangsu.analyst, world.dataset.id, { mode: 'append', tables: { sections: goodSections } })).statusCode).toBe(403);
  });

  it('refuses the same content twice while it waits for release', async () => {
    const body = { mode: 'append', tables: { samples: [goodSamples[0]] } };
    const first = await postJson(t.app, world.jiangsu.steward, world.dataset.id, body);
    expect(first.statusCode).toBe(201);
    const second = await postJson(t.app, world.jiangsu.steward, world.dataset.id, body);
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'DUPLICATE_UPLOAD', details: { uploadId: first.json<UploadReport>().upload.id } });
    expect(second.json().error.messageZh).toContain('相同内容');
  });

  it('reads a GBK CSV saved by Excel', async () => {
    const csv = iconv.encode('断面编码,断面名称,行政区划\r\nJS-WX01,无锡锡东,320205\r\n', 'gbk');
    const response = await postFile(t.app, world.jiangsu.steward, world.dataset.id, 'text/csv', csv, 'mode=append&table=sections&fileName=%E6%96%AD%E9%9D%A2.csv');
    expect(response.statusCode).toBe(201);
    const report = response.json<UploadReport>();
    expect(report.upload).toMatchObject({ channel: 'csv', fileName: '断面.csv', rowCount: 1, counts: { BLOCKER: 0, ERROR: 0 } });
  });

  it('answers unreadable files with 422 and keeps only their problems', async () => {
    const cases: [string, Buffer | string, string, string][] = [
      ['text/csv', 'section_code,colour\r\nA,red\r\n', 'mode=append&table=sections', 'UNKNOWN_COLUMN'],
      ['text/csv', Buffer.from([0x73, 0x2c, 0x81, 0xff, 0xfe, 0x0a]), 'mode=append&table=sections', 'UNDECODABLE_TEXT'],
      ['text/csv', 'section_code,section_name,division_code\r\n', 'mode=replace&table=sections', 'NO_DATA_ROWS'],
      ['text/csv', 'section_code,section_name,division_code\r\nA,B,320100\r\n', 'mode=append', 'TABLE_REQUIRED'],
      [XLSX, 'not a zip', 'mode=append', 'NOT_XLSX'],
    ];
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('samples');
    sheet.addRow(['section_code', 'sampled_on', 'cod']);
    sheet.addRow(['JS-TH01', '2026-10-05', { formula: 'B1*2', result: 4 }]);
    cases.push([XLSX, Buffer.from(await book.xlsx.writeBuffer()), 'mode=append', 'FORMULA_NOT_ALLOWED']);
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('sections');
    cases.push([XLSX, Buffer.from(await empty.xlsx.writeBuffer()), 'mode=append', 'NO_DATA_ROWS']);

    for (const [type, body, query, code] of cases) {
      const response = await postFile(t.app, world.jiangsu.steward, world.dataset.id, type, body, query);
      expect(response.statusCode, code).toBe(422);
      const error = response.json().error;
      expect(error.code).toBe('UPLOAD_UNREADABLE');
      expect(error.details.problems.map((problem: { code: string }) => problem.code)).toContain(code);
      const stored = await t.app.inject({ method: 'GET', url: `${url()}/uploads/${error.details.uploadId}`, headers: world.jiangsu.steward.headers() });
      expect(stored.json<UploadReport>()).toMatchObject({ upload: { status: 'rejected', rowCount: 0 }, results: { total: 0 } });
      expect(stored.json<UploadReport>().problems[0]!.code).toBeDefined();
    }
    const rejected = await t.app.inject({ method: 'GET', url: `${url()}/uploads?status=rejected`, headers: world.jiangsu.steward.headers() });
    expect(rejected.json().total).toBe(cases.length);
  });

  it('answers files over the size cap with 413, unknown types with 415 and a file without mode with 400', async () => {
    const huge = `section_code,section_name,division_code\r\n${'JS-X,名称,320100\r\n'.repeat(4000)}`;
    const tooBig = await postFile(t.app, world.jiangsu.steward, world.dataset.id, 'text/csv', huge, 'mode=append&table=sections');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const rows = `section_code,section_name,division_code\r\n${Array.from({ length: 501 }, (_, i) => `S${i},n,320100\r\n`).join('')}`;
    const tooMany = await postFile(t.app, world.jiangsu.steward, world.dataset.id, 'text/csv', rows, 'mode=append&table=sections');
    expect(tooMany.json().error.details.problems[0].code).toBe('TOO_MANY_ROWS');
    const plain = await postFile(t.app, world.jiangsu.steward, world.dataset.id, 'text/plain', 'x', 'mode=append&table=sections');
    expect(plain.statusCode).toBe(415);
    const noMode = await postFile(t.app, world.jiangsu.steward, world.dataset.id, 'text/csv', 'a', 'table=sections');
    expect(noMode.statusCode).toBe(400);
    const badBatch = await postJson(t.app, world.jiangsu.steward, world.dataset.id, { mode: 'append', tables: { sections: 'nope' } });
    expect(badBatch.statusCode).toBe(400);
    expect(badBatch.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('checks code lists through the dictionary and lists their entries in the template', async () => {
    await seedDictionary(t.ctx.dictionary);
    const dataset = await makeDataset(t.ctx, world.jiangsu.organisation.id, { custodianOrganisationId: world.workingGroup.organisation.id });
    const definition = {
      format: 1,
      tables: [
        {
          name: 'classes',
          label: { zh: '断面水质类别', en: 'Section water classes' },
          fields: [
            { name: 'section_code', label: { zh: '断面编码', en: 'Section code' }, type: 'string', required: true },
            { name: 'water_class', label: { zh: '水质类别', en: 'Water class' }, type: 'code', codeList: { code: 'GB3838_WATER_CLASS' } },
          ],
        },
      ],
    };
    const schema = await t.ctx.catalog.schemas.create(SYSTEM, dataset.id, { definition });
    await t.ctx.catalog.schemas.publish(SYSTEM, dataset.id, schema.id);
    const response = await postJson(t.app, world.jiangsu.steward, dataset.id, { mode: 'append', tables: { classes: [{ section_code: 'A', water_class: 'III' }, { section_code: 'B', water_class: 'VII' }] } });
    expect(response.statusCode).toBe(201);
    const report = response.json<UploadReport>();
    expect(report.results.items.map((item) => [item.ruleCode, item.sourceRow, item.value])).toEqual([['CL-001', 2, 'VII']]);
    const template = await t.app.inject({ method: 'GET', url: `/api/v1/datasets/${dataset.id}/template.xlsx`, headers: world.jiangsu.steward.headers() });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const readme = book.getWorksheet('填写说明 README')!;
    expect(readme.getColumn(2).values).toEqual(expect.arrayContaining(['I', '劣V']));
  });
});
