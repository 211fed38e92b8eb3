import type { Executor } from '../../db/database';
import type { StationRef } from './monitoring.types';
import type { StationRepository, StationWithParameters } from './station.repository';

export interface StationDirectory {
  /** The station whose data logger has this HJ 212 MN (retired and suspended included). */
  findByMn(mn: string): StationRef | undefined;
  findByKey(stationKey: number): StationRef | undefined;
  findById(id: string): StationRef | undefined;
  findByCode(code: string): StationRef | undefined;
  /** Every station, in no particular order. */
  all(): Iterable<StationRef>;
}

export interface LoadableStationDirectory extends StationDirectory {
  /** Reads every station (at start). */
  load(executor: Executor): Promise<void>;
  /** Re-reads one station after a committed create or update. */
  refresh(executor: Executor, id: string): Promise<void>;
}

export function stationRefOf(row: StationWithParameters): StationRef {
  return {
    id: row.id,
    stationKey: Number(row.station_key),
    code: row.code,
    mn: row.mn,
    kind: row.kind,
    subKind: row.sub_kind,
    waterBody: row.water_body,
    status: row.status,
    ownerOrganisationId: row.owner_organisation_id,
    operatorOrganisationId: row.operator_organisation_id,
    provinceCode: row.province_code,
    cityCode: row.city_code,
    parameters: new Map(row.parameters.map((p) => [p.parameter_code, { unit: p.unit, permitLimit: p.permit_limit }])),
  };
}

/**
 * The in-memory station directory: synchronous lookups for the gateway's hot path. Loaded at
 * start and refreshed by the station service after each committed write (one process owns
 * the writes; a second process would need its own refresh signal).
 */
export function createStationDirectory(stations: StationRepository): LoadableStationDirectory {
  const byId = new Map<string, StationRef>();
  const byKey = new Map<number, StationRef>();
  const byMn = new Map<string, StationRef>();
  const byCode = new Map<string, StationRef>();

  function put(ref: StationRef): void {
    const previous = byId.get(ref.id);
    if (previous) {
      if (previous.mn !== null && byMn.get(previous.mn) === previous) byMn.delete(previous.mn);
      if (byCode.get(previous.code) === previous) byCode.delete(previous.code);
    }
    byId.set(ref.id, ref);
    byKey.set(ref.stationKey, ref);
    byCode.set(ref.code, ref);
    if (ref.mn !== null) byMn.set(ref.mn, ref);
  }

  return {
    findByMn: (mn) => byMn.get(mn),
    findByKey: (stationKey) => byKey.get(stationKey),
    findById: (id) => byId.get(id),
    findByCode: (code) => byCode.get(code),
    all: () => byId.values(),
    async load(executor) {
      const rows = await stations.all(executor);
      byId.clear();
      byKey.clear();
      byMn.clear();
      byCode.clear();
      for (const row of rows) put(stationRefOf(row));
    },
    async refresh(executor, id) {
      const row = await stations.findById(executor, id);
      if (row !== undefined) put(stationRefOf(row));
    },
  };
}
