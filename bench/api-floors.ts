/**
 * `npx tsx bench/api-floors.ts` — the two costs every logged shared-data read pays whatever the
 * platform does, on this machine, to set beside `npm run bench:api`:
 *  - Fastify's `inject` of a route that returns 100 ready rows and does nothing else (the HTTP
 *    floor of the bench's API side, which also injects), the reply JSON-parsed as the bench does;
 *  - one small durable commit on SQLite in WAL mode with `synchronous=FULL` (the platform's
 *    setting, so the exchange-log entry survives power loss), and with `NORMAL` for comparison.
 * Medians of BENCH_ROUNDS (default 5) rounds of BENCH_READS (default 2000). Figures only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import Fastify from 'fastify';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const READS = Number(process.env.BENCH_READS ?? 2000);

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

async function msPerCall(call: () => unknown): Promise<number> {
  const rounds: number[] = [];
  for (let round = -1; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < READS; i++) await call();
    if (round >= 0) rounds.push(Number(process.hrtime.bigint() - started) / 1e6 / READS);
  }
  return median(rounds);
}

const dir = mkdtempSync(join(tmpdir(), 'yrd-bench-floors-'));
try {
  const rows = Array.from({ length: 100 }, (_, i) => ({ section_code: `S${String(i).padStart(6, '0')}`, division_code: '320100', contact_phone: '139****0001' }));
  const app = Fastify();
  app.get('/rows', async () => ({ items: rows, nextCursor: 'c' }));
  await app.ready();
  const inject = await msPerCall(async () => (await app.inject({ method: 'GET', url: '/rows', headers: { authorization: 'Bearer x' } })).json());
  await app.close();

  const commit: Record<string, number> = {};
  for (const synchronous of ['FULL', 'NORMAL']) {
    const sqlite = new SqliteDatabase(join(dir, `${synchronous}.sqlite`));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${synchronous}`);
    sqlite.exec('create table log (seq integer primary key, entry text not null)');
    const append = sqlite.prepare('insert into log (entry) values (?)');
    const entry = 'x'.repeat(400);
    commit[synchronous] = await msPerCall(() => sqlite.transaction(() => append.run(entry))());
    sqlite.close();
  }
  console.log('bench:api floors (median per call)');
  console.log(`  Fastify inject of 100 ready rows, reply parsed:       ${inject.toFixed(3)} ms`);
  console.log(`  SQLite WAL commit of one log row, synchronous=FULL:   ${commit.FULL!.toFixed(3)} ms`);
  console.log(`  SQLite WAL commit of one log row, synchronous=NORMAL: ${commit.NORMAL!.toFixed(3)} ms`);
  console.log(`  A durably logged read costs at least ${(inject + commit.FULL!).toFixed(3)} ms plus its rows query;`);
  console.log(`  with bench:api's bare query at b ms the ratio cannot exceed b / (b + ${(inject + commit.FULL!).toFixed(3)}).`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
