/**
 * `npm run bench:ingest` — HJ 212 ingestion end to end versus the physical insert limit.
 *
 * For each dialect (BENCH_DIALECT=sqlite|postgres|both; default both when PostgreSQL answers at
 * BENCH_PG_URL, postgres://postgres@127.0.0.1:5432/postgres):
 *  1. a fresh database, migrated, with BENCH_CONNECTIONS stations (default 200);
 *  2. the gateway (monitoring module + group-commit batcher, as `npm start` builds them: the
 *     roll-up queue keys are written in each readings commit; the assessment background loop
 *     is not started) on an ephemeral port;
 *  3. a separate load process opens one TCP connection per station and sends BENCH_PACKETS
 *     (default 150) pre-encoded HJ 212-2017 hour/minute packets of BENCH_VALUES (default 15)
 *     values each, Flag=5, keeping BENCH_WINDOW (default 8) packets in flight per logger like a
 *     logger waiting for its acks; the clock runs from the first byte to the last 9014 ack —
 *     an ack means the readings are committed (synchronous=FULL on SQLite);
 *  4. the same rows inserted raw into a fresh monitoring_readings table: a better-sqlite3
 *     prepared statement in one transaction (SQLite), COPY FROM STDIN in one transaction
 *     (PostgreSQL) — the physical limit;
 * and prints readings/s of both, their ratio (target ≥ 0.5 on SQLite) and the peak RSS of the
 * server process. On SQLite it also prints, for information only, the raw rate of the same rows
 * in the order the loggers send them (packet by packet across all loggers) in one transaction:
 * monitoring_readings is clustered by key, so that order touches far more pages than the
 * station-sorted raw baseline. The ratio always uses the station-sorted baseline.
 * The load process is a separate Node process (fork), so on 2 cores it does not share the
 * server's event loop; both CPU times are printed, and on SQLite the ratio they would allow on this
 * machine's cores without any waiting (the CPU-bound ceiling). Figures only; nothing is asserted.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadConfig, type Config } from '../src/server/config/config';
import { closeContext, createContext } from '../src/server/context';
import { createDatabase } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrator';
import { createAssessmentService } from '../src/server/modules/assessment';
import { createAuditService } from '../src/server/modules/audit';
import { buildUpload, connectLogger, createGatewayModule, type LoggerClient } from '../src/server/modules/gateway';
import { SYSTEM } from '../src/server/modules/identity';
import { createMonitoringModule } from '../src/server/modules/monitoring';
import { createLogger } from '../src/server/platform/logger';

const env = process.env;
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 200);
const PACKETS = Number(env.BENCH_PACKETS ?? 150);
const VALUES = Number(env.BENCH_VALUES ?? 15);
const WINDOW = Number(env.BENCH_WINDOW ?? 8);
const PG_URL = env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const HOUR = 3_600_000;
const BASE = Math.floor(Date.UTC(2026, 10, 1) / HOUR) * HOUR;
const codeOf = (v: number) => `w${String(10001 + v)}`;
const mnOf = (s: number) => `BENCH${String(s).padStart(8, '0')}`;

/** Packet p of logger s: even p = hour data, odd p = 10-minute data, all distinct keys. */
function packetSpec(s: number, p: number) {
  const hourly = p % 2 === 0;
  const dataTime = hourly ? BASE - (p / 2 + 1) * HOUR : BASE - Math.ceil(p / 2) * 600_000;
  const values: Record<string, number> = {};
  for (let v = 0; v < VALUES; v++) values[codeOf(v)] = ((s * 31 + p * 7 + v) % 1000) / 10;
  return { cn: (hourly ? '2061' : '2051') as '2061' | '2051', interval: hourly ? 'hour' : 'min', dataTime, values };
}

// ---------------------------------------------------------------- load process
async function runClient(port: number): Promise<void> {
  const packets: Uint8Array[][] = [];
  for (let s = 0; s < CONNECTIONS; s++) {
    const list: Uint8Array[] = [];
    for (let p = 0; p < PACKETS; p++) {
      const spec = packetSpec(s, p);
      list.push(buildUpload({ mn: mnOf(s), st: '32', cn: spec.cn, qnAt: BASE + s * 100_000 + p, dataTime: spec.dataTime, values: spec.values }).bytes);
    }
    packets.push(list);
  }
  let acked = 0;
  const loggers = await Promise.all(
    packets.map(async (list) => {
      const state = { next: 0, done: 0, client: null as LoggerClient | null, finished: null as Promise<void> | null };
      let resolveDone!: () => void;
      state.finished = new Promise<void>((resolve) => (resolveDone = resolve));
      state.client = await connectLogger('127.0.0.1', port, () => {
        state.done++;
        acked++;
        // Like a logger waiting for acks: one new packet per ack, WINDOW in flight.
        if (state.next < list.length) state.client!.send(list[state.next++]!);
        if (state.done === list.length) resolveDone();
      });
      return { list, state };
    }),
  );
  const cpuBefore = process.cpuUsage();
  process.send?.({ started: true });
  const started = performance.now();
  for (const { list, state } of loggers) while (state.next < Math.min(WINDOW, list.length)) state.client!.send(list[state.next++]!);
  await Promise.all(loggers.map(({ state }) => state.finished));
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await Promise.all(loggers.map(({ state }) => state.client!.close()));
  process.send?.({ acked, ms, clientCpuMs: (cpu.user + cpu.system) / 1000 });
}

// ---------------------------------------------------------------- server side
interface Measured {
  dialect: string;
  readings: number;
  /** First byte → every reading visible in monitoring_readings. */
  endToEndPerS: number;
  /** First byte → last 9014 ack (durable, maybe still in the SQLite inbox). */
  ackedPerS: number;
  /** Readings that went through the SQLite inbox. */
  deferred: number;
  /** From the last ack until every reading was visible (the inbox's last move). */
  settleMs: number;
  rawPerS: number;
  rawLabel: string;
  /** SQLite only: the same rows in arrival order, one transaction (information, not the ratio's base). */
  rawArrivalPerS: number | null;
  peakRssMb: number;
  batches: number;
  avgBatchRows: number;
  commitBusy: number;
  /** CPU time of the server process (all its threads) from the first byte until every reading was visible … */
  serverCpuMs: number;
  /** … of which the main thread's event loop was busy. */
  mainThreadMs: number;
  /** CPU time of the load process from its first byte to its last ack. */
  clientCpuMs: number;
  rawMs: number;
}

function expectedRows(stationKeys: number[]) {
  const rows: { stationKey: number; code: string; interval: string; observedAt: number; value: number }[] = [];
  for (let s = 0; s < CONNECTIONS; s++) {
    for (let p = 0; p < PACKETS; p++) {
      const spec = packetSpec(s, p);
      for (const [code, value] of Object.entries(spec.values)) rows.push({ stationKey: stationKeys[s]!, code, interval: spec.interval, observedAt: spec.dataTime, value });
    }
  }
  return rows;
}

async function measure(dialect: 'sqlite' | 'postgres'): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'yrd-bench-'));
  let pgDatabase: string | null = null;
  let config: Config;
  // GATEWAY_* (batch size and delay) and SQLITE_INBOX_* settings pass through, so they can be compared.
  const gatewayEnv = Object.fromEntries(Object.entries(env).filter(([key]) => key.startsWith('GATEWAY_') || key.startsWith('SQLITE_INBOX_')));
  const baseEnv = { ...gatewayEnv, DATA_DIR: dir, LOG_LEVEL: 'warn', PORT: '0', GATEWAY_HOST: '127.0.0.1', PASSWORD_SCRYPT_LOG2N: '10' };
  if (dialect === 'postgres') {
    pgDatabase = `yrd_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${pgDatabase}`);
    await admin.end();
    const url = new URL(PG_URL);
    url.pathname = `/${pgDatabase}`;
    config = loadConfig({ ...baseEnv, DATABASE_URL: url.toString() });
  } else {
    config = loadConfig(baseEnv);
  }
  try {
    // Setup through the ordinary services: an organisation and one station per logger.
    const setup = await createContext(config);
    const org = await setup.identity.organisations.create(SYSTEM, { name: '基准测试机构', nameEn: 'Benchmark organisation', kind: 'city_bureau', divisionCode: '320100' });
    const stationKeys: number[] = [];
    for (let s = 0; s < CONNECTIONS; s++) {
      await setup.monitoring.stations.create(SYSTEM, {
        code: `BENCH${s}`,
        name: `基准站 ${s}`,
        nameEn: `Bench station ${s}`,
        mn: mnOf(s),
        kind: 'pollution_source',
        subKind: 'waste_water',
        longitude: 118.8,
        latitude: 32.06,
        provinceCode: '320000',
        cityCode: '320100',
        ownerOrganisationId: org.id,
        parameters: Array.from({ length: VALUES }, (_, v) => ({ code: codeOf(v), unit: 'mg/L' })),
      });
      stationKeys.push(setup.monitoring.stationDirectory.findByMn(mnOf(s))!.stationKey);
    }
    await closeContext(setup);

    // The measured stack: database → monitoring → gateway.
    const logger = createLogger(config);
    const database = createDatabase(config.database);
    const monitoring = await createMonitoringModule({ clock: { now: () => Date.now() }, logger, database, audit: createAuditService({ clock: { now: () => Date.now() } }) });
    // As context.ts wires it: each readings commit also upserts its roll-up queue keys.
    const assessment = createAssessmentService({ database, clock: { now: () => Date.now() }, audit: createAuditService({ clock: { now: () => Date.now() } }), logger, stations: monitoring.stationDirectory });
    // BENCH_QUEUE_KEYS=0 leaves them out, to show what the crash-safe queue write costs.
    if (env.BENCH_QUEUE_KEYS !== '0') monitoring.planDirtyDaysWith(assessment.planDirtyDays);
    const gateway = createGatewayModule({ config, clock: { now: () => Date.now() }, logger, database, audit: createAuditService({ clock: { now: () => Date.now() } }), monitoring });
    const { port } = await gateway.start();
    let peakRss = process.memoryUsage().rss;
    const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

    const child = fork(import.meta.filename, ['--client', String(port)], { execArgv: ['--import', 'tsx', ...(env.BENCH_CLIENT_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [])], stdio: 'inherit' });
    let firstByteAt = performance.now();
    // CPU from the first byte: the load process's start-up is not part of the run.
    let cpuAtFirstByte = process.cpuUsage();
    let loopAtFirstByte = performance.eventLoopUtilization();
    const result = await new Promise<{ acked: number; ms: number; clientCpuMs: number }>((resolve, reject) => {
      child.on('message', (message: { started?: true; acked: number; ms: number; clientCpuMs: number }) => {
        if (message.started === true) {
          firstByteAt = performance.now();
          cpuAtFirstByte = process.cpuUsage();
          loopAtFirstByte = performance.eventLoopUtilization();
        } else resolve(message);
      });
      // Exit 0 follows the message; any other exit before it is a failure.
      child.once('exit', (code) => reject(new Error(`load process exited with ${code} before reporting`)));
    });
    // Acked readings may still wait in the SQLite inbox: the clock for "stored" stops when
    // every one of them is visible in monitoring_readings.
    const settleStarted = performance.now();
    await monitoring.settleAccepted();
    const settleMs = performance.now() - settleStarted;
    const storedMs = performance.now() - firstByteAt;
    clearInterval(rssTimer);
    const cpu = process.cpuUsage(cpuAtFirstByte);
    const serverCpuMs = (cpu.user + cpu.system) / 1000;
    const mainThreadMs = performance.eventLoopUtilization(loopAtFirstByte).active;
    const stats = gateway.batcher.stats();
    await gateway.stop();
    const stored = await database.db.selectFrom('monitoring_readings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await database.close();
    const readings = Number(stored.n);
    if (result.acked !== CONNECTIONS * PACKETS || readings !== CONNECTIONS * PACKETS * VALUES) {
      throw new Error(`expected ${CONNECTIONS * PACKETS} acks and ${CONNECTIONS * PACKETS * VALUES} readings, got ${result.acked} and ${readings}`);
    }

    // The physical limit with the same rows into an empty table of the same schema.
    const rows = expectedRows(stationKeys);
    const receivedAt = Date.now();
    let rawMs: number;
    let rawArrivalPerS: number | null = null;
    if (dialect === 'sqlite') {
      const rawFile = join(dir, 'raw.sqlite');
      const rawHandle = createDatabase({ dialect: 'sqlite', file: rawFile });
      await migrateToLatest(rawHandle);
      await rawHandle.close();
      const sqlite = new SqliteDatabase(rawFile);
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = FULL');
      const insert = sqlite.prepare(
        'insert into monitoring_readings (station_key, parameter_code, interval, observed_at, value, flag, quality, source, received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const started = performance.now();
      sqlite.transaction(() => {
        for (const row of rows) insert.run(row.stationKey, row.code, row.interval, row.observedAt, row.value, 'N', 'preliminary', 'gateway', receivedAt);
      })();
      rawMs = performance.now() - started;
      sqlite.close();

      const arrivalFile = join(dir, 'raw-arrival.sqlite');
      const arrivalHandle = createDatabase({ dialect: 'sqlite', file: arrivalFile });
      await migrateToLatest(arrivalHandle);
      await arrivalHandle.close();
      const arrival = new SqliteDatabase(arrivalFile);
      arrival.pragma('journal_mode = WAL');
      arrival.pragma('synchronous = FULL');
      const arrivalInsert = arrival.prepare(
        'insert into monitoring_readings (station_key, parameter_code, interval, observed_at, value, flag, quality, source, received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const arrivalStarted = performance.now();
      arrival.transaction(() => {
        for (let p = 0; p < PACKETS; p++) {
          for (let s = 0; s < CONNECTIONS; s++) {
            for (let v = 0; v < VALUES; v++) {
              const row = rows[(s * PACKETS + p) * VALUES + v]!;
              arrivalInsert.run(row.stationKey, row.code, row.interval, row.observedAt, row.value, 'N', 'preliminary', 'gateway', receivedAt);
            }
          }
        }
      })();
      rawArrivalPerS = rows.length / ((performance.now() - arrivalStarted) / 1000);
      arrival.close();
    } else {
      const client = new pg.Client({ connectionString: (config.database as { url: string }).url });
      await client.connect();
      await client.query('create schema raw_bench');
      await client.query('create table raw_bench.monitoring_readings (like public.monitoring_readings including all)');
      const started = performance.now();
      await client.query('begin');
      const lines = (function* () {
        for (let i = 0; i < rows.length; i += 10_000) {
          let chunk = '';
          for (const row of rows.slice(i, i + 10_000)) chunk += `${row.stationKey}\t${row.code}\t${row.interval}\t${row.observedAt}\t${row.value}\tN\tpreliminary\tgateway\t${receivedAt}\n`;
          yield chunk;
        }
      })();
      await pipeline(
        Readable.from(lines),
        client.query(copyFrom('copy raw_bench.monitoring_readings (station_key, parameter_code, interval, observed_at, value, flag, quality, source, received_at) from stdin')),
      );
      await client.query('commit');
      rawMs = performance.now() - started;
      await client.end();
    }
    return {
      dialect,
      readings,
      endToEndPerS: readings / (storedMs / 1000),
      ackedPerS: readings / (result.ms / 1000),
      deferred: stats.readingsDeferred,
      settleMs,
      rawPerS: rows.length / (rawMs / 1000),
      rawLabel: dialect === 'sqlite' ? 'prepared stmt, 1 tx' : 'COPY, 1 tx',
      rawArrivalPerS,
      peakRssMb: peakRss / 1024 / 1024,
      batches: stats.batches,
      avgBatchRows: stats.readingsCommitted / Math.max(1, stats.batches),
      commitBusy: stats.totalCommitMs / result.ms,
      serverCpuMs,
      mainThreadMs,
      clientCpuMs: result.clientCpuMs,
      rawMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (pgDatabase !== null) {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${pgDatabase} with (force)`);
      await admin.end();
    }
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

async function main(): Promise<void> {
  const wanted = env.BENCH_DIALECT ?? 'both';
  const dialects: ('sqlite' | 'postgres')[] = [];
  if (wanted === 'sqlite' || wanted === 'both') dialects.push('sqlite');
  if (wanted === 'postgres' || wanted === 'both') {
    if (await postgresReachable()) dialects.push('postgres');
    else process.stdout.write(`PostgreSQL not reachable at ${PG_URL}: skipped\n`);
  }
  process.stdout.write(
    `HJ 212 ingest: ${CONNECTIONS} loggers × ${PACKETS} packets × ${VALUES} values = ${CONNECTIONS * PACKETS * VALUES} readings, window ${WINDOW}, Node ${process.version}\n`,
  );
  const results: Measured[] = [];
  for (const dialect of dialects) results.push(await measure(dialect));
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const cores = availableParallelism();
  const header = ['dialect', 'readings', 'end-to-end rows/s', 'acked rows/s', 'via inbox', 'visible after last ack', 'raw rows/s', 'raw path', 'ratio', 'raw arrival-order rows/s', 'commits', 'rows/commit', 'in commit', 'server CPU s (main thread)', 'load CPU s', 'CPU-bound ceiling', 'peak RSS MiB'];
  const table = results.map((r) => [
    r.dialect,
    fmt(r.readings),
    fmt(r.endToEndPerS),
    fmt(r.ackedPerS),
    `${Math.round((r.deferred / r.readings) * 100)} %`,
    `${Math.round(r.settleMs)} ms`,
    fmt(r.rawPerS),
    r.rawLabel,
    (r.endToEndPerS / r.rawPerS).toFixed(2),
    r.rawArrivalPerS === null ? '—' : fmt(r.rawArrivalPerS),
    fmt(r.batches),
    fmt(r.avgBatchRows),
    `${Math.round(r.commitBusy * 100)} %`,
    `${(r.serverCpuMs / 1000).toFixed(2)} (${(r.mainThreadMs / 1000).toFixed(2)})`,
    (r.clientCpuMs / 1000).toFixed(2),
    // PostgreSQL's own processes do a share of its work and are not counted: no ceiling there.
    r.dialect === 'sqlite' ? ((r.rawMs * cores) / (r.serverCpuMs + r.clientCpuMs)).toFixed(2) : '—',
    r.peakRssMb.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |\n`;
  process.stdout.write(line(header));
  process.stdout.write(line(widths.map((w) => '-'.repeat(w))));
  for (const row of table) process.stdout.write(line(row));
  process.stdout.write(
    'End-to-end = first byte → framer → decode → group commit (durable) → 9014 ack, until every reading is visible in monitoring_readings with its roll-up queue keys (SQLite: after the inbox moved); target ratio ≥ 0.5 on SQLite.\n',
  );
  process.stdout.write('Acked = first byte → last 9014 (the logger\'s view; durable, possibly still in the SQLite inbox).\n');
  process.stdout.write('Load: a separate forked Node process (one TCP connection per logger). CPU s: CPU time from the first byte, the server process (all threads; its main thread\'s busy event loop in brackets) and the load process.\n');
  process.stdout.write(
    `CPU-bound ceiling (SQLite): the ratio this run's CPU time would allow on ${cores} cores with no waiting at all, raw time × cores ÷ (server + load CPU time).\n`,
  );
}

if (process.argv[2] === '--client') {
  await runClient(Number(process.argv[3]));
  process.exit(0);
} else {
  await main();
}
