import type { AppContext } from '../../../src/server/context';
import { newId } from '../../../src/server/platform/ids';

/**
 * Stations and readings written straight into the monitoring tables (the assessment module
 * only reads them), then marked dirty through the assessment service like `onReadingsStored`.
 */
let nextKey = 1000;

export interface TestStation {
  id: string;
  stationKey: number;
}

export async function makeStation(
  ctx: AppContext,
  options: {
    ownerOrganisationId: string;
    kind: 'air' | 'surface_water' | 'pollution_source';
    subKind?: 'automatic' | 'manual' | 'waste_gas' | 'waste_water' | null;
    waterBody?: 'river' | 'lake' | null;
    provinceCode?: string;
    cityCode?: string;
    parameters?: { code: string; unit: string; permitLimit?: number | null }[];
  },
): Promise<TestStation> {
  const id = newId();
  const stationKey = ++nextKey;
  const now = Date.now();
  await ctx.database.db
    .insertInto('monitoring_stations')
    .values({
      id,
      station_key: stationKey,
      code: `T${stationKey}`,
      name: `测试站点${stationKey}`,
      name_en: `Test station ${stationKey}`,
      mn: null,
      kind: options.kind,
      sub_kind: options.subKind ?? null,
      water_body: options.waterBody ?? null,
      longitude: 118.5,
      latitude: 32.2,
      province_code: options.provinceCode ?? '340000',
      city_code: options.cityCode ?? '341100',
      owner_organisation_id: options.ownerOrganisationId,
      operator_organisation_id: null,
      status: 'active',
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const p of options.parameters ?? []) {
    await ctx.database.db
      .insertInto('monitoring_station_parameters')
      .values({ station_id: id, parameter_code: p.code, unit: p.unit, permit_limit: p.permitLimit ?? null })
      .execute();
  }
  return { id, stationKey };
}

export interface TestReading {
  code: string;
  interval?: 'rt' | 'min' | 'hour' | 'day';
  at: number;
  value: number;
}

export async function addReadings(ctx: AppContext, station: TestStation, readings: readonly TestReading[]): Promise<void> {
  const rows = readings.map((r) => ({
    station_key: station.stationKey,
    parameter_code: r.code,
    interval: r.interval ?? ('hour' as const),
    observed_at: r.at,
    value: r.value,
    flag: 'N',
    quality: 'preliminary' as const,
    validated_by: null,
    validated_at: null,
    source: 'upload' as const,
    institution_id: null,
    received_at: Date.now(),
  }));
  for (let i = 0; i < rows.length; i += 500) {
    await ctx.database.db.insertInto('monitoring_readings').values(rows.slice(i, i + 500)).execute();
  }
  await ctx.assessment.enqueue(readings.map((r) => ({ stationKey: station.stationKey, parameterCode: r.code, observedAt: r.at })));
}

export const HOUR = 3_600_000;
/** UTC ms of a Beijing wall-clock time. */
export const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 8, min);
