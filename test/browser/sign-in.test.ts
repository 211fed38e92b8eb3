import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEMO_CREDENTIALS, signIn, useBrowserHarness } from '../helpers/browser';

const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../.tmp');

describe('signing in and out', () => {
  const harness = useBrowserHarness();

  test('a visitor is sent to the Chinese sign-in page', async () => {
    const { baseUrl, newPage } = harness();
    const page = await newPage();
    await page.goto(`${baseUrl}/admin/users`);
    await page.waitForURL(/\/login\?next=%2Fadmin%2Fusers$/);
    await page.getByRole('heading', { name: '长三角生态环境协同平台' }).waitFor();
    expect(await page.title()).toBe('长三角生态环境协同平台');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })).count()).toBe(1);
  });

  test('a wrong password is refused with a message in Chinese', async () => {
    const { baseUrl, newPage } = harness();
    const page = await newPage();
    await page.goto(`${baseUrl}/login`);
    await page.locator('input#username').fill('sh-user');
    await page.locator('input#password').fill('not-the-password');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
      page.locator('button[type="submit"]').click(),
    ]);
    expect(response.status()).toBe(401);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('用户名或密码错误');
    expect(page.url()).toContain('/login');
  });

  test('repeated failures lock the account, and the page says so', async () => {
    const { baseUrl, newPage, ctx } = harness();
    const page = await newPage();
    await page.goto(`${baseUrl}/login`);
    await page.locator('input#username').fill('zj-user');
    let status = 0;
    for (let attempt = 0; attempt < ctx.config.login.maxFailures + 1 && status !== 423; attempt++) {
      await page.locator('input#password').fill(`wrong-${attempt}`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
        page.locator('button[type="submit"]').click(),
      ]);
      status = response.status();
    }
    expect(status).toBe(423);
    await page.getByRole('alert').filter({ hasText: '账号已被临时锁定' }).waitFor();
  });

  test('signing in shows the home page with the map, the own province and the organisation figures', async () => {
    const { baseUrl, newPage } = harness();
    const page = await newPage();
    await page.goto(`${baseUrl}/login?next=%2F`);
    await signIn(page, baseUrl, 'js-admin');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByTestId('platform-name').innerText()).toBe('长三角生态环境协同平台');
    expect(await page.getByTestId('organisation-name').innerText()).toContain('江苏省生态环境厅');

    const map = page.getByTestId('yrd-map');
    // Own province (Jiangsu) drawn in the highlight colour, the others not.
    await map.locator('path[stroke="#f0a020"]').first().waitFor();
    expect(await map.locator('path[stroke="#f0a020"]').count()).toBe(1);
    expect(await map.locator('path[stroke="#2f6f62"]').count()).toBe(3);
    // City markers: 2+5 cities in red, Jiangsu–Anhui border cities ringed in purple.
    await map.locator('path[fill="#d4380d"]').first().waitFor();
    expect(await map.locator('path[stroke="#722ed1"]').count()).toBeGreaterThan(0);
    expect(await map.locator('.yrd-map__province-label').allInnerTexts()).toEqual(expect.arrayContaining(['江苏省', '安徽省']));
    expect(await page.getByTestId('map-legend').innerText()).toContain('苏皖交界城市');
    // No tile layer: MAP_TILE_URL is empty, the map is boundaries only.
    expect(await map.locator('.leaflet-tile').count()).toBe(0);

    // A city tooltip in Chinese.
    await map.locator('path[fill="#d4380d"]').first().hover();
    await map.getByRole('tooltip').filter({ hasText: /[\u4e00-\u9fff]+市/ }).first().waitFor();

    // The organisation's own figures.
    const users = page.getByTestId('summary-users');
    await users.getByText('本单位账号').waitFor();
    expect(Number((await users.locator('.ant-statistic-content-value').innerText()).replace(/\D/g, ''))).toBeGreaterThanOrEqual(2);

    await page.mouse.move(0, 0);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, 'home-zh-CN.png'), fullPage: true });
  });

  test('signing out returns to the sign-in page and ends the session', async () => {
    const { baseUrl, newPage } = harness();
    const page = await newPage();
    await signIn(page, baseUrl, 'sh-user');
    await page.getByTestId('user-menu').click();
    const [logout] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout')),
      page.getByRole('menuitem', { name: '退出登录' }).click(),
    ]);
    expect(logout.status()).toBe(204);
    await page.waitForURL(/\/login$/);
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    expect(me).toBe(401);
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/login$/);
  });

  test('signing out everywhere ends the sessions of other devices too', async () => {
    const { baseUrl, newPage } = harness();
    // Another device: a session opened outside this browser.
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ah-admin', password: DEMO_CREDENTIALS.password }),
    });
    expect(login.status).toBe(200);
    const otherDevice = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]! };
    expect((await fetch(`${baseUrl}/api/v1/auth/me`, { headers: otherDevice })).status).toBe(200);

    const page = await newPage();
    await signIn(page, baseUrl, 'ah-admin');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: /退出所有设备$/ }).click();
    const [logoutAll] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout-all')),
      page.locator('.ant-modal-confirm').getByRole('button', { name: '退出所有设备' }).click(),
    ]);
    expect(logoutAll.status()).toBe(204);
    await page.waitForURL(/\/login$/);
    expect((await fetch(`${baseUrl}/api/v1/auth/me`, { headers: otherDevice })).status).toBe(401);
  });

  test('a user changes their own password on the profile page and signs in with it', async () => {
    const { baseUrl, newPage } = harness();
    const page = await newPage();
    await signIn(page, baseUrl, 'wg');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: /个人设置$/ }).click();
    await page.getByRole('heading', { name: '个人设置' }).waitFor();
    const change = async (password: string) => {
      await page.getByLabel('当前密码').fill(DEMO_CREDENTIALS.password);
      await page.getByLabel('新密码', { exact: true }).fill(password);
      await page.getByLabel('确认新密码').fill(password);
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me/password')),
        page.getByRole('button', { name: '修改密码' }).click(),
      ]);
      return answer.status();
    };
    // The server's password rules come back in Chinese.
    expect(await change('Wg-Changed#2026')).toBe(422);
    await page.getByText('密码不得包含用户名').waitFor();

    const newPassword = 'Profile-Changed#2026';
    expect(await change(newPassword)).toBe(204);
    await page.getByText('密码已修改').waitFor();

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: /退出登录$/ }).click();
    await page.waitForURL(/\/login$/);
    await signIn(page, baseUrl, 'wg', newPassword);
    expect(await page.getByTestId('organisation-name').innerText()).toContain('工作专班');
  });
});
