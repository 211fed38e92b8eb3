import type { StationAssessment } from '../../../contracts/monitoring';
import type { DirtyDayKey, DirtyDayPlan } from '../../db/bulk-insert';
import type { DatabaseHandle, Executor } from '../../db/database';
import type { Actor, RequestMeta } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { errors } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import { DEFAULT_COMPLETENESS, type CompletenessRules } from './assessment.completeness';
import { processDirtyBatch } from './assessment.engine';
import { beijingDayStart, DAY_MS, HOUR_MS } from './assessment.periods';

const O3_CODE = 'a05024';
import { canSeeAllAlerts, canTransitionAlert } from './assessment.policy';
import { assessmentRepository as repo, type StationRow } from './assessment.repository';
import type { AlertKind, AlertStatus, RollupPeriod } from './assessment.tables';

/** The narrow slice of the audit service this module uses. */
export interface AssessmentAudit {
  record(
    executor: Executor,
    input: {
      actor: (Pick<Actor, 'userId' | 'username' | 'organisationId'> & { displayName?: string | null }) | null;
      action: string;
      objectType: string;
      objectId: string | null;
      targetOrganisationId?: string | null;
      before?: unknown;
      after?: unknown;
      meta?: RequestMeta;
    },
  ): Promise<void>;
}

/** Structural copy of monitoring's `StoredBatch` (only the fields used here). */
export interface StoredBatchLike {
  buckets: readonly { stationKey: number; parameterCode: string; hourStart: number }[];
  /** The ingest path wrote the queue keys in the readings' transaction already (see planDirtyDays). */
  dirtyDaysQueued?: boolean;
}

export interface AssessmentDeps {
  database: DatabaseHandle;
  clock: Clock;
  audit: AssessmentAudit;
  logger: Pick<Logger, 'error' | 'info' | 'debug'>;
  completeness?: Partial<CompletenessRules>;
  /** Dirty keys per transaction (default 600). */
  batchSize?: number;
  /**
   * Synchronous station lookup (monitoring's station directory). A miss falls back to reading
   * `monitoring_stations`, so stations written by other means are still found.
   */
  stations?: { findById(id: string): { stationKey: number; kind: string } | undefined };
  /** Delay before the background loop runs after new data (default 200 ms), to gather batches. */
  debounceMs?: number;
}

export interface FlushResult {
  keys: number;
  stationDays: number;
  batches: number;
  alertsRaised: number;
}

/**
 * The (station, parameter, Beijing day) keys each reading makes dirty, distinct, with one
 * enqueue stamp. An O3 hour from 17:00 Beijing on also enters the next day's 8-hour moving
 * averages (hourly AQI), so it marks that day too.
 */
export function dirtyDayPlan(rows: readonly { stationKey: number; parameterCode: string; observedAt: number }[], enqueuedAt: number): DirtyDayPlan {
  const keys: DirtyDayKey[] = [];
  // By parameter, then by a number per (station, day): a gateway batch has thousands of rows
  // and a string id per row cost more than the rest of the plan.
  const indexOf = new Map<string, Map<number, number>>();
  const keysOfRow = new Int32Array(rows.length * 2).fill(-1);
  const keyIndex = (stationKey: number, parameterCode: string, dayStart: number): number => {
    let byDay = indexOf.get(parameterCode);
    if (byDay === undefined) indexOf.set(parameterCode, (byDay = new Map()));
    const id = stationKey * 1_000_000 + Math.floor(dayStart / DAY_MS);
    let index = byDay.get(id);
    if (index === undefined) {
      index = keys.length;
      keys.push({ stationKey, parameterCode, dayStart, enqueuedAt });
      byDay.set(id, index);
    }
    return index;
  };
  // Rows of one packet share their time: its Beijing day is computed once.
  let lastAt = Number.NaN;
  let day = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.observedAt !== lastAt) {
      lastAt = r.observedAt;
      day = beijingDayStart(r.observedAt);
    }
    keysOfRow[2 * i] = keyIndex(r.stationKey, r.parameterCode, day);
    if (r.parameterCode === O3_CODE && r.observedAt - day >= 17 * HOUR_MS) keysOfRow[2 * i + 1] = keyIndex(r.stationKey, r.parameterCode, day + DAY_MS);
  }
  return { keys, keysOfRow };
}

/**
 * Roll-ups, AQI, water class and exceedance alerts, computed incrementally. New readings mark
 * (station, parameter, Beijing day) keys dirty in the durable queue `assessment_dirty_days`;
 * a background loop (or `flush()`) processes the queue in small transactions.
 */
export function createAssessmentService(deps: AssessmentDeps) {
  const { database, clock, logger } = deps;
  const db = database.db;
  const rules: CompletenessRules = { ...DEFAULT_COMPLETENESS, ...deps.completeness };
  const batchSize = deps.batchSize ?? 600;
  const debounceMs = deps.debounceMs ?? 200;
  let lastEnqueue = 0;
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let sweeper: NodeJS.Timeout | null = null;
  let stopped = false;
  let paused = 0;
  /** Enqueues started by the readings listener and not finished yet (flush waits for them). */
  const inflight = new Set<Promise<unknown>>();

  /** Strictly increasing enqueue stamps, so a re-enqueued key is never deleted as processed. */
  function stamp(): number {
    lastEnqueue = Math.max(clock.now(), lastEnqueue + 1);
    return lastEnqueue;
  }

  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = chain.then(task, task);
    chain = run.catch(() => undefined);
    return run;
  }

  async function drainOnce(): Promise<FlushResult> {
    const total: FlushResult = { keys: 0, stationDays: 0, batches: 0, alertsRaised: 0 };
    for (;;) {
      const batch = await repo.peekDirty(db, batchSize);
      if (batch.length === 0) return total;
      const stats = await db.transaction().execute((trx) => processDirtyBatch(trx, batch, rules, clock.now()));
      total.keys += stats.keys;
      total.stationDays += stats.stationDays;
      total.alertsRaised += stats.alertsRaised;
      total.batches += 1;
    }
  }

  function schedule(delay = debounceMs): void {
    if (stopped || paused > 0 || timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      exclusive(drainOnce).catch((error: unknown) => {
        logger.error({ err: error }, 'assessment: background processing failed; will retry');
        schedule(5_000);
      });
    }, delay);
    timer.unref();
  }

  async function enqueueKeys(keys: readonly { stationKey: number; parameterCode: string; observedAt: number }[]): Promise<number> {
    const plan = dirtyDayPlan(keys, stamp());
    if (plan.keys.length === 0) return 0;
    await repo.enqueue(
      db,
      plan.keys.map((k) => ({ station_key: k.stationKey, parameter_code: k.parameterCode, day_start: k.dayStart, enqueued_at: k.enqueuedAt })),
    );
    schedule();
    return plan.keys.length;
  }

  async function stationOr404(stationId: string): Promise<Pick<StationRow, 'station_key' | 'kind'>> {
    const known = deps.stations?.findById(stationId);
    if (known !== undefined) return { station_key: known.stationKey, kind: known.kind as StationRow['kind'] };
    const station = await repo.stationById(db, stationId);
    if (station === undefined) throw errors.notFound('Station', '监测站点', stationId);
    return station;
  }

  async function visibleAlert(actor: Actor, id: string) {
    const alert = await repo.alertById(db, id);
    // Other organisations' alerts are invisible, so they are "not found" rather than forbidden.
    if (alert === undefined || (!canSeeAllAlerts(actor) && alert.organisation_id !== actor.organisationId)) {
      throw errors.notFound('Alert', '告警', id);
    }
    return alert;
  }

  async function transition(actor: Actor, id: string, to: 'acknowledged' | 'closed', meta?: RequestMeta) {
    const alert = await visibleAlert(actor, id);
    if (!canTransitionAlert(actor, alert)) {
      throw errors.forbidden('Only the owning organisation can handle this alert', '只有告警所属单位可以处理该告警');
    }
    if (alert.status === 'closed' || (to === 'acknowledged' && alert.status === 'acknowledged')) {
      throw errors.conflict(`The alert is already ${alert.status}`, alert.status === 'closed' ? '告警已关闭' : '告警已确认');
    }
    const now = clock.now();
    const patch =
      to === 'acknowledged'
        ? { status: 'acknowledged' as const, acknowledged_at: now, acknowledged_by: actor.userId }
        : { status: 'closed' as const, closed_at: now, closed_by: actor.userId, ...(alert.acknowledged_at === null ? { acknowledged_at: now, acknowledged_by: actor.userId } : {}) };
    await db.transaction().execute(async (trx) => {
      await repo.updateAlertStatus(trx, id, patch);
      await deps.audit.record(trx, {
        actor,
        action: to === 'acknowledged' ? 'alert.acknowledge' : 'alert.close',
        objectType: 'alert',
        objectId: id,
        targetOrganisationId: alert.organisation_id === actor.organisationId ? null : alert.organisation_id,
        before: { status: alert.status },
        after: { status: patch.status },
        ...(meta === undefined ? {} : { meta }),
      });
    });
    return (await repo.alertById(db, id))!;
  }

  return {
    rules,

    /**
     * Roll-up queue keys of an ingest batch, for monitoring to upsert in the readings' own
     * transaction (registered with `monitoring.planDirtyDaysWith` in context.ts).
     */
    planDirtyDays(batch: readonly { stationKey: number; parameterCode: string; observedAt: number }[]): DirtyDayPlan {
      return dirtyDayPlan(batch, stamp());
    },

    /**
     * Listener for monitoring's `onReadingsStored`: marks the touched Beijing days dirty, unless
     * the ingest path already queued them in its transaction — then it only wakes the loop.
     */
    onReadingsStored(batch: StoredBatchLike): Promise<number> {
      if (batch.dirtyDaysQueued === true) {
        schedule();
        return Promise.resolve(0);
      }
      const work = enqueueKeys(batch.buckets.map((b) => ({ stationKey: b.stationKey, parameterCode: b.parameterCode, observedAt: b.hourStart })));
      inflight.add(work);
      void work.finally(() => inflight.delete(work)).catch(() => undefined);
      return work;
    },

    /** Marks keys dirty directly (tests, re-computation tools). */
    enqueue: enqueueKeys,

    /** Processes the queue until it is empty (tests, CLI, demo). Serialised with the background loop. */
    async flush(): Promise<FlushResult> {
      // Accepted readings still in the SQLite inbox have not queued their days yet.
      await database.bulk.settle();
      await Promise.allSettled([...inflight]);
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      return exclusive(drainOnce);
    },

    pending: () => repo.countDirty(db),

    /**
     * Runs `work` (e.g. a bulk load) with the background loop held back, so that days are not
     * recomputed while their readings are still arriving; call `flush()` afterwards.
     */
    async withBackgroundPaused<T>(work: () => Promise<T>): Promise<T> {
      paused += 1;
      try {
        return await work();
      } finally {
        paused -= 1;
      }
    },

    /** Starts the periodic sweep that picks up keys left in the durable queue (e.g. after a crash). */
    start(sweepMs = 30_000): void {
      stopped = false;
      if (sweeper !== null) return;
      sweeper = setInterval(() => schedule(0), sweepMs);
      sweeper.unref();
      schedule(0);
    },

    /** Stops the loop and waits for the batch in progress. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      if (sweeper !== null) clearInterval(sweeper);
      timer = null;
      sweeper = null;
      await Promise.allSettled([...inflight]);
      await chain;
    },

    async rollups(stationId: string, query: { parameter?: string; period: RollupPeriod; from: number; to: number }) {
      const station = await stationOr404(stationId);
      const rows = await repo.readRollups(db, {
        stationKey: station.station_key,
        period: query.period,
        from: query.from,
        to: query.to,
        limit: 20_000,
        ...(query.parameter === undefined ? {} : { parameterCode: query.parameter }),
      });
      return { station, rows };
    },

    async aqi(stationId: string, query: { period: 'hour' | 'day'; from: number; to: number }) {
      const station = await stationOr404(stationId);
      if (station.kind !== 'air') throw errors.badRequest('AQI exists for air stations only', '仅环境空气站点有 AQI');
      const rows =
        query.period === 'hour'
          ? await repo.readAqiHourly(db, station.station_key, query.from, query.to, 20_000)
          : await repo.readAqiDaily(db, station.station_key, query.from, query.to, 20_000);
      return { station, rows };
    },

    async waterClass(stationId: string, query: { period: 'sample' | 'month'; from: number; to: number }) {
      const station = await stationOr404(stationId);
      if (station.kind !== 'surface_water') throw errors.badRequest('Water class exists for surface-water stations only', '仅地表水站点有水质类别');
      const rows =
        query.period === 'sample'
          ? (await repo.readWaterSamples(db, station.station_key, query.from, query.to, 20_000)).map((r) => ({ ...r, at: r.sampled_at }))
          : (await repo.readWaterMonthly(db, station.station_key, query.from, query.to, 20_000)).map((r) => ({ ...r, at: r.month_start, basis: 'month' as const }));
      return { station, rows };
    },

    latestAirQuality: () => repo.latestAqi(db),
    latestWaterQuality: () => repo.latestWater(db),

    /**
     * Station id → latest AQI or water class, for the station map: one query per kind (each a
     * max-per-station seek on the assessment table's key), never one per station.
     */
    async latestForMap(): Promise<Map<string, StationAssessment>> {
      const [air, water] = await Promise.all([repo.latestAqi(db), repo.latestWater(db)]);
      const out = new Map<string, StationAssessment>();
      for (const r of air) {
        out.set(r.id, {
          at: new Date(Number(r.observed_at)).toISOString(),
          aqi: r.aqi,
          level: r.level,
          primaryPollutants: JSON.parse(r.primary_pollutants) as string[],
        });
      }
      for (const r of water) {
        out.set(r.id, {
          at: new Date(Number(r.sampled_at)).toISOString(),
          waterClass: r.class,
          mainPollutants: JSON.parse(r.main_pollutants) as NonNullable<StationAssessment['mainPollutants']>,
        });
      }
      return out;
    },

    async listAlerts(actor: Actor, filter: { status?: AlertStatus; stationId?: string; kind?: AlertKind; limit: number; offset: number }) {
      return repo.listAlerts(db, { ...filter, ...(canSeeAllAlerts(actor) ? {} : { organisationId: actor.organisationId }) });
    },

    getAlert: visibleAlert,
    acknowledgeAlert: (actor: Actor, id: string, meta?: RequestMeta) => transition(actor, id, 'acknowledged', meta),
    closeAlert: (actor: Actor, id: string, meta?: RequestMeta) => transition(actor, id, 'closed', meta),

    /** Sets a surface-water section's target class (system use: demo, CLI). */
    setWaterTarget: (stationId: string, targetClass: string) => repo.setWaterTarget(db, stationId, targetClass, clock.now()),
  };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
