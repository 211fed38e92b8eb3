import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRequest, Grant } from '../../../src/contracts/access';
import { seedDemoData } from '../../../src/server/modules/demo';
import { seedAccessDemo } from '../../../src/server/modules/demo/access-demo';
import { testDialects } from '../../helpers/dialects';
import { DEMO_CREDENTIALS } from '../../helpers/browser';
import { IDENTITY_TEST_ENV, login } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';

describe.each(testDialects())('access demo (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    // A fixed start: ten working days must not reach into a year whose holidays are unpublished.
    const started = Date.now();
    const clock = { now: () => Date.UTC(2026, 10, 28, 2, 0) + (Date.now() - started) };
    t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV, context: { clock } });
    await seedDemoData(t.ctx);
  });
  afterAll(async () => t?.close());

  it('shows pending, partially approved, refused and working-group requests, and a grant on both sides', async () => {
    const get = async <T>(username: string, url: string) => {
      const session = await login(t.app, username, DEMO_CREDENTIALS.password);
      return (await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: session.headers() })).json<T>();
    };
    const jiangsuInbox = await get<{ items: AccessRequest[] }>('js-admin', '/access-requests?box=inbox');
    expect(jiangsuInbox.items.map((r) => r.status).sort()).toEqual(['partially_approved', 'pending']);
    expect(jiangsuInbox.items.find((r) => r.status === 'pending')!.workingDaysLeft).toBeGreaterThan(0);
    const wgInbox = await get<{ items: AccessRequest[] }>('wg', '/access-requests?box=inbox');
    expect(wgInbox.items).toHaveLength(1);
    expect(wgInbox.items[0]!.legalBasis).toContain('核安全法');
    const zhejiangGrants = await get<{ items: Grant[] }>('zj-admin', '/grants?side=received');
    expect(zhejiangGrants.items).toHaveLength(1);
    expect(zhejiangGrants.items[0]!.scopeCodes).toEqual(['320500']);
    const jiangsuOutbox = await get<{ items: AccessRequest[] }>('js-admin', '/access-requests?box=outbox');
    expect(jiangsuOutbox.items[0]).toMatchObject({ status: 'refused' });
  });

  it('is idempotent', async () => {
    expect(await seedAccessDemo(t.ctx, t.ctx.clock.now())).toEqual({ requestsCreated: 0 });
  });
});
