import { describe, expect, test } from 'vitest';
import type { AppContext } from '../../src/server/context';
import type { Actor } from '../../src/server/platform/actor';
import { dialogSettled, signIn, useBrowserHarness } from '../helpers/browser';
import { makeDataset } from '../integration/catalog/catalog-fixtures';
import { demoActorOf } from '../../src/server/modules/demo/demo-actor';

/** The service-level actor of a demo account, for arranging data without clicking. */
async function actorOf(ctx: AppContext, username: string): Promise<Actor> {
  return (await demoActorOf(ctx.identity, username))!;
}


describe('notifications, followed datasets and data-error reports', () => {
  const harness = useBrowserHarness();

  test('the owner sees the bell and answers a data-error report; the reporter follows the answer', async () => {
    const { baseUrl, ctx, newPage, resetBrowser, takeProblems } = harness();
    const jiangsuAdmin = await actorOf(ctx, 'js-admin');
    const dataset = await makeDataset(ctx, jiangsuAdmin.organisationId, { titleZh: '江苏省国控断面水质月报', titleEn: 'Jiangsu national sections monthly water quality' });
    // The reporter follows the dataset and reports an error from the dataset page.
    const reporterFirst = await newPage();
    await signIn(reporterFirst, baseUrl, 'ah-user');
    await reporterFirst.goto(`${baseUrl}/sharing/datasets/${dataset.id}`);
    await reporterFirst.getByTestId('follow-dataset').click();
    await dialogSettled(reporterFirst.getByTestId('follow-save'));
    const [followed] = await Promise.all([
      reporterFirst.waitForResponse((r) => r.url().endsWith(`/datasets/${dataset.id}/follow`) && r.request().method() === 'PUT'),
      reporterFirst.getByTestId('follow-save').click(),
    ]);
    expect(followed.status(), await followed.text()).toBe(200);
    await expect.poll(() => reporterFirst.getByTestId('follow-dataset').innerText(), { timeout: 15_000 }).toContain('已关注');
    await reporterFirst.getByTestId('report-data-error').click();
    await reporterFirst.getByTestId('report-table').fill('sections');
    await reporterFirst.getByTestId('report-row').fill('7');
    await reporterFirst.getByTestId('report-field').fill('codmn');
    await reporterFirst.getByTestId('report-description').fill('高锰酸盐指数单位疑为 μg/L');
    await Promise.all([reporterFirst.waitForResponse((r) => r.url().endsWith('/api/v1/data-errors') && r.status() === 201), reporterFirst.getByTestId('report-data-error-submit').click()]);
    await reporterFirst.close();
    await resetBrowser();

    const page = await newPage();
    await signIn(page, baseUrl, 'js-admin');
    // The bell counts the report's notification; its panel leads to the data-error page.
    await expect.poll(async () => Number(await page.getByTestId('notification-count').locator('.ant-scroll-number').first().getAttribute('title')), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-item').filter({ hasText: '江苏省国控断面水质月报' }).click();
    await page.waitForURL(`${baseUrl}/sharing/data-errors`);
    await page.getByRole('heading', { name: '数据纠错' }).waitFor();

    const row = page.getByTestId('data-errors-table').locator('tbody tr').filter({ hasText: '高锰酸盐指数单位疑为 μg/L' });
    await row.waitFor();
    expect(await row.innerText()).toContain('sections / 7 / codmn');
    expect(await row.getByTestId('data-error-status').innerText()).toBe('待处理');
    await row.getByTestId('data-error-answer').click();
    const answerDialog = await dialogSettled(page.getByTestId('data-error-answer-submit'));
    await answerDialog.locator('.ant-radio-wrapper').filter({ hasText: '已更正' }).click();
    await expect.poll(() => answerDialog.locator('.ant-radio-wrapper-checked').innerText()).toBe('已更正');
    await page.getByTestId('data-error-response').fill('已在第 2 版中更正为 mg/L');
    await Promise.all([page.waitForResponse((r) => r.url().includes('/answer') && r.status() === 200), page.getByTestId('data-error-answer-submit').click()]);
    await expect.poll(() => row.getByTestId('data-error-status').innerText(), { timeout: 15_000 }).toBe('已更正');

    await page.close();
    await resetBrowser();
    const reporter = await newPage();
    await signIn(reporter, baseUrl, 'ah-user');
    await reporter.goto(`${baseUrl}/sharing/data-errors`);
    await reporter.getByTestId('data-errors-outbox').click();
    const filed = reporter.getByTestId('data-errors-table').locator('tbody tr').filter({ hasText: '高锰酸盐指数单位疑为 μg/L' });
    await filed.waitFor();
    expect(await filed.getByTestId('data-error-status').innerText()).toBe('已更正');
    expect(await filed.innerText()).toContain('已在第 2 版中更正为 mg/L');
    // The reporter cannot answer its own report: no answer button in the outbox.
    expect(await filed.getByTestId('data-error-answer').count()).toBe(0);

    // Followed datasets, and every notification on its own page (in English too).
    await reporter.getByRole('menuitem', { name: '我的关注' }).click();
    await reporter.getByTestId('subscriptions-table').getByRole('link', { name: '江苏省国控断面水质月报' }).waitFor();
    await reporter.goto(`${baseUrl}/notifications`);
    const titles = reporter.getByTestId('notification-title');
    await titles.first().waitFor();
    expect((await titles.allInnerTexts()).join('\n')).toContain('数据纠错已答复');
    await reporter.getByTestId('notifications-mark-all').click();
    await expect.poll(async () => reporter.getByTestId('notification-count').locator('.ant-scroll-number').count(), { timeout: 15_000 }).toBe(0);
    expect(takeProblems()).toEqual([]);
  });
});
