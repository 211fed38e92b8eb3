import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { buildUpload, connectLogger } from '../../src/server/modules/gateway';
import { SYSTEM } from '../../src/server/modules/identity';
import { signIn, useBrowserHarness } from '../helpers/browser';

const SCREENSHOTS = resolve(import.meta.dirname, '../../.tmp');
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A Jiangsu provincial section (owned by the Jiangsu department, so js-admin may write it). */
const SECTION = 'W-CH-CHENQIAN';

/** `YYYY-MM-DD HH:mm` in Beijing time, `daysAgo` days before now, at minute 17 (no demo reading is there). */
function beijingText(daysAgo: number): string {
  const t = new Date(Date.now() - daysAgo * 86_400_000 + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:17`;
}

/** A workbook in the import template's layout. */
async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('样品 Samples');
  sheet.addRow(['站点编码 Station code', '采样时间(北京时间) Sampled at (Beijing)', '参数代码 Parameter code', '数值 Value', '单位 Unit', '标记 Flag (optional)']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function manualReadingCount(page: Page, baseUrl: string, stationId: string, parameters: string): Promise<number> {
  const from = new Date(Date.now() - 5 * 86_400_000).toISOString();
  const to = new Date(Date.now() + 3_600_000).toISOString();
  const response = await page.request.get(`${baseUrl}/api/v1/stations/${stationId}/readings`, { params: { interval: 'day', parameters, from, to } });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { series: { points: unknown[] }[] };
  return body.series.reduce((n, s) => n + s.points.length, 0);
}

describe('monitoring pages', () => {
  const harness = useBrowserHarness({ monitoringDemo: true, gateway: true });

  test('the station map shows coloured markers and the legend; a popup leads to an air station with its chart and AQI calendar', async () => {
    const { baseUrl, newPage } = harness();
    const page = await newPage();
    await signIn(page, baseUrl, 'sh-user');

    await page.getByRole('menuitem', { name: '监测数据' }).click();
    await page.waitForURL(`${baseUrl}/monitoring`);
    await page.getByRole('heading', { name: '监测数据' }).waitFor();
    const markers = page.locator('[data-testid="station-map"] path.station-marker');
    await expect.poll(() => markers.count(), { timeout: 20_000 }).toBeGreaterThan(40);
    expect(await page.locator('path.station-marker--air').count()).toBeGreaterThan(30);
    expect(await page.locator('path.station-marker--surface_water').count()).toBeGreaterThan(5);

    const legend = page.getByTestId('station-legend');
    expect(await legend.innerText()).toContain('优');
    expect(await legend.innerText()).toContain('严重污染');
    expect(await legend.innerText()).toContain('劣V 类');
    // Air markers are coloured by the latest AQI: at least one carries an HJ 633 colour.
    await expect
      .poll(async () => {
        const fills = await page.locator('path.station-marker--air').evaluateAll((paths) => paths.map((p) => (p as unknown as { getAttribute(n: string): string | null }).getAttribute('fill')));
        return fills.filter((fill) => ['#00E400', '#FFFF00', '#FF7E00', '#FF0000', '#99004C', '#7E0023'].includes(fill ?? '')).length;
      })
      .toBeGreaterThan(0);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOTS, 'monitoring-map.png'), fullPage: true });

    // The table view lists the same stations.
    await page.getByTestId('view-toggle').getByText('列表').click();
    await page.getByTestId('station-table').waitFor();
    expect(await page.getByTestId('station-table').innerText()).toContain('环境空气');
    await page.getByTestId('view-toggle').getByText('地图').click();

    // Click an air station: the popup shows its latest AQI and links to the detail page.
    await page.locator('path.station-marker--air').first().dispatchEvent('click');
    const popup = page.getByTestId('station-popup');
    await popup.waitFor();
    expect(await popup.innerText()).toContain('AQI');
    await popup.getByTestId('station-popup-link').click();
    await page.waitForURL(/\/monitoring\/stations\/[0-9a-f-]{36}$/);

    const facts = page.getByTestId('station-facts');
    await facts.waitFor();
    expect(await facts.innerText()).toContain('环境空气');
    await expect.poll(() => page.getByTestId('latest-values').locator('tbody tr').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('latest-values').innerText()).toContain('µg/m³');
    await page.locator('[data-testid="series-chart"] canvas').first().waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="aqi-calendar"] canvas').first().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('station-detail').innerText()).toContain('空气质量日历');
    const exportHref = await page.getByTestId('export-csv').getAttribute('href');
    expect(exportHref).toMatch(/^\/api\/v1\/readings\/export\?stationIds=[0-9a-f-]{36}&interval=hour&from=.*&format=csv/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'monitoring-detail.png'), fullPage: true });
  });

  test('admin sees a logger on the gateway page, its bad packet with the reason, and assigns its unknown MN from the quarantine', async () => {
    const { baseUrl, newPage, gatewayPort } = harness();
    // A data logger with an MN no station has: a real-time packet (quarantined) and the same with a broken CRC.
    const client = await connectLogger('127.0.0.1', gatewayPort!);
    const upload = buildUpload({ mn: 'QTEST0000000001', st: '22', cn: '2011', qnAt: Date.now(), dataTime: Date.now() - 60_000, values: { a21026: 12, a34004: 35 } });
    const broken = Buffer.from(upload.bytes);
    broken[broken.length - 3] = broken[broken.length - 3] === 0x30 ? 0x31 : 0x30; // a CRC digit
    client.send(upload.bytes);
    await client.waitForReplies(1);
    client.send(broken);

    try {
      const page = await newPage();
      await signIn(page, baseUrl, 'admin');
      await page.getByRole('menuitem', { name: '数据网关' }).click();
      await page.waitForURL(`${baseUrl}/monitoring/gateway`);
      await page.getByRole('heading', { name: 'HJ 212 数据网关' }).waitFor();
      const connections = page.getByTestId('gateway-connections-table');
      await connections.waitFor();
      expect(await connections.locator('thead').innerText()).toContain('远端地址');
      await expect.poll(() => connections.locator('tbody').innerText()).toContain('127.0.0.1');
      // The bad packet, with its reason in Chinese and its raw text (refreshed every few seconds).
      await expect.poll(() => page.getByTestId('gateway-bad-packets').innerText(), { timeout: 15_000 }).toContain('CRC 校验码不符');
      expect(await page.getByTestId('gateway-bad-packets').innerText()).toContain('QTEST0000000001');
      expect(await page.getByTestId('gateway-errors').innerText()).toContain('CRC 校验码不符');
      await page.getByTestId('gateway-sparkline').locator('canvas').waitFor();
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: resolve(SCREENSHOTS, 'monitoring-gateway.png'), fullPage: true });

      await page.getByRole('tab', { name: '未登记设备（隔离区）' }).click();
      const quarantine = page.getByTestId('quarantine-table');
      await quarantine.waitFor();
      expect(await quarantine.locator('thead').innerText()).toContain('最近报文样例');
      await expect.poll(() => quarantine.locator('tbody').innerText()).toContain('QTEST0000000001');
      expect(await quarantine.locator('tbody').innerText()).toContain('待分配');

      await quarantine.getByTestId('quarantine-assign').first().click();
      const dialog = page.getByRole('dialog', { name: '将 MN QTEST0000000001 分配到站点' });
      await dialog.waitFor();
      await dialog.getByTestId('quarantine-station').click();
      await page.keyboard.type('A-320100');
      await page.locator('.ant-select-item-option').filter({ hasText: 'A-320100' }).first().click();
      await dialog.getByRole('button', { name: '分配到站点' }).click();
      const confirm = page.locator('.ant-modal-confirm');
      await confirm.waitFor();
      expect(await confirm.innerText()).toContain('QTEST0000000001');
      const [assigned] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/v1/gateway/quarantine/') && r.url().endsWith('/assign')),
        confirm.getByTestId('assign-confirm-ok').click(),
      ]);
      expect(assigned.status()).toBe(200);
      await page.getByText('已分配：补入 2 条数据').waitFor();
      await expect.poll(() => quarantine.locator('tbody').innerText()).toContain('已分配');
    } finally {
      await client.close();
    }
  });

  test('a provincial admin imports samples: a bad row is reported and nothing is stored, a good file is imported', async () => {
    const { baseUrl, newPage, ctx } = harness();
    const station = await ctx.monitoring.stations.list(SYSTEM, { q: SECTION, limit: 1, offset: 0 });
    const stationId = station.items[0]!.id;
    const page = await newPage();
    await signIn(page, baseUrl, 'js-admin');
    await page.getByRole('menuitem', { name: '手工采样录入' }).click();
    await page.waitForURL(`${baseUrl}/monitoring/samples`);
    await page.getByRole('tab', { name: 'Excel 导入' }).click();

    const fileInput = page.locator('[data-testid="samples-page"] input[type="file"]');
    const bad = await workbook([
      [SECTION, beijingText(2), 'w21003', 0.42, 'mg/L', 'N'],
      [SECTION, beijingText(2), 'w21011', 'abc', 'mg/L', 'N'],
    ]);
    await fileInput.setInputFiles({ name: 'bad.xlsx', mimeType: XLSX_MIME, buffer: bad });
    await page.getByTestId('import-file').waitFor();
    await page.getByTestId('import-dry-run').click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const errorRows = await errors.locator('tbody tr').allInnerTexts();
    expect(errorRows).toHaveLength(1);
    expect(errorRows[0]!.split('\t').map((cell) => cell.trim())).toEqual(['3', 'D', '不是数值', 'abc 不是数值']);
    expect(await page.getByTestId('import-outcome').innerText()).toContain('1 处错误');
    expect(await page.getByTestId('import-run').isDisabled()).toBe(true);
    expect(await manualReadingCount(page, baseUrl, stationId, 'w21003,w21011')).toBe(0);

    const good = await workbook([
      [SECTION, beijingText(2), 'w21003', 0.42, 'mg/L', 'N'],
      [SECTION, beijingText(2), 'w21011', 0.08, 'mg/L', ''],
    ]);
    await fileInput.setInputFiles({ name: 'good.xlsx', mimeType: XLSX_MIME, buffer: good });
    await page.getByTestId('import-dry-run').click();
    await expect.poll(() => page.getByTestId('import-outcome').innerText()).toContain('校验通过');
    await page.getByTestId('import-run').click();
    await expect.poll(() => page.getByTestId('import-outcome').innerText()).toBe('已导入 2 条数据');
    await page.screenshot({ path: resolve(SCREENSHOTS, 'monitoring-import.png'), fullPage: true });
    expect(await manualReadingCount(page, baseUrl, stationId, 'w21003,w21011')).toBe(2);
  });
  test('a provincial admin enters a sample by form; the section page shows water class by month', async () => {
    const { baseUrl, newPage, ctx } = harness();
    const station = (await ctx.monitoring.stations.list(SYSTEM, { q: SECTION, limit: 1, offset: 0 })).items[0]!;
    const page = await newPage();
    await signIn(page, baseUrl, 'js-admin');
    await page.goto(`${baseUrl}/monitoring/samples`);
    await page.getByTestId('sample-station').click();
    await page.keyboard.type(SECTION);
    await page.locator('.ant-select-item-option').filter({ hasText: SECTION }).first().click();
    const time = page.getByTestId('sample-time');
    await time.click();
    await page.keyboard.type(beijingText(4));
    await page.keyboard.press('Enter');
    await page.getByTestId('sample-value-w21003').fill('0.61');
    await page.getByTestId('sample-value-w01009').fill('7.2');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/stations/${station.id}/samples`)),
      page.getByTestId('sample-submit').click(),
    ]);
    expect(saved.status()).toBe(201);
    const body = saved.request().postDataJSON() as { sampledAt: string; values: { parameterCode: string; value: number }[] };
    // The wall-clock time typed is Beijing time, whatever the browser's zone (Europe/Berlin here).
    const typed = beijingText(4);
    expect(new Date(Date.parse(body.sampledAt) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')).toBe(typed);
    expect(body.values).toEqual([
      { parameterCode: 'w01009', value: 7.2 },
      { parameterCode: 'w21003', value: 0.61 },
    ]);
    await page.getByText('已保存 2 项数据').waitFor();

    await page.goto(`${baseUrl}/monitoring/stations/${station.id}`);
    expect(await page.getByTestId('station-facts').innerText()).toContain('地表水');
    const months = page.getByTestId('water-months');
    await expect.poll(() => months.locator('tbody tr').count()).toBeGreaterThan(0);
    await months.getByTestId('water-class-badge').first().waitFor();
    await page.locator('[data-testid="series-chart"] canvas').first().waitFor({ timeout: 20_000 });
  });
});
