import type { BadPacketEntry, NewReading, QuarantineEntry } from './gateway.types';

export interface BatcherDeps {
  /** One durable transaction per call (the monitoring module's `acceptReadings`). */
  ingestReadings(readings: NewReading[]): Promise<{ inserted: number; duplicates: number; deferred?: number }>;
  /** Quarantined packets and bad-packet log entries, in one transaction of the gateway's own. */
  writeGatewayRecords(records: { quarantine: QuarantineEntry[]; badPackets: BadPacketEntry[] }): Promise<void>;
  /** Flush as soon as this many readings are pending. */
  maxRows: number;
  /** Flush at the latest this long after the first pending item arrived. */
  maxDelayMs: number;
  /**
   * Batches committing at once (default 1). More only for a writer that commits them one after
   * the other in the order given (the SQLite writer thread): concurrent PostgreSQL transactions
   * inserting overlapping keys could deadlock.
   */
  maxCommitsInFlight?: number;
  /** Bad-packet log entries written per flush at most; the rest are only counted (a flood must not cost commits). */
  maxBadPacketsPerFlush?: number;
  onError?(error: unknown, what: 'readings' | 'gateway-records'): void;
}

export interface BatchStats {
  batches: number;
  readingsCommitted: number;
  readingsInserted: number;
  readingsDuplicate: number;
  /**
   * Committed into the SQLite readings inbox: durable, visible after its next move. They count
   * as inserted or duplicate once moved (a move run at start-up counts what a crash left).
   */
  readingsDeferred: number;
  failedBatches: number;
  lastBatchRows: number;
  lastBatchMs: number;
  /** Time spent inside commits since start (busy share = totalCommitMs / wall time). */
  totalCommitMs: number;
  maxBatchRows: number;
  badPacketsNotLogged: number;
}

export interface Batcher {
  /**
   * Queues one packet's readings. The promise resolves true once they are durably committed
   * (only then may the packet be acked) and false when the commit failed (no ack: the logger
   * resends). It never rejects. A packet's readings are never split across commits.
   */
  addReadings(readings: NewReading[]): Promise<boolean>;
  /** Queues a quarantined packet; true once durably stored. */
  addQuarantine(entry: QuarantineEntry): Promise<boolean>;
  /** Queues a bad-packet log entry (best effort, nothing waits for it). */
  addBadPacket(entry: BadPacketEntry): void;
  /** Readings waiting for (or inside) a commit; the listener pauses sockets above a limit. */
  readonly pendingRows: number;
  /** Called after every commit attempt (used to resume paused sockets). */
  onDrain(listener: () => void): void;
  /** Commits everything queued so far (shutdown); resolves when nothing is pending. */
  flush(): Promise<void>;
  /** Counts deferred readings once their move found which were new and which duplicates. */
  countMoved(result: { moved: number; inserted: number }): void;
  stats(): BatchStats;
}

interface Waiter {
  rows: NewReading[] | null;
  quarantine: QuarantineEntry | null;
  done: (ok: boolean) => void;
}

/**
 * Group commit for every connection of the gateway. The first item starts a timer of
 * `maxDelayMs`; reaching `maxRows` flushes at once. Whatever arrives during a commit goes into
 * the next one, which starts as soon as the previous ends — under load the commit rate adapts to
 * the database and each commit carries many packets. With `maxCommitsInFlight` 2, a full batch
 * is handed over while the previous one still commits, for a writer that runs them in order.
 */
export function createBatcher(deps: BatcherDeps): Batcher {
  const maxCommitsInFlight = deps.maxCommitsInFlight ?? 1;
  const maxBad = deps.maxBadPacketsPerFlush ?? 200;
  let waiters: Waiter[] = [];
  let badPackets: BadPacketEntry[] = [];
  let queuedRows = 0;
  let inFlightRows = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  /** Wakes a running loop that waits for a commit to end: a full batch is queued. */
  let wake: (() => void) | null = null;
  const drainListeners: (() => void)[] = [];
  const stats: BatchStats = {
    batches: 0,
    readingsCommitted: 0,
    readingsInserted: 0,
    readingsDuplicate: 0,
    readingsDeferred: 0,
    failedBatches: 0,
    lastBatchRows: 0,
    lastBatchMs: 0,
    totalCommitMs: 0,
    maxBatchRows: 0,
    badPacketsNotLogged: 0,
  };

  function schedule(): void {
    if (queuedRows >= deps.maxRows) {
      kick();
      wake?.();
      return;
    }
    if (timer === null && running === null) timer = setTimeout(kick, deps.maxDelayMs);
  }

  function kick(): void {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    running ??= run();
  }

  async function run(): Promise<void> {
    const active = new Set<Promise<void>>();
    try {
      for (;;) {
        const work = waiters.length > 0 || badPackets.length > 0;
        // A second commit starts only for a full batch: under load it waits in the writer's
        // queue while the first commits; otherwise one commit at a time gathers what arrives.
        if (work && (active.size === 0 || (active.size < maxCommitsInFlight && queuedRows >= deps.maxRows))) {
          const commit: Promise<void> = commitOne().finally(() => active.delete(commit));
          active.add(commit);
          continue;
        }
        if (active.size === 0) break;
        await Promise.race([...active, new Promise<void>((resolve) => (wake = resolve))]);
        wake = null;
      }
    } finally {
      running = null;
    }
  }

  /** Takes whole packets up to maxRows (at least one) and commits them. */
  async function commitOne(): Promise<void> {
    const batch: Waiter[] = [];
    const rows: NewReading[] = [];
    let taken = 0;
    while (taken < waiters.length && (rows.length === 0 || rows.length + (waiters[taken]!.rows?.length ?? 0) <= deps.maxRows)) {
      const waiter = waiters[taken++]!;
      batch.push(waiter);
      if (waiter.rows !== null) for (const row of waiter.rows) rows.push(row);
    }
    waiters = waiters.slice(taken);
    queuedRows -= rows.length;
    inFlightRows += rows.length;
    const bad = badPackets.slice(0, maxBad);
    stats.badPacketsNotLogged += Math.max(0, badPackets.length - maxBad);
    badPackets = [];
    const quarantine = batch.flatMap((waiter) => (waiter.quarantine === null ? [] : [waiter.quarantine]));

    const started = performance.now();
    let readingsOk = true;
    if (rows.length > 0) {
      try {
        const result = await deps.ingestReadings(rows);
        stats.readingsCommitted += rows.length;
        stats.readingsInserted += result.inserted;
        stats.readingsDuplicate += result.duplicates;
        stats.readingsDeferred += result.deferred ?? 0;
      } catch (error) {
        readingsOk = false;
        stats.failedBatches++;
        deps.onError?.(error, 'readings');
      }
    }
    let recordsOk = true;
    if (quarantine.length > 0 || bad.length > 0) {
      try {
        await deps.writeGatewayRecords({ quarantine, badPackets: bad });
      } catch (error) {
        recordsOk = false;
        deps.onError?.(error, 'gateway-records');
      }
    }
    stats.batches++;
    stats.lastBatchRows = rows.length;
    const elapsed = performance.now() - started;
    stats.lastBatchMs = Math.round(elapsed * 10) / 10;
    stats.totalCommitMs += elapsed;
    stats.maxBatchRows = Math.max(stats.maxBatchRows, rows.length);
    inFlightRows -= rows.length;
    for (const waiter of batch) waiter.done(waiter.quarantine === null ? readingsOk : recordsOk);
    for (const listener of drainListeners) listener();
  }

  function enqueue(waiter: Omit<Waiter, 'done'>): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      waiters.push({ ...waiter, done: resolve });
      queuedRows += waiter.rows?.length ?? 0;
      schedule();
    });
  }

  return {
    addReadings: (readings) => enqueue({ rows: readings, quarantine: null }),
    addQuarantine: (entry) => enqueue({ rows: null, quarantine: entry }),
    addBadPacket(entry) {
      badPackets.push(entry);
      // Bound memory during a flood: keep the first entries of the window, count the rest.
      if (badPackets.length > maxBad * 2) {
        badPackets.pop();
        stats.badPacketsNotLogged++;
      }
      schedule();
    },
    get pendingRows() {
      return queuedRows + inFlightRows;
    },
    onDrain(listener) {
      drainListeners.push(listener);
    },
    async flush() {
      while (waiters.length > 0 || badPackets.length > 0 || running !== null) {
        kick();
        await running;
      }
    },
    countMoved({ moved, inserted }) {
      stats.readingsInserted += inserted;
      stats.readingsDuplicate += moved - inserted;
    },
    stats: () => ({ ...stats }),
  };
}
