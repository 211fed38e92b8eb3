import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import type {
  AirQualityDailyTable,
  AirQualityHourlyTable,
  AlertKind,
  AlertStatus,
  AssessmentAlertsTable,
  AssessmentRollupsTable,
  RollupPeriod,
  WaterClassMonthlyTable,
  WaterClassSamplesTable,
} from './assessment.tables';

/**
 * The assessment module's SQL. Every function takes the executor first. It writes only the
 * assessment tables; it reads the monitoring tables (stations, parameters, readings) directly.
 */

const CHUNK = 400;

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export interface DirtyKey {
  station_key: number;
  parameter_code: string;
  day_start: number;
  enqueued_at: number;
}

export interface ReadingPoint {
  parameter_code: string;
  interval: 'rt' | 'min' | 'hour' | 'day';
  observed_at: number;
  value: number;
}

export interface StationRow {
  id: string;
  station_key: number;
  code: string;
  name: string;
  kind: 'air' | 'surface_water' | 'pollution_source';
  sub_kind: string | null;
  water_body: 'river' | 'lake' | null;
  status: string;
  owner_organisation_id: string;
  province_code: string;
  city_code: string;
}

export interface StationParameterRow {
  station_id: string;
  parameter_code: string;
  unit: string;
  permit_limit: number | null;
}

export const assessmentRepository = {
  async enqueue(ex: Executor, rows: readonly DirtyKey[]): Promise<void> {
    for (const part of chunks(rows)) {
      await ex
        .insertInto('assessment_dirty_days')
        .values(part)
        .onConflict((oc) => oc.columns(['station_key', 'parameter_code', 'day_start']).doUpdateSet((eb) => ({ enqueued_at: eb.ref('excluded.enqueued_at') })))
        .execute();
    }
  },

  /** The oldest-keyed dirty rows, ordered so one station-day's parameters come together. */
  async peekDirty(ex: Executor, limit: number): Promise<DirtyKey[]> {
    return ex.selectFrom('assessment_dirty_days').selectAll().orderBy('station_key').orderBy('day_start').orderBy('parameter_code').limit(limit).execute();
  },

  async countDirty(ex: Executor): Promise<number> {
    const row = await ex.selectFrom('assessment_dirty_days').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Removes processed keys unless they were re-enqueued since (newer `enqueued_at`). */
  async deleteProcessed(ex: Executor, groups: readonly { stationKey: number; dayStart: number; parameterCodes: readonly string[]; upTo: number }[]): Promise<void> {
    for (const part of chunks(groups, 100)) {
      await ex
        .deleteFrom('assessment_dirty_days')
        .where((eb) =>
          eb.or(
            part.map((g) =>
              eb.and([eb('station_key', '=', g.stationKey), eb('day_start', '=', g.dayStart), eb('parameter_code', 'in', g.parameterCodes), eb('enqueued_at', '<=', g.upTo)]),
            ),
          ),
        )
        .execute();
    }
  },

  /**
   * Valid readings of some parameters of a station in [from, to). Naming the intervals lets both
   * databases seek the (station, interval, time, parameter) key per interval instead of scanning
   * all of the station's history; the parameters are picked out of that range.
   */
  async readReadings(ex: Executor, stationKey: number, parameterCodes: readonly string[], from: number, to: number): Promise<ReadingPoint[]> {
    if (parameterCodes.length === 0) return [];
    const rows = await ex
      .selectFrom('monitoring_readings')
      .select(['parameter_code', 'interval', 'observed_at', 'value'])
      .where('station_key', '=', stationKey)
      .where('parameter_code', 'in', parameterCodes)
      .where('interval', 'in', ['rt', 'min', 'hour', 'day'])
      .where('observed_at', '>=', from)
      .where('observed_at', '<', to)
      .where('value', 'is not', null)
      .where('quality', '<>', 'invalid')
      .execute();
    return rows as ReadingPoint[];
  },

  async upsertRollups(ex: Executor, rows: readonly AssessmentRollupsTable[]): Promise<void> {
    for (const part of chunks(rows)) {
      await ex
        .insertInto('assessment_rollups')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['station_key', 'parameter_code', 'period', 'period_start']).doUpdateSet((eb) => ({
            mean: eb.ref('excluded.mean'),
            min: eb.ref('excluded.min'),
            max: eb.ref('excluded.max'),
            sum: eb.ref('excluded.sum'),
            count: eb.ref('excluded.count'),
            expected: eb.ref('excluded.expected'),
            coverage: eb.ref('excluded.coverage'),
            complete: eb.ref('excluded.complete'),
            basis: eb.ref('excluded.basis'),
            computed_at: eb.ref('excluded.computed_at'),
          })),
        )
        .execute();
    }
  },

  async deleteRollup(ex: Executor, stationKey: number, parameterCode: string, period: RollupPeriod, periodStart: number): Promise<void> {
    await ex
      .deleteFrom('assessment_rollups')
      .where('station_key', '=', stationKey)
      .where('parameter_code', '=', parameterCode)
      .where('period', '=', period)
      .where('period_start', '=', periodStart)
      .execute();
  },

  async readRollups(
    ex: Executor,
    filter: { stationKey: number; parameterCode?: string; period: RollupPeriod; from: number; to: number; limit?: number },
  ): Promise<AssessmentRollupsTable[]> {
    let query = ex
      .selectFrom('assessment_rollups')
      .selectAll()
      .where('station_key', '=', filter.stationKey)
      .where('period', '=', filter.period)
      .where('period_start', '>=', filter.from)
      .where('period_start', '<', filter.to);
    if (filter.parameterCode !== undefined) query = query.where('parameter_code', '=', filter.parameterCode);
    query = query.orderBy('parameter_code').orderBy('period_start');
    if (filter.limit !== undefined) query = query.limit(filter.limit);
    return query.execute();
  },

  async upsertAqiHourly(ex: Executor, rows: readonly AirQualityHourlyTable[]): Promise<void> {
    for (const part of chunks(rows)) {
      await ex
        .insertInto('air_quality_hourly')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['station_key', 'observed_at']).doUpdateSet((eb) => ({
            standard: eb.ref('excluded.standard'),
            aqi: eb.ref('excluded.aqi'),
            level: eb.ref('excluded.level'),
            category: eb.ref('excluded.category'),
            primary_pollutants: eb.ref('excluded.primary_pollutants'),
            iaqi: eb.ref('excluded.iaqi'),
            concentrations: eb.ref('excluded.concentrations'),
            publishable: eb.ref('excluded.publishable'),
            computed_at: eb.ref('excluded.computed_at'),
          })),
        )
        .execute();
    }
  },

  async upsertAqiDaily(ex: Executor, rows: readonly AirQualityDailyTable[]): Promise<void> {
    for (const part of chunks(rows)) {
      await ex
        .insertInto('air_quality_daily')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['station_key', 'day_start']).doUpdateSet((eb) => ({
            standard: eb.ref('excluded.standard'),
            aqi: eb.ref('excluded.aqi'),
            level: eb.ref('excluded.level'),
            category: eb.ref('excluded.category'),
            primary_pollutants: eb.ref('excluded.primary_pollutants'),
            iaqi: eb.ref('excluded.iaqi'),
            concentrations: eb.ref('excluded.concentrations'),
            publishable: eb.ref('excluded.publishable'),
            complete: eb.ref('excluded.complete'),
            computed_at: eb.ref('excluded.computed_at'),
          })),
        )
        .execute();
    }
  },

  async upsertWaterSamples(ex: Executor, rows: readonly WaterClassSamplesTable[]): Promise<void> {
    for (const part of chunks(rows)) {
      await ex
        .insertInto('water_class_samples')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['station_key', 'sampled_at']).doUpdateSet((eb) => ({
            basis: eb.ref('excluded.basis'),
            water_body: eb.ref('excluded.water_body'),
            class: eb.ref('excluded.class'),
            class_rank: eb.ref('excluded.class_rank'),
            grade: eb.ref('excluded.grade'),
            item_classes: eb.ref('excluded.item_classes'),
            main_pollutants: eb.ref('excluded.main_pollutants'),
            item_values: eb.ref('excluded.item_values'),
            computed_at: eb.ref('excluded.computed_at'),
          })),
        )
        .execute();
    }
  },

  async upsertWaterMonthly(ex: Executor, rows: readonly WaterClassMonthlyTable[]): Promise<void> {
    for (const part of chunks(rows)) {
      await ex
        .insertInto('water_class_monthly')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['station_key', 'month_start']).doUpdateSet((eb) => ({
            water_body: eb.ref('excluded.water_body'),
            class: eb.ref('excluded.class'),
            class_rank: eb.ref('excluded.class_rank'),
            grade: eb.ref('excluded.grade'),
            item_classes: eb.ref('excluded.item_classes'),
            main_pollutants: eb.ref('excluded.main_pollutants'),
            item_values: eb.ref('excluded.item_values'),
            computed_at: eb.ref('excluded.computed_at'),
          })),
        )
        .execute();
    }
  },

  /** Inserts alerts; one per (station, parameter, kind, hour bucket) ever — repeats are ignored. Returns how many were new. */
  async insertAlerts(ex: Executor, rows: readonly AssessmentAlertsTable[]): Promise<number> {
    let inserted = 0;
    for (const part of chunks(rows, 200)) {
      const result = await ex
        .insertInto('assessment_alerts')
        .values(part)
        .onConflict((oc) => oc.columns(['station_key', 'parameter_code', 'kind', 'hour_bucket']).doNothing())
        .executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return inserted;
  },

  async stationsByKeys(ex: Executor, keys: readonly number[]): Promise<StationRow[]> {
    if (keys.length === 0) return [];
    return ex
      .selectFrom('monitoring_stations')
      .select(['id', 'station_key', 'code', 'name', 'kind', 'sub_kind', 'water_body', 'status', 'owner_organisation_id', 'province_code', 'city_code'])
      .where('station_key', 'in', keys)
      .execute() as Promise<StationRow[]>;
  },

  async stationById(ex: Executor, id: string): Promise<StationRow | undefined> {
    return ex
      .selectFrom('monitoring_stations')
      .select(['id', 'station_key', 'code', 'name', 'kind', 'sub_kind', 'water_body', 'status', 'owner_organisation_id', 'province_code', 'city_code'])
      .where('id', '=', id)
      .executeTakeFirst() as Promise<StationRow | undefined>;
  },

  async parametersOf(ex: Executor, stationIds: readonly string[]): Promise<StationParameterRow[]> {
    if (stationIds.length === 0) return [];
    return ex.selectFrom('monitoring_station_parameters').selectAll().where('station_id', 'in', stationIds).execute();
  },

  async waterTargets(ex: Executor, stationIds: readonly string[]): Promise<Map<string, string>> {
    if (stationIds.length === 0) return new Map();
    const rows = await ex.selectFrom('assessment_water_targets').select(['station_id', 'target_class']).where('station_id', 'in', stationIds).execute();
    return new Map(rows.map((r) => [r.station_id, r.target_class]));
  },

  async setWaterTarget(ex: Executor, stationId: string, targetClass: string, now: number): Promise<void> {
    await ex
      .insertInto('assessment_water_targets')
      .values({ station_id: stationId, target_class: targetClass, updated_at: now })
      .onConflict((oc) => oc.column('station_id').doUpdateSet({ target_class: targetClass, updated_at: now }))
      .execute();
  },

  async readAqiHourly(ex: Executor, stationKey: number, from: number, to: number, limit: number) {
    return ex
      .selectFrom('air_quality_hourly')
      .select(['observed_at as at', 'standard', 'aqi', 'level', 'category', 'primary_pollutants', 'iaqi', 'concentrations', 'publishable'])
      .where('station_key', '=', stationKey)
      .where('observed_at', '>=', from)
      .where('observed_at', '<', to)
      .orderBy('observed_at')
      .limit(limit)
      .execute();
  },

  async readAqiDaily(ex: Executor, stationKey: number, from: number, to: number, limit: number) {
    return ex
      .selectFrom('air_quality_daily')
      .select(['day_start as at', 'standard', 'aqi', 'level', 'category', 'primary_pollutants', 'iaqi', 'concentrations', 'publishable', 'complete'])
      .where('station_key', '=', stationKey)
      .where('day_start', '>=', from)
      .where('day_start', '<', to)
      .orderBy('day_start')
      .limit(limit)
      .execute();
  },

  async readWaterSamples(ex: Executor, stationKey: number, from: number, to: number, limit: number): Promise<WaterClassSamplesTable[]> {
    return ex
      .selectFrom('water_class_samples')
      .selectAll()
      .where('station_key', '=', stationKey)
      .where('sampled_at', '>=', from)
      .where('sampled_at', '<', to)
      .orderBy('sampled_at')
      .limit(limit)
      .execute();
  },

  async readWaterMonthly(ex: Executor, stationKey: number, from: number, to: number, limit: number): Promise<WaterClassMonthlyTable[]> {
    return ex
      .selectFrom('water_class_monthly')
      .selectAll()
      .where('station_key', '=', stationKey)
      .where('month_start', '>=', from)
      .where('month_start', '<', to)
      .orderBy('month_start')
      .limit(limit)
      .execute();
  },

  /** Latest hourly AQI of every air station that has one (a PK seek per station). */
  async latestAqi(ex: Executor) {
    return ex
      .selectFrom('monitoring_stations as s')
      .innerJoin('air_quality_hourly as h', 'h.station_key', 's.station_key')
      .select(['s.id', 's.code', 's.name', 's.province_code', 's.city_code', 'h.observed_at', 'h.standard', 'h.aqi', 'h.level', 'h.category', 'h.primary_pollutants'])
      .where('s.kind', '=', 'air')
      .whereRef('h.observed_at', '=', (eb) => eb.selectFrom('air_quality_hourly as x').select((e) => e.fn.max('x.observed_at').as('m')).whereRef('x.station_key', '=', 's.station_key'))
      .orderBy('s.code')
      .execute();
  },

  /** Latest sample class of every surface-water station that has one. */
  async latestWater(ex: Executor) {
    return ex
      .selectFrom('monitoring_stations as s')
      .innerJoin('water_class_samples as w', 'w.station_key', 's.station_key')
      .select(['s.id', 's.code', 's.name', 's.province_code', 's.city_code', 'w.sampled_at', 'w.basis', 'w.water_body', 'w.class', 'w.grade', 'w.main_pollutants'])
      .where('s.kind', '=', 'surface_water')
      .whereRef('w.sampled_at', '=', (eb) => eb.selectFrom('water_class_samples as x').select((e) => e.fn.max('x.sampled_at').as('m')).whereRef('x.station_key', '=', 's.station_key'))
      .orderBy('s.code')
      .execute();
  },

  async listAlerts(
    ex: Executor,
    filter: { organisationId?: string; status?: AlertStatus; stationId?: string; kind?: AlertKind; limit: number; offset: number },
  ): Promise<{ items: (AssessmentAlertsTable & { station_code: string; station_name: string })[]; total: number }> {
    let base = ex.selectFrom('assessment_alerts as a').innerJoin('monitoring_stations as s', 's.id', 'a.station_id');
    if (filter.organisationId !== undefined) base = base.where('a.organisation_id', '=', filter.organisationId);
    if (filter.status !== undefined) base = base.where('a.status', '=', filter.status);
    if (filter.stationId !== undefined) base = base.where('a.station_id', '=', filter.stationId);
    if (filter.kind !== undefined) base = base.where('a.kind', '=', filter.kind);
    const items = await base
      .selectAll('a')
      .select(['s.code as station_code', 's.name as station_name'])
      .orderBy('a.created_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { items, total: Number(total.n) };
  },

  async alertById(ex: Executor, id: string) {
    return ex
      .selectFrom('assessment_alerts as a')
      .innerJoin('monitoring_stations as s', 's.id', 'a.station_id')
      .selectAll('a')
      .select(['s.code as station_code', 's.name as station_name'])
      .where('a.id', '=', id)
      .executeTakeFirst();
  },

  async updateAlertStatus(
    ex: Executor,
    id: string,
    patch: Partial<Pick<AssessmentAlertsTable, 'status' | 'acknowledged_at' | 'acknowledged_by' | 'closed_at' | 'closed_by'>>,
  ): Promise<void> {
    await ex.updateTable('assessment_alerts').set(patch).where('id', '=', id).execute();
  },
};

export type AssessmentRepository = typeof assessmentRepository;

/** Used by tests and the demo for a cheap fingerprint. */
export function countRows(ex: Executor, table: 'assessment_rollups' | 'air_quality_hourly' | 'air_quality_daily' | 'water_class_samples' | 'water_class_monthly' | 'assessment_alerts') {
  return ex.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
}
