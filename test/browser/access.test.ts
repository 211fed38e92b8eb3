import { describe, expect, test } from 'vitest';
import type { AccessRequest } from '../../src/contracts/access';
import { SYSTEM } from '../../src/server/modules/identity';
import { signIn, useBrowserHarness } from '../helpers/browser';
import { login, makeOrganisation, makeUser } from '../helpers/identity';
import { datasetBody, simpleDefinition } from '../integration/catalog/catalog-fixtures';

/**
 * 共享申请 → 答复 → 授权 → 交换日志, clicked through: Jiangsu answers Anhui's request partially,
 * Anhui sees the grant and makes a token bound to it, Jiangsu sees who read its data.
 */
describe('secure sharing pages', () => {
  const harness = useBrowserHarness();

  test('inbox with deadline, partial approval, grants on both sides, exchange log with chart and receipt', async () => {
    const { baseUrl, newPage, ctx, app, resetBrowser, takeProblems } = harness();
    const jiangsuOrg = await makeOrganisation(ctx, { kind: 'provincial_department', divisionCode: '320000', name: '江苏测试厅', nameEn: 'Jiangsu test department' });
    const anhuiOrg = await makeOrganisation(ctx, { kind: 'provincial_department', divisionCode: '340000', name: '安徽测试厅', nameEn: 'Anhui test department' });
    const jiangsu = await makeUser(ctx, { organisationId: jiangsuOrg.id, roles: ['org_admin'] });
    const anhui = await makeUser(ctx, { organisationId: anhuiOrg.id, roles: ['analyst'] });
    const created = await ctx.catalog.datasets.create(
      SYSTEM,
      datasetBody({
        ownerOrganisationId: jiangsuOrg.id,
        titleZh: '大气污染源排放清单',
        titleEn: 'Air emission inventory',
        sharing: { type: 'conditional', condition: '仅限生态环境监管使用', mode: 'platform', channel: 'api' },
      }),
    );
    const schema = await ctx.catalog.schemas.create(SYSTEM, created.id, { definition: simpleDefinition() });
    await ctx.catalog.schemas.publish(SYSTEM, created.id, schema.id);
    await ctx.catalog.datasets.publish(SYSTEM, created.id);
    const anhuiSession = await login(app, anhui.user.username, anhui.password);
    const requested = await app.inject({
      method: 'POST',
      url: '/api/v1/access-requests',
      headers: anhuiSession.headers(true),
      payload: {
        datasetId: created.id,
        purpose: '长三角大气污染联防联控评估',
        fields: ['readings.observed_at', 'readings.pm25', 'readings.station_code'],
        scopeCodes: ['320000'],
        useFrom: '2026-12-01',
        useUntil: '2027-12-31',
        retentionDays: 30,
      },
    });
    expect(requested.statusCode, requested.body).toBe(201);
    const request = requested.json<AccessRequest>();

    // Jiangsu: the inbox shows the request with its deadline in working days.
    const page = await newPage();
    await signIn(page, baseUrl, jiangsu.user.username, jiangsu.password);
    await page.getByRole('menuitem', { name: '共享申请' }).click();
    await page.waitForURL(`${baseUrl}/sharing/requests`);
    const row = page.locator(`tr[data-request-id="${request.id}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(request.deadlineDate);
    expect(await row.getByTestId('deadline-left').innerText()).toMatch(/\d+ 个工作日/);
    expect(await row.getByTestId('request-status').innerText()).toBe('待答复');

    // The decision: partially, two fields and Nanjing only, with reasons.
    await row.getByRole('link', { name: '大气污染源排放清单' }).click();
    await page.getByTestId('decision-form').waitFor();
    expect(await page.getByTestId('request-deadline').innerText()).toBe(request.deadlineDate);
    await page.getByTestId('decision-partial').click();
    await page.getByTestId('decision-fields').getByText('readings.pm25').click();
    await page.getByTestId('decision-fields').getByText('readings.observed_at').click();
    await page.getByTestId('decision-scope').click();
    await page.keyboard.type('320100');
    await page.keyboard.press('Enter');
    await page.getByTestId('decision-reasons').fill('仅同意南京市范围内的两个字段');
    const [decided] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/access-requests/${request.id}/decision`)),
      page.getByTestId('decision-submit').click(),
    ]);
    expect(decided.status(), await decided.text()).toBe(200);
    await expect.poll(() => page.getByTestId('request-status').innerText()).toBe('部分同意');
    expect(await page.getByTestId('request-history').innerText()).toContain('仅同意南京市范围内的两个字段');

    // Grants given: the narrowed grant.
    await page.goto(`${baseUrl}/sharing/grants?side=given`);
    const grantRow = page.getByTestId('grants-table').locator('tbody tr[data-grant-id]').first();
    await grantRow.waitFor();
    expect(await grantRow.innerText()).toContain('readings.observed_at、readings.pm25');
    expect(await grantRow.innerText()).toContain('320100');
    const grantId = (await grantRow.getAttribute('data-grant-id'))!;

    // A read by Anhui shows in Jiangsu's exchange log, with the per-consumer chart and a receipt.
    await ctx.access.exchanges.record(ctx.database.db, {
      datasetId: created.id,
      releaseId: 'release-1',
      tableName: 'readings',
      ownerOrganisationId: jiangsuOrg.id,
      consumer: { organisationId: anhuiOrg.id, userId: anhui.user.id, tokenId: null },
      grantId,
      accessKind: 'granted',
      purpose: request.purpose,
      fields: ['readings.observed_at', 'readings.pm25'],
      scopeCodes: ['320100'],
      rowCount: 42,
      format: 'json',
      requestId: null,
    });
    await page.getByRole('menuitem', { name: '交换日志' }).click();
    await page.waitForURL(`${baseUrl}/sharing/exchange-log`);
    await page.getByTestId('exchange-chart').waitFor();
    const exchangeRow = page.getByTestId('exchange-table').locator('tbody tr[data-exchange-id]').first();
    await exchangeRow.waitFor();
    expect(await exchangeRow.innerText()).toContain('安徽测试厅');
    expect(await exchangeRow.innerText()).toContain('42');
    const [download] = await Promise.all([page.waitForEvent('download'), exchangeRow.getByTestId('exchange-receipt').click()]);
    expect(download.suggestedFilename()).toMatch(/^exchange-receipt-[0-9a-f-]{36}\.json$/);

    // Anhui: the outbox says 部分同意; the received grant can get a token bound to it.
    await page.close();
    await resetBrowser();
    const other = await newPage();
    await signIn(other, baseUrl, anhui.user.username, anhui.password);
    await other.goto(`${baseUrl}/sharing/requests?box=outbox`);
    const sent = other.locator(`tr[data-request-id="${request.id}"]`);
    await sent.waitFor();
    expect(await sent.getByTestId('request-status').innerText()).toBe('部分同意');
    await other.goto(`${baseUrl}/sharing/grants?side=received`);
    const received = other.locator(`tr[data-grant-id="${grantId}"]`);
    await received.waitFor();
    await received.getByTestId('grant-token').click();
    await other.getByTestId('grant-token-name').fill('联防联控接口');
    await other.getByRole('button', { name: /OK|确\s*定/ }).click();
    expect(await other.getByTestId('grant-token-secret').innerText()).toMatch(/\S{20,}/);

    expect(takeProblems()).toEqual([]);
  });
});
