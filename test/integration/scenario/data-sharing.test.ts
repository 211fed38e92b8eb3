import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRequest, Exchange } from '../../../src/contracts/access';
import type { Dataset, DatasetSchemaVersion } from '../../../src/contracts/catalog';
import type { ReleaseDetail, UploadReport } from '../../../src/contracts/releases';
import type { SharingFigures } from '../../../src/contracts/sharing-figures';
import { verifyWebhook } from '../../../src/server/modules/notifications';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV, type Session } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { datasetBody, makeProvince, makeWorkingGroup, type Province } from '../catalog/catalog-fixtures';
import { sectionsSchema } from './sections-schema';

/**
 * The "done when" path through the HTTP API, end to end: Jiangsu publishes a conditional
 * dataset with a schema and a BLOCKER rule → an upload fails, is fixed, released → the custodian
 * accepts → Anhui asks for fields of one city → Jiangsu approves part of it → Anhui's token reads
 * exactly those rows and fields, masked → the exchange log and Jiangsu's figures show it → schema
 * v2 is published while collection goes on → Anhui's webhook has fired for both.
 */
const schemaV1 = sectionsSchema(false);
const schemaV2 = sectionsSchema(true);

const sections = [
  { section_code: 'JS-SZ01', section_name: '太浦河汾湖大桥', division_code: '320500', contact_phone: '13812345678' },
  { section_code: 'JS-SZ02', section_name: '吴淞江赵屯', division_code: '320583', contact_phone: '13912345678' },
  { section_code: 'JS-NJ01', section_name: '长江九乡河口', division_code: '320100', contact_phone: '13712345678' },
];
const samples = (cod: number) => [
  { section_code: 'JS-SZ01', sampled_on: '2026-11-02', cod: 14.2 },
  { section_code: 'JS-SZ02', sampled_on: '2026-11-02', cod },
  { section_code: 'JS-NJ01', sampled_on: '2026-11-03', cod: 12.5 },
];

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

describe.each(testDialects())('data sharing scenario, end to end over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let now = Date.UTC(2026, 10, 16, 2, 0); // Monday 2026-11-16, 10:00 Beijing
  let jiangsu: Province;
  let anhui: Province;
  let workingGroup: { organisation: { id: string }; member: Session };
  const deliveries: Delivery[] = [];
  const receiver = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      deliveries.push({ headers: request.headers, body });
      response.end('ok');
    });
  });

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: Session | Record<string, string>, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: 'headers' in who ? (who as Session).headers(method !== 'GET') : (who as Record<string, string>), ...(payload === undefined ? {} : { payload: payload as object }) });

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    t = await buildTestApp(dialect, { env: { ...IDENTITY_TEST_ENV, SESSION_TTL_HOURS: '720', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_POLL_MS: '86400000' }, context: { clock: { now: () => now } } });
    jiangsu = await makeProvince(t.app, t.ctx, '320000');
    anhui = await makeProvince(t.app, t.ctx, '340000');
    workingGroup = await makeWorkingGroup(t.app, t.ctx);
  });

  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('runs the whole path', async () => {
    // 1. Jiangsu publishes a conditional dataset with a schema and a BLOCKER rule.
    const created = await call('POST', '/datasets', jiangsu.steward, datasetBody({ titleZh: '江苏省跨界断面水质', titleEn: 'Jiangsu cross-border sections', theme: 'water', custodianOrganisationId: workingGroup.organisation.id, sharing: { type: 'conditional', condition: '用于跨界水质联防联控', mode: 'platform', channel: 'api' } }));
    expect(created.statusCode, created.body).toBe(201);
    const dataset = created.json<Dataset>();
    const v1 = await call('POST', `/datasets/${dataset.id}/schemas`, jiangsu.steward, { definition: schemaV1 });
    expect(v1.statusCode, v1.body).toBe(201);
    expect((await call('POST', `/datasets/${dataset.id}/schemas/${v1.json<DatasetSchemaVersion>().id}/publish`, jiangsu.steward, {})).statusCode).toBe(200);
    const published = await call('POST', `/datasets/${dataset.id}/publish`, jiangsu.steward, {});
    expect(published.statusCode, published.body).toBe(200);

    // Anhui follows it with a webhook (the secret is shown once).
    const port = (receiver.address() as AddressInfo).port;
    const follow = await call('PUT', `/datasets/${dataset.id}/follow`, anhui.analyst, { webhookUrl: `http://127.0.0.1:${port}/yrd` });
    expect(follow.statusCode, follow.body).toBe(200);
    const secret = follow.json<{ webhookSecret: string }>().webhookSecret;

    // 2. An upload breaks the blocker rule: no release. The fix replaces the samples; then release.
    const bad = await call('POST', `/datasets/${dataset.id}/uploads`, jiangsu.steward, { mode: 'append', tables: { sections, samples: samples(812) } });
    expect(bad.statusCode, bad.body).toBe(201);
    expect(bad.json<UploadReport>().upload.counts.BLOCKER).toBe(1);
    const blocked = await call('POST', `/datasets/${dataset.id}/releases`, jiangsu.steward, {});
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('RELEASE_BLOCKED');
    const fixed = await call('POST', `/datasets/${dataset.id}/uploads`, jiangsu.steward, { mode: 'replace', tables: { samples: samples(16.4) } });
    expect(fixed.json<UploadReport>().upload.counts).toEqual({ BLOCKER: 0, ERROR: 0, WARNING: 0, INFO: 0 });
    const submitted = await call('POST', `/datasets/${dataset.id}/releases`, jiangsu.steward, { note: '十一月断面数据' });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const releaseId = submitted.json<ReleaseDetail>().release.id;

    // 3. The custodian (the working group) accepts.
    const accepted = await call('POST', `/releases/${releaseId}/decision`, workingGroup.member, { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<ReleaseDetail>().release).toMatchObject({ status: 'accepted', sequence: 1, rowCount: 6, schemaVersion: 1 });

    // 4. Anhui asks for two fields of Suzhou (苏州市 320500); Jiangsu grants one of them.
    const requested = await call('POST', '/access-requests', anhui.analyst, {
      datasetId: dataset.id,
      purpose: '太浦河跨界断面联合评估',
      fields: ['sections.section_code', 'sections.contact_phone'],
      scopeCodes: ['320500'],
      useFrom: '2026-11-16',
      useUntil: '2027-06-30',
      retentionDays: 30,
    });
    expect(requested.statusCode, requested.body).toBe(201);
    expect(requested.json<AccessRequest>().deadlineDate).toBe('2026-11-30');
    now += 2 * 86_400_000;
    const decided = await call('POST', `/access-requests/${requested.json<AccessRequest>().id}/decision`, jiangsu.admin, {
      decision: 'partially_approve',
      fields: ['sections.section_code', 'sections.contact_phone'],
      scopeCodes: ['320500'],
      reasons: '同意苏州市断面编码和联系电话（联系电话脱敏）',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const grantId = decided.json<AccessRequest>().grantId!;
    const token = await call('POST', `/grants/${grantId}/tokens`, anhui.analyst, { name: '太浦河联合评估' });
    expect(token.statusCode, token.body).toBe(201);
    const bearer = { authorization: `Bearer ${token.json<{ secret: string }>().secret}` };

    // 5. The token reads exactly the Suzhou rows (a county of Suzhou included) and the two fields, masked.
    const read = await call('GET', `/shared-data/${dataset.id}/rows?table=sections`, bearer);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({
      fields: ['section_code', 'contact_phone'],
      items: [
        { section_code: 'JS-SZ01', contact_phone: '138****5678' },
        { section_code: 'JS-SZ02', contact_phone: '139****5678' },
      ],
    });
    expect(Object.keys(read.json<{ items: object[] }>().items[0]!)).toEqual(['section_code', 'contact_phone']);
    // Beyond the grant: another table's fields were not granted.
    expect((await call('GET', `/shared-data/${dataset.id}/rows?table=samples`, bearer)).statusCode).toBe(403);

    // 6. The exchange log and Jiangsu's figures show the read.
    const log = await call('GET', '/exchange-log?side=owner', jiangsu.admin);
    expect(log.json<{ items: Exchange[] }>().items[0]).toMatchObject({ consumerOrganisationId: anhui.organisation.id, rowCount: 2, purpose: '太浦河跨界断面联合评估' });
    const figures = (await call('GET', '/sharing-figures?province=320000', jiangsu.admin)).json<SharingFigures>();
    expect(figures.consumers).toMatchObject({ organisations: 1, exchanges: 1, rows: 2 });
    expect(figures.requests).toMatchObject({ submitted: 1, partiallyApproved: 1, medianAnswerWorkingDays: 2 });
    expect(figures.releases.accepted).toBe(1);
    expect(figures.validation).toMatchObject({ uploads: 2, passed: 1, passRate: 0.5 });

    // 7. Schema v2 is published while collection continues: the collected upload keeps v1, new ones use v2.
    const pending = await call('POST', `/datasets/${dataset.id}/uploads`, jiangsu.steward, { mode: 'append', tables: { samples: [{ section_code: 'JS-SZ01', sampled_on: '2026-11-17', cod: 15 }] } });
    expect(pending.json<UploadReport>().upload.schemaVersion).toBe(1);
    const v2 = await call('POST', `/datasets/${dataset.id}/schemas`, jiangsu.steward, { definition: schemaV2, migrationNote: '监测结果增加流量（m3/s）' });
    expect(v2.statusCode, v2.body).toBe(201);
    expect((await call('POST', `/datasets/${dataset.id}/schemas/${v2.json<DatasetSchemaVersion>().id}/publish`, jiangsu.steward, {})).statusCode).toBe(200);
    const next = await call('POST', `/datasets/${dataset.id}/uploads`, jiangsu.steward, { mode: 'append', tables: { samples: [{ section_code: 'JS-SZ02', sampled_on: '2026-11-17', cod: 13, flow: 42.5 }] } });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json<UploadReport>().upload).toMatchObject({ schemaVersion: 2, counts: { BLOCKER: 0, ERROR: 0 } });
    // Anhui still reads the accepted release, validated against v1.
    expect((await call('GET', `/shared-data/${dataset.id}/rows?table=sections`, bearer)).json<{ items: object[] }>().items).toHaveLength(2);

    // 8. Anhui's webhook fired for the accepted release and for the new schema, signed.
    await t.ctx.events.settled();
    expect(await t.ctx.notifications.webhooks.runDue()).toBe(2);
    const events = deliveries.map((delivery) => JSON.parse(delivery.body) as { event: string; dataset: { id: string } });
    expect(events.map((event) => event.event)).toEqual(['release.accepted', 'schema.published']);
    expect(events.every((event) => event.dataset.id === dataset.id)).toBe(true);
    for (const delivery of deliveries) {
      expect(verifyWebhook(secret, { signature: delivery.headers['x-yrd-signature'] as string, deliveryId: delivery.headers['x-yrd-delivery'] as string }, delivery.body, { nowSeconds: Math.floor(now / 1000) })).toBeNull();
    }
  });
});
