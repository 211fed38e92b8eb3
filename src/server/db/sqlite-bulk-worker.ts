import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { SQLITE_INSERT, SQLITE_UPSERT_DIRTY_DAY } from './bulk-insert';
import { KEY_NUMBERS, ROW_NUMBERS, ROW_REFS, type InboxFigures, type InsertReply, type InsertRequest, type WriterRequest } from './sqlite-bulk-protocol';
import { createReadingsInbox } from './sqlite-readings-inbox';

/**
 * The SQLite writer thread (started by sqlite-bulk-thread.ts): its own better-sqlite3
 * connection to the database file, used only for the readings bulk insert and its roll-up
 * queue keys. better-sqlite3 is synchronous, so on the main thread a batch's insert loop and
 * its fsync (synchronous=FULL) would stop every socket; here they run while the main thread
 * keeps framing, decoding and acking. The main thread holds Kysely's connection lock while a
 * request runs, so the two connections never write at the same time.
 */
const HOUR_MS = 3_600_000;
const { file, inboxMinBatchRows } = workerData as { file: string; inboxMinBatchRows: number };
const sqlite = new SqliteDatabase(file);
// The same durability as the main connection (database.ts): the ack waits for this commit.
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = FULL');
sqlite.pragma('foreign_keys = ON');
sqlite.pragma('busy_timeout = 5000');
// monitoring_readings is WITHOUT ROWID, clustered by its key: a batch from many loggers touches
// the newest leaf page of each (station, interval) range, and a move touches many more, so
// keeping those pages in memory between batches saves re-reading them (64 MiB, this connection
// only).
sqlite.pragma('cache_size = -65536');
let insert: SqliteDatabase.Statement | undefined;
let upsertDirty: SqliteDatabase.Statement | undefined;
const inbox = createReadingsInbox(sqlite);

/** Byte order of ASCII codes, as SQLite's BINARY collation compares them. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function run(request: InsertRequest): { inserted: number; bucketNumbers: Float64Array<ArrayBuffer>; bucketRefs: Int32Array<ArrayBuffer> } {
  const { strings, numbers, refs, keyNumbers, keyRefs, keysOfRow, receivedAt } = request;
  // Prepared on first use: the tables exist only once the main thread has migrated.
  const statement = (insert ??= sqlite.prepare(SQLITE_INSERT));
  const rowCount = numbers.length / ROW_NUMBERS;
  const usedKeys = new Uint8Array(keyRefs.length);
  const bucketNumbers: number[] = [];
  const bucketRefs: number[] = [];
  const seenBuckets = new Set<string>();
  let lastBucket = '';
  const text = (index: number): string | null => (index < 0 ? null : strings[index]!);
  // Insert in key order (station, interval, time, parameter): neighbouring rows then land on the
  // same B-tree page instead of hopping between loggers as they arrived.
  const order = Array.from({ length: rowCount }, (_, i) => i);
  order.sort(
    (a, b) =>
      numbers[a * ROW_NUMBERS]! - numbers[b * ROW_NUMBERS]! ||
      compareText(strings[refs[a * ROW_REFS + 1]!]!, strings[refs[b * ROW_REFS + 1]!]!) ||
      numbers[a * ROW_NUMBERS + 1]! - numbers[b * ROW_NUMBERS + 1]! ||
      compareText(strings[refs[a * ROW_REFS]!]!, strings[refs[b * ROW_REFS]!]!) ||
      a - b,
  );
  const transaction = sqlite.transaction(() => {
    let inserted = 0;
    for (const i of order) {
      const stationKey = numbers[i * ROW_NUMBERS]!;
      const observedAt = numbers[i * ROW_NUMBERS + 1]!;
      const value = numbers[i * ROW_NUMBERS + 2]!;
      const parameterRef = refs[i * ROW_REFS]!;
      const intervalRef = refs[i * ROW_REFS + 1]!;
      const changes = statement.run(
        stationKey,
        text(parameterRef),
        text(intervalRef),
        observedAt,
        Number.isNaN(value) ? null : value,
        text(refs[i * ROW_REFS + 2]!),
        text(refs[i * ROW_REFS + 3]!),
        text(refs[i * ROW_REFS + 4]!),
        receivedAt,
      ).changes;
      if (changes === 0) continue;
      inserted++;
      const hourStart = observedAt - (((observedAt % HOUR_MS) + HOUR_MS) % HOUR_MS);
      const bucket = `${stationKey}|${parameterRef}|${intervalRef}|${hourStart}`;
      if (bucket !== lastBucket && !seenBuckets.has(bucket)) {
        seenBuckets.add(bucket);
        bucketNumbers.push(stationKey, hourStart);
        bucketRefs.push(parameterRef, intervalRef);
      }
      lastBucket = bucket;
      if (keysOfRow.length > 0) {
        const first = keysOfRow[2 * i]!;
        const second = keysOfRow[2 * i + 1]!;
        if (first >= 0) usedKeys[first] = 1;
        if (second >= 0) usedKeys[second] = 1;
      }
    }
    for (let k = 0; k < usedKeys.length; k++) {
      if (usedKeys[k] === 0) continue;
      const upsert = (upsertDirty ??= sqlite.prepare(SQLITE_UPSERT_DIRTY_DAY));
      upsert.run(keyNumbers[k * KEY_NUMBERS]!, strings[keyRefs[k]!]!, keyNumbers[k * KEY_NUMBERS + 1]!, keyNumbers[k * KEY_NUMBERS + 2]!);
    }
    return inserted;
  });
  const inserted = transaction.immediate();
  return { inserted, bucketNumbers: new Float64Array(bucketNumbers), bucketRefs: new Int32Array(bucketRefs) };
}

// Fresh arrays each time: a reply transfers (detaches) its buffers.
const nothingInserted = () => ({ inserted: 0, bucketNumbers: new Float64Array(0), bucketRefs: new Int32Array(0) });

/** Runs one request; the move a direct insert needs first is reported in the same reply. */
function handle(request: WriterRequest): ReturnType<typeof run> & InboxFigures {
  if (request.mode === 'move') {
    const { moving, finished } = inbox.step(Date.now());
    return { ...nothingInserted(), deferred: 0, moved: finished?.moved ?? 0, movedInserted: finished?.inserted ?? 0, waiting: inbox.waiting(), moving };
  }
  const rowCount = request.numbers.length / ROW_NUMBERS;
  // Large accepted batches under load go to the inbox; a small one, with nothing waiting, is
  // inserted at once (visible as soon as it is acknowledged, and no move to wait for).
  if (request.mode === 'accept' && (inbox.waiting() > 0 || rowCount >= inboxMinBatchRows)) {
    const deferred = inbox.append(request);
    return { ...nothingInserted(), deferred, moved: 0, movedInserted: 0, waiting: inbox.waiting(), moving: inbox.moving() };
  }
  // Rows waiting in the inbox arrived first: they move before these, so a key conflict keeps
  // the earlier value exactly as the direct path does.
  const moved = inbox.waiting() > 0 ? inbox.moveAll(Date.now()) : { moved: 0, inserted: 0 };
  return { ...run(request), deferred: 0, moved: moved.moved, movedInserted: moved.inserted, waiting: 0, moving: false };
}

parentPort!.on('message', (message: WriterRequest | 'close') => {
  if (message === 'close') {
    sqlite.close();
    parentPort!.close();
    return;
  }
  let reply: InsertReply;
  try {
    const result = handle(message);
    reply = { id: message.id, ok: true, ...result };
    parentPort!.postMessage(reply, [result.bucketNumbers.buffer, result.bucketRefs.buffer]);
  } catch (error) {
    reply = { id: message.id, ok: false, message: error instanceof Error ? error.message : String(error), code: (error as { code?: string }).code };
    parentPort!.postMessage(reply);
  }
});
