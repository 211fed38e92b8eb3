import { describe, expect, test } from 'vitest';
import { signIn, useBrowserHarness } from '../helpers/browser';

/** HJ 212-2017 Appendix A, the standard's own worked example (hj212.md §3.3). */
const APPENDIX_A = '##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80';
const APPENDIX_A_BAD_CRC = APPENDIX_A.replace(/1C80$/, '1C08');
/** A 2005-style real-time packet with pollutant values. */
const HJ212_2005 = '##0139ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&DataTime=20160824003817000;B01-Rtd=36.91;011-Rtd=231.0,011-Flag=N;060-Rtd=1.803,060-Flag=N&&4980';

describe('standards calculator', () => {
  const harness = useBrowserHarness();

  test('a signed-in user opens the calculator from the menu, decodes the Appendix A packet and computes an AQI', async () => {
    const { baseUrl, newPage } = harness();
    const page = await newPage();
    await signIn(page, baseUrl, 'sh-user');

    await page.getByRole('menuitem', { name: '标准计算器' }).click();
    await page.waitForURL(`${baseUrl}/standards`);
    await page.getByRole('heading', { name: '国家标准计算器' }).waitFor();

    // HJ 212: a good packet, the same with a wrong CRC, and a 2005 data packet.
    await page.getByTestId('hj212-input').fill([APPENDIX_A, APPENDIX_A_BAD_CRC, HJ212_2005].join('\n'));
    const [decodeResponse] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/standards/hj212/decode')),
      page.getByTestId('hj212-decode').click(),
    ]);
    expect(decodeResponse.status()).toBe(200);
    const cards = page.getByTestId('hj212-result');
    await expect.poll(() => cards.count()).toBe(3);

    const first = cards.nth(0);
    expect(await first.getByTestId('hj212-crc').innerText()).toBe('通过');
    expect(await first.getByTestId('hj212-length').innerText()).toBe('通过');
    expect(await first.getByTestId('hj212-mn').innerText()).toBe('010000A8900016F000169DC0');
    expect(await first.getByTestId('hj212-cn').innerText()).toBe('1062');
    expect(await first.getByTestId('hj212-cp').innerText()).toBe('RtdInterval=30');
    expect(await first.innerText()).toContain('20160801085857223');
    expect(await first.innerText()).toContain('报文不含监测值');

    const second = cards.nth(1);
    expect(await second.innerText()).toContain('解码失败');
    expect(await second.getByTestId('hj212-error').innerText()).toContain('CRC 校验码不符');

    const third = cards.nth(2);
    expect(await third.innerText()).toContain('2016-08-24 00:38:17');
    const values = third.getByTestId('hj212-values');
    expect(await values.locator('thead th').allInnerTexts()).toEqual(['因子编码', 'Rtd', 'Flag']);
    expect(await values.locator('tbody tr').first().innerText()).toContain('36.91');
    expect(await values.locator('tbody').innerText()).toContain('231.0');

    // AQI: the HJ 633-2012 daily example (PM2.5 120, PM10 160, NO2 150 → 158, 中度污染).
    await page.getByRole('tab', { name: '空气质量指数' }).click();
    await page.getByTestId('aqi-standard').getByText('HJ 633-2012').click();
    await page.getByTestId('aqi-mode').getByText('日报').click();
    await page.getByTestId('aqi-input-PM25').fill('120');
    await page.getByTestId('aqi-input-PM10').fill('160');
    await page.getByTestId('aqi-input-NO2').fill('150');
    const [aqiResponse] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/standards/aqi')), page.getByTestId('aqi-compute').click()]);
    expect(aqiResponse.status()).toBe(200);
    expect(aqiResponse.request().postDataJSON()).toEqual({ standard: '2012', mode: 'daily', items: [{ NO2: 150, PM10: 160, 'PM2.5': 120 }] });

    await page.getByTestId('aqi-result').waitFor();
    expect(await page.getByTestId('aqi-value').innerText()).toBe('158');
    const category = page.getByTestId('aqi-category');
    expect(await category.innerText()).toBe('中度污染');
    // The official colour of level 4 (red), white text on it.
    // The test project has no DOM types; the function runs in the page, where getComputedStyle exists.
    const colours = await category.evaluate((element) => {
      const style = (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string; color: string } }).getComputedStyle(element);
      return { background: style.backgroundColor, text: style.color };
    });
    expect(colours).toEqual({ background: 'rgb(255, 0, 0)', text: 'rgb(255, 255, 255)' });
    expect(await page.getByTestId('aqi-result').innerText()).toContain('4 级');
    expect(await page.getByTestId('aqi-primary').innerText()).toBe('PM₂.₅');

    const iaqiRows = await page.getByTestId('aqi-iaqi').locator('tbody tr').allInnerTexts();
    expect(iaqiRows.map((row) => row.split('\t').map((cell) => cell.trim()))).toEqual([
      ['NO₂', '150 μg/m³', '135'],
      ['PM₁₀', '160 μg/m³', '105'],
      ['PM₂.₅', '120 μg/m³', '158'],
    ]);
  });

  test('water class and USCC tabs show the class, main pollutants and check results', async () => {
    const { baseUrl, newPage } = harness();
    const page = await newPage();
    await signIn(page, baseUrl, 'sh-user');
    await page.goto(`${baseUrl}/standards`);

    await page.getByRole('tab', { name: '地表水水质类别' }).click();
    await page.getByTestId('water-input-COD').fill('35');
    await page.getByTestId('water-input-NH3_N').fill('2.5');
    await page.getByTestId('water-input-TP').fill('0.35');
    await page.getByTestId('water-input-DO').fill('6.2');
    await page.getByTestId('water-compute').click();
    await page.getByTestId('water-result').waitFor();
    expect(await page.getByTestId('water-class').innerText()).toBe('劣V');
    const mainRows = await page.getByTestId('water-main-pollutants').locator('tbody tr').allInnerTexts();
    expect(mainRows.map((row) => row.split('\t').map((cell) => cell.trim()))).toEqual([
      ['氨氮', '2.5', '劣V', '1', '1.5 倍'],
      ['化学需氧量', '35', 'V', '20', '0.75 倍'],
      ['总磷', '0.35', 'V', '0.2', '0.75 倍'],
    ]);

    await page.getByRole('tab', { name: '统一社会信用代码' }).click();
    await page.getByTestId('uscc-input').fill('914403001922038216\n91440300192203821X');
    await page.getByTestId('uscc-check').click();
    const rows = page.getByTestId('uscc-results').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toContain('通过');
    expect(await rows.nth(1).innerText()).toContain('第 18 位校验码错误');
  });
});
