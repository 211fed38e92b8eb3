import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SharingFigures } from '../../../src/contracts/sharing-figures';
import { SYSTEM } from '../../../src/server/modules/identity';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { makeDataset, makeProvince, simpleDefinition, type Province } from '../catalog/catalog-fixtures';

/** Monday 2026-11-02 10:00 Beijing; three working days later is Thursday 2026-11-05. */
const START = Date.UTC(2026, 10, 2, 2, 0);
const DAY = 86_400_000;

const conditional = { sharing: { type: 'conditional' as const, condition: '仅限生态环境监管使用', mode: 'platform' as const, channel: 'api' as const } };

describe.each(testDialects())('sharing figures (%s)', (dialect) => {
  let t: TestApp;
  let now = START;
  let jiangsu: Province;
  let anhui: Province;

  const figuresOf = async (province?: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/sharing-figures${province ? `?province=${province}` : ''}`, headers: anhui.analyst.headers() });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<SharingFigures>();
  };

  beforeAll(async () => {
    t = await buildTestApp(dialect, { env: { ...IDENTITY_TEST_ENV, SESSION_TTL_HOURS: '720' }, context: { clock: { now: () => now } } });
    jiangsu = await makeProvince(t.app, t.ctx, '320000');
    anhui = await makeProvince(t.app, t.ctx, '340000');
    await makeDataset(t.ctx, jiangsu.organisation.id, { theme: 'air' });
    await makeDataset(t.ctx, jiangsu.organisation.id, { theme: 'water' });
    const guarded = await makeDataset(t.ctx, jiangsu.organisation.id, { theme: 'water', ...conditional });
    const draft = await t.ctx.catalog.schemas.create(SYSTEM, guarded.id, { definition: simpleDefinition() });
    await t.ctx.catalog.schemas.publish(SYSTEM, guarded.id, draft.id);
    await makeDataset(t.ctx, anhui.organisation.id, { theme: 'air', ...conditional });
    // A draft does not count.
    await makeDataset(t.ctx, anhui.organisation.id, { theme: 'ecology' }, false);

    // Anhui asks for the conditional Jiangsu dataset; Jiangsu answers three working days later.
    const request = await t.app.inject({
      method: 'POST',
      url: '/api/v1/access-requests',
      headers: anhui.analyst.headers(true),
      payload: { datasetId: guarded.id, purpose: '跨界断面水质联合评估', useFrom: '2026-11-10', useUntil: '2027-06-30', retentionDays: 90 },
    });
    expect(request.statusCode, request.body).toBe(201);
    now += 3 * DAY;
    const decision = await t.app.inject({ method: 'POST', url: `/api/v1/access-requests/${request.json<{ id: string }>().id}/decision`, headers: jiangsu.admin.headers(true), payload: { decision: 'approve' } });
    expect(decision.statusCode, decision.body).toBe(200);

    // Two reads by Anhui on one Beijing day (23:30 and 23:50 UTC+8) and one by Jiangsu itself the next day.
    const read = (consumer: Province, rowCount: number) =>
      t.ctx.access.exchanges.record(t.ctx.database.db, {
        datasetId: guarded.id,
        releaseId: guarded.id,
        tableName: 'readings',
        ownerOrganisationId: jiangsu.organisation.id,
        consumer: { organisationId: consumer.organisation.id, userId: consumer.analyst.me.user.id, tokenId: null },
        grantId: null,
        accessKind: 'granted',
        purpose: '跨界断面水质联合评估',
        fields: ['readings.pm25'],
        scopeCodes: null,
        rowCount,
        format: 'json',
        requestId: null,
      });
    now = Date.UTC(2026, 10, 5, 15, 30);
    await read(anhui, 100);
    now = Date.UTC(2026, 10, 5, 15, 50);
    await read(anhui, 20);
    now = Date.UTC(2026, 10, 5, 16, 10);
    await read(jiangsu, 5);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('counts the region: published datasets by type and theme, requests and their answer time, a trend per Beijing month', async () => {
    const figures = await figuresOf();
    expect(figures.province).toBe('000000');
    expect(figures.datasets).toMatchObject({ published: 4, bySharingType: { unconditional: 2, conditional: 2, not_shared: 0 }, unconditionalShare: 0.5 });
    expect(figures.datasets.byTheme).toEqual([
      { theme: 'air', unconditional: 1, conditional: 1, not_shared: 0 },
      { theme: 'water', unconditional: 1, conditional: 1, not_shared: 0 },
    ]);
    expect(figures.requests).toMatchObject({ submitted: 1, approved: 1, pending: 0, overdue: 0, answeredInTime: 1, medianAnswerWorkingDays: 3 });
    expect(figures.trend.at(-1)).toMatchObject({ month: '2026-11', publishedDatasets: 4, requestsSubmitted: 1, requestsAnswered: 1, medianAnswerWorkingDays: 3, exchanges: 3, consumerOrganisations: 2 });
    expect(figures.consumers).toEqual({ organisations: 2, exchanges: 3, rows: 125 });
    expect(figures.milestones.map((m) => m.year)).toEqual([2023, 2025]);
  });

  it('narrows to one province by the data owner, and refuses an unknown scope', async () => {
    const anhuiFigures = await figuresOf('340000');
    expect(anhuiFigures.datasets).toMatchObject({ published: 1, bySharingType: { unconditional: 0, conditional: 1, not_shared: 0 }, unconditionalShare: 0 });
    // The request was answered by Jiangsu: it counts for Jiangsu, not for the requester.
    expect(anhuiFigures.requests.submitted).toBe(0);
    expect((await figuresOf('320000')).requests.submitted).toBe(1);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/sharing-figures?province=110000', headers: anhui.analyst.headers() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('exports the same figures as an Excel workbook', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/sharing-figures/export.xlsx?province=320000', headers: anhui.analyst.headers() });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['共享成效', '按主题', '月度趋势']);
    const summary = workbook.getWorksheet('共享成效')!;
    const valueOf = (label: string) => summary.getColumn(1).values.indexOf(label);
    expect(summary.getCell(`B${valueOf('范围')}`).value).toBe('江苏省');
    expect(summary.getCell(`B${valueOf('已发布数据集')}`).value).toBe(3);
    expect(summary.getCell(`B${valueOf('答复用时中位数（工作日）')}`).value).toBe(3);
    const themes = workbook.getWorksheet('按主题')!;
    expect([2, 3].map((row) => themes.getRow(row).values)).toEqual([
      [undefined, '大气环境', 1, 0, 0],
      [undefined, '水环境', 1, 1, 0],
    ]);
  });

  it('is for signed-in members only', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/sharing-figures' })).statusCode).toBe(401);
  });
});
