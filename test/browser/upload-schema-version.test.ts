import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import type { UploadList } from '../../src/contracts/releases';
import { SYSTEM } from '../../src/server/modules/identity';
import { signIn, useBrowserHarness } from '../helpers/browser';
import { makeDataset } from '../integration/catalog/catalog-fixtures';
import { waterDefinition } from '../integration/releases/releases-fixtures';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MIGRATION_NOTE = '监测结果增加流量 flow（m3/s）';

async function sectionsWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('sections');
  for (const row of [['section_code', 'section_name', 'division_code'], ['JS-TH01', '太湖乌龟山', '320200']]) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * While schema v2 is published, Jiangsu finishes the collection begun under v1: the wizard lists
 * both published versions with their migration notes, the older one is picked, the templates
 * follow it, and the upload is validated against it.
 */
describe('upload wizard: schema-version picker', () => {
  const harness = useBrowserHarness();

  test('with two published versions, the older one is picked, templated and validated against', async () => {
    const { baseUrl, ctx, newPage } = harness();
    const jiangsu = (await ctx.identity.users.findByUsername(SYSTEM, 'js-admin'))!.organisationId;
    const dataset = await makeDataset(ctx, jiangsu, { titleZh: '江苏省断面采样', titleEn: 'Jiangsu section samples', theme: 'water' });
    const v1 = await ctx.catalog.schemas.create(SYSTEM, dataset.id, { definition: waterDefinition() });
    await ctx.catalog.schemas.publish(SYSTEM, dataset.id, v1.id);
    const v2 = await ctx.catalog.schemas.create(SYSTEM, dataset.id, { definition: waterDefinition({ extraField: 'flow' }), migrationNote: MIGRATION_NOTE });
    await ctx.catalog.schemas.publish(SYSTEM, dataset.id, v2.id);

    const page = await newPage();
    await signIn(page, baseUrl, 'js-admin');
    await page.goto(`${baseUrl}/sharing/datasets/${dataset.id}/upload`);
    const picker = page.getByTestId('upload-schema-version');
    // The current version is the default, and the templates are those of v2.
    await page.getByText('数据结构版本 v2').waitFor();
    expect(await picker.innerText()).toContain('v2');
    expect(await page.getByTestId('template-xlsx').getAttribute('href')).toBe(`/api/v1/datasets/${dataset.id}/template.xlsx?schemaVersion=2`);

    await picker.click();
    const newer = page.getByTestId('schema-version-option-2');
    const older = page.getByTestId('schema-version-option-1');
    expect(await newer.innerText()).toContain(MIGRATION_NOTE);
    expect(await newer.innerText()).toContain('当前版本');
    expect(await older.innerText()).toContain('首个版本');
    await older.click();
    await page.getByText('数据结构版本 v1').waitFor();
    expect(await page.getByTestId('template-xlsx').getAttribute('href')).toBe(`/api/v1/datasets/${dataset.id}/template.xlsx?schemaVersion=1`);
    expect(await page.getByTestId('template-csv').getAttribute('href')).toBe(`/api/v1/datasets/${dataset.id}/template.csv?schemaVersion=1`);

    await page.getByTestId('upload-file').setInputFiles({ name: '断面-v1.xlsx', mimeType: XLSX, buffer: await sectionsWorkbook() });
    await page.getByTestId('upload-submit').click();
    await page.getByTestId('validation-report').waitFor();
    expect(await page.getByTestId('report-schema-version').innerText()).toBe('v1');

    // Stored against v1 as well, not just shown so.
    const uploads = (await (await page.request.get(`${baseUrl}/api/v1/datasets/${dataset.id}/uploads`)).json()) as UploadList;
    expect(uploads.items.map((upload) => [upload.fileName, upload.schemaVersion, upload.schemaId])).toEqual([['断面-v1.xlsx', 1, v1.id]]);

    // The release step lists the version of each waiting upload.
    await page.getByTestId('to-release').click();
    await page.getByTestId('pending-uploads').locator('tbody tr').filter({ hasText: '断面-v1.xlsx' }).filter({ hasText: 'v1' }).waitFor();
  });
});
