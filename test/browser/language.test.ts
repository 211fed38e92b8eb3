import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { signIn, useBrowserHarness } from '../helpers/browser';

const NAME_ZH = '长三角生态环境协同平台';
const NAME_EN = 'YRD Eco-Environment Collaboration Platform';

/** Picks a language in the language switch (sign-in page or header). */
async function chooseLanguage(page: Page, label: '简体中文' | 'English'): Promise<void> {
  await page.getByTestId('language-switch').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).click();
}

async function signOut(page: Page, itemName: string): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: new RegExp(`${itemName}$`) }).click();
  await page.waitForURL(/\/login$/);
}

describe('language', () => {
  const harness = useBrowserHarness();

  test('the sign-in page switches to English, and this browser remembers it', async () => {
    const { baseUrl, newPage } = harness();
    const page = await newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByRole('heading', { name: NAME_ZH }).waitFor();

    await chooseLanguage(page, 'English');
    await page.getByRole('heading', { name: NAME_EN }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.title()).toBe(NAME_EN);

    await page.reload();
    await page.getByRole('heading', { name: NAME_EN }).waitFor();

    // Errors come in the reader's language too.
    await page.locator('input#username').fill('sh-user');
    await page.locator('input#password').fill('wrong password');
    await page.locator('button[type="submit"]').click();
    await page.getByRole('alert').filter({ hasText: 'Wrong username or password' }).waitFor();
  });

  test("a user's choice is saved to their account and applies at their next sign-in, on any browser", async () => {
    const { baseUrl, newPage } = harness();
    const page = await newPage();
    await page.goto(`${baseUrl}/login`);
    await chooseLanguage(page, 'English');
    await page.getByRole('heading', { name: NAME_EN }).waitFor();

    // sh-user's saved language is Chinese: it wins over the sign-in page's choice.
    await signIn(page, baseUrl, 'sh-user');
    await page.getByTestId('platform-name').filter({ hasText: NAME_ZH }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    // Switch in the header: saved for the user.
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me/preferences') && r.request().method() === 'PATCH'),
      chooseLanguage(page, 'English'),
    ]);
    expect(saved.status()).toBe(200);
    await page.getByTestId('platform-name').filter({ hasText: NAME_EN }).waitFor();
    await page.getByRole('menuitem', { name: 'Home' }).waitFor();
    // Ant Design's own texts follow (ConfigProvider locale): an empty token list says "No data".
    await page.goto(`${baseUrl}/admin/tokens`);
    await page.locator('.ant-table .ant-empty-description').filter({ hasText: 'No data' }).waitFor();

    // Signed out: this browser still shows English.
    await signOut(page, 'Sign out');
    await page.getByRole('heading', { name: NAME_EN }).waitFor();

    // A browser that never saw the choice starts in Chinese; signing in brings the saved English back.
    await page.evaluate('window.localStorage.clear()');
    await page.reload();
    await page.getByRole('heading', { name: NAME_ZH }).waitFor();
    await signIn(page, baseUrl, 'sh-user');
    await page.getByTestId('platform-name').filter({ hasText: NAME_EN }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // Another user keeps their own (Chinese) language on this browser.
    await signOut(page, 'Sign out');
    await signIn(page, baseUrl, 'sh-admin');
    await page.getByTestId('platform-name').filter({ hasText: NAME_ZH }).waitFor();
    await page.goto(`${baseUrl}/admin/tokens`);
    await page.locator('.ant-table .ant-empty-description').filter({ hasText: '暂无数据' }).waitFor();
  });
});
