import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { SYSTEM } from '../../src/server/modules/identity';
import type { AppContext } from '../../src/server/context';
import { signIn, useBrowserHarness } from '../helpers/browser';
import { makeUser } from '../helpers/identity';

interface AlertItem {
  id: string;
  stationCode: string;
  status: string;
}

/**
 * The demo's provincial departments own only sections without exceedances; alerts go to the city
 * bureaus (马鞍山: the steelworks stack, 长江三兴村, its air station). So the test makes an org
 * admin in such a bureau, and another in 湖州 (Zhejiang).
 */
async function orgAdminOf(ctx: AppContext, organisationName: string): Promise<{ username: string; password: string }> {
  const organisation = await ctx.identity.organisations.findByIdOrName(SYSTEM, organisationName);
  const made = await makeUser(ctx, { organisationId: organisation!.id, roles: ['org_admin'] });
  return { username: made.user.username, password: made.password };
}

async function alertsVisibleTo(page: Page, baseUrl: string, query: Record<string, string>): Promise<{ items: AlertItem[]; total: number }> {
  const response = await page.request.get(`${baseUrl}/api/v1/alerts`, { params: { limit: '200', ...query } });
  expect(response.status()).toBe(200);
  return (await response.json()) as { items: AlertItem[]; total: number };
}

describe('exceedance alerts page', () => {
  const harness = useBrowserHarness({ monitoringDemo: true });

  test("an owner organisation's admin sees its alerts and acknowledges one; another province does not see it", async () => {
    const { baseUrl, newPage, ctx, resetBrowser } = harness();
    const maanshan = await orgAdminOf(ctx, '马鞍山市生态环境局');
    const huzhou = await orgAdminOf(ctx, '湖州市生态环境局');
    const page = await newPage();
    await signIn(page, baseUrl, maanshan.username, maanshan.password);
    await page.getByRole('menuitem', { name: '超标告警' }).click();
    await page.waitForURL(`${baseUrl}/monitoring/alerts`);
    await page.getByRole('heading', { name: '超标告警' }).waitFor();
    const table = page.getByTestId('alerts-table');
    expect(await table.locator('thead').innerText()).toContain('监测时间（北京时间）');
    const open = await alertsVisibleTo(page, baseUrl, { status: 'open' });
    expect(open.total).toBeGreaterThan(0);

    // Only open alerts: every row says 未处理 and offers 确认.
    await page.getByTestId('alerts-status-filter').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '未处理' }).click();
    await expect.poll(() => table.locator('tbody tr[data-alert-id]').count()).toBeGreaterThan(0);
    const firstRow = table.locator('tbody tr[data-alert-id]').first();
    const alertId = (await firstRow.getAttribute('data-alert-id'))!;
    expect(await firstRow.getByTestId('alert-status').innerText()).toBe('未处理');
    expect(await firstRow.innerText()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    expect(await firstRow.getByRole('link').getAttribute('href')).toMatch(/^\/monitoring\/stations\/[0-9a-f-]{36}$/);

    const [acknowledged] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/alerts/${alertId}/acknowledge`)),
      firstRow.getByTestId('alert-acknowledge').click(),
    ]);
    expect(acknowledged.status()).toBe(200);
    await page.getByText('告警已确认').waitFor();
    // Filtered to open alerts, it is gone; filtered to acknowledged ones, it shows as 已确认 with only 关闭 left.
    await expect.poll(() => table.locator(`tr[data-alert-id="${alertId}"]`).count()).toBe(0);
    await page.getByTestId('alerts-status-filter').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '已确认' }).click();
    const row = table.locator(`tr[data-alert-id="${alertId}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('alert-status').innerText()).toBe('已确认');
    expect(await row.getByTestId('alert-acknowledge').count()).toBe(0);
    expect(await row.getByTestId('alert-close').count()).toBe(1);

    // A Huzhou (Zhejiang) admin sees their own bureau's alerts but not this one; for them it does not exist.
    await page.close();
    await resetBrowser(); // the pages share one browser context: sign out first
    const other = await newPage();
    await signIn(other, baseUrl, huzhou.username, huzhou.password);
    await other.goto(`${baseUrl}/monitoring/alerts`);
    await other.getByRole('heading', { name: '超标告警' }).waitFor();
    const otherTable = other.getByTestId('alerts-table');
    await expect.poll(() => otherTable.locator('tbody tr[data-alert-id]').count()).toBeGreaterThan(0);
    expect(await otherTable.locator(`tr[data-alert-id="${alertId}"]`).count()).toBe(0);
    expect(await otherTable.locator('tbody').innerText()).not.toContain('马鞍山');
    const theirs = await alertsVisibleTo(other, baseUrl, {});
    expect(theirs.total).toBeGreaterThan(0);
    expect(theirs.items.map((a) => a.id)).not.toContain(alertId);
    const csrf = await other.evaluate(async () => ((await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string }).csrfToken);
    const refused = await other.request.post(`${baseUrl}/api/v1/alerts/${alertId}/close`, { headers: { 'x-csrf-token': csrf }, data: {} });
    expect(refused.status()).toBe(404);
  });
});
