import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../db/database';
import type { MonitoringReadingsTable, ReadingInterval, ReadingQuality } from './monitoring.tables';

export type ReadingRow = Selectable<MonitoringReadingsTable>;

export interface SeriesFilter {
  stationKey: number;
  interval: ReadingInterval;
  /** Empty: every parameter. */
  parameterCodes: readonly string[];
  /** Inclusive, UTC epoch ms. */
  from: number;
  /** Exclusive, UTC epoch ms. */
  to: number;
}

export type ReadingRepository = ReturnType<typeof createReadingRepository>;

/** SQL of monitoring_readings (bulk inserts live in db/bulk-insert.ts). */
export function createReadingRepository() {
  function seriesQuery(executor: Executor, filter: SeriesFilter) {
    let query = executor
      .selectFrom('monitoring_readings')
      .where('station_key', '=', filter.stationKey)
      .where('interval', '=', filter.interval)
      .where('observed_at', '>=', filter.from)
      .where('observed_at', '<', filter.to);
    if (filter.parameterCodes.length > 0) query = query.where('parameter_code', 'in', filter.parameterCodes);
    return query;
  }

  return {
    /**
     * Readings in [from, to), ordered by time then parameter: the key's order, so the range is read
     * as stored and a limit cuts off the latest times of every parameter alike.
     */
    async series(executor: Executor, filter: SeriesFilter, limit: number): Promise<ReadingRow[]> {
      return seriesQuery(executor, filter).selectAll().orderBy('observed_at').orderBy('parameter_code').limit(limit).execute();
    },

    /**
     * One page of an export, keyset-paged on (observed_at, parameter_code) after `after` — the
     * key's order, so each page starts with a seek instead of rereading the range.
     */
    async page(executor: Executor, filter: SeriesFilter, after: { parameterCode: string; observedAt: number } | null, limit: number): Promise<ReadingRow[]> {
      let query = seriesQuery(executor, filter);
      if (after !== null) {
        query = query.where((eb) =>
          eb.or([
            eb('observed_at', '>', after.observedAt),
            eb.and([eb('observed_at', '=', after.observedAt), eb('parameter_code', '>', after.parameterCode)]),
          ]),
        );
      }
      return query.selectAll().orderBy('observed_at').orderBy('parameter_code').limit(limit).execute();
    },

    /**
     * The newest reading of each of `parameterCodes` at this interval. A packet carries all of a
     * station's parameters for one time, so the newest time usually holds every one of them: one
     * seek to the end of the (station, interval) range. A parameter missing there is looked up on
     * its own, reading back from the end until its newest row, but not before `notBefore`: a
     * parameter that never reported would otherwise cost a scan of the station's whole history.
     */
    async latest(executor: Executor, stationKey: number, interval: ReadingInterval, parameterCodes: readonly string[], notBefore: number): Promise<ReadingRow[]> {
      if (parameterCodes.length === 0) return [];
      const ofStation = () => executor.selectFrom('monitoring_readings').where('station_key', '=', stationKey).where('interval', '=', interval);
      const newest = await ofStation()
        .selectAll()
        .where('parameter_code', 'in', parameterCodes)
        .where('observed_at', '>=', notBefore)
        .where('observed_at', '=', (eb) => eb.selectFrom('monitoring_readings').select(eb.fn.max('observed_at').as('newest')).where('station_key', '=', stationKey).where('interval', '=', interval))
        .execute();
      const found = new Set(newest.map((row) => row.parameter_code));
      const rows = [...newest];
      for (const code of new Set(parameterCodes)) {
        if (found.has(code)) continue;
        const row = await ofStation()
          .selectAll()
          .where('parameter_code', '=', code)
          .where('observed_at', '>=', notBefore)
          .orderBy('observed_at', 'desc')
          .limit(1)
          .executeTakeFirst();
        if (row !== undefined) rows.push(row);
      }
      return rows.sort((a, b) => (a.parameter_code < b.parameter_code ? -1 : a.parameter_code > b.parameter_code ? 1 : 0));
    },

    /** Keys among `candidates` that already exist (for reporting duplicates before inserting). */
    async existingKeys(
      executor: Executor,
      stationKey: number,
      interval: ReadingInterval,
      parameterCodes: readonly string[],
      observedAt: readonly number[],
    ): Promise<Set<string>> {
      if (parameterCodes.length === 0 || observedAt.length === 0) return new Set();
      const rows = await executor
        .selectFrom('monitoring_readings')
        .select(['parameter_code', 'observed_at'])
        .where('station_key', '=', stationKey)
        .where('interval', '=', interval)
        .where('parameter_code', 'in', parameterCodes)
        .where('observed_at', 'in', observedAt)
        .execute();
      return new Set(rows.map((row) => readingKey(stationKey, row.parameter_code, Number(row.observed_at))));
    },

    /** Station id → Chinese name, for export rows. */
    async stationNames(executor: Executor, ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await executor.selectFrom('monitoring_stations').select(['id', 'name']).where('id', 'in', ids).execute();
      return new Map(rows.map((row) => [row.id, row.name]));
    },

    /** Small inserts inside a caller's transaction; returns the keys actually inserted. */
    async insertReturning(executor: Executor, rows: Insertable<MonitoringReadingsTable>[]): Promise<Pick<ReadingRow, 'station_key' | 'parameter_code' | 'interval' | 'observed_at'>[]> {
      if (rows.length === 0) return [];
      return executor
        .insertInto('monitoring_readings')
        .values(rows)
        .onConflict((oc) => oc.doNothing())
        .returning(['station_key', 'parameter_code', 'interval', 'observed_at'])
        .execute();
    },

    /**
     * The distinct (parameter, hour) pairs of the range whose readings enter or leave the
     * `invalid` tier when set to `quality` — exactly the ones whose statistics change (roll-ups
     * skip invalid readings; preliminary → validated changes no value).
     */
    async hoursChangingValidity(executor: Executor, filter: SeriesFilter, quality: ReadingQuality): Promise<{ parameterCode: string; hourStart: number }[]> {
      let query = seriesQuery(executor, filter).where('quality', '<>', quality);
      if (quality !== 'invalid') query = query.where('quality', '=', 'invalid');
      const rows = await query
        .select(['parameter_code', sql<number>`observed_at - (observed_at % 3600000)`.as('hour_start')])
        .distinct()
        .execute();
      return rows.map((row) => ({ parameterCode: row.parameter_code, hourStart: Number(row.hour_start) }));
    },

    /** Sets the quality tier of a range; returns the number of rows changed. */
    async setQuality(
      executor: Executor,
      filter: SeriesFilter,
      change: { quality: ReadingQuality; validatedBy: string | null; validatedAt: number },
    ): Promise<number> {
      let query = executor
        .updateTable('monitoring_readings')
        .set({ quality: change.quality, validated_by: change.validatedBy, validated_at: change.validatedAt })
        .where('station_key', '=', filter.stationKey)
        .where('interval', '=', filter.interval)
        .where('observed_at', '>=', filter.from)
        .where('observed_at', '<', filter.to);
      if (filter.parameterCodes.length > 0) query = query.where('parameter_code', 'in', filter.parameterCodes);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

/** A reading's identity as text (station key, parameter, time; interval fixed by the caller). */
export function readingKey(stationKey: number, parameterCode: string, observedAt: number): string {
  return `${stationKey}|${parameterCode}|${observedAt}`;
}
