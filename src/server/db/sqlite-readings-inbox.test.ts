import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BulkReading, DirtyDayPlan } from './bulk-insert';
import { createDatabase } from './database';
import { migrateToLatest } from './migrator';
import { encodeInsertRequest } from './sqlite-bulk-protocol';
import { createReadingsInbox, type ReadingsInbox } from './sqlite-readings-inbox';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// 2026-11-01 00:00 Beijing time.
const DAY_START = Date.UTC(2026, 9, 31, 16);

/** One roll-up key per row: its station, parameter and (test) day. */
function planOf(rows: readonly BulkReading[]): DirtyDayPlan {
  const keys: DirtyDayPlan['keys'] = [];
  const index = new Map<string, number>();
  const keysOfRow = new Int32Array(rows.length * 2).fill(-1);
  rows.forEach((row, i) => {
    const dayStart = DAY_START + Math.floor((row.observedAt - DAY_START) / DAY) * DAY;
    const id = `${row.stationKey}|${row.parameterCode}|${dayStart}`;
    if (!index.has(id)) {
      index.set(id, keys.length);
      keys.push({ stationKey: row.stationKey, parameterCode: row.parameterCode, dayStart, enqueuedAt: 1 });
    }
    keysOfRow[2 * i] = index.get(id)!;
  });
  return { keys, keysOfRow };
}

const reading = (stationKey: number, hour: number, value: number): BulkReading => ({
  stationKey,
  parameterCode: 'w01018',
  interval: 'hour',
  observedAt: DAY_START + hour * HOUR,
  value,
  flag: 'N',
  source: 'gateway',
});

describe('SQLite readings inbox: moves in steps', () => {
  let dir: string;
  let sqlite: SqliteDatabase.Database;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yrd-inbox-'));
    const file = join(dir, 'inbox.sqlite');
    const handle = createDatabase({ dialect: 'sqlite', file });
    await migrateToLatest(handle);
    await handle.close();
    sqlite = new SqliteDatabase(file);
  });
  afterEach(() => {
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const visible = () =>
    (sqlite.prepare('select station_key, observed_at, value from monitoring_readings order by station_key, observed_at').all() as { station_key: number; observed_at: number; value: number }[]).map(
      (row) => `${row.station_key}@${(row.observed_at - DAY_START) / HOUR}=${row.value}`,
    );
  const queued = () =>
    (sqlite.prepare('select station_key, day_start from assessment_dirty_days order by station_key, day_start').all() as { station_key: number; day_start: number }[]).map(
      (row) => `${row.station_key}/${(row.day_start - DAY_START) / DAY}`,
    );
  const append = (inbox: ReadingsInbox, rows: BulkReading[]) => inbox.append(encodeInsertRequest(1, 'accept', rows, 5, planOf(rows)));

  it('copies a few stations per step, queues the keys only with the last step, and leaves batches appended meanwhile for the next move', () => {
    // One reading per step: each station is a step of its own.
    const inbox = createReadingsInbox(sqlite, 1);
    append(inbox, [reading(1, 1, 10), reading(2, 1, 20), reading(3, 1, 30)]);
    expect(inbox.waiting()).toBe(3);

    expect(inbox.step(100)).toEqual({ moving: true, finished: null });
    expect(visible()).toEqual(['1@1=10']);
    // Arrives mid-move: a later hour of station 1, a resend of station 3's key, and day 2.
    append(inbox, [reading(1, 2, 11), reading(3, 1, 99), reading(3, 25, 31)]);
    expect(inbox.waiting()).toBe(6);
    expect(inbox.step(100)).toEqual({ moving: true, finished: null });
    expect(inbox.step(100)).toEqual({ moving: true, finished: null });
    expect(visible()).toEqual(['1@1=10', '2@1=20', '3@1=30']);
    expect(queued()).toEqual([]);

    // The last step: the sealed generation's keys, and only the sealed rows leave the inbox.
    expect(inbox.step(100)).toEqual({ moving: false, finished: { moved: 3, inserted: 3 } });
    expect(queued()).toEqual(['1/0', '2/0', '3/0']);
    expect(inbox.waiting()).toBe(3);
    expect(inbox.moving()).toBe(false);

    // The next move takes the rest; the resend of 3@1 loses to the first value.
    expect(inbox.moveAll(200)).toEqual({ moved: 3, inserted: 2 });
    expect(visible()).toEqual(['1@1=10', '1@2=11', '2@1=20', '3@1=30', '3@25=31']);
    expect(queued()).toEqual(['1/0', '2/0', '3/0', '3/1']);
    expect(inbox.waiting()).toBe(0);
    expect(sqlite.prepare('select count(*) as n from monitoring_readings_inbox').get()).toEqual({ n: 0 });
    expect(sqlite.prepare('select count(*) as n from monitoring_readings_inbox_days').get()).toEqual({ n: 0 });
  });

  it('takes over what an interrupted move left: rows copied again to no effect, keys of every generation', () => {
    const first = createReadingsInbox(sqlite, 1);
    append(first, [reading(1, 1, 10), reading(2, 1, 20)]);
    first.step(100);
    append(first, [reading(2, 3, 22)]);
    // The process stops here: station 1 copied, nothing deleted, keys in two generations.
    const next = createReadingsInbox(sqlite, 1);
    expect(next.waiting()).toBe(3);
    expect(next.moveAll(300)).toEqual({ moved: 3, inserted: 2 });
    expect(visible()).toEqual(['1@1=10', '2@1=20', '2@3=22']);
    expect(queued()).toEqual(['1/0', '2/0']);
    // Appends after the takeover record their keys in a generation above the old ones.
    append(next, [reading(4, 1, 40)]);
    expect(next.moveAll(400)).toEqual({ moved: 1, inserted: 1 });
    expect(queued()).toEqual(['1/0', '2/0', '4/0']);
  });

  it('stores values exactly as the direct path would (doubles, nulls, flags, escapes)', () => {
    const inbox = createReadingsInbox(sqlite);
    const odd: BulkReading[] = [
      { ...reading(7, 1, 0.1 + 0.2), flag: 'N' },
      { ...reading(7, 2, -1e-300), flag: null },
      { ...reading(7, 3, 123456789.12345679), parameterCode: 'a"\\b' },
      { ...reading(7, 4, 0), value: null, flag: 'D' },
    ];
    append(inbox, odd);
    inbox.moveAll(1);
    const rows = sqlite.prepare('select parameter_code, value, flag from monitoring_readings where station_key = 7 order by observed_at').all();
    expect(rows).toEqual([
      { parameter_code: 'w01018', value: 0.1 + 0.2, flag: 'N' },
      { parameter_code: 'w01018', value: -1e-300, flag: null },
      { parameter_code: 'a"\\b', value: 123456789.12345679, flag: 'N' },
      { parameter_code: 'w01018', value: null, flag: 'D' },
    ]);
  });
});
