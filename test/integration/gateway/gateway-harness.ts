import { setTimeout as sleep } from 'node:timers/promises';
import type { GatewayStatusResponse } from '../../../src/contracts/gateway';
import type { DialectName } from '../../../src/server/db/dialect';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { IDENTITY_TEST_ENV, makeOrganisation, makeSignedInUser, type Session } from '../../helpers/identity';

/** A migrated app with the gateway listening on an ephemeral port and a signed-in platform admin. */
export interface GatewayHarness {
  t: TestApp;
  port: number;
  admin: Session;
  adminUserId: string;
  organisationId: string;
  /** Registers a station with this MN through POST /api/v1/stations; returns its id. */
  registerStation(mn: string, options?: { code?: string; kind?: 'air' | 'pollution_source'; parameters?: string[] }): Promise<string>;
  /** GET /api/v1/gateway/status as the admin. */
  status(): Promise<GatewayStatus>;
  /** Waits until `predicate(status)` holds (polling), or throws after `timeoutMs`. */
  waitForStatus(predicate: (status: GatewayStatus) => boolean, timeoutMs?: number): Promise<GatewayStatus>;
  readingCount(): Promise<number>;
  close(): Promise<void>;
}

export type GatewayStatus = GatewayStatusResponse;

let stationSeq = 0;

export async function startGatewayHarness(dialect: DialectName, env: Record<string, string> = {}): Promise<GatewayHarness> {
  const t = await buildTestApp(dialect, {
    env: { ...IDENTITY_TEST_ENV, GATEWAY_HOST: '127.0.0.1', GATEWAY_PORT: '0', GATEWAY_BATCH_MAX_DELAY_MS: '5', RATE_LIMIT_PER_MINUTE: '1000000', ...env },
  });
  const { port } = await t.ctx.gatewayModule.start();
  const organisation = await makeOrganisation(t.ctx, { kind: 'working_group', divisionCode: '000000' });
  const admin = await makeSignedInUser(t.app, t.ctx, { organisationId: organisation.id, roles: ['platform_admin'] });

  const harness: GatewayHarness = {
    t,
    port,
    admin: admin.session,
    adminUserId: admin.user.id,
    organisationId: organisation.id,
    async registerStation(mn, options = {}) {
      stationSeq++;
      const kind = options.kind ?? 'pollution_source';
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/stations',
        headers: admin.session.headers(true),
        payload: {
          code: options.code ?? `GW${process.pid}${stationSeq}`,
          name: `网关测试站 ${stationSeq}`,
          nameEn: `Gateway test station ${stationSeq}`,
          mn,
          kind,
          ...(kind === 'pollution_source' ? { subKind: 'waste_water' } : {}),
          longitude: 118.8,
          latitude: 32.06,
          provinceCode: '320000',
          cityCode: '320100',
          ownerOrganisationId: organisation.id,
          parameters: (options.parameters ?? ['w01018', 'w21003']).map((code) => ({ code, unit: 'mg/L' })),
        },
      });
      if (response.statusCode !== 201 && response.statusCode !== 200) throw new Error(`station ${mn}: ${response.statusCode} ${response.body}`);
      return response.json<{ id: string }>().id;
    },
    async status() {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/gateway/status', headers: admin.session.headers() });
      if (response.statusCode !== 200) throw new Error(`status: ${response.statusCode} ${response.body}`);
      return response.json<GatewayStatus>();
    },
    async waitForStatus(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      let last = await harness.status();
      while (!predicate(last)) {
        if (Date.now() > deadline) throw new Error(`gateway status did not reach the expected state: ${JSON.stringify(last.totals)} ${JSON.stringify(last.errorsByReason)}`);
        await sleep(25);
        last = await harness.status();
      }
      return last;
    },
    /** Readings visible once every acked batch has left the SQLite readings inbox. */
    async readingCount() {
      await t.ctx.monitoring.settleAccepted();
      const row = await t.ctx.database.db
        .selectFrom('monitoring_readings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async close() {
      await t.ctx.gatewayModule.stop();
      await t.close();
    },
  };
  return harness;
}
