import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { BulkWriter } from './bulk-insert';
import type { Database } from './schema';
import { decodeBuckets, encodeInsertRequest, type InsertReply } from './sqlite-bulk-protocol';

const WORKER_ENTRY = new URL('./sqlite-bulk-worker.mjs', import.meta.url);

/**
 * SQLite bulk writer that runs each batch in a writer thread (sqlite-bulk-worker.ts) owning its
 * own connection to `file`. Measured with `npm run bench:ingest`: on the main thread the insert
 * loop and the synchronous fsync of every commit stop all socket reads; in the thread they
 * overlap framing, decoding and acking. WAL allows one writer: the request runs while this
 * thread holds Kysely's single-connection lock (`db.connection()`), so no Kysely query — read or
 * write — runs beside it and the two connections never contend for the write lock. The thread
 * starts on the first batch and is stopped by `close()`.
 */
export function createSqliteThreadBulkWriter(db: Kysely<Database>, file: string): BulkWriter {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (reply: InsertReply) => void; reject: (error: Error) => void }>();

  function failAll(error: Error): void {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  }

  function started(): Worker {
    if (worker !== null) return worker;
    const thread = new Worker(WORKER_ENTRY, { workerData: { file } });
    thread.on('message', (reply: InsertReply) => {
      const waiter = pending.get(reply.id);
      pending.delete(reply.id);
      // An idle thread must not keep the process alive (a CLI command that never closes the
      // database still exits); a busy one must, or the process could exit mid-commit.
      if (pending.size === 0) thread.unref();
      waiter?.resolve(reply);
    });
    // A dead thread fails its batches (the gateway withholds their acks; the loggers resend)
    // and the next batch starts a new one.
    thread.on('error', (error) => {
      if (worker === thread) worker = null;
      failAll(error);
    });
    thread.on('exit', (code) => {
      if (worker === thread) worker = null;
      failAll(new Error(`SQLite writer thread exited with code ${code}`));
    });
    worker = thread;
    return thread;
  }

  return {
    async insertReadings(rows, receivedAt, dirtyDays) {
      if (rows.length === 0) return { inserted: 0, buckets: [] };
      const request = encodeInsertRequest(nextId++, rows, receivedAt, dirtyDays);
      return db.connection().execute(async () => {
        const thread = started();
        const reply = await new Promise<InsertReply>((resolve, reject) => {
          pending.set(request.id, { resolve, reject });
          thread.ref();
          thread.postMessage(request, [request.numbers.buffer, request.refs.buffer, request.keyNumbers.buffer, request.keyRefs.buffer, request.keysOfRow.buffer]);
        });
        if (!reply.ok) throw Object.assign(new Error(reply.message), { code: reply.code });
        return { inserted: reply.inserted, buckets: decodeBuckets(request.strings, reply.bucketNumbers, reply.bucketRefs) };
      });
    },
    async close() {
      const thread = worker;
      worker = null;
      if (thread === null) return;
      const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
      // An idle thread is unref'd; waiting for its exit must keep the process alive, or a caller
      // awaiting close() with nothing else pending ends with exit code 13 (unsettled await).
      thread.ref();
      thread.postMessage('close');
      await exited;
    },
  };
}
