import { Worker } from 'node:worker_threads';
import { sql, type Kysely } from 'kysely';
import type { BulkReading, BulkWriter, DeferredMoveListener, DirtyDayPlan } from './bulk-insert';
import { DEFAULT_SQLITE_INBOX, type SqliteInboxConfig } from '../config/config';
import type { Database } from './schema';
import { decodeBuckets, encodeInsertRequest, type InboxFigures, type InsertReply, type WriterRequest } from './sqlite-bulk-protocol';

const WORKER_ENTRY = new URL('./sqlite-bulk-worker.mjs', import.meta.url);

/** How long a lease of the connection lock takes further requests (see `post`). */
const LEASE_OPEN_MS = 50;

/** Kysely's connection lock held for a run of requests to the thread. */
interface Lease {
  inFlight: number;
  grantedAt: number;
  /** Requests waiting for the lock; null once it is held. */
  queued: { send: () => void; fail: (error: unknown) => void }[] | null;
  release: (() => void) | null;
}

/**
 * SQLite bulk writer that runs each batch in a writer thread (sqlite-bulk-worker.ts) owning its
 * own connection to `file`. Measured with `npm run bench:ingest`: on the main thread the insert
 * loop and the synchronous fsync of every commit stop all socket reads; in the thread they
 * overlap framing, decoding and acking. WAL allows one writer: requests run while this
 * thread holds Kysely's single-connection lock (`db.connection()`, leased for a run of requests,
 * see `post`), so no Kysely query — read or write — runs beside them and the two connections
 * never contend for the write lock. The thread starts on the first batch and is stopped by
 * `close()`.
 *
 * Accepted batches may go to the readings inbox (sqlite-readings-inbox.ts). This side decides
 * when the inbox moves — when `moveRows` readings wait, when no batch came for `moveDelayMs`, at
 * the latest `maxLagMs` after the first waiting one (a move costs about the same for 20,000 rows
 * as for 150,000, so under load it waits for many) — and sends the move as a request of its
 * own, under the same lock: the thread never writes on its own initiative, so the main
 * thread's connection never waits on it.
 */
export function createSqliteThreadBulkWriter(db: Kysely<Database>, file: string, inboxOptions: SqliteInboxConfig = DEFAULT_SQLITE_INBOX): BulkWriter {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (reply: InsertReply) => void; reject: (error: Error) => void; lease: Lease }>();
  /** The lease requests join while it is young (see `post`). */
  let currentLease: Lease | null = null;
  const moveListeners = new Set<DeferredMoveListener>();
  /** Readings in the inbox as of the last reply. */
  let waiting = 0;
  /** The idle (debounce) timer and the maximum-lag timer; either one moves the inbox. */
  let moveTimer: NodeJS.Timeout | null = null;
  let lagTimer: NodeJS.Timeout | null = null;
  let moving: Promise<void> | null = null;

  function stopTimers(): void {
    if (moveTimer !== null) clearTimeout(moveTimer);
    if (lagTimer !== null) clearTimeout(lagTimer);
    moveTimer = null;
    lagTimer = null;
  }

  function moveLater(): void {
    const moveNow = () => void move().catch(() => undefined);
    if (moveTimer !== null) clearTimeout(moveTimer);
    moveTimer = setTimeout(moveNow, inboxOptions.moveDelayMs);
    lagTimer ??= setTimeout(moveNow, inboxOptions.maxLagMs);
  }

  function failAll(error: Error): void {
    const waiters = [...pending.values()];
    pending.clear();
    for (const waiter of waiters) {
      finished(waiter.lease);
      waiter.reject(error);
    }
  }

  /** One request of a lease is over; the last one hands Kysely's connection back. */
  function finished(lease: Lease): void {
    lease.inFlight--;
    if (lease.inFlight > 0) return;
    if (currentLease === lease) currentLease = null;
    lease.release?.();
  }

  /**
   * Posts a request under a lease of Kysely's connection lock. The thread works through its
   * requests in order, so while one commits the next can already wait in its queue: requests
   * arriving while a lease is young join it instead of queueing for the lock behind it. Without
   * that, the thread idled between requests for the main thread to take the reply, write the
   * acks and encode the next batch (measured: ~6 ms per request, a fifth of a busy run). A lease
   * stops taking requests after LEASE_OPEN_MS so queries of the main thread wait at most about
   * that long behind the gateway.
   */
  function post(request: WriterRequest, transfer: ArrayBuffer[], resolve: (reply: InsertReply) => void, reject: (error: Error) => void): void {
    const joinable = currentLease !== null && (currentLease.queued !== null || performance.now() - currentLease.grantedAt < LEASE_OPEN_MS);
    const lease = joinable ? currentLease! : openLease();
    lease.inFlight++;
    const fail = (error: unknown) => {
      pending.delete(request.id);
      finished(lease);
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const send = () => {
      try {
        const thread = started();
        pending.set(request.id, { resolve, reject, lease });
        thread.ref();
        thread.postMessage(request, transfer);
      } catch (error) {
        fail(error);
      }
    };
    if (lease.queued === null) send();
    else lease.queued.push({ send, fail });
  }

  function openLease(): Lease {
    const lease: Lease = { inFlight: 0, grantedAt: 0, queued: [], release: null };
    currentLease = lease;
    void db
      .connection()
      .execute(
        () =>
          new Promise<void>((release) => {
            lease.release = release;
            lease.grantedAt = performance.now();
            const queued = lease.queued ?? [];
            lease.queued = null;
            for (const { send } of queued) send();
          }),
      )
      .catch((error: unknown) => {
        // The lock was never granted (the database is closed): fail what waited for it.
        const queued = lease.queued ?? [];
        lease.queued = null;
        for (const { fail } of queued) fail(error);
      });
    return lease;
  }

  function started(): Worker {
    if (worker !== null) return worker;
    const thread = new Worker(WORKER_ENTRY, { workerData: { file, inboxMinBatchRows: inboxOptions.minBatchRows } });
    thread.on('message', (reply: InsertReply) => {
      const waiter = pending.get(reply.id);
      pending.delete(reply.id);
      // An idle thread must not keep the process alive (a CLI command that never closes the
      // database still exits); a busy one must, or the process could exit mid-commit.
      if (pending.size === 0) thread.unref();
      if (waiter === undefined) return;
      finished(waiter.lease);
      waiter.resolve(reply);
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

  /** Sends one request under a lease of Kysely's connection lock and follows up on the inbox figures. */
  async function send(request: WriterRequest, transfer: ArrayBuffer[]): Promise<Extract<InsertReply, { ok: true }>> {
    const reply = await new Promise<InsertReply>((resolve, reject) => post(request, transfer, resolve, reject));
    if (!reply.ok) throw Object.assign(new Error(reply.message), { code: reply.code });
    afterReply(reply);
    return reply;
  }

  function afterReply(figures: InboxFigures): void {
    waiting = figures.waiting;
    if (figures.moved > 0) for (const listener of moveListeners) listener.moved({ moved: figures.moved, inserted: figures.movedInserted });
    if (waiting === 0) stopTimers();
    else if (waiting >= inboxOptions.moveRows) void move().catch(() => undefined);
    else if (figures.deferred > 0) moveLater();
  }

  /**
   * One move at a time, step by step: each step is its own request, so batches queued behind it
   * on the connection lock (and their acks) go between steps. A failed move is reported to the
   * listeners and retried after the delay; the sealed part resumes where it stopped.
   */
  function move(): Promise<void> {
    stopTimers();
    moving ??= (async () => {
      while ((await send({ id: nextId++, mode: 'move' }, [])).moving);
    })()
      .catch((error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const listener of moveListeners) listener.failed(failure);
        moveLater();
        throw failure;
      })
      .finally(() => {
        moving = null;
      });
    return moving;
  }

  async function write(mode: 'insert' | 'accept', rows: readonly BulkReading[], receivedAt: number, dirtyDays: DirtyDayPlan | undefined) {
    const request = encodeInsertRequest(nextId++, mode, rows, receivedAt, dirtyDays);
    const reply = await send(request, [request.numbers.buffer, request.refs.buffer, request.keyNumbers.buffer, request.keyRefs.buffer, request.keysOfRow.buffer]);
    return { inserted: reply.inserted, deferred: reply.deferred, buckets: decodeBuckets(request.strings, reply.bucketNumbers, reply.bucketRefs) };
  }

  /** Readings a crash left in the inbox, before this writer has said anything about it. */
  async function leftInInbox(): Promise<boolean> {
    const found = await sql<{ one: number }>`select 1 as one from monitoring_readings_inbox limit 1`.execute(db);
    return found.rows.length > 0;
  }

  return {
    async insertReadings(rows, receivedAt, dirtyDays) {
      if (rows.length === 0) return { inserted: 0, buckets: [] };
      const { inserted, buckets } = await write('insert', rows, receivedAt, dirtyDays);
      return { inserted, buckets };
    },
    async acceptReadings(rows, receivedAt, dirtyDays) {
      if (rows.length === 0) return { inserted: 0, deferred: 0, buckets: [] };
      return write('accept', rows, receivedAt, dirtyDays);
    },
    async settle() {
      if (moving !== null) await moving;
      if (worker === null && waiting === 0 && !(await leftInInbox())) return;
      // Batches accepted during a move wait for the next one.
      do await move();
      while (waiting > 0);
    },
    onDeferredMoved(listener) {
      moveListeners.add(listener);
      return () => moveListeners.delete(listener);
    },
    async close() {
      // What waits in the inbox is durable, and a later start moves it; moving now makes it
      // visible to whatever reads the file next (the CLI, a test).
      await this.settle().catch(() => undefined);
      stopTimers();
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
