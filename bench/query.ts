/**
 * `npm run bench:query` — assessment read paths versus raw SQL in the same run.
 *
 * For each dialect (BENCH_DIALECT=sqlite|postgres|both; default both when PostgreSQL answers at
 * BENCH_PG_URL, postgres://postgres@127.0.0.1:5432/postgres):
 *  1. a fresh database, migrated, with BENCH_STATIONS air stations (default 100), a year of
 *     daily AQI rows and BENCH_HOURS (default 720) hours of hourly AQI rows per station;
 *  2. "daily AQI, 100 stations × 1 year": the service path (`assessment.aqi(stationId,
 *     { period: 'day' })` per station: station lookup + Kysely query + row mapping) and the same
 *     plus the HTTP presenter (JSON columns parsed), versus a raw prepared statement per station
 *     (better-sqlite3 / pg with a named prepared statement);
 *  3. "latest values map": `assessment.latestAirQuality()` versus the same SQL run raw;
 * and prints the median of BENCH_ROUNDS (default 15; ×20 for the map query) timed rounds after 3
 * warm-up rounds, ours and raw alternating so machine load hits both alike, and the ratio to raw
 * (target ≤ 2×). Figures only; nothing is asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { loadConfig, type Config } from '../src/server/config/config';
import { closeContext, createContext, type AppContext } from '../src/server/context';
import { SYSTEM } from '../src/server/modules/identity';
import { presentAqi } from '../src/server/modules/assessment/assessment.presenter';

const env = process.env;
const STATIONS = Number(env.BENCH_STATIONS ?? 100);
const HOURS = Number(env.BENCH_HOURS ?? 720);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 15);
const PG_URL = env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DAY = 86_400_000;
const HOUR = 3_600_000;
const YEAR_START = Date.UTC(2025, 11, 31, 16); // 2026-01-01 00:00 Beijing
const YEAR_END = Date.UTC(2026, 11, 31, 16);
const LATEST = Date.UTC(2026, 10, 27, 15);

const LATEST_SQL = `select s.id, s.code, s.name, s.province_code, s.city_code, h.observed_at, h.standard, h.aqi, h.level, h.category, h.primary_pollutants
  from monitoring_stations as s inner join air_quality_hourly as h on h.station_key = s.station_key
  where s.kind = 'air' and h.observed_at = (select max(x.observed_at) from air_quality_hourly as x where x.station_key = s.station_key)
  order by s.code`;
const DAILY_SQL_SQLITE = 'select * from air_quality_daily where station_key = ? and day_start >= ? and day_start < ? order by day_start limit 20000';
const DAILY_SQL_PG = 'select * from air_quality_daily where station_key = $1 and day_start >= $2 and day_start < $3 order by day_start limit 20000';

function aqiRow(stationKey: number, i: number) {
  const aqi = 30 + ((stationKey * 37 + i * 11) % 170);
  return {
    station_key: stationKey,
    standard: '2026' as const,
    aqi,
    level: aqi <= 50 ? 1 : aqi <= 100 ? 2 : aqi <= 150 ? 3 : 4,
    category: aqi <= 50 ? '优' : aqi <= 100 ? '良' : aqi <= 150 ? '轻度污染' : '中度污染',
    primary_pollutants: aqi > 50 ? '["PM2.5"]' : '[]',
    iaqi: JSON.stringify({ SO2: 5, NO2: 30, PM10: aqi - 10, 'PM2.5': aqi, CO: 8, O3_8h: 40 }),
    concentrations: JSON.stringify({ SO2: 6, NO2: 35, PM10: aqi, 'PM2.5': aqi * 0.7, CO: 0.6, O3_8h: 70 }),
    publishable: 1,
    computed_at: LATEST,
  };
}

async function populate(ctx: AppContext): Promise<{ ids: string[]; keys: number[] }> {
  const org = await ctx.identity.organisations.create(SYSTEM, { name: '基准测试单位', nameEn: 'Benchmark organisation', kind: 'city_bureau', divisionCode: '320100' });
  const db = ctx.database.db;
  const ids: string[] = [];
  const now = Date.now();
  const keys: number[] = [];
  for (let s = 0; s < STATIONS; s++) {
    const station = await ctx.monitoring.stations.create(SYSTEM, {
      code: `BQ${String(s).padStart(4, '0')}`,
      name: `基准站${s}`,
      nameEn: `Bench ${s}`,
      kind: 'air',
      longitude: 118.8,
      latitude: 32.0,
      provinceCode: '320000',
      cityCode: '320100',
      ownerOrganisationId: org.id,
      parameters: [{ code: 'a34004', unit: 'µg/m³' }],
    });
    ids.push(station.id);
    keys.push(ctx.monitoring.stationDirectory.findById(station.id)!.stationKey);
  }
  void now;
  await db.transaction().execute(async (trx) => {
    for (const s of keys) {
      const daily = [];
      for (let d = YEAR_START, i = 0; d < YEAR_END; d += DAY, i++) daily.push({ ...aqiRow(s, i), day_start: d, complete: 1 });
      for (let i = 0; i < daily.length; i += 500) await trx.insertInto('air_quality_daily').values(daily.slice(i, i + 500)).execute();
      const hourly = [];
      for (let h = 0; h < HOURS; h++) hourly.push({ ...aqiRow(s, h), observed_at: LATEST - h * HOUR });
      for (let i = 0; i < hourly.length; i += 500) await trx.insertInto('air_quality_hourly').values(hourly.slice(i, i + 500)).execute();
    }
  });
  return { ids, keys };
}

/** Median ms of each function over the same rounds, run alternately so that machine load hits both alike. */
async function timePaired(rounds: number, ...fns: (() => Promise<unknown> | unknown)[]): Promise<[number, number, number]> {
  for (let i = 0; i < 3; i++) for (const fn of fns) await fn();
  const times = fns.map(() => [] as number[]);
  for (let i = 0; i < rounds; i++) {
    for (const [j, fn] of fns.entries()) {
      const t0 = performance.now();
      await fn();
      times[j]!.push(performance.now() - t0);
    }
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!) as [number, number, number];
}

interface Raw {
  daily(stationKey: number): Promise<unknown[]> | unknown[];
  latest(): Promise<unknown[]> | unknown[];
  close(): Promise<void>;
}

function report(name: string, ours: number, raw: number, rows: number): void {
  console.log(`  ${name.padEnd(44)} ours ${ours.toFixed(2).padStart(8)} ms   raw ${raw.toFixed(2).padStart(8)} ms   ratio ${(ours / raw).toFixed(2)}×   (${rows} rows)`);
}

async function run(dialect: 'sqlite' | 'postgres'): Promise<void> {
  let config: Config;
  let cleanup: () => Promise<void>;
  let raw: Raw;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'yrd-bench-query-'));
    config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'error' });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    // A database of its own: Kysely's migrator looks for its tables across schemas.
    const name = `yrd_bench_query_${process.pid}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    config = loadConfig({ DATABASE_URL: url.toString(), LOG_LEVEL: 'error', DATABASE_POOL_SIZE: '4' });
    cleanup = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const ctx = await createContext(config);
  try {
    const t0 = performance.now();
    const { ids, keys } = await populate(ctx);
    // As a running platform has them (refreshed a minute after start, then hourly).
    await ctx.database.refreshStatistics();
    console.log(`${dialect}: ${STATIONS} stations, ${STATIONS * 365} daily + ${STATIONS * HOURS} hourly AQI rows loaded in ${Math.round(performance.now() - t0)} ms`);
    if (config.database.dialect === 'sqlite') {
      const sqlite = new SqliteDatabase(config.database.file, { readonly: true });
      const daily = sqlite.prepare(DAILY_SQL_SQLITE);
      const latest = sqlite.prepare(LATEST_SQL);
      raw = { daily: (k) => daily.all(k, YEAR_START, YEAR_END), latest: () => latest.all(), close: async () => void sqlite.close() };
    } else {
      const client = new pg.Client({ connectionString: config.database.url });
      await client.connect();
      raw = {
        daily: async (k) => (await client.query({ name: 'daily', text: DAILY_SQL_PG, values: [k, YEAR_START, YEAR_END] })).rows,
        latest: async () => (await client.query({ name: 'latest', text: LATEST_SQL })).rows,
        close: () => client.end(),
      };
    }
    const from = YEAR_START;
    const to = YEAR_END;
    let rows = 0;
    let latestRows = 0;
    const [ours, oursPresented, rawDaily] = await timePaired(
      ROUNDS,
      async () => {
        rows = 0;
        for (const id of ids) rows += (await ctx.assessment.aqi(id, { period: 'day', from, to })).rows.length;
      },
      async () => {
        for (const id of ids) (await ctx.assessment.aqi(id, { period: 'day', from, to })).rows.map((r) => presentAqi(r));
      },
      async () => {
        for (const k of keys) await raw.daily(k);
      },
    );
    const [oursLatest, rawLatest] = await timePaired(
      ROUNDS * 20,
      async () => {
        latestRows = (await ctx.assessment.latestAirQuality()).length;
      },
      () => raw.latest(),
    );
    report(`daily AQI, ${STATIONS} stations × 1 year`, ours, rawDaily, rows);
    report('  … including the presenter (JSON parsed)', oursPresented, rawDaily, rows);
    report('latest hourly AQI map', oursLatest, rawLatest, latestRows);
    await raw.close();
  } finally {
    await closeContext(ctx);
    await cleanup();
  }
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const wanted = env.BENCH_DIALECT ?? 'both';
if (wanted === 'sqlite' || wanted === 'both') await run('sqlite');
if (wanted === 'postgres' || wanted === 'both') {
  if (await postgresReachable()) await run('postgres');
  else console.log(`postgres: not reachable at ${PG_URL}; skipped`);
}
