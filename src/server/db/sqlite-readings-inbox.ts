import type SqliteDatabase from 'better-sqlite3';
import { SQLITE_UPSERT_DIRTY_DAY } from './bulk-insert';
import { KEY_NUMBERS, ROW_NUMBERS, ROW_REFS, type InsertRequest } from './sqlite-bulk-protocol';

/**
 * The readings inbox of the SQLite writer thread (tables: migration 20261128-15).
 *
 * Why: `monitoring_readings` is clustered by its key, and each page a commit touches is written
 * whole to the WAL. Under the first key order (station, parameter, interval, time) a commit of
 * 5,000 rows from 200 loggers touched about one B-tree leaf per row: ~70k rows/s against ~450k/s
 * for the same rows inserted in key order in one transaction. The key is now (station,
 * interval, time, parameter) — a packet's values are neighbours — and such a commit still
 * rewrites the newest page of every station it touches: ~120k rows/s. Appending one inbox row
 * per packet costs a few pages per commit; moving the inbox in large key-ordered
 * `insert … select` steps touches each hot page once per move instead of once per commit.
 *
 * Contract: an append is durable when its commit returns (the gateway acks then); the rows are
 * visible in `monitoring_readings` after the next move. A move seals the inbox as it stands
 * (rows up to an id, roll-up keys up to a generation) and copies it in steps of a few stations
 * each, one transaction per step, so appends — and the gateway's acks — go on between steps;
 * touching each station's pages once, the steps cost together what one big move costs. The
 * last step queues the roll-up keys and deletes what was moved, in one transaction: keys never
 * come before their readings. Copies are `on conflict do nothing` (first writer wins, as in the
 * direct path; inbox order breaks ties), so a crash mid-move only means the next writer — which
 * moves what is left when it starts — copies some rows again to no effect.
 */

/** Rows moved and rows actually inserted (the rest already existed). */
export interface MoveResult {
  moved: number;
  inserted: number;
}

/** What one move step did: `finished` is set by the step that completed a move. */
export interface MoveStep {
  /** A sealed move still has steps to run. */
  moving: boolean;
  finished: MoveResult | null;
}

const APPEND =
  'insert into monitoring_readings_inbox (station_key, interval, observed_at, source, institution_id, received_at, readings) values (?, ?, ?, ?, ?, ?, ?)';
const APPEND_DAY = 'insert into monitoring_readings_inbox_days (generation, station_key, parameter_code, day_start) values (?, ?, ?, ?) on conflict do nothing';
const COPY_STATIONS =
  'insert into monitoring_readings (station_key, parameter_code, interval, observed_at, value, flag, quality, source, institution_id, received_at) ' +
  "select i.station_key, r.value ->> 0, i.interval, i.observed_at, r.value ->> 1, r.value ->> 2, 'preliminary', i.source, i.institution_id, i.received_at " +
  'from monitoring_readings_inbox i, json_each(i.readings) r where i.id <= ? and i.station_key between ? and ? order by 1, 3, 4, 2, i.id on conflict do nothing';
const READINGS_BY_STATION =
  'select station_key, sum(json_array_length(readings)) as n from monitoring_readings_inbox where id <= ? group by station_key order by station_key';
const COUNT_READINGS = 'select coalesce(sum(json_array_length(readings)), 0) as n from monitoring_readings_inbox';
const LAST_ID = 'select coalesce(max(id), 0) as id from monitoring_readings_inbox';
const LAST_GENERATION = 'select coalesce(max(generation), 0) as generation from monitoring_readings_inbox_days';
const SEALED_DAYS = 'select distinct station_key, parameter_code, day_start from monitoring_readings_inbox_days where generation <= ?';
const DROP_SEALED_DAYS = 'delete from monitoring_readings_inbox_days where generation <= ?';
const DROP_MOVED = 'delete from monitoring_readings_inbox where id <= ?';

interface SealedMove {
  throughId: number;
  generation: number;
  /** Inclusive station-key ranges still to copy. */
  steps: [number, number][];
  readings: number;
  inserted: number;
}

/** Readings per move step: big enough to amortise a transaction, small enough to keep acks flowing. */
const STEP_READINGS = 25_000;

export function createReadingsInbox(sqlite: SqliteDatabase.Database, stepReadings = STEP_READINGS) {
  // Prepared lazily: the tables exist only once the main thread has migrated.
  const statements = new Map<string, SqliteDatabase.Statement>();
  const statement = (source: string): SqliteDatabase.Statement => {
    let prepared = statements.get(source);
    if (prepared === undefined) statements.set(source, (prepared = sqlite.prepare(source)));
    return prepared;
  };
  const single = <T>(source: string, ...parameters: unknown[]): T => statement(source).get(...parameters) as T;

  /** Readings waiting in the inbox, sealed or not (counted from the table once — rows a crash left — then kept). */
  let waiting: number | null = null;
  const waitingNow = (): number => (waiting ??= Number(single<{ n: number }>(COUNT_READINGS).n));
  /** The generation appends record their roll-up keys in (after any a crash left). */
  let generation: number | null = null;
  const generationNow = (): number => (generation ??= Number(single<{ generation: number }>(LAST_GENERATION).generation) + 1);
  // Keys of the current generation already recorded. A batch from 200 loggers names thousands
  // of keys, nearly all named by the batches before it: looking each up in the table cost more
  // than appending the readings. By parameter code, a number per (station, day): a string per
  // key cost as much again.
  const recordedDays = new Map<string, Set<number>>();
  const DAY_MS = 86_400_000;
  const stationDay = (stationKey: number, dayStart: number): number => stationKey * 1_000_000 + Math.floor(dayStart / DAY_MS);
  let sealed: SealedMove | null = null;

  function seal(): SealedMove | null {
    const throughId = Number(single<{ id: number }>(LAST_ID).id);
    if (throughId === 0) return null;
    const steps: [number, number][] = [];
    let readings = 0;
    let readingsInStep = 0;
    for (const { station_key: station, n } of statement(READINGS_BY_STATION).all(throughId) as { station_key: number; n: number }[]) {
      const last = steps[steps.length - 1];
      if (last === undefined || readingsInStep >= stepReadings) {
        steps.push([station, station]);
        readingsInStep = 0;
      } else {
        last[1] = station;
      }
      readingsInStep += Number(n);
      readings += Number(n);
    }
    const move: SealedMove = { throughId, generation: generationNow(), steps, readings, inserted: 0 };
    // Batches appended from now on belong to the next move, keys included.
    generation = move.generation + 1;
    recordedDays.clear();
    return move;
  }

  /** Runs the next step of the sealed move, sealing one first when none is open. */
  function step(now: number): MoveStep {
    sealed ??= seal();
    const move = sealed;
    if (move === null) return { moving: false, finished: null };
    const range = move.steps.shift();
    if (range !== undefined) {
      move.inserted += sqlite.transaction(() => statement(COPY_STATIONS).run(move.throughId, range[0], range[1]).changes).immediate();
      return { moving: true, finished: null };
    }
    sqlite
      .transaction(() => {
        // Keys take the move's time: the assessment loop drops a key only if it was not
        // re-marked after the computation it ran, and this computation has not run yet.
        const upsert = statement(SQLITE_UPSERT_DIRTY_DAY);
        for (const day of statement(SEALED_DAYS).all(move.generation) as { station_key: number; parameter_code: string; day_start: number }[]) {
          upsert.run(day.station_key, day.parameter_code, day.day_start, now);
        }
        statement(DROP_SEALED_DAYS).run(move.generation);
        statement(DROP_MOVED).run(move.throughId);
      })
      .immediate();
    sealed = null;
    waiting = Math.max(0, waitingNow() - move.readings);
    return { moving: false, finished: { moved: move.readings, inserted: move.inserted } };
  }

  return {
    waiting: waitingNow,

    /** True while a sealed move has steps left. */
    moving: (): boolean => sealed !== null,

    step,

    /** Moves everything now, steps back to back (before a direct insert, so earlier rows win). */
    moveAll(now: number): MoveResult {
      const total = { moved: 0, inserted: 0 };
      while (sealed !== null || waitingNow() > 0) {
        const { finished } = step(now);
        if (finished !== null) {
          total.moved += finished.moved;
          total.inserted += finished.inserted;
        }
      }
      return total;
    },

    /**
     * Appends a batch in one IMMEDIATE transaction: one inbox row per run of rows sharing station,
     * interval, time, source and institution (a packet's values), and the batch's roll-up keys.
     */
    append(request: InsertRequest): number {
      const append = statement(APPEND);
      const appendDay = statement(APPEND_DAY);
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
      const keyGeneration = generationNow();
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
            appendDay.run(keyGeneration, stationKey, parameterCode, dayStart);
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
  };
}

export type ReadingsInbox = ReturnType<typeof createReadingsInbox>;
