import { describe, expect, test } from 'vitest';
import { SYSTEM } from '../../src/server/modules/identity';
import { signIn, useBrowserHarness } from '../helpers/browser';

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
    await page.getByTestId('dataset-activity').getByText('schema.published').first().waitFor();

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
});
