import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRequest, Exchange } from '../../../src/contracts/access';
import type { Dataset } from '../../../src/contracts/catalog';
import type { ReleaseDetail } from '../../../src/contracts/releases';
import { SYSTEM } from '../../../src/server/modules/identity';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV, login, TEST_PASSWORD, type Session } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { makeDataset, makeProvince, makeWorkingGroup, type Province } from '../catalog/catalog-fixtures';
import { sectionsTable } from '../scenario/sections-schema';

const RATE_LIMIT = 25;

/** The shared sections table (division scope field, masked phone); samples have no scope field. */
const definition = {
  format: 1,
  tables: [
    sectionsTable,
    {
      name: 'samples',
      label: { zh: '监测结果', en: 'Samples' },
      fields: [
        { name: 'section_code', label: { zh: '断面编码', en: 'Section code' }, type: 'string', required: true },
        { name: 'cod', label: { zh: '化学需氧量', en: 'COD' }, type: 'decimal', unit: 'mg/L' },
      ],
    },
  ],
};

const sections = [
  { section_code: 'JS-TH01', section_name: '太湖乌龟山', division_code: '320200', contact_phone: '13812345678' },
  { section_code: 'JS-NJ01', section_name: '长江九乡河口', division_code: '320100', contact_phone: '13912345678' },
  { section_code: 'JS-NJ02', section_name: '秦淮河七桥瓮', division_code: '320104', contact_phone: '13712345678' },
];

describe.each(testDialects())('shared rows read path (%s)', (dialect) => {
  let t: TestApp;
  let now = Date.UTC(2026, 10, 28, 2);
  let jiangsu: Province;
  let anhui: Province;
  let zhejiang: Province;
  let dataset: Dataset;
  let otherDataset: Dataset;
  let bearer: Record<string, string>;
  let workingGroup: { organisation: { id: string }; member: Session };
  let firstReleaseId: string;

  const inject = (method: 'GET' | 'POST', url: string, session: Session | Record<string, string>, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: 'headers' in session ? (session as Session).headers(method !== 'GET') : (session as Record<string, string>), ...(payload === undefined ? {} : { payload: payload as object }) });
  const rows = (who: Session | Record<string, string>, query: string, id = dataset.id) => inject('GET', `/shared-data/${id}/rows?${query}`, who);

  beforeAll(async () => {
    t = await buildTestApp(dialect, { env: { ...IDENTITY_TEST_ENV, SESSION_TTL_HOURS: '720', SHARED_DATA_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) }, context: { clock: { now: () => now } } });
    jiangsu = await makeProvince(t.app, t.ctx, '320000');
    anhui = await makeProvince(t.app, t.ctx, '340000');
    zhejiang = await makeProvince(t.app, t.ctx, '330000');
    workingGroup = await makeWorkingGroup(t.app, t.ctx);
    const conditional = { custodianOrganisationId: workingGroup.organisation.id, theme: 'water' as const, sharing: { type: 'conditional' as const, condition: '用于跨界水质联防联控', mode: 'platform' as const, channel: 'api' as const } };
    dataset = await makeDataset(t.ctx, jiangsu.organisation.id, conditional);
    otherDataset = await makeDataset(t.ctx, jiangsu.organisation.id, conditional);
    const schema = await t.ctx.catalog.schemas.create(SYSTEM, dataset.id, { definition });
    await t.ctx.catalog.schemas.publish(SYSTEM, dataset.id, schema.id);

    const upload = await inject('POST', `/datasets/${dataset.id}/uploads`, jiangsu.steward, { mode: 'append', tables: { sections, samples: [{ section_code: 'JS-NJ01', cod: 12.5 }] } });
    expect(upload.statusCode, upload.body).toBe(201);
    const release = await inject('POST', `/datasets/${dataset.id}/releases`, jiangsu.steward, {});
    expect(release.statusCode, release.body).toBe(201);
    firstReleaseId = release.json<ReleaseDetail>().release.id;
    const accepted = await inject('POST', `/releases/${firstReleaseId}/decision`, workingGroup.member, { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);

    const request = await inject('POST', '/access-requests', anhui.analyst, {
      datasetId: dataset.id,
      purpose: '跨界断面水质联合评估',
      fields: ['sections.contact_phone', 'sections.division_code', 'sections.section_code', 'samples.cod'],
      scopeCodes: ['320000'],
      useFrom: '2026-11-28',
      useUntil: '2027-03-31',
      retentionDays: 30,
    });
    expect(request.statusCode, request.body).toBe(201);
    const decided = await inject('POST', `/access-requests/${request.json<AccessRequest>().id}/decision`, jiangsu.admin, {
      decision: 'partially_approve',
      fields: ['sections.section_code', 'sections.contact_phone', 'samples.cod'],
      scopeCodes: ['320100'],
      reasons: '仅同意南京市断面编码和联系电话',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const grantId = decided.json<AccessRequest>().grantId!;
    const token = await inject('POST', `/grants/${grantId}/tokens`, anhui.analyst, { name: '联合评估接口' });
    expect(token.statusCode, token.body).toBe(201);
    bearer = { authorization: `Bearer ${token.json<{ secret: string }>().secret}` };
  });

  afterAll(async () => {
    await t?.close();
  });

  it('gives the grantee exactly the granted rows and fields, masked, and logs the read', async () => {
    const response = await rows(anhui.analyst, 'table=sections');
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<{ fields: string[]; items: Record<string, unknown>[]; nextCursor: string | null }>();
    expect(page.fields).toEqual(['section_code', 'contact_phone']);
    expect(page.items).toEqual([
      { section_code: 'JS-NJ01', contact_phone: '139****5678' },
      { section_code: 'JS-NJ02', contact_phone: '137****5678' },
    ]);
    expect(page.nextCursor).toBeNull();
    const log = (await inject('GET', '/exchange-log?side=owner', jiangsu.admin)).json<{ items: Exchange[] }>();
    expect(log.items[0]).toMatchObject({ consumerOrganisationId: anhui.organisation.id, rowCount: 2, fields: ['sections.section_code', 'sections.contact_phone'], scopeCodes: ['320100'], purpose: '跨界断面水质联合评估', viaToken: false });
  });

  it('lets the owner read everything in clear, without an exchange entry', async () => {
    const before = (await inject('GET', '/exchange-log?side=owner', jiangsu.admin)).json<{ total: number }>().total;
    const page = (await rows(jiangsu.analyst, 'table=sections')).json<{ items: Record<string, unknown>[] }>();
    expect(page.items).toHaveLength(3);
    expect(page.items[0]).toMatchObject({ section_name: '太湖乌龟山', contact_phone: '13812345678' });
    expect((await inject('GET', '/exchange-log?side=owner', jiangsu.admin)).json<{ total: number }>().total).toBe(before);
  });

  it('pages with stable opaque cursors', async () => {
    const first = (await rows(anhui.analyst, 'table=sections&limit=1')).json<{ items: { section_code: string }[]; nextCursor: string }>();
    expect(first.items.map((r) => r.section_code)).toEqual(['JS-NJ01']);
    const second = (await rows(anhui.analyst, `table=sections&limit=1&cursor=${first.nextCursor}`)).json<{ items: { section_code: string }[]; nextCursor: string }>();
    expect(second.items.map((r) => r.section_code)).toEqual(['JS-NJ02']);
    const third = (await rows(anhui.analyst, `table=sections&limit=1&cursor=${second.nextCursor}`)).json<{ items: unknown[]; nextCursor: string | null }>();
    expect(third).toMatchObject({ items: [], nextCursor: null });
    expect((await rows(anhui.analyst, 'table=sections&cursor=not-a-cursor!')).statusCode).toBe(400);
    expect((await rows(anhui.analyst, `table=samples&cursor=${first.nextCursor}`)).statusCode).toBe(400);
  });

  it('denies by default: no grant, a scoped grant on a table without a division field, a token beyond its grant', async () => {
    const none = await rows(zhejiang.analyst, 'table=sections');
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe('NO_GRANT');
    expect((await rows(anhui.analyst, 'table=samples')).statusCode).toBe(403);
    const viaToken = await rows(bearer, 'table=sections');
    expect(viaToken.statusCode, viaToken.body).toBe(200);
    const beyond = await rows(bearer, 'table=sections', otherDataset.id);
    expect(beyond.statusCode).toBe(403);
    expect(beyond.json().error.code).toBe('TOKEN_BEYOND_GRANT');
    const unknownTable = await rows(anhui.analyst, 'table=no_such_table');
    expect(unknownTable.statusCode).toBe(400);
  });

  it('exports CSV and XLSX with the same filtering', async () => {
    const csv = await rows(anhui.analyst, 'table=sections&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.replace(/^\ufeff/, '').split('\r\n').filter(Boolean)).toEqual(['section_code,contact_phone', 'JS-NJ01,139****5678', 'JS-NJ02,137****5678']);
    const xlsx = await rows(anhui.analyst, 'table=sections&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('reads the latest accepted release by default and an earlier one by releaseId', async () => {
    await inject('POST', `/datasets/${dataset.id}/uploads`, jiangsu.steward, { mode: 'append', tables: { sections: [{ section_code: 'JS-NJ03', section_name: '玄武湖', division_code: '320102', contact_phone: '13612345678' }] } });
    const second = await inject('POST', `/datasets/${dataset.id}/releases`, jiangsu.steward, {});
    expect(second.statusCode, second.body).toBe(201);
    expect((await inject('POST', `/releases/${second.json<ReleaseDetail>().release.id}/decision`, workingGroup.member, { decision: 'accept' })).statusCode).toBe(200);
    const latest = (await rows(anhui.analyst, 'table=sections')).json<{ releaseSequence: number; items: { section_code: string }[] }>();
    expect(latest.releaseSequence).toBe(2);
    expect(latest.items.map((r) => r.section_code)).toEqual(['JS-NJ01', 'JS-NJ02', 'JS-NJ03']);
    const earlier = (await rows(anhui.analyst, `table=sections&releaseId=${firstReleaseId}`)).json<{ releaseSequence: number; items: unknown[] }>();
    expect(earlier).toMatchObject({ releaseSequence: 1 });
    expect(earlier.items).toHaveLength(2);
    expect((await rows(anhui.analyst, 'table=sections&releaseId=00000000-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });

  it('limits reads per token', async () => {
    let limited = false;
    for (let i = 0; i < RATE_LIMIT + 2 && !limited; i++) {
      const response = await rows(bearer, 'table=sections&limit=1');
      if (response.statusCode === 429) {
        expect(response.json().error.code).toBe('RATE_LIMITED');
        limited = true;
      }
    }
    expect(limited).toBe(true);
    // Another client (a session) keeps its own budget.
    expect((await rows(anhui.admin, 'table=sections&limit=1')).statusCode).toBe(200);
  });

  it('honours expiry: after the period of use the grant no longer reads', async () => {
    now = Date.UTC(2027, 3, 2, 2);
    // The old sessions have expired by then: sign in again.
    const fresh = await login(t.app, anhui.admin.me.user.username, TEST_PASSWORD);
    const expired = await rows(fresh, 'table=sections');
    expect(expired.statusCode).toBe(403);
    expect(expired.json().error.code).toBe('NO_GRANT');
  });
});
