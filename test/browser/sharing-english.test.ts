import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { SYSTEM } from '../../src/server/modules/identity';
import { RELEASES_DEMO_TITLE } from '../../src/server/modules/demo/releases-demo';
import { signIn, useBrowserHarness, type BrowserHarness } from '../helpers/browser';
import { untranslatedChrome } from '../helpers/untranslated-chrome';

/** Signs in and, unless the account already reads English, switches the header to English. */
async function signInInEnglish(page: Page, baseUrl: string, username: string): Promise<void> {
  await signIn(page, baseUrl, username);
  if ((await page.locator('html').getAttribute('lang')) !== 'en') {
    await page.getByTestId('language-switch').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'English' }).click();
  }
  await page.getByTestId('platform-name').filter({ hasText: 'YRD Eco-Environment Collaboration Platform' }).waitFor();
}

/** The page's chrome has no Chinese left (see untranslated-chrome.ts for the rule). */
async function expectAllEnglish(page: Page, where: string): Promise<void> {
  // Tables and tabs load their rows after the frame: let them settle first.
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'hidden' }).catch(() => undefined);
  // Soft: one run lists every page with leftovers, not just the first.
  expect.soft(await untranslatedChrome(page), `untranslated chrome on ${where}`).toEqual([]);
}

/** Column titles of a table, in order (selection and action columns have none). */
async function columnTitles(table: Locator): Promise<string[]> {
  return (await table.locator('thead th').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
}

async function datasetIdOf(harness: BrowserHarness, titleZh: string): Promise<string> {
  const { items } = await harness.ctx.catalog.search(SYSTEM, { q: titleZh, limit: 5, offset: 0 });
  const found = items.find((item) => item.titleZh === titleZh);
  if (!found) throw new Error(`demo dataset ${titleZh} is missing`);
  return found.id;
}

/**
 * The data-sharing pages in English, clicked through in Chromium on the demo data: each page's
 * headings, column titles, buttons, tags and empty states are English, and no Chinese is left in
 * the chrome. Data entered in Chinese (organisation names, purposes, notes) may stay Chinese.
 */
describe('data-sharing pages in English', () => {
  const harness = useBrowserHarness();

  test('catalog search and a dataset page with all its tabs', async () => {
    const h = harness();
    const sections = await datasetIdOf(h, RELEASES_DEMO_TITLE);
    const page = await h.newPage();
    await signInInEnglish(page, h.baseUrl, 'js-admin');

    await page.goto(`${h.baseUrl}/sharing/catalog`);
    const results = page.getByTestId('catalog-results');
    await results.locator('tbody tr').first().waitFor();
    expect(await columnTitles(results)).toEqual(['Resource code', 'Title', 'Provider', 'Theme', 'Sharing type', 'Freshness']);
    expect(await page.getByTestId('facet-sharingType').locator('.ant-card-head-title').innerText()).toBe('Sharing type');
    await page.getByTestId('facet-sharingType').getByText(/^Unconditional \(\d+\)$/).waitFor();
    await page.getByTestId('catalog-export').getByText('Export catalogue').waitFor();
    await page.getByTestId('new-dataset').getByText('New dataset').waitFor();
    // Titles are shown in the reader's language when the dataset has one.
    await results.getByRole('link', { name: 'Jiangsu assessed surface-water sections' }).waitFor();
    await expectAllEnglish(page, 'catalog');
    // The language menu names Chinese in Chinese (declared so), and nothing else in it is Chinese.
    await page.getByTestId('language-switch').click();
    await page.locator('.ant-select-dropdown:visible [lang="zh-CN"]').getByText('简体中文').waitFor();
    await expectAllEnglish(page, 'catalog, language menu');
    await page.keyboard.press('Escape');

    await page.getByTestId('catalog-import-open').click();
    await page.getByTestId('catalog-import').getByText('Check it first').waitFor();
    await page.getByTestId('catalog-import-choose').getByText('Choose file').waitFor();
    await expectAllEnglish(page, 'catalog import');
    await page.locator('.ant-modal-footer').getByRole('button', { name: 'Close' }).click();

    await page.goto(`${h.baseUrl}/sharing/datasets/${sections}`);
    await page.getByTestId('dataset-metadata').waitFor();
    await page.getByRole('heading', { name: 'Jiangsu assessed surface-water sections' }).waitFor();
    expect(await page.getByTestId('dataset-metadata').locator('.ant-descriptions-item-label').first().innerText()).toBe('Resource code');
    await page.getByTestId('dataset-metadata').getByText('Yearly').waitFor();
    await expectAllEnglish(page, 'dataset metadata');
    await page.getByTestId('follow-dataset').click();
    await page.locator('.ant-modal-title').getByText('Delivery settings').waitFor();
    await expectAllEnglish(page, 'dataset follow settings');
    await page.locator('.ant-modal-footer:visible').getByRole('button', { name: 'Cancel' }).click();
    await page.locator('.ant-modal-title').getByText('Delivery settings').waitFor({ state: 'hidden' });
    await page.getByTestId('report-data-error').click();
    await page.getByTestId('report-data-error-submit').click();
    // Ant Design's form messages follow the language too.
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await expectAllEnglish(page, 'dataset data-error report form');
    await page.locator('.ant-modal-footer:visible').getByRole('button', { name: 'Cancel' }).click();
    await page.locator('.ant-modal-title').getByText('Report a data error').waitFor({ state: 'hidden' });

    await page.getByRole('tab', { name: 'Schema versions' }).click();
    await page.getByTestId('schema-versions').getByText('Current').waitFor();
    expect(await columnTitles(page.getByTestId('schema-version-1'))).toEqual(['Table', 'Name', 'Label', 'Type', 'Required', 'Unit']);
    await expectAllEnglish(page, 'dataset schema versions');

    await page.getByRole('tab', { name: 'Releases' }).click();
    const releases = page.getByTestId('dataset-releases');
    await releases.getByTestId('release-status').getByText('Accepted').waitFor();
    expect(await columnTitles(releases)).toEqual(['Release', 'Status', 'Rows', 'Submitted by', 'Submitted']);
    await expectAllEnglish(page, 'dataset releases');

    await page.getByRole('tab', { name: 'Validation reports' }).click();
    const uploads = page.getByTestId('dataset-uploads');
    await uploads.locator('tbody tr').nth(1).waitFor();
    expect(await columnTitles(uploads)).toEqual(['Uploaded', 'File', 'Schema version', 'Mode', 'Rows', 'Problems', 'Status', 'Uploaded by']);
    await uploads.getByText('Waiting for release').waitFor();
    await uploads.getByText('Released').waitFor();
    await uploads.locator('tbody tr').first().getByRole('button', { name: 'Report' }).click();
    await page.getByTestId('validation-report').getByText('No problems found').waitFor();
    await expectAllEnglish(page, 'dataset validation reports');

    await page.getByRole('tab', { name: 'Access' }).click();
    await page.getByTestId('access-dataset-tab').getByText('Your organisation owns this dataset').first().waitFor();
    await expectAllEnglish(page, 'dataset access');

    // Another province's conditionally shared dataset: the request form, its date range picker included.
    await page.goto(`${h.baseUrl}/sharing/datasets/${await datasetIdOf(h, '上海市生态环境行政处罚案件')}`);
    await page.getByRole('tab', { name: 'Access' }).click();
    await page.getByTestId('access-dataset-tab').getByText('Request access to this dataset').waitFor();
    await page.getByTestId('request-fields').getByText('(penalty_cases.decision_no)').waitFor();
    expect(await page.getByTestId('access-dataset-tab').locator('.ant-picker-range input').first().getAttribute('placeholder')).toBe('Start date');
    await expectAllEnglish(page, 'access request form');
    await page.goto(`${h.baseUrl}/sharing/datasets/${sections}`);

    await page.getByRole('tab', { name: 'Activity' }).click();
    const activity = page.getByTestId('dataset-activity');
    await activity.locator('.ant-tag').getByText('Release accepted').waitFor();
    await activity.getByText(/^Release \d+ accepted$/).first().waitFor();
    expect(await columnTitles(activity)).toEqual(['When', 'Kind', 'Who', 'What']);
    await expectAllEnglish(page, 'dataset activity');

    await page.getByTestId('edit-dataset').click();
    await page.getByTestId('dataset-form').getByText('Edit dataset').waitFor();
    await page.getByTestId('dataset-form').locator('label').getByText('Title (English)').waitFor();
    await expectAllEnglish(page, 'dataset metadata form');

    await page.goto(`${h.baseUrl}/sharing/datasets/${sections}/schema`);
    await page.getByTestId('schema-editor').getByText('Schema editor').waitFor();
    await page.getByTestId('check-schema').click();
    await page.getByTestId('schema-problems').getByText('No problems found').waitFor();
    await expectAllEnglish(page, 'schema editor');
  });

  test('data dictionary: data elements and code lists', async () => {
    const h = harness();
    const page = await h.newPage();
    await signInInEnglish(page, h.baseUrl, 'js-admin');

    await page.goto(`${h.baseUrl}/dictionary/elements`);
    const elements = page.getByTestId('elements-table');
    await elements.locator('tr[data-element-code]').first().waitFor();
    await expectAllEnglish(page, 'data elements');
    await page.getByTestId('element-search').locator('input').fill('SECTION_CODE');
    await page.keyboard.press('Enter');
    await elements.locator('tr[data-element-code="SECTION_CODE"]').waitFor();
    await page.getByRole('heading', { name: 'Data elements' }).waitFor();
    expect(await elements.locator('tr[data-element-code="SECTION_CODE"]').innerText()).toContain('Section code');
    await expectAllEnglish(page, 'data elements');

    await page.goto(`${h.baseUrl}/dictionary/elements/SECTION_CODE`);
    await page.getByTestId('element-details').waitFor();
    await page.getByRole('button', { name: /Back to/ }).waitFor();
    await expectAllEnglish(page, 'data element');

    await page.goto(`${h.baseUrl}/dictionary/code-lists`);
    await page.getByTestId('code-lists-table').locator('tr[data-code-list="GB3838_WATER_CLASS"]').waitFor();
    await page.getByRole('heading', { name: 'Code lists' }).waitFor();
    await expectAllEnglish(page, 'code lists');

    await page.goto(`${h.baseUrl}/dictionary/code-lists/GB3838_WATER_CLASS`);
    await page.getByTestId('entries-table').locator('tbody tr').first().waitFor();
    await page.getByTestId('versions-table').getByTestId('version-status').getByText('Released').first().waitFor();
    await expectAllEnglish(page, 'code list');
  });

  test('upload wizard, custodian review and a release', async () => {
    const h = harness();
    const sections = await datasetIdOf(h, RELEASES_DEMO_TITLE);
    const page = await h.newPage();
    await signInInEnglish(page, h.baseUrl, 'js-admin');

    await page.goto(`${h.baseUrl}/sharing/datasets/${sections}/upload`);
    await page.getByText('Schema version v1').waitFor();
    for (const title of ['File', 'Validation report', 'Release']) await page.locator('.ant-steps-item-title').getByText(title, { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Upload and validate' }).waitFor();
    await expectAllEnglish(page, 'upload wizard');

    // A CSV without its table cannot be read: the report says why, in English.
    await page.getByTestId('upload-file').setInputFiles({ name: 'sections.csv', mimeType: 'text/csv', buffer: Buffer.from('section_code,section_name\r\nJS-X,名称\r\n') });
    await page.getByTestId('upload-submit').click();
    await page.getByTestId('report-problems').getByText('A CSV file holds one table').waitFor();
    expect(await page.getByTestId('upload-status').innerText()).toBe('Unreadable');
    await expectAllEnglish(page, 'validation report');
    await page.getByTestId('to-release').click();
    await page.getByTestId('pending-uploads').locator('tbody tr').first().waitFor();
    expect(await columnTitles(page.getByTestId('pending-uploads'))).toEqual(['File (CSV or XLSX)', 'Table', 'Mode', 'Schema version', 'Rows', 'Blocker', 'Submitted']);
    await expectAllEnglish(page, 'upload wizard, release step');

    await page.goto(`${h.baseUrl}/sharing/review`);
    await page.getByRole('heading', { name: 'Release review' }).waitFor();
    // Nothing waits for review: Ant Design's own empty text follows the language.
    await page.getByTestId('review-table').locator('.ant-empty-description').getByText('No data').waitFor();
    await expectAllEnglish(page, 'review inbox');
    await page.getByTestId('review-status-filter').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'Accepted' }).click();
    const accepted = page.getByTestId('review-table').locator('tr[data-release-id]');
    await accepted.getByText('Jiangsu assessed surface-water sections').waitFor();
    await expectAllEnglish(page, 'review inbox, accepted');

    await accepted.getByRole('link', { name: 'Review' }).click();
    await page.getByTestId('release-page').waitFor();
    await page.getByRole('heading', { name: /Jiangsu assessed surface-water sections · Release 1/ }).waitFor();
    await page.getByTestId('review-thread').locator('.ant-tag').getByText('Accepted').waitFor();
    await expectAllEnglish(page, 'release page');
  });

  test('access requests, a request with a server error in English, grants and the exchange log', async () => {
    const h = harness();
    const page = await h.newPage();
    await signInInEnglish(page, h.baseUrl, 'js-admin');

    await page.goto(`${h.baseUrl}/sharing/requests`);
    const requests = page.getByTestId('access-requests-table');
    await requests.locator('tr[data-request-id]').first().waitFor();
    expect(await columnTitles(requests)).toEqual(['Dataset', 'Requesting organisation', 'Submitted', 'Status', 'Reply by', 'Working days left']);
    await requests.getByTestId('request-status').getByText('Pending').waitFor();
    await requests.getByTestId('deadline-left').getByText(/^\d+ working days?$/).waitFor();
    // Organisations go by their English names (the API sends the Chinese one with the id).
    const requesters = () => requests.locator('tr[data-request-id] td:nth-child(2)').allInnerTexts();
    await expect.poll(async () => (await requesters()).some((name) => /[\u4e00-\u9fff]/.test(name))).toBe(false);
    expect((await requesters()).length).toBeGreaterThan(0);
    await expectAllEnglish(page, 'requests inbox');

    await requests.locator('tr[data-request-id]').filter({ hasText: 'Pending' }).getByRole('link').click();
    await page.getByTestId('request-details').waitFor();
    // Codes are listed with the English separator.
    await page.getByTestId('request-details').getByText('320800, 321000').waitFor();
    await page.getByTestId('decision-form').getByText('Answer the request').waitFor();
    await expectAllEnglish(page, 'request detail');
    // A partial approval beyond the requested rows: the server's refusal is shown in English.
    await page.getByTestId('decision-partial').click();
    await page.getByTestId('decision-scope').click();
    await page.keyboard.type('310000');
    await page.keyboard.press('Enter');
    await page.getByTestId('decision-reasons').fill('仅同意上海市');
    await page.getByTestId('decision-submit').click();
    await page.locator('.ant-message-notice').getByText('The granted rows must lie within the requested rows').waitFor();
    await expectAllEnglish(page, 'request detail with an error');

    await page.goto(`${h.baseUrl}/sharing/requests?box=outbox`);
    await requests.getByTestId('request-status').getByText('Refused').waitFor();
    expect(await columnTitles(requests)).toContain('Deciding organisation');
    await expectAllEnglish(page, 'requests outbox');

    await page.goto(`${h.baseUrl}/sharing/grants?side=given`);
    const grants = page.getByTestId('grants-table');
    await grants.getByTestId('grant-status').first().waitFor();
    expect(await columnTitles(grants)).toEqual(['Dataset', 'Grantee', 'Fields', 'Rows', 'Valid until', 'Status']);
    await grants.getByRole('button', { name: 'Revoke' }).waitFor();
    await expectAllEnglish(page, 'grants given');
    await page.getByTestId('tab-received').click();
    await grants.locator('.ant-empty-description').getByText('No data').waitFor();
    await expectAllEnglish(page, 'grants received');

    await page.goto(`${h.baseUrl}/sharing/exchange-log`);
    await page.getByText('No exchanges yet').waitFor();
    expect(await columnTitles(page.getByTestId('exchange-table'))).toEqual(['Time', 'Dataset', 'Reader', 'Fields', 'Rows', 'Via']);
    await expectAllEnglish(page, 'exchange log');
    await page.getByTestId('tab-consumer').click();
    await expectAllEnglish(page, 'exchange log, my reads');
  });

  test('duty register, notifications, followed datasets, data-error reports and the sharing dashboard', async () => {
    const h = harness();
    const page = await h.newPage();
    await signInInEnglish(page, h.baseUrl, 'wg');

    await page.goto(`${h.baseUrl}/sharing/duties`);
    const duties = page.getByTestId('duties-table');
    await duties.locator('tbody tr').first().waitFor();
    expect(await columnTitles(duties)).toEqual(['Dataset', 'Obliged organisation', 'Cycle', 'Next due date', 'Last supplied', 'State', 'Note']);
    await page.getByTestId('overdue-count').getByText(/^\d+ overdue$/).waitFor();
    await duties.locator('.ant-tag').getByText('Overdue').first().waitFor();
    await page.getByTestId('add-duty').getByText('Register a duty').waitFor();
    await expectAllEnglish(page, 'duty register');
    await page.getByTestId('add-duty').click();
    await page.locator('.ant-modal-title').getByText('Register a duty').waitFor();
    await expectAllEnglish(page, 'duty register, new duty');
    await page.keyboard.press('Escape');

    await page.goto(`${h.baseUrl}/notifications`);
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    await page.getByTestId('notification-title').getByText(/^New access request for/).first().waitFor();
    await expectAllEnglish(page, 'notifications');

    await page.goto(`${h.baseUrl}/sharing/subscriptions`);
    await page.getByText('You follow no dataset yet').waitFor();
    await expectAllEnglish(page, 'followed datasets');

    await page.goto(`${h.baseUrl}/sharing/data-errors`);
    await page.getByRole('heading', { name: 'Data-error reports' }).waitFor();
    await expectAllEnglish(page, 'data-error reports');

    await page.goto(`${h.baseUrl}/sharing/figures`);
    await page.getByRole('heading', { name: 'Data sharing figures' }).waitFor();
    await page.getByTestId('kpi-published').getByText('Published datasets').waitFor();
    await page.getByTestId('figures-scope').getByText('Jiangsu').waitFor();
    await expectAllEnglish(page, 'sharing figures');
  });

  test('a dataset that does not exist: the server says so in English', async () => {
    const h = harness();
    const page = await h.newPage();
    await signInInEnglish(page, h.baseUrl, 'js-admin');
    await page.goto(`${h.baseUrl}/sharing/datasets/00000000-0000-7000-8000-000000000000`);
    await page.getByText('Dataset not found').waitFor();
    await expectAllEnglish(page, 'missing dataset');
  });
});
