import type SqliteDatabase from 'better-sqlite3';
import { SQLITE_UPSERT_DIRTY_DAY } from './bulk-insert';
import { KEY_NUMBERS, ROW_NUMBERS, ROW_REFS, type InsertRequest } from './sqlite-bulk-protocol';

/**
 * The readings inbox of the SQLite writer thread (tables: migration 20261128-15).
 *
 * Why: `monitoring_readings` is clustered by (station, parameter, interval, time). A commit of
 * 5,000 rows from 200 loggers touches about one B-tree leaf per row, and each touched page is
 * written to the WAL — measured at ~70k rows/s against ~450k/s for the same rows inserted in
 * key order in one transaction. Appending one inbox row per packet costs a few pages per
 * commit; moving the inbox in one large key-ordered `insert … select` touches each hot page
 * once per move instead of once per commit.
 *
 * Contract: an append is durable when its commit returns (the gateway acks then); the rows are
 * visible in `monitoring_readings` after the next move. A move is one transaction: readings
 * (first writer wins, as in the direct path: `on conflict do nothing`, inbox order breaks ties),
 * their roll-up queue keys, and the emptied inbox — a crash leaves either all or none of it, and
 * the next writer moves what is left when it starts.
 */

/** Rows moved and rows actually inserted (the rest already existed). */
export interface MoveResult {
  moved: number;
  inserted: number;
}

const APPEND =
  'insert into monitoring_readings_inbox (station_key, interval, observed_at, source, institution_id, received_at, readings) values (?, ?, ?, ?, ?, ?, ?)';
const APPEND_DAY = 'insert into monitoring_readings_inbox_days (station_key, parameter_code, day_start) values (?, ?, ?) on conflict do nothing';
// `where true`: SQLite's documented way to keep `on conflict` from parsing as a join constraint.
const MOVE_READINGS =
  'insert into monitoring_readings (station_key, parameter_code, interval, observed_at, value, flag, quality, source, institution_id, received_at) ' +
  "select i.station_key, r.value ->> 0, i.interval, i.observed_at, r.value ->> 1, r.value ->> 2, 'preliminary', i.source, i.institution_id, i.received_at " +
  'from monitoring_readings_inbox i, json_each(i.readings) r where true order by 1, 2, 3, 4, i.id on conflict do nothing';
const COUNT_READINGS = 'select coalesce(sum(json_array_length(readings)), 0) as n from monitoring_readings_inbox';
const SELECT_DAYS = 'select station_key, parameter_code, day_start from monitoring_readings_inbox_days';

export function createReadingsInbox(sqlite: SqliteDatabase.Database) {
  // Prepared lazily: the tables exist only once the main thread has migrated.
  let statements: Record<'append' | 'appendDay' | 'move' | 'count' | 'days' | 'upsertDirty', SqliteDatabase.Statement> | undefined;
  const prepared = () =>
    (statements ??= {
      append: sqlite.prepare(APPEND),
      appendDay: sqlite.prepare(APPEND_DAY),
      move: sqlite.prepare(MOVE_READINGS),
      count: sqlite.prepare(COUNT_READINGS),
      days: sqlite.prepare(SELECT_DAYS),
      upsertDirty: sqlite.prepare(SQLITE_UPSERT_DIRTY_DAY),
    });
  /** Readings waiting in the inbox (counted from the table once — rows a crash left — then kept). */
  let waiting: number | null = null;
  const waitingNow = (): number => (waiting ??= Number((prepared().count.get() as { n: number }).n));
  // Keys already in monitoring_readings_inbox_days since the last move. A batch from 200
  // loggers names thousands of keys, nearly all named by the batches before it: looking each
  // up in the table cost more than appending the readings.
  // By parameter code, a number per (station, day): the per-key string a Set<string> needs cost
  // as much again as the lookup.
  const recordedDays = new Map<string, Set<number>>();
  const DAY_MS = 86_400_000;
  const stationDay = (stationKey: number, dayStart: number): number => stationKey * 1_000_000 + Math.floor(dayStart / DAY_MS);

  return {
    waiting: waitingNow,

    /**
     * Appends a batch in one IMMEDIATE transaction: one inbox row per run of rows sharing station,
     * interval, time, source and institution (a packet's values), and the batch's roll-up keys.
     */
    append(request: InsertRequest): number {
      const { append, appendDay } = prepared();
      const { strings, numbers, refs, keyNumbers, keyRefs, keysOfRow, receivedAt } = request;
      const rowCount = numbers.length / ROW_NUMBERS;
      const text = (index: number): string | null => (index < 0 ? null : strings[index]!);
      // The JSON of each distinct string once per batch; a record is then plain concatenation
      // (finite numbers print as valid JSON; stored values are finite or null).
      const quoted = strings.map((value) => JSON.stringify(value));
      const json = (index: number): string => (index < 0 ? 'null' : quoted[index]!);
      const usedKeys = new Uint8Array(keyRefs.length);
      const added: [string, number][] = [];
      // Counted before the commit: counted after, the table would already hold this batch.
      const waitingBefore = waitingNow();
      sqlite
        .transaction(() => {
          let start = 0;
          while (start < rowCount) {
            const stationKey = numbers[start * ROW_NUMBERS]!;
            const observedAt = numbers[start * ROW_NUMBERS + 1]!;
            const intervalRef = refs[start * ROW_REFS + 1]!;
            const sourceRef = refs[start * ROW_REFS + 3]!;
            const institutionRef = refs[start * ROW_REFS + 4]!;
            let end = start;
            let readings = '';
            while (
              end < rowCount &&
              numbers[end * ROW_NUMBERS] === stationKey &&
              numbers[end * ROW_NUMBERS + 1] === observedAt &&
              refs[end * ROW_REFS + 1] === intervalRef &&
              refs[end * ROW_REFS + 3] === sourceRef &&
              refs[end * ROW_REFS + 4] === institutionRef
            ) {
              const value = numbers[end * ROW_NUMBERS + 2]!;
              readings += `${end === start ? '[' : ','}[${json(refs[end * ROW_REFS]!)},${Number.isNaN(value) ? 'null' : String(value)},${json(refs[end * ROW_REFS + 2]!)}]`;
              if (keysOfRow.length > 0) {
                const first = keysOfRow[2 * end]!;
                const second = keysOfRow[2 * end + 1]!;
                if (first >= 0) usedKeys[first] = 1;
                if (second >= 0) usedKeys[second] = 1;
              }
              end++;
            }
            append.run(stationKey, text(intervalRef), observedAt, text(sourceRef), text(institutionRef), receivedAt, `${readings}]`);
            start = end;
          }
          for (let k = 0; k < usedKeys.length; k++) {
            if (usedKeys[k] === 0) continue;
            const stationKey = keyNumbers[k * KEY_NUMBERS]!;
            const parameterCode = strings[keyRefs[k]!]!;
            const dayStart = keyNumbers[k * KEY_NUMBERS + 1]!;
            const id = stationDay(stationKey, dayStart);
            if (recordedDays.get(parameterCode)?.has(id) === true) continue;
            appendDay.run(stationKey, parameterCode, dayStart);
            added.push([parameterCode, id]);
          }
        })
        .immediate();
      // Only once committed: a rolled-back key must be written again by the next batch.
      for (const [parameterCode, id] of added) {
        let days = recordedDays.get(parameterCode);
        if (days === undefined) recordedDays.set(parameterCode, (days = new Set()));
        days.add(id);
      }
      waiting = waitingBefore + rowCount;
      return rowCount;
    },

    /** Moves everything waiting into monitoring_readings and the roll-up queue, in one transaction. */
    move(now: number): MoveResult {
      const moved = waitingNow();
      if (moved === 0) return { moved: 0, inserted: 0 };
      const { move, days, upsertDirty } = prepared();
      const inserted = sqlite
        .transaction(() => {
          const changes = move.run().changes;
          // Keys take the move's time: the assessment loop drops a key only if it was not
          // re-marked after the computation it ran, and this computation has not run yet.
          for (const day of days.all() as { station_key: number; parameter_code: string; day_start: number }[]) {
            upsertDirty.run(day.station_key, day.parameter_code, day.day_start, now);
          }
          sqlite.exec('delete from monitoring_readings_inbox; delete from monitoring_readings_inbox_days');
          return changes;
        })
        .immediate();
      waiting = 0;
      recordedDays.clear();
      return { moved, inserted };
    },
  };
}

export type ReadingsInbox = ReturnType<typeof createReadingsInbox>;
