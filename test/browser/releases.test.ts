import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import type { AppContext } from '../../src/server/context';
import { SYSTEM } from '../../src/server/modules/identity';
import { signIn, useBrowserHarness } from '../helpers/browser';
import { makeDataset } from '../integration/catalog/catalog-fixtures';
import { waterDefinition } from '../integration/releases/releases-fixtures';

async function workbook(sheets: Record<string, (string | number)[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function organisationOf(ctx: AppContext, username: string): Promise<string> {
  return (await ctx.identity.users.findByUsername(SYSTEM, username))!.organisationId;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SECTIONS = [
  ['section_code', 'section_name', 'division_code'],
  ['JS-TH01', '太湖乌龟山', '320200'],
  ['JS-NJ01', '长江九乡河口', '320100'],
];

/**
 * 数据上传向导 → 校验报告 → 阻断 → 修正重传 → 发布 → 发布审核: Jiangsu uploads a workbook with a
 * blocking value, sees the report and the refused release, replaces the samples, releases; the
 * working group reviews, writes in the thread and accepts.
 */
describe('upload wizard and release review', () => {
  const harness = useBrowserHarness();

  test('upload with a blocker, fix, release, custodian accepts', async () => {
    const { baseUrl, ctx, newPage, resetBrowser, takeProblems } = harness();
    const jiangsu = await organisationOf(ctx, 'js-admin');
    const workingGroup = await organisationOf(ctx, 'wg');
    const dataset = await makeDataset(ctx, jiangsu, { titleZh: '江苏省跨界断面水质', titleEn: 'Jiangsu cross-border sections', custodianOrganisationId: workingGroup, theme: 'water' });
    const schema = await ctx.catalog.schemas.create(SYSTEM, dataset.id, { definition: waterDefinition() });
    await ctx.catalog.schemas.publish(SYSTEM, dataset.id, schema.id);

    const page = await newPage();
    await signIn(page, baseUrl, 'js-admin');
    await page.goto(`${baseUrl}/sharing/datasets/${dataset.id}/upload`);
    await page.getByTestId('upload-wizard').waitFor();
    // The schema version arrives after the wizard's frame: wait for it rather than count at once.
    await page.getByText('数据结构版本 v1').waitFor();

    // A workbook whose second sample breaks the BLOCKER rule (COD above 500).
    const bad = await workbook({
      sections: SECTIONS,
      samples: [
        ['section_code', 'sampled_on', 'cod'],
        ['JS-TH01', '2026-10-05', 14.2],
        ['JS-NJ01', '2026-10-05', 812],
      ],
    });
    await page.getByTestId('upload-file').setInputFiles({ name: '十月断面.xlsx', mimeType: XLSX, buffer: bad });
    await page.getByTestId('upload-submit').click();
    await page.getByTestId('validation-report').waitFor();
    expect(await page.getByTestId('report-counts').innerText()).toContain('阻断 1');
    const results = page.getByTestId('report-results');
    expect(await results.innerText()).toContain('WQ-001');
    expect(await results.innerText()).toContain('COD 超过 500 mg/L');
    expect(await page.getByTestId('report-download').getAttribute('href')).toMatch(/\/report\.xlsx$/);

    await page.getByTestId('to-release').click();
    await page.getByTestId('release-submit').click();
    await page.getByTestId('release-blocked').waitFor();
    expect(await page.getByTestId('release-blocked').innerText()).toContain('samples #3 WQ-001');

    // Fix: replace the samples with corrected values.
    await page.getByTestId('upload-again').first().click();
    await page.getByTestId('upload-mode').getByText('替换').click();
    const fixed = await workbook({ samples: [['section_code', 'sampled_on', 'cod'], ['JS-TH01', '2026-10-05', 14.2], ['JS-NJ01', '2026-10-05', 21.8]] });
    await page.getByTestId('upload-file').setInputFiles({ name: '十月断面-修正.xlsx', mimeType: XLSX, buffer: fixed });
    await page.getByTestId('upload-submit').click();
    await page.getByTestId('report-clean').waitFor();
    await page.getByTestId('to-release').click();
    await page.getByTestId('pending-uploads').getByText('十月断面-修正.xlsx').waitFor();
    await page.getByTestId('release-note').fill('十月份数据，请审核');
    await page.getByTestId('release-submit').click();
    await page.getByTestId('release-submitted').waitFor();
    expect(await page.getByTestId('release-submitted').innerText()).toContain('第 1 版');

    // The working group reviews it.
    await resetBrowser();
    const review = await newPage();
    await signIn(review, baseUrl, 'wg');
    await review.getByRole('menuitem', { name: '发布审核' }).click();
    await review.waitForURL(`${baseUrl}/sharing/review`);
    const row = review.getByTestId('review-table').locator('tr[data-release-id]');
    await row.waitFor();
    expect(await row.innerText()).toContain('江苏省跨界断面水质');
    await row.getByRole('link', { name: '审核' }).click();
    await review.getByTestId('release-page').waitFor();
    await review.getByTestId('rows-samples').getByText('21.8').waitFor();
    expect(await review.getByTestId('review-thread').innerText()).toContain('十月份数据，请审核');
    await review.getByTestId('thread-message').fill('数据已核对');
    await review.getByTestId('thread-post').click();
    await review.getByTestId('review-thread').getByText('数据已核对').waitFor();
    await review.getByTestId('decision-accept').click();
    await review.getByTestId('release-status').getByText('已接收').waitFor();
    expect(await review.getByTestId('decision-card').count()).toBe(0);
    expect(takeProblems()).toEqual([]);
  });
});
