import type { BulkReading, DirtyDayPlan, InsertedBucket } from './bulk-insert';

/**
 * The messages between the main thread and the SQLite writer thread. Rows travel as a few typed
 * arrays (transferred, not copied) plus one small table of distinct strings: the structured
 * clone of thousands of small row objects per batch costs more than the insert loop itself.
 */
export interface InsertRequest {
  id: number;
  /**
   * `insert`: straight into monitoring_readings (the inbox is moved first, so earlier rows keep
   * winning key conflicts). `accept`: the same when the inbox is empty and the batch is small,
   * otherwise appended to the inbox (sqlite-readings-inbox.ts) and visible after the next move.
   */
  mode: 'insert' | 'accept';
  receivedAt: number;
  /** Distinct strings of the batch; the `refs` arrays index it, -1 is null. */
  strings: string[];
  /** Per row: station_key, observed_at, value (NaN = null; stored values are finite). */
  numbers: Float64Array<ArrayBuffer>;
  /** Per row: parameter_code, interval, flag, source, institution_id. */
  refs: Int32Array<ArrayBuffer>;
  /** Dirty-day keys: per key station_key, day_start, enqueued_at … */
  keyNumbers: Float64Array<ArrayBuffer>;
  /** … and its parameter_code (index into `strings`). */
  keyRefs: Int32Array<ArrayBuffer>;
  /** Two slots per row, indices into the keys, -1 none (see DirtyDayPlan). */
  keysOfRow: Int32Array<ArrayBuffer>;
}

/** Runs one step of moving the inbox into monitoring_readings (sealing it first if no move is open). */
export interface MoveRequest {
  id: number;
  mode: 'move';
}

export type WriterRequest = InsertRequest | MoveRequest;

/** What every successful reply also says about the inbox. */
export interface InboxFigures {
  /** Readings the request appended to the inbox (not yet visible). */
  deferred: number;
  /** Readings a request finished moving out of the inbox, and how many of them were new. */
  moved: number;
  movedInserted: number;
  /** Readings left waiting in the inbox after the request (sealed or not). */
  waiting: number;
  /** A sealed move has steps left: the main thread sends `move` again (between other requests). */
  moving: boolean;
}

export type InsertReply =
  | ({ id: number; ok: true; inserted: number; bucketNumbers: Float64Array<ArrayBuffer>; bucketRefs: Int32Array<ArrayBuffer> } & InboxFigures)
  | { id: number; ok: false; message: string; code: string | undefined };

export const ROW_NUMBERS = 3;
export const ROW_REFS = 5;
export const KEY_NUMBERS = 3;
/** Per bucket: station_key, hour_start (numbers); parameter_code, interval (refs). */
export const BUCKET_NUMBERS = 2;
export const BUCKET_REFS = 2;

/** Packs a batch into an InsertRequest (main thread). */
export function encodeInsertRequest(
  id: number,
  mode: InsertRequest['mode'],
  rows: readonly BulkReading[],
  receivedAt: number,
  plan: DirtyDayPlan | undefined,
): InsertRequest {
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const ref = (text: string | null | undefined): number => {
    if (text === null || text === undefined) return -1;
    let index = indexOf.get(text);
    if (index === undefined) {
      index = strings.length;
      strings.push(text);
      indexOf.set(text, index);
    }
    return index;
  };
  const numbers = new Float64Array(rows.length * ROW_NUMBERS);
  const refs = new Int32Array(rows.length * ROW_REFS);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    numbers[i * ROW_NUMBERS] = r.stationKey;
    numbers[i * ROW_NUMBERS + 1] = r.observedAt;
    numbers[i * ROW_NUMBERS + 2] = r.value ?? Number.NaN;
    refs[i * ROW_REFS] = ref(r.parameterCode);
    refs[i * ROW_REFS + 1] = ref(r.interval);
    refs[i * ROW_REFS + 2] = ref(r.flag);
    refs[i * ROW_REFS + 3] = ref(r.source);
    refs[i * ROW_REFS + 4] = ref(r.institutionId);
  }
  const keys = plan?.keys ?? [];
  const keyNumbers = new Float64Array(keys.length * KEY_NUMBERS);
  const keyRefs = new Int32Array(keys.length);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    keyNumbers[k * KEY_NUMBERS] = key.stationKey;
    keyNumbers[k * KEY_NUMBERS + 1] = key.dayStart;
    keyNumbers[k * KEY_NUMBERS + 2] = key.enqueuedAt;
    keyRefs[k] = ref(key.parameterCode);
  }
  const keysOfRow = plan === undefined ? new Int32Array(0) : plan.keysOfRow.slice();
  return { id, mode, receivedAt, strings, numbers, refs, keyNumbers, keyRefs, keysOfRow };
}

/** The inserted buckets of a reply (main thread). */
export function decodeBuckets(strings: readonly string[], bucketNumbers: Float64Array, bucketRefs: Int32Array): InsertedBucket[] {
  const buckets: InsertedBucket[] = [];
  for (let b = 0; b * BUCKET_NUMBERS < bucketNumbers.length; b++) {
    buckets.push({
      stationKey: bucketNumbers[b * BUCKET_NUMBERS]!,
      hourStart: bucketNumbers[b * BUCKET_NUMBERS + 1]!,
      parameterCode: strings[bucketRefs[b * BUCKET_REFS]!]!,
      interval: strings[bucketRefs[b * BUCKET_REFS + 1]!]!,
    });
  }
  return buckets;
}
