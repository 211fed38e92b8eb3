import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database';
import type { DialectHelpers } from '../../db/dialect';
import type { MonitoringStationParametersTable, MonitoringStationsTable, StationKind, StationStatus } from './monitoring.tables';

export type StationRow = Selectable<MonitoringStationsTable>;
export type StationParameterRow = Selectable<MonitoringStationParametersTable>;
export type StationWithParameters = StationRow & { parameters: StationParameterRow[] };

export interface StationFilter {
  q?: string;
  kind?: StationKind;
  provinceCode?: string;
  cityCode?: string;
  status?: StationStatus;
  ownerOrganisationId?: string;
  /** Exclude retired stations (the map). */
  excludeRetired?: boolean;
  limit: number;
  offset: number;
}

export type StationRepository = ReturnType<typeof createStationRepository>;

/** SQL of monitoring_stations and monitoring_station_parameters. */
export function createStationRepository(dialect: DialectHelpers) {
  function filtered(executor: Executor, filter: Omit<StationFilter, 'limit' | 'offset'>) {
    let query = executor.selectFrom('monitoring_stations');
    if (filter.q !== undefined && filter.q !== '') {
      const q = filter.q;
      query = query.where((eb) =>
        eb.or([
          dialect.containsInsensitive(eb.ref('code'), q),
          dialect.containsInsensitive(eb.ref('name'), q),
          dialect.containsInsensitive(eb.ref('name_en'), q),
          eb('mn', '=', q),
        ]),
      );
    }
    if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
    if (filter.provinceCode !== undefined) query = query.where('province_code', '=', filter.provinceCode);
    if (filter.cityCode !== undefined) query = query.where('city_code', '=', filter.cityCode);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.excludeRetired) query = query.where('status', '!=', 'retired');
    if (filter.ownerOrganisationId !== undefined) query = query.where('owner_organisation_id', '=', filter.ownerOrganisationId);
    return query;
  }

  async function parametersOf(executor: Executor, stationIds: readonly string[]): Promise<Map<string, StationParameterRow[]>> {
    const byStation = new Map<string, StationParameterRow[]>();
    if (stationIds.length === 0) return byStation;
    const rows = await executor
      .selectFrom('monitoring_station_parameters')
      .selectAll()
      .where('station_id', 'in', stationIds)
      .orderBy('station_id')
      .orderBy('parameter_code')
      .execute();
    for (const row of rows) {
      const list = byStation.get(row.station_id) ?? [];
      list.push(row);
      byStation.set(row.station_id, list);
    }
    return byStation;
  }

  async function withParameters(executor: Executor, rows: StationRow[]): Promise<StationWithParameters[]> {
    const parameters = await parametersOf(executor, rows.map((row) => row.id));
    return rows.map((row) => ({ ...row, parameters: parameters.get(row.id) ?? [] }));
  }

  return {
    async list(executor: Executor, filter: StationFilter): Promise<{ rows: StationWithParameters[]; total: number }> {
      const [rows, count] = await Promise.all([
        filtered(executor, filter).selectAll().orderBy('province_code').orderBy('code').limit(filter.limit).offset(filter.offset).execute(),
        filtered(executor, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows: await withParameters(executor, rows), total: Number(count.n) };
    },

    /** Compact rows for the map (no parameters). */
    async listForMap(executor: Executor, filter: Omit<StationFilter, 'limit' | 'offset'>): Promise<StationRow[]> {
      return filtered(executor, filter).selectAll().orderBy('code').limit(20_000).execute();
    },

    /** Every station with its parameters (the in-memory directory at start). */
    async all(executor: Executor): Promise<StationWithParameters[]> {
      return withParameters(executor, await executor.selectFrom('monitoring_stations').selectAll().execute());
    },

    async findById(executor: Executor, id: string): Promise<StationWithParameters | undefined> {
      const row = await executor.selectFrom('monitoring_stations').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : (await withParameters(executor, [row]))[0];
    },

    async findByIds(executor: Executor, ids: readonly string[]): Promise<StationWithParameters[]> {
      if (ids.length === 0) return [];
      return withParameters(executor, await executor.selectFrom('monitoring_stations').selectAll().where('id', 'in', ids).execute());
    },

    async codeOrMnTaken(executor: Executor, code: string, mn: string | null): Promise<boolean> {
      const row = await executor
        .selectFrom('monitoring_stations')
        .select('id')
        .where((eb) => (mn === null ? eb('code', '=', code) : eb.or([eb('code', '=', code), eb('mn', '=', mn)])))
        .executeTakeFirst();
      return row !== undefined;
    },

    async nextStationKey(executor: Executor): Promise<number> {
      const row = await executor
        .selectFrom('monitoring_stations')
        .select((eb) => eb.fn.max('station_key').as('max'))
        .executeTakeFirst();
      return Number(row?.max ?? 0) + 1;
    },

    async insert(executor: Executor, row: Insertable<MonitoringStationsTable>, parameters: StationParameterRow[]): Promise<void> {
      await executor.insertInto('monitoring_stations').values(row).execute();
      if (parameters.length > 0) await executor.insertInto('monitoring_station_parameters').values(parameters).execute();
    },

    async update(executor: Executor, id: string, changes: Updateable<MonitoringStationsTable>): Promise<void> {
      await executor.updateTable('monitoring_stations').set(changes).where('id', '=', id).execute();
    },

    async replaceParameters(executor: Executor, stationId: string, parameters: StationParameterRow[]): Promise<void> {
      await executor.deleteFrom('monitoring_station_parameters').where('station_id', '=', stationId).execute();
      if (parameters.length > 0) await executor.insertInto('monitoring_station_parameters').values(parameters).execute();
    },
  };
}
