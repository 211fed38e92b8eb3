/**
 * `npm run bench:api` — reading 100 granted rows through the shared-data API versus a bare
 * query of the same rows, in one run.
 *
 * A fresh SQLite database (or PostgreSQL with BENCH_DIALECT=postgres at BENCH_PG_URL) gets a
 * conditional dataset with BENCH_ROWS sections (default 2000) spread over Jiangsu's cities, an
 * accepted release, and a grant to Anhui for one city's rows and three of the four fields. Then,
 * alternating so machine load hits both alike, BENCH_ROUNDS (default 15) timed rounds of
 * BENCH_READS (default 50) reads each:
 *  - API: `GET /api/v1/shared-data/:id/rows?table=sections&limit=100` with a grant-bound token
 *    through the whole HTTP stack (authentication, grant, release, schema, scope filter,
 *    projection, masking, the hash-chained exchange-log append, JSON serialisation);
 *  - bare: the same 100 rows by one Kysely query on release_rows (same index range), JSON-parsed.
 * Prints rows per second of each (median round) and the ratio API / bare (target ≥ 0.7).
 * Figures only; nothing is asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/server/config/config';
import { closeContext, createContext } from '../src/server/context';
import { buildApp } from '../src/server/http/app';
import { SYSTEM } from '../src/server/modules/identity';
import { sectionsTable } from '../test/integration/scenario/sections-schema';

const env = process.env;
const ROWS = Number(env.BENCH_ROWS ?? 2000);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 15);
const READS = Number(env.BENCH_READS ?? 50);
const DIALECT = env.BENCH_DIALECT ?? 'sqlite';
const PG_URL = env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CITIES = ['320100', '320200', '320300', '320400', '320500', '320600'];

// The same sections table as the shared-data tests (one division field, one masked phone).
const definition = { format: 1, tables: [sectionsTable] };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'yrd-bench-api-'));
  let schema: string | undefined;
  const baseEnv = { DATA_DIR: dir, LOG_LEVEL: 'silent', DEMO_DATA: 'never', GATEWAY_ENABLED: 'false', SHARED_DATA_RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_PER_MINUTE: '1000000' };
  if (DIALECT === 'postgres') {
    schema = `bench_api_${process.pid}`;
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
  }
  const config = loadConfig(DIALECT === 'postgres' ? { ...baseEnv, DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema! } : baseEnv);
  const ctx = await createContext(config);
  const app = await buildApp(ctx, { webRoot: false });
  await app.ready();
  try {
    const org = (kind: 'provincial_department' | 'working_group', divisionCode: string, name: string) =>
      ctx.identity.organisations.create(SYSTEM, { kind, divisionCode, name, nameEn: name });
    const jiangsu = await org('provincial_department', '320000', '江苏省生态环境厅（基准）');
    const anhui = await org('provincial_department', '340000', '安徽省生态环境厅（基准）');
    const workingGroup = await org('working_group', '000000', '长三角工作专班（基准）');
    const user = async (organisationId: string, username: string, roles: ('org_admin' | 'data_steward' | 'analyst' | 'working_group_member')[]) => {
      await ctx.identity.users.create(SYSTEM, { username, displayName: username, organisationId, roles, password: 'Bench#Passw0rd-2026' });
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Bench#Passw0rd-2026' } });
      const cookie = response.cookies.find((c) => c.name === 'yrd_session')!;
      const csrf = response.json<{ csrfToken: string }>().csrfToken;
      return { cookie: `${cookie.name}=${cookie.value}`, 'x-csrf-token': csrf };
    };
    const steward = await user(jiangsu.id, 'bench-steward', ['data_steward', 'org_admin']);
    const member = await user(workingGroup.id, 'bench-wg', ['working_group_member']);
    const analyst = await user(anhui.id, 'bench-analyst', ['analyst']);
    const post = async (headers: Record<string, string>, url: string, payload: object) => {
      const response = await app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });
      if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
      return response.json<Record<string, unknown>>();
    };

    const dataset = await ctx.catalog.datasets.create(SYSTEM, {
      ownerOrganisationId: jiangsu.id,
      custodianOrganisationId: workingGroup.id,
      classification: { lei: { code: '2', name: '主题' }, xiang: { code: '11', name: '生态环保' }, mu: { code: '002', name: '水环境' } },
      titleZh: '断面名录（基准）',
      titleEn: 'Sections (benchmark)',
      descriptionZh: '基准测试数据',
      descriptionEn: 'Benchmark data',
      theme: 'water',
      keywords: [],
      spatialCoverage: ['320000'],
      temporalStart: null,
      temporalEnd: null,
      format: { category: 'spreadsheet', type: 'csv' },
      sharing: { type: 'conditional', condition: '基准测试', mode: 'platform', channel: 'api' },
      openness: { type: 'closed' },
      updateCycle: 'daily',
      securityGrade: 'general',
      licence: 'CC BY 4.0',
      useTerms: '基准测试',
      relatedCodes: [],
    });
    const schemaVersion = await ctx.catalog.schemas.create(SYSTEM, dataset.id, { definition });
    await ctx.catalog.schemas.publish(SYSTEM, dataset.id, schemaVersion.id);
    await ctx.catalog.datasets.publish(SYSTEM, dataset.id);
    const sections = Array.from({ length: ROWS }, (_, i) => ({
      section_code: `S${String(i).padStart(6, '0')}`,
      section_name: `断面${i}`,
      division_code: CITIES[i % CITIES.length]!,
      contact_phone: `139${String(10_000_000 + i).slice(-8)}`,
    }));
    await post(steward, `/datasets/${dataset.id}/uploads`, { mode: 'append', tables: { sections } });
    const release = (await post(steward, `/datasets/${dataset.id}/releases`, {})) as { release: { id: string } };
    await post(member, `/releases/${release.release.id}/decision`, { decision: 'accept' });
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const request = (await post(analyst, '/access-requests', {
      datasetId: dataset.id,
      purpose: '基准测试',
      fields: ['sections.section_code', 'sections.division_code', 'sections.contact_phone'],
      scopeCodes: ['320100'],
      useFrom: today,
      useUntil: `${Number(today.slice(0, 4)) + 1}-12-31`,
      retentionDays: 1,
    })) as { id: string };
    const decided = (await post(steward, `/access-requests/${request.id}/decision`, { decision: 'approve' })) as { grantId: string };
    const token = (await post(analyst, `/grants/${decided.grantId}/tokens`, { name: 'bench' })) as { secret: string };
    const authorization = `Bearer ${token.secret}`;

    // As a running platform has them (refreshed a minute after start, then hourly).
    await ctx.database.refreshStatistics();
    const url = `/api/v1/shared-data/${dataset.id}/rows?table=sections&limit=100`;
    const viaApi = async () => {
      let rows = 0;
      for (let i = 0; i < READS; i++) {
        const response = await app.inject({ method: 'GET', url, headers: { authorization } });
        if (response.statusCode !== 200) throw new Error(`API read: ${response.statusCode} ${response.body}`);
        rows += response.json<{ items: unknown[] }>().items.length;
      }
      return rows;
    };
    const bare = async () => {
      let rows = 0;
      for (let i = 0; i < READS; i++) {
        const page = await ctx.database.db
          .selectFrom('release_rows')
          .select(['row_no', 'data'])
          .where('release_id', '=', release.release.id)
          .where('table_name', '=', 'sections')
          .where('scope_code', '>=', '320100')
          .where('scope_code', '<', '320200')
          .where('row_no', '>', 0)
          .orderBy('row_no')
          .limit(100)
          .execute();
        rows += page.map((row) => JSON.parse(row.data) as unknown).length;
      }
      return rows;
    };

    const apiRates: number[] = [];
    const bareRates: number[] = [];
    for (let round = -3; round < ROUNDS; round++) {
      for (const [run, rates] of [
        [viaApi, apiRates],
        [bare, bareRates],
      ] as const) {
        const start = process.hrtime.bigint();
        const rows = await run();
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        if (round >= 0) rates.push(rows / seconds);
      }
    }
    const api = median(apiRates);
    const raw = median(bareRates);
    console.log(`bench:api (${DIALECT}) — 100 granted rows of ${ROWS} per read, ${ROUNDS} rounds × ${READS} reads, median round`);
    console.log(`  API (token, grant, scope, projection, masking, exchange log, HTTP): ${api.toFixed(0)} rows/s (${((100 / api) * 1000).toFixed(2)} ms per read)`);
    console.log(`  bare query of the same rows:                                      ${raw.toFixed(0)} rows/s (${((100 / raw) * 1000).toFixed(2)} ms per read)`);
    console.log(`  ratio API / bare: ${(api / raw).toFixed(2)} (target ≥ 0.7)`);
  } finally {
    await app.close();
    await closeContext(ctx);
    if (schema !== undefined) {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
