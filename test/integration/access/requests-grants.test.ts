import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRequest, EffectiveAccess, Grant } from '../../../src/contracts/access';
import type { Dataset } from '../../../src/contracts/catalog';
import { SYSTEM } from '../../../src/server/modules/identity';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV, type Session } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { makeDataset, makeProvince, makeWorkingGroup, simpleDefinition, type Province } from '../catalog/catalog-fixtures';

/** Saturday 2026-11-28 10:00 Beijing. Ten working days later is Friday 2026-12-11. */
const START = Date.UTC(2026, 10, 28, 2, 0);

const conditional = { sharing: { type: 'conditional' as const, condition: '仅限生态环境监管使用', mode: 'platform' as const, channel: 'api' as const } };
const notShared = {
  sharing: { type: 'not_shared' as const, condition: '《中华人民共和国数据安全法》第二十一条', mode: 'platform' as const, channel: 'api' as const },
  openness: { type: 'closed' as const },
};

function requestBody(datasetId: string, overrides: Record<string, unknown> = {}) {
  return {
    datasetId,
    purpose: '长三角跨界断面水质联合评估',
    fields: ['readings.observed_at', 'readings.pm25', 'readings.station_code'],
    scopeCodes: ['320000'],
    useFrom: '2026-12-01',
    useUntil: '2027-06-30',
    retentionDays: 90,
    ...overrides,
  };
}

describe.each(testDialects())('access requests and grants (%s)', (dialect) => {
  let t: TestApp;
  let now = START;
  let jiangsu: Province;
  let anhui: Province;
  let zhejiang: Province;
  let wg: { member: Session };
  let conditionalSet: Dataset;
  let openSet: Dataset;
  let closedSet: Dataset;

  const post = (session: Session, url: string, payload: unknown) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: session.headers(true), payload: payload as object });
  const get = (session: Session, url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: session.headers() });

  beforeAll(async () => {
    t = await buildTestApp(dialect, { env: { ...IDENTITY_TEST_ENV, SESSION_TTL_HOURS: '720' }, context: { clock: { now: () => now } } });
    jiangsu = await makeProvince(t.app, t.ctx, '320000');
    anhui = await makeProvince(t.app, t.ctx, '340000');
    zhejiang = await makeProvince(t.app, t.ctx, '330000');
    wg = await makeWorkingGroup(t.app, t.ctx);
    conditionalSet = await makeDataset(t.ctx, jiangsu.organisation.id, conditional);
    const draft = await t.ctx.catalog.schemas.create(SYSTEM, conditionalSet.id, { definition: simpleDefinition() });
    await t.ctx.catalog.schemas.publish(SYSTEM, conditionalSet.id, draft.id);
    openSet = await makeDataset(t.ctx, jiangsu.organisation.id);
    closedSet = await makeDataset(t.ctx, jiangsu.organisation.id, notShared);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('computes the reply deadline in working days and shows it in both boxes', async () => {
    const response = await post(anhui.analyst, '/access-requests', requestBody(conditionalSet.id));
    expect(response.statusCode, response.body).toBe(201);
    const request = response.json<AccessRequest>();
    expect(request).toMatchObject({
      status: 'pending',
      decidingOrganisationId: jiangsu.organisation.id,
      requestingOrganisationId: anhui.organisation.id,
      deadlineDate: '2026-12-11',
      deadlineAt: '2026-12-11T15:59:59.999Z',
      replyWorkingDays: 10,
      workingDaysLeft: 10,
      overdue: false,
      fields: ['readings.observed_at', 'readings.pm25', 'readings.station_code'],
      scopeCodes: ['320000'],
    });
    expect(request.calendarVersion).toMatch(/^chinese-days@/);
    expect(request.events.map((e) => e.kind)).toEqual(['submitted']);

    const inbox = (await get(jiangsu.admin, '/access-requests?box=inbox')).json<{ items: AccessRequest[] }>();
    expect(inbox.items.map((r) => r.id)).toContain(request.id);
    const outbox = (await get(anhui.analyst, '/access-requests?box=outbox')).json<{ items: AccessRequest[] }>();
    expect(outbox.items.map((r) => r.id)).toContain(request.id);
    expect((await get(zhejiang.admin, `/access-requests/${request.id}`)).statusCode).toBe(404);

    const audit = await t.ctx.audit.list(t.ctx.database.db, { objectType: 'access_request', objectId: request.id, limit: 10, offset: 0 });
    expect(audit.items.map((e) => e.action)).toEqual(['access_request.create']);
  });

  it('answers bad requests with stable codes and writes nothing', async () => {
    const unconditional = await post(anhui.analyst, '/access-requests', requestBody(openSet.id, { fields: undefined }));
    expect(unconditional.statusCode).toBe(409);
    expect(unconditional.json().error.code).toBe('ACCESS_NOT_NEEDED');

    const noBasis = await post(anhui.analyst, '/access-requests', requestBody(closedSet.id, { fields: undefined }));
    expect(noBasis.statusCode).toBe(400);
    expect(noBasis.json().error).toMatchObject({ code: 'LEGAL_BASIS_REQUIRED' });
    expect(noBasis.json().error.messageZh).toContain('法律依据');

    const unknownField = await post(anhui.analyst, '/access-requests', requestBody(conditionalSet.id, { fields: ['readings.no_such_field'] }));
    expect(unknownField.statusCode).toBe(400);
    const onward = await post(anhui.analyst, '/access-requests', requestBody(conditionalSet.id, { onwardSharing: true }));
    expect(onward.statusCode).toBe(400);
    const backwards = await post(anhui.analyst, '/access-requests', requestBody(conditionalSet.id, { useFrom: '2027-01-01', useUntil: '2026-12-31' }));
    expect(backwards.statusCode).toBe(400);
    const own = await post(jiangsu.admin, '/access-requests', requestBody(conditionalSet.id));
    expect([403, 409]).toContain(own.statusCode);
    const outbox = (await get(anhui.analyst, '/access-requests?box=outbox')).json<{ total: number }>();
    expect(outbox.total).toBe(1);
  });

  it('sends requests for 不予共享 data to the working group, not the owner', async () => {
    const response = await post(anhui.analyst, '/access-requests', requestBody(closedSet.id, { fields: undefined, legalBasis: '《长三角生态环境协同条例》第十二条' }));
    expect(response.statusCode, response.body).toBe(201);
    const request = response.json<AccessRequest>();
    expect(request.decidingOrganisationId).not.toBe(jiangsu.organisation.id);
    const byOwner = await post(jiangsu.admin, `/access-requests/${request.id}/decision`, { decision: 'approve' });
    expect(byOwner.statusCode).toBe(404);
    const refusedWithout = await post(wg.member, `/access-requests/${request.id}/decision`, { decision: 'refuse' });
    expect(refusedWithout.statusCode).toBe(400);
    expect(refusedWithout.json().error.code).toBe('REASONS_REQUIRED');
    const refused = await post(wg.member, `/access-requests/${request.id}/decision`, { decision: 'refuse', reasons: '申请用途不属于履职所必需' });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json<AccessRequest>()).toMatchObject({ status: 'refused', reasons: '申请用途不属于履职所必需', grantId: null });
  });

  it('narrows fields and rows by partial approval; the grant is visible to both sides and enforced in effective access', async () => {
    const request = (await post(anhui.analyst, '/access-requests', requestBody(conditionalSet.id))).json<AccessRequest>();
    const outside = await post(jiangsu.admin, `/access-requests/${request.id}/decision`, { decision: 'partially_approve', fields: ['readings.pm10'], reasons: '仅提供部分字段' });
    expect(outside.statusCode).toBe(400);
    const wider = await post(jiangsu.admin, `/access-requests/${request.id}/decision`, { decision: 'partially_approve', scopeCodes: ['330100'], reasons: '范围' });
    expect(wider.statusCode).toBe(400);
    const byAnalyst = await post(jiangsu.analyst, `/access-requests/${request.id}/decision`, { decision: 'approve' });
    expect(byAnalyst.statusCode).toBe(403);

    const decided = await post(jiangsu.admin, `/access-requests/${request.id}/decision`, {
      decision: 'partially_approve',
      fields: ['readings.pm25', 'readings.observed_at'],
      scopeCodes: ['320100'],
      reasons: '仅同意南京市范围内的两个字段',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const answered = decided.json<AccessRequest>();
    expect(answered.status).toBe('partially_approved');
    expect(answered.grantId).not.toBeNull();
    expect((await post(jiangsu.admin, `/access-requests/${request.id}/decision`, { decision: 'approve' })).statusCode).toBe(409);

    const received = (await get(anhui.analyst, '/grants?side=received')).json<{ items: Grant[] }>();
    const given = (await get(jiangsu.admin, '/grants?side=given')).json<{ items: Grant[] }>();
    const grant = received.items.find((g) => g.id === answered.grantId)!;
    expect(given.items.map((g) => g.id)).toContain(grant.id);
    expect(grant).toMatchObject({ fields: ['readings.observed_at', 'readings.pm25'], scopeCodes: ['320100'], status: 'not_yet_valid', validUntil: '2027-06-30T16:00:00.000Z' });

    // The period of use starts on 2026-12-01 (Beijing).
    now = Date.UTC(2026, 11, 1, 1, 0);
    const access = (await get(anhui.analyst, `/shared-data/${conditionalSet.id}/access`)).json<EffectiveAccess>();
    expect(access).toMatchObject({ kind: 'granted', grantId: grant.id, fields: ['readings.observed_at', 'readings.pm25'], scopeCodes: ['320100'] });
    expect((await get(jiangsu.analyst, `/shared-data/${conditionalSet.id}/access`)).json<EffectiveAccess>().kind).toBe('owner');
    expect((await get(zhejiang.analyst, `/shared-data/${conditionalSet.id}/access`)).json<EffectiveAccess>().kind).toBe('none');
    expect((await get(zhejiang.analyst, `/shared-data/${openSet.id}/access`)).json<EffectiveAccess>().kind).toBe('unconditional');

    // A token bound to the grant: scope data:read only, and only this dataset.
    const made = await post(anhui.analyst, `/grants/${grant.id}/tokens`, { name: '水质联合评估接口' });
    expect(made.statusCode, made.body).toBe(201);
    const bearer = { authorization: `Bearer ${made.json<{ secret: string }>().secret}` };
    expect(made.json<{ token: { scopes: string[] } }>().token.scopes).toEqual(['data:read']);
    const viaToken = await t.app.inject({ method: 'GET', url: `/api/v1/shared-data/${conditionalSet.id}/access`, headers: bearer });
    expect(viaToken.json<EffectiveAccess>()).toMatchObject({ kind: 'granted', grantId: grant.id });
    const otherDataset = await t.app.inject({ method: 'GET', url: `/api/v1/shared-data/${openSet.id}/access`, headers: bearer });
    expect(otherDataset.json<EffectiveAccess>().kind).toBe('none');
    const otherRoute = await t.app.inject({ method: 'GET', url: '/api/v1/access-requests?box=outbox', headers: bearer });
    expect(otherRoute.statusCode).toBe(403);
    expect(otherRoute.json().error.code).toBe('INSUFFICIENT_SCOPE');

    // Revocation: not by the grantee; by the owner, and then access is gone.
    expect((await post(anhui.admin, `/grants/${grant.id}/revoke`, { reason: '不需要了' })).statusCode).toBe(403);
    const revoked = await post(jiangsu.admin, `/grants/${grant.id}/revoke`, { reason: '监管用途已结束' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json<Grant>()).toMatchObject({ status: 'revoked', revokeReason: '监管用途已结束' });
    expect((await get(anhui.analyst, `/shared-data/${conditionalSet.id}/access`)).json<EffectiveAccess>().kind).toBe('none');
    now = START;
  });

  it('reminds before the deadline and escalates overdue requests to the working group (tick)', async () => {
    now = START;
    const request = (await post(zhejiang.analyst, '/access-requests', requestBody(conditionalSet.id, { scopeCodes: undefined }))).json<AccessRequest>();
    const kinds = async () => (await get(zhejiang.analyst, `/access-requests/${request.id}`)).json<AccessRequest>().events.map((e) => e.kind);
    // Tuesday 2026-12-08 (Beijing): three working days left, no reminder yet.
    await t.ctx.access.requests.tick(Date.UTC(2026, 11, 8, 2));
    expect(await kinds()).toEqual(['submitted']);
    // Wednesday 2026-12-09: two working days left (10th and 11th) → one reminder, once.
    await t.ctx.access.requests.tick(Date.UTC(2026, 11, 9, 2));
    await t.ctx.access.requests.tick(Date.UTC(2026, 11, 9, 3));
    expect(await kinds()).toEqual(['submitted', 'reminder']);
    // Monday 2026-12-14 (Beijing): one working day overdue → escalated once.
    now = Date.UTC(2026, 11, 14, 2);
    expect((await t.ctx.access.requests.tick(now)).escalated).toBeGreaterThanOrEqual(1);
    expect(await t.ctx.access.requests.tick(now)).toEqual({ reminded: 0, escalated: 0 });
    const seen = (await get(zhejiang.analyst, `/access-requests/${request.id}`)).json<AccessRequest>();
    expect(seen.events.map((e) => e.kind)).toEqual(['submitted', 'reminder', 'escalated']);
    expect(seen.overdue).toBe(true);
    expect(seen.workingDaysLeft).toBe(-1);
    const wgInbox = (await get(wg.member, '/access-requests?box=inbox')).json<{ items: AccessRequest[] }>();
    expect(wgInbox.items.map((r) => r.id)).toContain(request.id);
    const byWg = await post(wg.member, `/access-requests/${request.id}/decision`, { decision: 'approve' });
    expect(byWg.statusCode, byWg.body).toBe(200);
    now = START;
  });

  it('fails loudly when the deadline falls in a year the calendar does not cover', async () => {
    // Friday 2026-12-25: ten working days later is in January 2027.
    now = Date.UTC(2026, 11, 25, 2);
    const response = await post(anhui.analyst, '/access-requests', requestBody(conditionalSet.id, { useFrom: '2027-01-04' }));
    if (t.ctx.config.access.calendarOverrides.completeYears.includes(2027)) return;
    expect(response.statusCode).toBe(503);
    expect(response.json().error).toMatchObject({ code: 'CALENDAR_NOT_COVERED', details: { years: [2027] } });
    now = START;
  });

  it('lets the requester withdraw a pending request, once', async () => {
    const request = (await post(anhui.analyst, '/access-requests', requestBody(conditionalSet.id))).json<AccessRequest>();
    expect((await post(zhejiang.analyst, `/access-requests/${request.id}/withdraw`, {})).statusCode).toBe(404);
    const withdrawn = await post(anhui.analyst, `/access-requests/${request.id}/withdraw`, {});
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json<AccessRequest>().status).toBe('withdrawn');
    expect((await post(anhui.analyst, `/access-requests/${request.id}/withdraw`, {})).statusCode).toBe(409);
  });
});
