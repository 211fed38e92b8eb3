import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataDuty, Dataset, DatasetSchemaVersion } from '../../../src/contracts/catalog';
import type { DomainEvents } from '../../../src/server/platform/events';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { makeDataset, makeProvince, makeWorkingGroup, simpleDefinition, type Province } from './catalog-fixtures';

// Saturday 28 November 2026, 14:00 Beijing time.
const NOW = Date.parse('2026-11-28T06:00:00Z');

for (const dialect of testDialects()) {
  describe(`catalog: schema versions and data duties (${dialect})`, () => {
    let t: TestApp;
    let jiangsu: Province;
    let anhui: Province;
    let wg: Awaited<ReturnType<typeof makeWorkingGroup>>;
    const published: DomainEvents['schema.published'][] = [];

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV, context: { clock: { now: () => NOW } } });
      t.ctx.events.on('schema.published', (event) => void published.push(event));
      jiangsu = await makeProvince(t.app, t.ctx, '320000');
      anhui = await makeProvince(t.app, t.ctx, '340000');
      wg = await makeWorkingGroup(t.app, t.ctx);
    });
    afterAll(async () => t?.close());

    const send = (method: 'POST' | 'PATCH', url: string, session: Province['steward'], payload?: unknown) =>
      t.app.inject({ method, url, headers: session.headers(true), ...(payload === undefined ? {} : { payload: payload as object }) });
    const get = (url: string, session: Province['steward']) => t.app.inject({ method: 'GET', url, headers: session.headers() });

    it('drafts, publishes v1, then v2 (migration note required) while v1 stays readable; the current schema moves', async () => {
      const dataset = await makeDataset(t.ctx, jiangsu.organisation.id);
      const base = `/api/v1/datasets/${dataset.id}/schemas`;
      const bad = await send('POST', base, jiangsu.steward, { definition: { tables: [] } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('SCHEMA_INVALID');
      expect(bad.json().error.details.problems.length).toBeGreaterThan(0);
      // The checker's meaning checks too: a primary key naming a field the table lacks.
      const definition = simpleDefinition();
      definition.tables[0]!.primaryKey = ['station_code', 'nowhere'];
      const unsound = await send('POST', base, jiangsu.steward, { definition });
      expect(unsound.statusCode).toBe(400);
      expect(unsound.json().error.details.problems[0].path).toBe('/tables/0/primaryKey/1');
      const checked = await send('POST', `${base}/check`, jiangsu.steward, { definition });
      expect(checked.statusCode).toBe(200);
      expect(checked.json().problems.map((p: { path: string }) => p.path)).toEqual(['/tables/0/primaryKey/1']);
      expect((await send('POST', `${base}/check`, jiangsu.steward, { definition: simpleDefinition() })).json()).toEqual({ problems: [] });
      // Code lists are looked up in the dictionary.
      const unknownList = simpleDefinition();
      (unknownList.tables[0]!.fields[0] as Record<string, unknown>).codeList = { code: 'NO_SUCH_LIST' };
      const listProblem = await send('POST', base, jiangsu.steward, { definition: { ...unknownList, tables: [{ ...unknownList.tables[0]!, fields: unknownList.tables[0]!.fields.map((f, i) => (i === 0 ? { ...f, type: 'code' } : f)) }] } });
      expect(listProblem.statusCode).toBe(400);
      expect(JSON.stringify(listProblem.json().error.details.problems)).toContain('NO_SUCH_LIST');
      expect((await send('POST', base, anhui.steward, { definition: simpleDefinition() })).statusCode).toBe(403);

      const v1 = (await send('POST', base, jiangsu.steward, { definition: simpleDefinition() })).json<DatasetSchemaVersion>();
      expect(v1).toMatchObject({ version: 1, status: 'draft', current: false });
      // The read path's definition lookup knows only published (immutable) versions.
      expect(await t.ctx.catalog.publishedDefinition(t.ctx.database.db, v1.id)).toBeUndefined();
      expect((await send('POST', base, jiangsu.steward, { definition: simpleDefinition() })).statusCode).toBe(409);
      // Drafts are the owner's work in progress.
      expect((await get(base, anhui.analyst)).json().items).toEqual([]);
      const publishedV1 = await send('POST', `${base}/${v1.id}/publish`, jiangsu.steward);
      expect(publishedV1.statusCode, publishedV1.body).toBe(200);
      expect(publishedV1.json<DatasetSchemaVersion>()).toMatchObject({ status: 'published', current: true });
      expect((await send('PATCH', `${base}/${v1.id}`, jiangsu.steward, { definition: simpleDefinition('x') })).statusCode).toBe(409);
      const kept = await t.ctx.catalog.publishedDefinition(t.ctx.database.db, v1.id);
      expect(kept).toEqual(simpleDefinition());
      // Kept in memory and handed to every reader, so nobody can change it in place.
      expect(Object.isFrozen(kept!.tables[0]!.fields[0])).toBe(true);
      expect(await t.ctx.catalog.publishedDefinition(t.ctx.database.db, v1.id)).toBe(kept);
      expect(await t.ctx.catalog.sharingFacts(t.ctx.database.db, dataset.id)).toEqual({
        id: dataset.id,
        titleZh: dataset.titleZh,
        titleEn: dataset.titleEn,
        ownerOrganisationId: jiangsu.organisation.id,
        sharingType: dataset.sharing.type,
        status: 'published',
      });
      expect(await t.ctx.catalog.sharingFacts(t.ctx.database.db, 'no-such-dataset')).toBeUndefined();

      const afterV1 = (await get(`/api/v1/datasets/${dataset.id}`, anhui.analyst)).json<Dataset>();
      expect(afterV1).toMatchObject({ currentSchemaId: v1.id, currentSchemaVersion: 1 });
      expect(afterV1.informationItems).toEqual([
        { table: 'readings', name: 'station_code', title: '站点编码', dataType: 'C', length: 20 },
        { table: 'readings', name: 'observed_at', title: '监测时间', dataType: 'T', length: null },
        { table: 'readings', name: 'pm25', title: 'PM2.5浓度', dataType: 'N', length: null },
      ]);

      const v2 = (await send('POST', base, jiangsu.steward, { definition: simpleDefinition('aqi') })).json<DatasetSchemaVersion>();
      expect(v2.version).toBe(2);
      const noNote = await send('POST', `${base}/${v2.id}/publish`, jiangsu.steward);
      expect(noNote.statusCode).toBe(400);
      expect(noNote.json().error.code).toBe('MIGRATION_NOTE_REQUIRED');
      expect((await send('PATCH', `${base}/${v2.id}`, jiangsu.steward, { migrationNote: '新增 AQI 字段；旧数据保持 v1' })).statusCode).toBe(200);
      expect((await send('POST', `${base}/${v2.id}/publish`, jiangsu.steward)).statusCode).toBe(200);

      const versions = (await get(base, anhui.analyst)).json().items as DatasetSchemaVersion[];
      expect(versions.map((v) => [v.version, v.status, v.current])).toEqual([[2, 'published', true], [1, 'published', false]]);
      expect((await get(`${base}/${v1.id}`, anhui.analyst)).json<DatasetSchemaVersion>().definition).toEqual(simpleDefinition());
      expect((await t.ctx.catalog.currentSchema(t.ctx.database.db, dataset.id))?.id).toBe(v2.id);
      expect((await t.ctx.catalog.getSchema(t.ctx.database.db, v1.id))?.status).toBe('published');
      await t.ctx.events.settled();
      expect(published).toContainEqual({ datasetId: dataset.id, schemaId: v2.id, version: 2 });
      const kinds = (await get(`/api/v1/datasets/${dataset.id}/activity?kind=schema.`, anhui.analyst)).json().items.map((e: { kind: string }) => e.kind);
      expect(kinds).toEqual(['schema.published', 'schema.draft_created', 'schema.published', 'schema.draft_created']);
    });

    it('other parts record activity inside their own transaction (rolled back with it)', async () => {
      const dataset = await makeDataset(t.ctx, jiangsu.organisation.id);
      await expect(
        t.ctx.database.db.transaction().execute(async (trx) => {
          await t.ctx.catalog.recordActivity(trx, { datasetId: dataset.id, kind: 'release.accepted', actor: null, summary: 'Release 1 accepted', details: { releaseId: 'r1' } });
          throw new Error('the release write failed');
        }),
      ).rejects.toThrow('the release write failed');
      await t.ctx.database.db.transaction().execute((trx) => t.ctx.catalog.recordActivity(trx, { datasetId: dataset.id, kind: 'release.accepted', actor: null, summary: 'Release 2 accepted', details: { releaseId: 'r2' } }));
      const items = (await get(`/api/v1/datasets/${dataset.id}/activity?kind=release.accepted`, anhui.analyst)).json().items;
      expect(items.map((e: { summary: string }) => e.summary)).toEqual(['Release 2 accepted']);
    });

    it('keeps a data-duty register: the working group manages, the obliged organisation sees, overdue is flagged', async () => {
      const monthly = await makeDataset(t.ctx, anhui.organisation.id, { updateCycle: 'monthly' });
      const body = { datasetId: monthly.id, organisationId: anhui.organisation.id, cycle: 'monthly', firstDueDate: '2026-09-30', note: '每月末前报送上月数据' };
      expect((await send('POST', '/api/v1/duties', anhui.admin, body)).statusCode).toBe(403);
      expect((await send('POST', '/api/v1/duties', wg.member, { ...body, firstDueDate: '2026-02-30' })).statusCode).toBe(400);
      const created = await send('POST', '/api/v1/duties', wg.member, body);
      expect(created.statusCode, created.body).toBe(201);
      // Nothing supplied since 30 September: overdue.
      expect(created.json<DataDuty>()).toMatchObject({ nextDueDate: '2026-09-30', overdue: true, organisationName: anhui.organisation.name });

      // A release in the window (30 Oct, 30 Nov] covers the 30 November due date; the next is 30 December.
      await t.ctx.catalog.markReleased(t.ctx.database.db, monthly.id, Date.parse('2026-11-20T02:00:00Z'));
      const fulfilled = (await get(`/api/v1/duties/${created.json<DataDuty>().id}`, anhui.steward)).json<DataDuty>();
      expect(fulfilled).toMatchObject({ nextDueDate: '2026-12-30', overdue: false });

      const other = await makeDataset(t.ctx, jiangsu.organisation.id, { updateCycle: 'weekly' });
      const weekly = (await send('POST', '/api/v1/duties', wg.member, { datasetId: other.id, organisationId: jiangsu.organisation.id, cycle: 'weekly', firstDueDate: '2026-11-06' })).json<DataDuty>();
      expect(weekly.overdue).toBe(true);

      // The obliged organisation sees its duties only; the working group sees all.
      const anhuiView = (await get('/api/v1/duties', anhui.analyst)).json();
      expect(anhuiView.items.map((d: DataDuty) => d.datasetId)).toEqual([monthly.id]);
      const wgView = (await get('/api/v1/duties?overdue=true', wg.member)).json();
      expect(wgView.items.map((d: DataDuty) => d.id)).toEqual([weekly.id]);
      expect(wgView.overdue).toBe(1);
      expect((await get(`/api/v1/duties/${weekly.id}`, anhui.analyst)).statusCode).toBe(404);

      const ended = await send('PATCH', `/api/v1/duties/${weekly.id}`, wg.member, { status: 'ended' });
      expect(ended.json<DataDuty>()).toMatchObject({ status: 'ended', overdue: false });
      expect((await send('PATCH', `/api/v1/duties/${weekly.id}`, jiangsu.admin, { status: 'active' })).statusCode).toBe(403);
    });
  });
}
