import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { signIn, useBrowserHarness } from '../helpers/browser';

/** The machine is shared: answers may take a few seconds. */
const POLL = { timeout: 15_000 };

async function confirmModal(page: Page): Promise<void> {
  await page.locator('.ant-modal:visible .ant-btn-primary').click();
  await page.locator('.ant-modal:visible').waitFor({ state: 'detached' }).catch(() => undefined);
}

/** antd puts a test id on the <input> of an InputNumber or on its wrapper, depending on the version. */
function numberInput(page: Page, testId: string) {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

/**
 * 数据元 and 代码集, clicked through: the working group searches, creates and revises a data
 * element, drafts a new code list version from the current one, edits and releases it, retires
 * a code with its replacement; a member reads the same pages in English.
 */
describe('data dictionary pages', () => {
  const harness = useBrowserHarness();

  test('the working group maintains data elements and code lists; members read them in both languages', async () => {
    const { baseUrl, newPage, resetBrowser, takeProblems } = harness();
    const page = await newPage();
    await signIn(page, baseUrl, 'wg');

    // 数据元: the seeded elements, searchable.
    await page.getByRole('menuitem', { name: '数据元' }).click();
    await page.waitForURL(`${baseUrl}/dictionary/elements`);
    await page.locator('tr[data-element-code="AQI"]').waitFor();
    await page.getByTestId('element-search').locator('input').fill('氨氮');
    await page.getByTestId('element-search').locator('input').press('Enter');
    await expect.poll(() => page.locator('tr[data-element-code]').count(), POLL).toBe(1);
    expect(await page.locator('tr[data-element-code="WATER_NH3N"]').innerText()).toContain('mg/L');

    // A new element; the form shows the attributes that fit a decimal.
    await page.getByTestId('element-create').click();
    await page.getByTestId('element-code').fill('NOISE_LEQ');
    await page.getByTestId('element-name-zh').fill('等效声级');
    await page.getByTestId('element-name-en').fill('Equivalent sound level');
    await page.getByTestId('element-type').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'decimal' }).click();
    // The numeric attributes appear once the choice has landed (a busy CI run once clicked the
    // option while the list was still opening and the unit field never came).
    await expect.poll(() => page.getByTestId('element-type').innerText(), POLL).toContain('decimal');
    await page.getByTestId('element-unit').fill('dB(A)');
    await numberInput(page, 'element-min').fill('0');
    await numberInput(page, 'element-max').fill('200');
    await numberInput(page, 'element-precision').fill('1');
    await confirmModal(page);
    await page.waitForURL(`${baseUrl}/dictionary/elements/NOISE_LEQ`);
    const details = page.getByTestId('element-details');
    await details.waitFor();
    expect(await details.innerText()).toContain('dB(A)');
    expect(await details.innerText()).toContain('0 … 200');
    expect(await page.getByTestId('element-revision').innerText()).toBe('1');

    // Revising it makes revision 2.
    await page.getByTestId('element-edit').click();
    await numberInput(page, 'element-max').fill('150');
    await confirmModal(page);
    await expect.poll(() => page.getByTestId('element-revision').innerText(), POLL).toBe('2');
    expect(await details.innerText()).toContain('0 … 150');

    // 代码集: the industry codes with a retired 2011 edition.
    await page.getByRole('menuitem', { name: '代码集' }).click();
    await page.waitForURL(`${baseUrl}/dictionary/code-lists`);
    await page.locator('tr[data-code-list="GB4754_INDUSTRY"]').getByRole('link', { name: 'GB4754_INDUSTRY' }).click();
    await page.waitForURL(`${baseUrl}/dictionary/code-lists/GB4754_INDUSTRY`);
    await page.locator('tr[data-version="2011"]').waitFor();
    expect(await page.locator('tr[data-version="2011"]').getByTestId('version-status').innerText()).toBe('已停用');
    expect(await page.locator('tr[data-version="2017"]').getByTestId('version-status').innerText()).toBe('已发布');
    await page.locator('tr[data-entry-code="3011"]').waitFor();

    // A draft copied from 2017, one code added in the editor, then released.
    await page.getByTestId('version-create').click();
    await page.getByTestId('version-label').fill('2017-1');
    await page.getByTestId('version-copy-from').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '2017 ·' }).click();
    await confirmModal(page);
    const draft = page.locator('tr[data-version="2017-1"]');
    await draft.waitFor();
    expect(await draft.getByTestId('version-status').innerText()).toBe('草稿');
    await draft.getByTestId('version-edit').click();
    const text = page.getByTestId('entries-text');
    await expect.poll(() => text.inputValue(), POLL).toContain('3011 | 水泥制造 | Cement manufacturing | 301');
    await text.fill(`${await text.inputValue()}\n3029 | 其他水泥类似制品制造 | Other cement-like products | 302`);
    await confirmModal(page);
    await page.locator('tr[data-entry-code="3029"]').waitFor();
    await draft.getByTestId('version-release').click();
    await page.locator('.ant-popover:visible .ant-btn-primary').click();
    await expect.poll(() => draft.getByTestId('version-status').innerText(), POLL).toBe('已发布');

    // Retire one code of the released version, naming its replacement, back-dated to when it stopped.
    await page.locator('tr[data-entry-code="3021"]').getByTestId('entry-retire').click();
    await page.getByTestId('retire-code-replacement').click();
    await page.keyboard.type('3029');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '3029 ·' }).click();
    await page.locator('.ant-modal:visible .ant-picker input').click();
    await page.keyboard.type('2025-06-30');
    await page.keyboard.press('Enter');
    const [retiring] = await Promise.all([page.waitForRequest((r) => r.url().endsWith('/entries/3021/retire')), confirmModal(page)]);
    expect(retiring.postDataJSON()).toEqual({ replacementCode: '3029', effectiveFrom: '2025-06-30' });
    const retired = page.locator('tr[data-entry-code="3021"]');
    await retired.getByTestId('entry-retired').waitFor();
    expect(await retired.innerText()).toContain('3029');
    expect(await retired.getByTestId('entry-retired').innerText()).toContain('2025-06-30 00:00:00');
    expect(await retired.getByTestId('entry-retire').count()).toBe(0);

    // A member of another organisation reads the dictionary in English, without write buttons.
    await resetBrowser();
    const reader = await newPage();
    await signIn(reader, baseUrl, 'sh-user');
    await reader.getByTestId('language-switch').click();
    await reader.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'English' }).click();
    await reader.getByRole('menuitem', { name: 'Code lists' }).click();
    await reader.waitForURL(`${baseUrl}/dictionary/code-lists`);
    const water = reader.locator('tr[data-code-list="GB3838_WATER_CLASS"]');
    await water.waitFor();
    expect(await water.innerText()).toContain('Surface water quality classes');
    expect(await reader.getByTestId('code-list-create').count()).toBe(0);
    await water.getByRole('link', { name: 'GB3838_WATER_CLASS' }).click();
    await reader.locator('tr[data-entry-code="劣V"]').waitFor();
    expect(await reader.locator('tr[data-entry-code="劣V"]').innerText()).toContain('Worse than class V');
    expect(await reader.getByTestId('version-create').count()).toBe(0);
    await reader.getByRole('menuitem', { name: 'Data elements' }).click();
    await reader.locator('tr[data-element-code="NOISE_LEQ"]').waitFor();
    expect(await reader.locator('tr[data-element-code="NOISE_LEQ"]').innerText()).toContain('Equivalent sound level');

    expect(takeProblems()).toEqual([]);
  });
});
