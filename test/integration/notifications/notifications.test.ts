import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataErrorReport, Notification, Subscription, WebhookDelivery } from '../../../src/contracts/notifications';
import { verifyWebhook } from '../../../src/server/modules/notifications';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { makeDataset, makeProvince, makeWorkingGroup, type Province } from '../catalog/catalog-fixtures';
import { DAY, manualClock } from '../identity/clock';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on localhost that answers with the queued status codes (then 200). */
async function startReceiver(): Promise<{ url: string; received: Received[]; answers: number[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const answers: number[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = answers.shift() ?? 200;
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, answers, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe.each(testDialects())('notifications: follow, webhooks, in-app notifications, data-error reports (%s)', (dialect) => {
  // 2026-09-25 10:00 Beijing: 10 working days later is 2026-10-15 (National Day week skipped).
  const clock = manualClock(Date.UTC(2026, 8, 25, 2, 0, 0));
  let t: TestApp;
  let jiangsu: Province;
  let anhui: Province;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { env: { ...IDENTITY_TEST_ENV, WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_POLL_MS: '86400000', WEBHOOK_RETRY_BASE_MS: '1000', SESSION_TTL_HOURS: '720' }, context: { clock } });
    jiangsu = await makeProvince(t.app, t.ctx, '320000');
    anhui = await makeProvince(t.app, t.ctx, '340000');
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await t?.close();
  });

  it('follows a published dataset with a webhook, delivers signed events with retries and back-off, and keeps the history private', async () => {
    const dataset = await makeDataset(t.ctx, jiangsu.organisation.id);
    const follow = await t.app.inject({ method: 'PUT', url: `/api/v1/datasets/${dataset.id}/follow`, headers: anhui.analyst.headers(true), payload: { webhookUrl: receiver.url } });
    expect(follow.statusCode, follow.body).toBe(200);
    const { subscription, webhookSecret } = follow.json<{ subscription: Subscription; webhookSecret: string }>();
    expect(webhookSecret).toMatch(/^whsec_/);
    expect(subscription.events).toEqual(['release.accepted', 'schema.published', 'dataset.updated']);

    // Changing only the events keeps the URL and does not show the secret again.
    const again = await t.app.inject({ method: 'PUT', url: `/api/v1/datasets/${dataset.id}/follow`, headers: anhui.analyst.headers(true), payload: { events: ['release.accepted'] } });
    expect(again.json<{ webhookSecret: string | null; subscription: Subscription }>()).toMatchObject({ webhookSecret: null, subscription: { webhookUrl: receiver.url, events: ['release.accepted'] } });
    const state = await t.app.inject({ method: 'GET', url: `/api/v1/datasets/${dataset.id}/follow`, headers: jiangsu.analyst.headers() });
    expect(state.json()).toMatchObject({ following: false, followers: 1 });

    // A schema event is not among the chosen ones: nothing is queued for it.
    t.ctx.events.publish('schema.published', { datasetId: dataset.id, schemaId: dataset.id, version: 2 });
    await t.ctx.events.settled();
    expect(await t.ctx.notifications.webhooks.runDue()).toBe(0);

    receiver.answers.push(500);
    t.ctx.events.publish('release.accepted', { datasetId: dataset.id, releaseId: dataset.id, sequence: 3, rowCount: 120 });
    await t.ctx.events.settled();
    expect(await t.ctx.notifications.webhooks.runDue()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    // The first attempt failed: retried after the back-off, not before.
    clock.advance(500);
    expect(await t.ctx.notifications.webhooks.runDue()).toBe(0);
    clock.advance(600);
    expect(await t.ctx.notifications.webhooks.runDue()).toBe(1);
    expect(receiver.received).toHaveLength(2);

    const [first, second] = receiver.received as [Received, Received];
    expect(second.headers['x-yrd-delivery']).toBe(first.headers['x-yrd-delivery']);
    const payload = JSON.parse(second.body) as { event: string; dataset: { id: string }; release: { sequence: number } };
    expect(payload).toMatchObject({ event: 'release.accepted', dataset: { id: dataset.id }, release: { sequence: 3, rowCount: 120 } });
    // The reference receiver accepts the delivery once and spots its replay.
    const seen = new Set<string>();
    const remember = (id: string) => (seen.has(id) ? true : (seen.add(id), false));
    const verify = (received: Received) =>
      verifyWebhook(webhookSecret, { signature: received.headers['x-yrd-signature'] as string, deliveryId: received.headers['x-yrd-delivery'] as string }, received.body, { nowSeconds: Math.floor(clock.now() / 1000), seen: remember });
    expect(verify(second)).toBeNull();
    expect(verify(second)).toBe('REPLAYED');
    expect(verifyWebhook('whsec_other', { signature: second.headers['x-yrd-signature'] as string, deliveryId: 'x' }, second.body, { nowSeconds: Math.floor(clock.now() / 1000) })).toBe('MISMATCH');

    const history = await t.app.inject({ method: 'GET', url: `/api/v1/subscriptions/${subscription.id}/deliveries`, headers: anhui.analyst.headers() });
    const deliveries = history.json<{ items: WebhookDelivery[] }>().items;
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 });
    // Someone else's subscription does not exist for them.
    const foreign = await t.app.inject({ method: 'GET', url: `/api/v1/subscriptions/${subscription.id}/deliveries`, headers: jiangsu.analyst.headers() });
    expect(foreign.statusCode).toBe(404);

    // Redelivery queues the same delivery id again.
    const redeliver = await t.app.inject({ method: 'POST', url: `/api/v1/webhook-deliveries/${deliveries[0]!.id}/redeliver`, headers: anhui.analyst.headers(true), payload: {} });
    expect(redeliver.json()).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await t.ctx.notifications.webhooks.runDue()).toBe(1);
    expect(receiver.received[2]!.headers['x-yrd-delivery']).toBe(first.headers['x-yrd-delivery']);

    // The follower also sees it in the app.
    const inbox = await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: anhui.analyst.headers() });
    expect(inbox.json<{ items: Notification[] }>().items.map((n) => n.kind)).toContain('release.accepted');
  });

  it('refuses webhooks to private addresses when not allowed, drafts of others and unknown datasets', async () => {
    const strict = await buildTestApp(dialect, { env: { ...IDENTITY_TEST_ENV } });
    try {
      const owner = await makeProvince(strict.app, strict.ctx, '330000');
      const dataset = await makeDataset(strict.ctx, owner.organisation.id);
      const refused = await strict.app.inject({ method: 'PUT', url: `/api/v1/datasets/${dataset.id}/follow`, headers: owner.analyst.headers(true), payload: { webhookUrl: 'http://127.0.0.1:9/hook' } });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ error: { code: 'WEBHOOK_TARGET_REFUSED', details: { reason: 'PRIVATE_ADDRESS' } } });
      const mine = await strict.app.inject({ method: 'GET', url: '/api/v1/subscriptions', headers: owner.analyst.headers() });
      expect(mine.json()).toEqual({ items: [] });
    } finally {
      await strict.close();
    }
    const draft = await makeDataset(t.ctx, jiangsu.organisation.id, {}, false);
    const hidden = await t.app.inject({ method: 'PUT', url: `/api/v1/datasets/${draft.id}/follow`, headers: anhui.analyst.headers(true), payload: {} });
    expect(hidden.statusCode).toBe(404);
    const ownDraft = await t.app.inject({ method: 'PUT', url: `/api/v1/datasets/${draft.id}/follow`, headers: jiangsu.analyst.headers(true), payload: {} });
    expect(ownDraft.statusCode).toBe(200);
  });

  it('addresses organisation notifications to the holders of the permission only; marking read is per user', async () => {
    const workingGroup = await makeWorkingGroup(t.app, t.ctx);
    const dataset = await makeDataset(t.ctx, jiangsu.organisation.id);
    t.ctx.events.publish('access.requested', { requestId: dataset.id, datasetId: dataset.id, decidingOrganisationId: jiangsu.organisation.id });
    await t.ctx.events.settled();
    const kinds = async (session: Province['admin']) => (await t.app.inject({ method: 'GET', url: '/api/v1/notifications?unreadOnly=true', headers: session.headers() })).json<{ items: Notification[]; unread: number }>();
    const forAdmin = await kinds(jiangsu.admin);
    expect(forAdmin.items.map((n) => n.kind)).toContain('access.requested');
    expect((await kinds(jiangsu.analyst)).items.map((n) => n.kind)).not.toContain('access.requested');
    expect((await kinds(workingGroup.member)).items.map((n) => n.kind)).not.toContain('access.requested');

    const id = forAdmin.items.find((n) => n.kind === 'access.requested')!.id;
    const foreign = await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: anhui.admin.headers(true), payload: { ids: [id] } });
    expect(foreign.statusCode).toBe(404);
    const both = await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: jiangsu.admin.headers(true), payload: { ids: [id], all: true } });
    expect(both.statusCode).toBe(400);
    const mark = await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: jiangsu.admin.headers(true), payload: { ids: [id] } });
    expect(mark.statusCode).toBe(204);
    expect((await kinds(jiangsu.admin)).unread).toBe(forAdmin.unread - 1);
    // Marking twice is harmless.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: jiangsu.admin.headers(true), payload: { all: true } })).statusCode).toBe(204);
    expect((await kinds(jiangsu.admin)).unread).toBe(0);
  });

  it('routes a data-error report to the owner with a deadline in working days and tracks it to resolution', async () => {
    const dataset = await makeDataset(t.ctx, jiangsu.organisation.id);
    const filed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/data-errors',
      headers: anhui.analyst.headers(true),
      payload: { datasetId: dataset.id, tableName: 'readings', rowNo: 12, field: 'pm25', description: 'PM2.5 为 9999，疑似缺测标记未转换' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const report = filed.json<DataErrorReport>();
    expect(report).toMatchObject({ status: 'open', dueDate: '2026-10-15', overdue: false, ownerOrganisationId: jiangsu.organisation.id, reporterOrganisationId: anhui.organisation.id });

    const inbox = await t.app.inject({ method: 'GET', url: '/api/v1/data-errors?box=inbox', headers: jiangsu.steward.headers() });
    expect(inbox.json<{ items: DataErrorReport[] }>().items.map((r) => r.id)).toContain(report.id);
    const outbox = await t.app.inject({ method: 'GET', url: '/api/v1/data-errors?box=outbox', headers: anhui.analyst.headers() });
    expect(outbox.json<{ items: DataErrorReport[] }>().items.map((r) => r.id)).toContain(report.id);
    const stranger = await makeProvince(t.app, t.ctx, '310000');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/data-errors/${report.id}`, headers: stranger.steward.headers() })).statusCode).toBe(404);

    // The reporter cannot answer its own report; the owner's analyst lacks data:submit.
    const byReporter = await t.app.inject({ method: 'POST', url: `/api/v1/data-errors/${report.id}/answer`, headers: anhui.steward.headers(true), payload: { status: 'resolved', response: '已改' } });
    expect(byReporter.statusCode).toBe(403);
    const byAnalyst = await t.app.inject({ method: 'POST', url: `/api/v1/data-errors/${report.id}/answer`, headers: jiangsu.analyst.headers(true), payload: { status: 'resolved', response: '已改' } });
    expect(byAnalyst.statusCode).toBe(403);

    // 2026-10-16 (Beijing) is the day after the deadline: the report shows as overdue.
    clock.advance(21 * DAY);
    const overdue = await t.app.inject({ method: 'GET', url: `/api/v1/data-errors/${report.id}`, headers: jiangsu.steward.headers() });
    expect(overdue.json()).toMatchObject({ overdue: true });

    const acknowledged = await t.app.inject({ method: 'POST', url: `/api/v1/data-errors/${report.id}/answer`, headers: jiangsu.steward.headers(true), payload: { status: 'acknowledged', response: '已确认，将在下一版数据中更正' } });
    expect(acknowledged.json()).toMatchObject({ status: 'acknowledged' });
    const resolved = await t.app.inject({ method: 'POST', url: `/api/v1/data-errors/${report.id}/answer`, headers: jiangsu.steward.headers(true), payload: { status: 'resolved', response: '第 4 版已更正' } });
    expect(resolved.json()).toMatchObject({ status: 'resolved', overdue: false, response: '第 4 版已更正' });
    const reopened = await t.app.inject({ method: 'POST', url: `/api/v1/data-errors/${report.id}/answer`, headers: jiangsu.steward.headers(true), payload: { status: 'rejected', response: '不' } });
    expect(reopened.statusCode).toBe(409);

    // The reporter is told, and the trail holds both sides' writes.
    const told = await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: anhui.analyst.headers() });
    expect(told.json<{ items: Notification[] }>().items.map((n) => n.kind)).toContain('data_error.answered');
    const trail = await t.ctx.audit.list(t.ctx.database.db, { objectType: 'data_error_report', objectId: report.id, limit: 10, offset: 0 });
    expect(trail.items.map((event) => event.action).sort()).toEqual(['data_error.answer', 'data_error.answer', 'data_error.report']);
  });

  it('answers 503 CALENDAR_NOT_COVERED and stores nothing when the deadline falls in a year without holiday data', async () => {
    const later = manualClock(Date.UTC(2027, 11, 20, 2, 0, 0));
    const future = await buildTestApp(dialect, { env: { ...IDENTITY_TEST_ENV }, context: { clock: later } });
    try {
      const owner = await makeProvince(future.app, future.ctx, '320000');
      const other = await makeProvince(future.app, future.ctx, '340000');
      const futureDataset = await makeDataset(future.ctx, owner.organisation.id);
      const response = await future.app.inject({ method: 'POST', url: '/api/v1/data-errors', headers: other.analyst.headers(true), payload: { datasetId: futureDataset.id, description: '坐标有误' } });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ error: { code: 'CALENDAR_NOT_COVERED' } });
      const list = await future.app.inject({ method: 'GET', url: '/api/v1/data-errors?box=outbox', headers: other.analyst.headers() });
      expect(list.json()).toMatchObject({ total: 0 });
    } finally {
      await future.close();
    }
  });
});
