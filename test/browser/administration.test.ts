import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { SYSTEM } from '../../src/server/modules/identity';
import { chooseOption, signIn, useBrowserHarness } from '../helpers/browser';

/** Opens an Ant Design select (found by its label inside `scope`) and picks an option by its text. */
async function pick(scope: Locator, label: string, option: string): Promise<void> {
  await chooseOption(scope.getByLabel(label, { exact: true }), option);
}

/** The texts of one column of the visible table, by column header. */
async function columnTexts(page: Page, header: string): Promise<string[]> {
  const headers = await page.locator('.ant-table-thead th').allInnerTexts();
  const index = headers.findIndex((text) => text.trim() === header);
  if (index < 0) throw new Error(`no column "${header}" in ${JSON.stringify(headers)}`);
  return page.locator(`.ant-table-tbody tr.ant-table-row td:nth-child(${index + 1})`).allInnerTexts();
}

/** Beijing wall-clock time of an instant, as `YYYY-MM-DD HH:mm:ss`. */
function beijing(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
}

describe('administration', () => {
  const harness = useBrowserHarness();

  test('the organisation directory lists the region and filters by province', async () => {
    const { baseUrl, newPage } = harness();
    const page = await newPage();
    await signIn(page, baseUrl, 'admin');
    await page.getByRole('menuitem', { name: '机构管理' }).click();
    await page.waitForURL(/\/admin\/organisations$/);
    await page.getByRole('heading', { name: '机构管理' }).waitFor();
    await page.locator('.ant-table-tbody').getByText('江苏省生态环境厅', { exact: true }).waitFor();
    expect(await page.locator('.ant-table-tbody').innerText()).toContain('长三角生态环境保护协作小组工作专班');
    expect(await page.getByRole('button', { name: /新建机构/ }).count()).toBe(1);

    await pick(page.locator('.filter-bar'), '所属省份', '安徽省');
    await page.locator('.ant-table-tbody').getByText('安徽省生态环境厅', { exact: true }).waitFor();
    await expect.poll(async () => new Set(await columnTexts(page, '所属省份'))).toEqual(new Set(['安徽省']));

    await pick(page.locator('.filter-bar'), '机构类型', '市生态环境局');
    await expect.poll(async () => new Set(await columnTexts(page, '机构类型'))).toEqual(new Set(['市生态环境局']));
    expect((await columnTexts(page, '机构名称')).join()).toContain('合肥市生态环境局');
  });

  test('the users table shows the users; an administrator opens one and creates another', async () => {
    const { baseUrl, newPage } = harness();
    const page = await newPage();
    await signIn(page, baseUrl, 'admin');
    await page.goto(`${baseUrl}/admin/users`);
    await page.getByRole('link', { name: 'ah-user', exact: true }).waitFor();
    const usernames = await columnTexts(page, '用户名');
    expect(usernames).toEqual(expect.arrayContaining(['admin', 'wg', 'sh-admin', 'js-user', 'zj-admin', 'ah-user']));

    await page.getByRole('link', { name: 'ah-user', exact: true }).click();
    await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    const details = page.getByTestId('user-details');
    await details.getByText('安徽省生态环境厅').waitFor();
    expect(await details.innerText()).toContain('分析人员');

    await page.goto(`${baseUrl}/admin/users`);
    await page.getByRole('button', { name: /新建用户/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('sh-steward');
    await dialog.getByLabel('姓名').fill('上海数据管理员');
    await pick(dialog, '所属机构', '上海市生态环境局');
    await dialog.getByLabel('数据管理员').check();
    await dialog.getByLabel('只读用户').uncheck();
    await dialog.getByLabel('初始密码').fill('Steward#2026-yrd');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: /创\s*建/ }).click(),
    ]);
    expect(created.status()).toBe(201);
    await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('user-details').innerText()).toContain('数据管理员');
  });

  test("a province's administrator is refused another province's user", async () => {
    const { baseUrl, newPage, ctx } = harness();
    const anhuiUser = await ctx.identity.users.findByUsername(SYSTEM, 'ah-user');
    expect(anhuiUser).toBeDefined();
    const page = await newPage();
    await signIn(page, baseUrl, 'js-admin');

    // The list holds Jiangsu's own users only.
    await page.goto(`${baseUrl}/admin/users`);
    await page.getByRole('link', { name: 'js-user', exact: true }).waitFor();
    expect(new Set(await columnTexts(page, '用户名'))).toEqual(new Set(['js-admin', 'js-user']));

    // Typing the Anhui user's address: the API refuses and the page says so.
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/users/${anhuiUser!.id}`)),
      page.goto(`${baseUrl}/admin/users/${anhuiUser!.id}`),
    ]);
    expect([403, 404]).toContain(answer.status());
    const refusal = page.getByTestId('refused');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/无权访问|无法查看/);
    expect(await page.locator('body').innerText()).not.toContain('安徽省分析人员');
  });

  test('menu entries follow permissions, and pages refuse users without them', async () => {
    const { baseUrl, newPage } = harness();
    const page = await newPage();
    await signIn(page, baseUrl, 'js-user');
    const menu = page.getByRole('menu', { name: '主导航' });
    await menu.getByRole('menuitem', { name: '机构管理' }).waitFor();
    const entries = (await menu.getByRole('menuitem').allInnerTexts()).map((entry) => entry.trim());
    expect(entries).toEqual(expect.arrayContaining(['首页', '机构管理', 'API 令牌']));
    // An analyst holds neither users:read nor audit:read.
    expect(entries).not.toContain('用户管理');
    expect(entries).not.toContain('审计日志');

    await page.goto(`${baseUrl}/admin/audit`);
    await page.getByTestId('forbidden').getByText('无权访问').waitFor();
  });

  test('the audit log lists the sign-ins in Beijing time, filters by action, and the chain verifies', async () => {
    const { baseUrl, newPage } = harness();
    const page = await newPage();
    await signIn(page, baseUrl, 'admin');
    const signedInAt = Date.now();
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.locator('.ant-table-tbody').getByText('auth.login', { exact: true }).first().waitFor();
    expect(await page.locator('.ant-table-thead').innerText()).toContain('时间（北京时间）');

    await page.getByLabel('操作代码，如 auth.login').fill('auth.login');
    await page.getByLabel('操作代码，如 auth.login').press('Enter');
    await expect.poll(async () => new Set(await columnTexts(page, '操作'))).toEqual(new Set(['登录\nauth.login']));
    expect((await columnTexts(page, '操作人'))[0]).toBe('admin');
    // Newest first: the admin's own sign-in, shown in Beijing time although the browser is in Berlin.
    const shown = (await columnTexts(page, '时间（北京时间）'))[0]!;
    expect(shown).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const shownMs = Date.parse(`${shown.replace(' ', 'T')}+08:00`);
    expect(Math.abs(shownMs - signedInAt)).toBeLessThan(60_000);
    expect(shown.slice(0, 13)).toBe(beijing(shownMs).slice(0, 13));

    const [verify] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/audit-events/verify')),
      page.getByTestId('verify-chain').click(),
    ]);
    expect(verify.status()).toBe(200);
    expect(await page.getByTestId('verify-result').innerText()).toContain('审计链完整');
  });

  test("an API token's secret is shown once, works, and stops working when revoked", async () => {
    const { baseUrl, newPage } = harness();
    const page = await newPage();
    await signIn(page, baseUrl, 'sh-admin');
    await page.getByRole('menuitem', { name: 'API 令牌' }).click();
    await page.getByRole('button', { name: /新建令牌/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('令牌名称').fill('浦东监测数据上报');
    await dialog.getByLabel('查看机构').check();
    await dialog.getByRole('button', { name: /创\s*建/ }).click();

    const secretBox = page.getByTestId('token-secret');
    await secretBox.waitFor();
    const secret = (await secretBox.innerText()).trim();
    expect(secret.length).toBeGreaterThanOrEqual(20);
    expect(await page.getByRole('dialog').filter({ has: secretBox }).innerText()).toContain('关闭本窗口后将无法再次查看');
    expect(await secretBox.locator('.ant-typography-copy').count()).toBe(1);

    const asMachine = (path: string) => fetch(`${baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await asMachine('/organisations')).status).toBe(200);

    await page.getByRole('button', { name: '我已保存密钥' }).click();
    await secretBox.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(secret);
    const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '浦东监测数据上报' });
    await row.waitFor();
    const prefix = (await columnTexts(page, '令牌前缀'))[0]!.replace('…', '');
    expect(secret.startsWith(prefix)).toBe(true);

    await row.getByRole('button', { name: /吊\s*销/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /吊\s*销/ }).click();
    await row.getByText('已吊销').waitFor();
    expect((await asMachine('/organisations')).status).toBe(401);
  });

  test('an administrator unlocks an account that was locked by failed sign-ins', async () => {
    const { baseUrl, newPage, ctx } = harness();
    for (let attempt = 0; attempt < ctx.config.login.maxFailures; attempt++) {
      await fetch(`${baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'zj-user', password: `wrong-${attempt}` }),
      });
    }
    const page = await newPage();
    await signIn(page, baseUrl, 'zj-admin');
    await page.goto(`${baseUrl}/admin/users`);
    await page.getByRole('link', { name: 'zj-user', exact: true }).click();
    await page.getByTestId('user-details').getByText('已锁定').waitFor();
    await page.getByRole('button', { name: /解除锁定/ }).click();
    const [unlocked] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/unlock')),
      page.locator('.ant-popconfirm').getByRole('button', { name: /解除锁定/ }).click(),
    ]);
    expect(unlocked.status()).toBe(200);
    await page.getByTestId('user-details').getByText('正常').waitFor();
  });
});
