import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, ListDatasetsResponse } from '../../../src/contracts/catalog';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { datasetBody, makeDataset, makeProvince, type Province } from './catalog-fixtures';

const NOW = Date.parse('2026-11-28T06:00:00Z');
const DAY = 86_400_000;

for (const dialect of testDialects()) {
  describe(`catalog: datasets (${dialect})`, () => {
    let t: TestApp;
    let jiangsu: Province;
    let anhui: Province;

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV, context: { clock: { now: () => NOW } } });
      jiangsu = await makeProvince(t.app, t.ctx, '320000');
      anhui = await makeProvince(t.app, t.ctx, '340000');
    });
    afterAll(async () => t?.close());

    const send = (method: 'POST' | 'PATCH', url: string, session: Province['steward'], payload?: unknown) =>
      t.app.inject({ method, url, headers: session.headers(true), ...(payload === undefined ? {} : { payload: payload as object }) });
    const get = (url: string, session: Province['steward']) => t.app.inject({ method: 'GET', url, headers: session.headers() });

    it('catalogues a draft with a generated code, shows it only to the owner, publishes it and keeps the code', async () => {
      const created = await send('POST', '/api/v1/datasets', jiangsu.steward, datasetBody({ titleZh: '江苏省空气质量小时数据', localCode: 'JS-AIR-001' }));
      expect(created.statusCode, created.body).toBe(201);
      const draft = created.json<Dataset>();
      expect(draft).toMatchObject({
        status: 'draft',
        ownerOrganisationId: jiangsu.organisation.id,
        ownerProvinceCode: '320000',
        providerName: jiangsu.organisation.name,
        providerCode: jiangsu.organisation.uscc,
        custodianOrganisationId: jiangsu.organisation.id,
        localCode: 'JS-AIR-001',
        freshness: 'due',
        publishedAt: null,
      });
      expect(draft.code).toMatch(/^211001\/\d{4}$/);

      expect((await get(`/api/v1/datasets/${draft.id}`, anhui.analyst)).statusCode).toBe(404);
      expect((await get(`/api/v1/datasets/${draft.id}`, jiangsu.analyst)).statusCode).toBe(200);
      const anhuiSearch = (await get('/api/v1/datasets', anhui.analyst)).json<ListDatasetsResponse>();
      expect(anhuiSearch.items.map((d) => d.id)).not.toContain(draft.id);
      // Another organisation cannot edit or publish it (and does not learn that it exists).
      expect((await send('PATCH', `/api/v1/datasets/${draft.id}`, anhui.steward, { titleZh: 'x' })).statusCode).toBe(404);

      // While a draft, the code follows the classification.
      const moved = await send('PATCH', `/api/v1/datasets/${draft.id}`, jiangsu.steward, { classification: { ...draft.classification, mu: { code: '002', name: '水环境' } } });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json<Dataset>().code).toMatch(/^211002\/\d{4}$/);

      const published = await send('POST', `/api/v1/datasets/${draft.id}/publish`, jiangsu.admin);
      expect(published.statusCode, published.body).toBe(200);
      expect(published.json<Dataset>()).toMatchObject({ status: 'published', publishedAt: new Date(NOW).toISOString() });
      const code = published.json<Dataset>().code;
      // Published: visible to every member; the code never changes again.
      expect((await get(`/api/v1/datasets/${draft.id}`, anhui.analyst)).json<Dataset>().code).toBe(code);
      const reclassified = await send('PATCH', `/api/v1/datasets/${draft.id}`, jiangsu.steward, { classification: draft.classification });
      expect(reclassified.json<Dataset>().code).toBe(code);
      expect((await send('POST', `/api/v1/datasets/${draft.id}/publish`, jiangsu.admin)).statusCode).toBe(409);
    });

    it('enforces the guide\'s conditional rules with a 400 naming each field, writing nothing', async () => {
      const before = (await get('/api/v1/datasets', jiangsu.steward)).json<ListDatasetsResponse>().total;
      const conditional = await send('POST', '/api/v1/datasets', jiangsu.steward, datasetBody({ sharing: { type: 'conditional', mode: 'platform', channel: 'api' } }));
      expect(conditional.statusCode).toBe(400);
      expect(conditional.json().error.code).toBe('VALIDATION_FAILED');
      expect(conditional.json().error.messageZh).toContain('共享条件');
      const notShared = await send('POST', '/api/v1/datasets', jiangsu.steward, datasetBody({ sharing: { type: 'not_shared', mode: 'platform', channel: 'api' }, openness: { type: 'open' } }));
      expect(notShared.statusCode).toBe(400);
      expect(notShared.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['/openness/type', '/sharing/condition']);
      const badPlace = await send('POST', '/api/v1/datasets', jiangsu.steward, datasetBody({ spatialCoverage: ['990000'], temporalStart: '2026-02-30' }));
      expect(badPlace.statusCode).toBe(400);
      const markup = await send('POST', '/api/v1/datasets', jiangsu.steward, datasetBody({ titleZh: '<script>' }));
      expect(markup.statusCode).toBe(400);
      const foreign = await send('POST', '/api/v1/datasets', jiangsu.steward, datasetBody({ ownerOrganisationId: anhui.organisation.id }));
      expect(foreign.statusCode).toBe(403);
      expect((await send('POST', '/api/v1/datasets', jiangsu.analyst, datasetBody())).statusCode).toBe(403);
      expect((await get('/api/v1/datasets', jiangsu.steward)).json<ListDatasetsResponse>().total).toBe(before);
      const ok = await send('POST', '/api/v1/datasets', jiangsu.steward, datasetBody({ sharing: { type: 'not_shared', condition: '《中华人民共和国保守国家秘密法》第九条', mode: 'platform', channel: 'file' }, openness: { type: 'closed' } }));
      expect(ok.statusCode, ok.body).toBe(201);
    });

    it('records every metadata change as an activity entry with a diff, audited, with paging', async () => {
      const dataset = await makeDataset(t.ctx, jiangsu.organisation.id);
      const changed = await send('PATCH', `/api/v1/datasets/${dataset.id}`, jiangsu.steward, { titleEn: 'Renamed', keywords: ['PM2.5'], securityGrade: 'important' });
      expect(changed.statusCode, changed.body).toBe(200);
      // A no-op update records nothing.
      await send('PATCH', `/api/v1/datasets/${dataset.id}`, jiangsu.steward, { titleEn: 'Renamed' });
      const history = await get(`/api/v1/datasets/${dataset.id}/activity?limit=2`, anhui.analyst);
      expect(history.statusCode).toBe(200);
      const page = history.json();
      expect(page.total).toBe(3);
      expect(page.items[0]).toMatchObject({ kind: 'dataset.updated', actorOrganisationId: jiangsu.organisation.id });
      expect(page.items[0].details.changes).toEqual([
        { field: 'titleEn', before: dataset.titleEn, after: 'Renamed' },
        { field: 'keywords', before: ['空气质量', 'AQI'], after: ['PM2.5'] },
        { field: 'securityGrade', before: 'general', after: 'important' },
      ]);
      const second = (await get(`/api/v1/datasets/${dataset.id}/activity?limit=2&offset=2`, anhui.analyst)).json();
      expect(second.items.map((e: { kind: string }) => e.kind)).toEqual(['dataset.created']);
      const trail = await t.ctx.audit.list(t.ctx.database.db, { objectType: 'dataset', objectId: dataset.id, limit: 10, offset: 0 });
      expect(trail.items.map((e) => e.action).sort()).toEqual(['dataset.create', 'dataset.publish', 'dataset.update']);
    });

    it('searches with text and facets; facet counts ignore their own filter; freshness follows markReleased', async () => {
      const water = await makeDataset(t.ctx, anhui.organisation.id, { theme: 'water', titleZh: '巢湖水质月报', updateCycle: 'monthly', sharing: { type: 'conditional', condition: '限于水环境管理', mode: 'platform', channel: 'api' } });
      const penalties = await makeDataset(t.ctx, anhui.organisation.id, { theme: 'enforcement', titleZh: '行政处罚案件', updateCycle: 'weekly', securityGrade: 'important' });
      await t.ctx.catalog.markReleased(t.ctx.database.db, water.id, NOW - 5 * DAY);
      await t.ctx.catalog.markReleased(t.ctx.database.db, penalties.id, NOW - 20 * DAY);
      // An older release never makes a dataset look staler.
      await t.ctx.catalog.markReleased(t.ctx.database.db, water.id, NOW - 50 * DAY);

      const text = (await get(`/api/v1/datasets?q=${encodeURIComponent('巢湖')}`, jiangsu.analyst)).json<ListDatasetsResponse>();
      expect(text.items.map((d) => d.id)).toEqual([water.id]);
      expect(text.items[0]).toMatchObject({ freshness: 'fresh', lastReleaseAt: new Date(NOW - 5 * DAY).toISOString() });

      const anhuiOnly = (await get('/api/v1/datasets?province=340000', jiangsu.analyst)).json<ListDatasetsResponse>();
      expect(anhuiOnly.items.map((d) => d.id).sort()).toEqual([water.id, penalties.id].sort());
      expect(anhuiOnly.facets.theme).toEqual(expect.arrayContaining([{ value: 'water', count: 1 }, { value: 'enforcement', count: 1 }]));
      // The province facet still counts Jiangsu while Anhui is picked.
      expect(anhuiOnly.facets.province.find((f) => f.value === '320000')?.count).toBeGreaterThan(0);

      const overdue = (await get('/api/v1/datasets?freshness=overdue&province=340000', jiangsu.analyst)).json<ListDatasetsResponse>();
      expect(overdue.items.map((d) => d.id)).toEqual([penalties.id]);
      const several = (await get('/api/v1/datasets?theme=water,enforcement&securityGrade=important', jiangsu.analyst)).json<ListDatasetsResponse>();
      expect(several.items.map((d) => d.id)).toEqual([penalties.id]);
      const paged = (await get('/api/v1/datasets?province=340000&limit=1&offset=1', jiangsu.analyst)).json<ListDatasetsResponse>();
      expect(paged).toMatchObject({ total: 2 });
      expect(paged.items).toHaveLength(1);
      expect((await get('/api/v1/datasets?theme=DROP%20TABLE', jiangsu.analyst)).statusCode).toBe(400);
    });

    it('deprecates: still readable, frozen', async () => {
      const dataset = await makeDataset(t.ctx, jiangsu.organisation.id);
      const deprecated = await send('POST', `/api/v1/datasets/${dataset.id}/deprecate`, jiangsu.admin);
      expect(deprecated.json<Dataset>().status).toBe('deprecated');
      expect((await get(`/api/v1/datasets/${dataset.id}`, anhui.analyst)).statusCode).toBe(200);
      expect((await send('PATCH', `/api/v1/datasets/${dataset.id}`, jiangsu.steward, { titleEn: 'x' })).statusCode).toBe(409);
    });
  });
}
