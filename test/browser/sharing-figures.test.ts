import { describe, expect, test } from 'vitest';
import type { SharingFigures } from '../../src/contracts/sharing-figures';
import { signIn, useBrowserHarness } from '../helpers/browser';

describe('sharing figures dashboard (共享成效)', () => {
  const harness = useBrowserHarness();

  test('the working group sees the region, switches to a province, and the export follows the choice', async () => {
    const { baseUrl, newPage, takeProblems } = harness();
    const page = await newPage();
    await signIn(page, baseUrl, 'wg');
    await page.getByRole('menuitem', { name: '共享成效' }).click();
    await page.waitForURL(`${baseUrl}/sharing/figures`);
    await page.getByRole('heading', { name: '数据共享成效' }).waitFor();

    const region = (await (await page.request.get(`${baseUrl}/api/v1/sharing-figures`)).json()) as SharingFigures;
    const published = page.getByTestId('kpi-published').locator('.ant-statistic-content-value');
    await expect.poll(() => published.innerText(), { timeout: 10_000 }).toBe(String(region.datasets.published));
    // Every chart draws on a canvas.
    for (const chart of ['chart-by-theme', 'chart-by-sharing-type', 'chart-catalog-trend', 'chart-requests-trend', 'chart-exchange-trend']) {
      await page.getByTestId(chart).locator('canvas').first().waitFor();
    }

    const [jiangsuAnswer] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/sharing-figures?province=320000')),
      page.getByTestId('figures-scope').getByText('江苏省').click(),
    ]);
    const jiangsu = (await jiangsuAnswer.json()) as SharingFigures;
    await expect.poll(() => published.innerText(), { timeout: 15_000 }).toBe(String(jiangsu.datasets.published));
    expect(await page.getByTestId('figures-export').getAttribute('href')).toBe('/api/v1/sharing-figures/export.xlsx?province=320000');
    const download = await page.request.get(`${baseUrl}/api/v1/sharing-figures/export.xlsx?province=320000`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toContain('sharing-figures-320000.xlsx');
    expect(takeProblems()).toEqual([]);
  });
});
