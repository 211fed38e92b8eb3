import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { SYSTEM } from '../../src/server/modules/identity';
import { chooseOption, selectListsClosed, signIn, useBrowserHarness } from '../helpers/browser';

/** Opens a select and chooses `option`; `search` types it first (long, virtual lists render only what is in view). */
async function pick(page: Page, testId: string, option: string, search = false): Promise<void> {
  await chooseOption(page.getByTestId(testId), option, { search });
}

describe('station editing', () => {
  const harness = useBrowserHarness({ monitoringDemo: true });

  test('a provincial admin creates a station in their province (a taken code is refused with the server message), renames it and retires it', async () => {
    const { baseUrl, newPage } = harness();
    const page = await newPage();
    await signIn(page, baseUrl, 'js-admin');
    await page.goto(`${baseUrl}/monitoring`);
    await page.getByTestId('station-new').click();
    const form = page.getByTestId('station-form');
    await form.waitFor();

    // A code that a demo station already has.
    await page.getByTestId('station-form-code').fill('A-320100');
    await page.getByTestId('station-form-name').fill('南京测试空气站');
    await page.getByTestId('station-form-name-en').fill('Nanjing test air station');
    await page.getByTestId('station-form-mn').fill('TEST320100AIR01');
    await page.getByTestId('station-form-longitude').fill('118.8');
    await page.getByTestId('station-form-latitude').fill('32.05');
    await pick(page, 'station-form-province', '江苏省');
    await pick(page, 'station-form-city', '南京市');
    await page.getByTestId('station-form-add-parameter').click();
    await page.getByTestId('station-form-param-code-0').fill('a34004');
    await page.getByTestId('station-form-param-unit-0').fill('µg/m³');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/stations') && r.request().method() === 'POST'),
      page.getByTestId('station-form-submit').click(),
    ]);
    expect(refused.status()).toBe(409);
    const envelope = (await refused.json()) as { error: { messageZh: string } };
    await expect.poll(() => page.getByTestId('station-form-error').innerText()).toBe(envelope.error.messageZh);

    await page.getByTestId('station-form-code').fill('T-JS-NJ-01');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/stations') && r.request().method() === 'POST'),
      page.getByTestId('station-form-submit').click(),
    ]);
    expect(created.status()).toBe(201);
    const body = created.request().postDataJSON() as Record<string, unknown>;
    expect(body).toMatchObject({ kind: 'air', provinceCode: '320000', cityCode: '320100', longitude: 118.8, latitude: 32.05, parameters: [{ code: 'a34004', unit: 'µg/m³', permitLimit: null }] });
    await page.waitForURL(/\/monitoring\/stations\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: '南京测试空气站' }).waitFor();
    const facts = page.getByTestId('station-facts');
    expect(await facts.innerText()).toContain('T-JS-NJ-01');
    expect(await facts.innerText()).toContain('江苏省生态环境厅');

    await page.getByTestId('station-edit').click();
    await page.getByTestId('station-form-name').fill('南京测试空气站（改）');
    const [patched] = await Promise.all([
      page.waitForResponse((r) => /\/api\/v1\/stations\/[0-9a-f-]{36}$/.test(r.url()) && r.request().method() === 'PATCH'),
      page.getByTestId('station-form-submit').click(),
    ]);
    expect(patched.status()).toBe(200);
    await page.getByRole('heading', { name: '南京测试空气站（改）' }).waitFor();

    await page.getByTestId('station-retire').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('南京测试空气站（改）');
    const [retired] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/retire')),
      confirm.getByTestId('station-retire-ok').click(),
    ]);
    expect(retired.status()).toBe(200);
    await expect.poll(() => facts.innerText()).toContain('已停用');
    expect(await page.getByTestId('station-edit').count()).toBe(0);
    expect(await page.getByTestId('station-retire').count()).toBe(0);
  });

  test('a user of another organisation has no edit or retire buttons on a Jiangsu provincial section', async () => {
    const { baseUrl, newPage, ctx } = harness();
    const station = (await ctx.monitoring.stations.list(SYSTEM, { q: 'W-CH-CHENQIAN', limit: 1, offset: 0 })).items[0]!;
    const page = await newPage();
    await signIn(page, baseUrl, 'zj-admin');
    await page.goto(`${baseUrl}/monitoring/stations/${station.id}`);
    await page.getByTestId('station-facts').waitFor();
    expect(await page.getByTestId('station-edit').count()).toBe(0);
    expect(await page.getByTestId('station-retire').count()).toBe(0);
  });

  test('a platform admin creates a station for a provincial department with a monitoring centre as operator, then suspends it and hands it to a city bureau', async () => {
    const { baseUrl, newPage } = harness();
    const page = await newPage();
    await signIn(page, baseUrl, 'admin');
    await page.goto(`${baseUrl}/monitoring`);
    await page.getByTestId('station-new').click();
    await page.getByTestId('station-form').waitFor();
    await page.getByTestId('station-form-code').fill('T-JS-SZ-01');
    await page.getByTestId('station-form-name').fill('苏州测试空气站');
    await page.getByTestId('station-form-name-en').fill('Suzhou test air station');
    await page.getByTestId('station-form-longitude').fill('120.6');
    await page.getByTestId('station-form-latitude').fill('31.3');
    await pick(page, 'station-form-province', '江苏省');
    await pick(page, 'station-form-city', '苏州市');
    await pick(page, 'station-form-owner', '江苏省生态环境厅');
    await pick(page, 'station-form-operator', '江苏省环境监测中心');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/stations') && r.request().method() === 'POST'),
      page.getByTestId('station-form-submit').click(),
    ]);
    expect(created.status(), await created.text()).toBe(201);
    const station = (await created.json()) as { ownerOrganisationId: string; operatorOrganisationId: string | null; status: string };
    expect(station.operatorOrganisationId).not.toBeNull();
    expect(created.request().postDataJSON()).toMatchObject({ ownerOrganisationId: station.ownerOrganisationId, operatorOrganisationId: station.operatorOrganisationId });
    await page.getByRole('heading', { name: '苏州测试空气站' }).waitFor();
    const facts = page.getByTestId('station-facts');
    await expect.poll(() => facts.innerText()).toContain('江苏省生态环境厅');
    await expect.poll(() => facts.innerText()).toContain('江苏省环境监测中心');

    // The operator picker offers monitoring institutions only; the status can be set to 暂停.
    await page.getByTestId('station-edit').click();
    await page.getByTestId('station-form').waitFor();
    await page.getByTestId('station-form-operator').click();
    // The dropdown opens after the click returns: wait for its first option before reading them.
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    const offered = await options.allInnerTexts();
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((name) => name.includes('监测中心'))).toBe(true);
    await page.keyboard.press('Escape');
    await selectListsClosed(page);
    await pick(page, 'station-form-status', '暂停');
    // 移交: a platform administrator hands the station to the Suzhou bureau.
    await pick(page, 'station-form-owner', '苏州市生态环境局', true);
    const [patched] = await Promise.all([
      page.waitForResponse((r) => /\/api\/v1\/stations\/[0-9a-f-]{36}$/.test(r.url()) && r.request().method() === 'PATCH'),
      page.getByTestId('station-form-submit').click(),
    ]);
    expect(patched.status(), await patched.text()).toBe(200);
    expect(patched.request().postDataJSON()).toMatchObject({ status: 'suspended', operatorOrganisationId: station.operatorOrganisationId });
    expect(((await patched.json()) as { ownerOrganisationId: string }).ownerOrganisationId).not.toBe(station.ownerOrganisationId);
    await expect.poll(() => facts.innerText()).toContain('暂停');
    await expect.poll(() => facts.innerText()).toContain('苏州市生态环境局');
  });
});
