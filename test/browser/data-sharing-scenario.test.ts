import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { AppContext } from '../../src/server/context';
import { SYSTEM } from '../../src/server/modules/identity';
import { signIn, useBrowserHarness } from '../helpers/browser';
import { datasetBody } from '../integration/catalog/catalog-fixtures';
import { sectionsSchema } from '../integration/scenario/sections-schema';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(sheets: Record<string, (string | number)[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const SECTIONS = [
  ['section_code', 'section_name', 'division_code', 'contact_phone'],
  ['JS-SZ01', '太浦河汾湖大桥', '320500', '13812345678'],
  ['JS-SZ02', '吴淞江赵屯', '320583', '13912345678'],
  ['JS-NJ01', '长江九乡河口', '320100', '13712345678'],
];
const samples = (cod: number) => [
  ['section_code', 'sampled_on', 'cod'],
  ['JS-SZ01', '2026-11-02', 14.2],
  ['JS-SZ02', '2026-11-02', cod],
  ['JS-NJ01', '2026-11-03', 12.5],
];

async function organisationOf(ctx: AppContext, username: string): Promise<string> {
  return (await ctx.identity.users.findByUsername(SYSTEM, username))!.organisationId;
}

async function csrfHeaders(page: Page, baseUrl: string): Promise<Record<string, string>> {
  const me = (await (await page.request.get(`${baseUrl}/api/v1/auth/me`)).json()) as { csrfToken: string };
  return { 'x-csrf-token': me.csrfToken };
}

/**
 * The data-sharing path of issue 4 clicked through in Chromium: Jiangsu publishes → uploads a
 * workbook that a BLOCKER refuses → fixes and releases → the working group accepts → Anhui asks
 * for three fields of Suzhou → Jiangsu grants two → Anhui's token reads exactly that, masked →
 * Jiangsu's exchange log and figures show it → schema v2 → Anhui, a follower, is told in the app.
 */
describe('data sharing scenario (Chromium)', () => {
  const harness = useBrowserHarness();

  test('publish, refused and fixed upload, release, review, request, partial grant, token read, log, figures, schema v2', async () => {
    const { baseUrl, ctx, newPage, resetBrowser, takeProblems } = harness();
    const jiangsu = await organisationOf(ctx, 'js-admin');
    const workingGroup = await organisationOf(ctx, 'wg');
    const draft = await ctx.catalog.datasets.create(
      SYSTEM,
      datasetBody({
        ownerOrganisationId: jiangsu,
        custodianOrganisationId: workingGroup,
        titleZh: '太浦河跨界断面水质',
        titleEn: 'Taipu River cross-border sections',
        theme: 'water',
        sharing: { type: 'conditional', condition: '用于跨界水质联防联控', mode: 'platform', channel: 'api' },
      }),
    );
    const v1 = await ctx.catalog.schemas.create(SYSTEM, draft.id, { definition: sectionsSchema(false) });
    await ctx.catalog.schemas.publish(SYSTEM, draft.id, v1.id);

    // Jiangsu publishes the dataset, uploads a workbook the BLOCKER refuses, fixes it, releases.
    const js = await newPage();
    await signIn(js, baseUrl, 'js-admin');
    await js.goto(`${baseUrl}/sharing/datasets/${draft.id}`);
    await js.getByTestId('publish-dataset').click();
    await js.getByTestId('deprecate-dataset').waitFor();
    await js.goto(`${baseUrl}/sharing/datasets/${draft.id}/upload`);
    await js.getByTestId('upload-wizard').waitFor();
    await js.getByTestId('upload-file').setInputFiles({ name: '十一月断面.xlsx', mimeType: XLSX, buffer: await workbook({ sections: SECTIONS, samples: samples(812) }) });
    await js.getByTestId('upload-submit').click();
    await js.getByTestId('validation-report').waitFor();
    expect(await js.getByTestId('report-counts').innerText()).toContain('阻断 1');
    await js.getByTestId('to-release').click();
    await js.getByTestId('release-submit').click();
    await js.getByTestId('release-blocked').waitFor();
    await js.getByTestId('upload-again').first().click();
    await js.getByTestId('upload-mode').getByText('替换').click();
    await js.getByTestId('upload-file').setInputFiles({ name: '十一月断面-修正.xlsx', mimeType: XLSX, buffer: await workbook({ samples: samples(16.4) }) });
    await js.getByTestId('upload-submit').click();
    await js.getByTestId('report-clean').waitFor();
    await js.getByTestId('to-release').click();
    await js.getByTestId('release-note').fill('十一月断面数据');
    await js.getByTestId('release-submit').click();
    await js.getByTestId('release-submitted').waitFor();
    await js.close();
    await resetBrowser();

    // The working group (custodian) accepts.
    const wg = await newPage();
    await signIn(wg, baseUrl, 'wg');
    await wg.goto(`${baseUrl}/sharing/review`);
    const reviewRow = wg.getByTestId('review-table').locator('tr[data-release-id]').filter({ hasText: '太浦河跨界断面水质' });
    await reviewRow.getByRole('link', { name: '审核' }).click();
    await wg.getByTestId('release-page').waitFor();
    await wg.getByTestId('decision-accept').click();
    await wg.getByTestId('release-status').getByText('已接收').waitFor();
    await wg.close();
    await resetBrowser();

    // Anhui follows the dataset and asks for three fields of Suzhou (苏州市 320500).
    const ah = await newPage();
    await signIn(ah, baseUrl, 'ah-user');
    await ah.goto(`${baseUrl}/sharing/datasets/${draft.id}`);
    await ah.getByTestId('follow-dataset').click();
    await ah.getByTestId('follow-save').click();
    await expect.poll(() => ah.getByTestId('follow-dataset').innerText(), { timeout: 15_000 }).toContain('已关注');
    await ah.getByRole('tab', { name: /共享|Access/ }).click();
    await ah.getByTestId('access-dataset-tab').waitFor();
    await ah.getByTestId('request-purpose').fill('太浦河跨界断面联合评估');
    await ah.getByTestId('request-fields').getByText('(sections.section_code)').click();
    await ah.getByTestId('request-fields').getByText('(sections.section_name)').click();
    await ah.getByTestId('request-fields').getByText('(sections.contact_phone)').click();
    await ah.getByTestId('request-scope').click();
    await ah.keyboard.type('320500');
    await ah.keyboard.press('Enter');
    const period = ah.getByTestId('access-dataset-tab').locator('.ant-picker-range');
    await period.locator('input').first().click();
    // The period of use starts today (Beijing), so the grant is valid at once.
    await ah.keyboard.type(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
    await ah.keyboard.press('Enter');
    await ah.keyboard.type('2027-06-30');
    // Enter confirms the end date, and Enter in a form field submits the form (the 提交申请 button).
    const [requested] = await Promise.all([ah.waitForResponse((r) => r.url().endsWith('/api/v1/access-requests') && r.request().method() === 'POST'), ah.keyboard.press('Enter')]);
    expect(requested.status(), await requested.text()).toBe(201);
    const requestId = ((await requested.json()) as { id: string }).id;
    await ah.close();
    await resetBrowser();

    // Jiangsu grants two of them (section codes and phones of Suzhou): partially, with reasons.
    const decide = await newPage();
    await signIn(decide, baseUrl, 'js-admin');
    await decide.goto(`${baseUrl}/sharing/requests/${requestId}`);
    await decide.getByTestId('decision-form').waitFor();
    await decide.getByTestId('decision-partial').click();
    await decide.getByTestId('decision-fields').getByText('sections.section_code').click();
    await decide.getByTestId('decision-fields').getByText('sections.contact_phone').click();
    await decide.getByTestId('decision-reasons').fill('同意苏州市断面编码和联系电话（脱敏）');
    const [decided] = await Promise.all([decide.waitForResponse((r) => r.url().endsWith(`/api/v1/access-requests/${requestId}/decision`)), decide.getByTestId('decision-submit').click()]);
    expect(decided.status(), await decided.text()).toBe(200);
    await expect.poll(() => decide.getByTestId('request-status').innerText(), { timeout: 15_000 }).toBe('部分同意');
    const grantId = ((await decided.json()) as { grantId: string }).grantId;
    await decide.close();
    await resetBrowser();

    // Anhui makes a token bound to the grant and reads exactly the granted rows and fields, masked.
    const reader = await newPage();
    await signIn(reader, baseUrl, 'ah-user');
    await reader.goto(`${baseUrl}/sharing/grants?side=received`);
    const received = reader.locator(`tr[data-grant-id="${grantId}"]`);
    await received.getByTestId('grant-token').click();
    await reader.getByTestId('grant-token-name').fill('太浦河联合评估');
    await reader.getByRole('button', { name: /OK|确\s*定/ }).click();
    const secret = (await reader.getByTestId('grant-token-secret').innerText()).trim();
    const rows = await reader.request.get(`${baseUrl}/api/v1/shared-data/${draft.id}/rows?table=sections`, { headers: { authorization: `Bearer ${secret}`, cookie: '' } });
    expect(rows.status(), await rows.text()).toBe(200);
    expect(await rows.json()).toMatchObject({
      fields: ['section_code', 'contact_phone'],
      items: [
        { section_code: 'JS-SZ01', contact_phone: '138****5678' },
        { section_code: 'JS-SZ02', contact_phone: '139****5678' },
      ],
    });
    await reader.close();
    await resetBrowser();

    // Jiangsu sees the read in its exchange log and figures; then publishes schema v2 (collection goes on).
    const owner = await newPage();
    await signIn(owner, baseUrl, 'js-admin');
    await owner.goto(`${baseUrl}/sharing/exchange-log`);
    const exchange = owner.getByTestId('exchange-table').locator('tbody tr[data-exchange-id]').filter({ hasText: '太浦河跨界断面水质' }).first();
    await exchange.waitFor();
    expect(await exchange.innerText()).toContain('安徽省生态环境厅');
    await owner.goto(`${baseUrl}/sharing/figures`);
    await owner.getByTestId('figures-scope').getByText('江苏省').click();
    await expect.poll(async () => Number(await owner.getByTestId('kpi-consumers').locator('.ant-statistic-content-value').innerText()), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    const v2 = await ctx.catalog.schemas.create(SYSTEM, draft.id, { definition: sectionsSchema(true), migrationNote: '监测结果增加流量（m3/s）' });
    const headers = await csrfHeaders(owner, baseUrl);
    const published = await owner.request.post(`${baseUrl}/api/v1/datasets/${draft.id}/schemas/${v2.id}/publish`, { headers, data: {} });
    expect(published.status(), await published.text()).toBe(200);
    await owner.close();
    await resetBrowser();

    // Anhui (following since after release 1) is told in the app of the answer and of the new schema.
    await ctx.events.settled();
    const told = await newPage();
    await signIn(told, baseUrl, 'ah-user');
    await told.goto(`${baseUrl}/notifications`);
    await told.getByTestId('notification-title').first().waitFor();
    const titles = (await told.getByTestId('notification-title').allInnerTexts()).join('\n');
    expect(titles).toContain('「太浦河跨界断面水质」的共享申请已答复');
    expect(titles).toContain('「太浦河跨界断面水质」发布了数据结构第 2 版');
    expect(takeProblems()).toEqual([]);
  });
});
