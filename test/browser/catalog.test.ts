import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { readCatalogXlsx } from '../../src/server/modules/catalog';
import { SYSTEM } from '../../src/server/modules/identity';
import { signIn, useBrowserHarness } from '../helpers/browser';
import { catalogRecord, catalogWorkbook, XLSX_TYPE } from '../helpers/catalog-files';

/**
 * 数据目录 → 数据资源 → 新增/编辑 → 数据结构编辑 → 报送义务, on the demo catalog: search with
 * facets, the platform's air readings with two schema versions and their diff, a new dataset
 * catalogued, published and given a schema, and the working group's duty register with its
 * overdue duty.
 */
describe('catalog pages', () => {
  const harness = useBrowserHarness();

  test('search with facets, dataset page, create and publish, schema editor, duty register', async () => {
    const { baseUrl, ctx, newPage, resetBrowser, takeProblems } = harness();
    const page = await newPage();
    await signIn(page, baseUrl, 'js-admin');

    await page.goto(`${baseUrl}/sharing/catalog`);
    await page.getByTestId('catalog-results').getByText('江苏省地表水考核断面名录').waitFor();
    await page.getByTestId('facet-province').getByText(/^安徽省 \(\d+\)$/).click();
    await page.getByTestId('catalog-results').getByText('安徽省巢湖水质月报').waitFor();
    await expect.poll(() => page.getByTestId('catalog-results').getByText('江苏省地表水考核断面名录').count()).toBe(0);

    // The platform's own air readings: v2 adds the AQI field.
    const air = (await ctx.catalog.search(SYSTEM, { q: '上海市环境空气质量自动监测小时数据' })).items[0]!;
    await page.goto(`${baseUrl}/sharing/datasets/${air.id}`);
    await page.getByTestId('dataset-metadata').getByText(air.code).waitFor();
    await page.getByRole('tab', { name: '数据结构' }).click();
    await page.getByTestId('schema-diff').getByText('新增 readings.aqi').waitFor();
    await page.getByRole('tab', { name: '动态' }).click();
    const activity = page.getByTestId('dataset-activity');
    await activity.getByText('发布数据结构').first().waitFor();
    // The 内容 column speaks Chinese too (it once showed the stored English summary).
    await activity.getByText(/^发布数据结构 v2：/).waitFor();
    expect(await activity.innerText()).not.toMatch(/Published schema|Drafted schema|Catalogued/);

    // A new dataset of Jiangsu: catalogued as a draft, published, given a schema.
    await page.goto(`${baseUrl}/sharing/datasets/new`);
    await page.getByTestId('class-xiang-code').fill('32');
    await page.getByTestId('class-xiang-name').fill('江苏省');
    await page.getByTestId('titleZh').fill('江苏省入河排污口名录');
    await page.getByTestId('titleEn').fill('Jiangsu outfalls into rivers');
    await page.getByTestId('descriptionZh').fill('入河排污口编码、位置和排放去向');
    await page.getByTestId('descriptionEn').fill('Codes, locations and receiving waters of the outfalls');
    await page.getByTestId('theme').click();
    await page.locator('.ant-select-item-option').getByText('水环境', { exact: true }).click();
    await page.getByTestId('spatial').locator('input').fill('320000');
    await page.getByTestId('spatial').locator('input').press('Enter');
    await page.getByTestId('licence').fill('长三角生态环境数据共享协议');
    await page.getByTestId('useTerms').fill('仅用于履行生态环境保护职责');
    await page.getByTestId('save-dataset').click();
    await page.getByTestId('dataset-page').waitFor();
    await page.getByTestId('publish-dataset').click();
    await page.getByTestId('deprecate-dataset').waitFor();
    const created = (await ctx.catalog.search(SYSTEM, { q: '江苏省入河排污口名录' })).items[0]!;
    expect(created).toMatchObject({ status: 'published', ownerProvinceCode: '320000', theme: 'water' });
    expect(created.code).toMatch(/^332001\/\d{4}$/);

    await page.getByTestId('edit-schema').click();
    await page.getByTestId('schema-editor').waitFor();
    await page.getByTestId('field-name-0').fill('Bad Name');
    await page.getByTestId('check-schema').click();
    await page.getByTestId('schema-problems').getByText('/tables/0/fields/0/name').waitFor();
    await page.getByTestId('field-name-0').fill('outfall_code');
    await page.getByTestId('field-zh-0').fill('排污口编码');
    await page.getByTestId('check-schema').click();
    await page.getByTestId('schema-problems').getByText('检查通过').waitFor();
    await page.getByTestId('publish-schema').click();
    await expect.poll(async () => (await ctx.catalog.currentSchema(ctx.database.db, created.id))?.version).toBe(1);

    // The working group's register: the Chaohu duty is overdue.
    await resetBrowser();
    const wgPage = await newPage();
    await signIn(wgPage, baseUrl, 'wg');
    await wgPage.goto(`${baseUrl}/sharing/duties`);
    await wgPage.getByTestId('overdue-count').getByText('1 项逾期').waitFor();
    await wgPage.getByTestId('only-overdue').click();
    await wgPage.getByTestId('duties-table').getByText('安徽省巢湖水质月报').waitFor();
    await expect.poll(() => wgPage.getByTestId('duties-table').locator('tbody tr').count()).toBe(1);
    expect(takeProblems()).toEqual([]);
  });

  test('导入目录: a workbook with a bad row is checked and refused, the fixed one imported; 导出目录 downloads the catalog', async () => {
    const { baseUrl, ctx, newPage, takeProblems } = harness();
    const jiangsu = (await ctx.catalog.search(SYSTEM, { q: '江苏省地表水考核断面名录' })).items[0]!;
    const uscc = jiangsu.providerCode!;
    const page = await newPage();
    await signIn(page, baseUrl, 'js-admin');
    await page.goto(`${baseUrl}/sharing/catalog`);
    await page.getByTestId('catalog-import-open').click();
    const modal = page.getByTestId('catalog-import');
    const fileInput = modal.locator('input[type="file"]');

    const good = [catalogRecord(uscc, 101, { 信息资源名称: '江苏省导入的臭氧小时数据', 空间范围: '320000' }), catalogRecord(uscc, 102, { 信息资源名称: '江苏省导入的颗粒物日数据', 空间范围: '320000' })];
    const bad = [good[0]!, { ...good[1]!, 共享类型: '随便共享' }];
    await fileInput.setInputFiles({ name: '江苏省目录.xlsx', mimeType: XLSX_TYPE, buffer: await catalogWorkbook(bad) });
    await modal.getByTestId('catalog-import-file').getByText('江苏省目录.xlsx').waitFor();
    await modal.getByTestId('catalog-import-check').click();
    await expect.poll(() => modal.getByTestId('catalog-import-outcome').innerText()).toBe('2 行中有 1 行有误，请修改后重新上传');
    const report = modal.getByTestId('catalog-import-report');
    const highlighted = report.locator('tr.catalog-import-invalid');
    expect(await highlighted.count()).toBe(1);
    const badRow = await highlighted.innerText();
    expect(badRow).toContain('211001/7102');
    expect(badRow).toContain('共享类型 不在取值范围内：共享类型应为：无条件共享、有条件共享、不予共享');
    expect(await modal.getByTestId('catalog-import-run').isDisabled()).toBe(true);
    expect(await ctx.catalog.findByCode(ctx.database.db, '211001/7101')).toBeUndefined();

    await fileInput.setInputFiles({ name: '江苏省目录-修正.xlsx', mimeType: XLSX_TYPE, buffer: await catalogWorkbook(good) });
    await modal.getByTestId('catalog-import-check').click();
    await expect.poll(() => modal.getByTestId('catalog-import-outcome').innerText()).toBe('校验通过：2 条资源，可以导入');
    await modal.getByTestId('catalog-import-run').click();
    await expect.poll(() => modal.getByTestId('catalog-import-outcome').innerText()).toBe('已导入 2 条资源');
    expect(await report.locator('tbody tr').allInnerTexts()).toEqual([expect.stringContaining('已导入'), expect.stringContaining('已导入')]);
    expect(await ctx.catalog.findByCode(ctx.database.db, '211001/7101')).toMatchObject({ status: 'published', ownerOrganisationId: jiangsu.ownerOrganisationId });
    await page.getByRole('button', { name: '关闭' }).click();
    await page.getByTestId('catalog-search').locator('input').fill('江苏省导入的臭氧小时数据');
    await page.getByTestId('catalog-search').locator('input').press('Enter');
    await page.getByTestId('catalog-results').getByText('江苏省导入的臭氧小时数据').waitFor();

    await page.getByTestId('catalog-export').hover();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('catalog-export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^yrd-eco-catalog-\d{8}\.xlsx$/);
    const exported = await readCatalogXlsx(await readFile((await download.path())!));
    expect(exported.map((r) => r.信息资源代码)).toEqual(expect.arrayContaining(['211001/7101', '211001/7102', jiangsu.code]));
    expect(takeProblems()).toEqual([]);
  });
});
