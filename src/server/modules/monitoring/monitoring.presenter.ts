import type { Station } from '../../../contracts/monitoring';
import { toIso } from '../../platform/clock';
import { toBeijingIso } from './beijing-time';
import type { ReadingRow } from './reading.repository';
import type { StationWithParameters } from './station.repository';

export function presentStation(row: StationWithParameters): Station {
  return {
    id: row.id,
    stationKey: Number(row.station_key),
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    mn: row.mn,
    kind: row.kind,
    subKind: row.sub_kind,
    waterBody: row.water_body,
    longitude: row.longitude,
    latitude: row.latitude,
    provinceCode: row.province_code,
    cityCode: row.city_code,
    ownerOrganisationId: row.owner_organisation_id,
    operatorOrganisationId: row.operator_organisation_id,
    status: row.status,
    parameters: row.parameters.map((p) => ({ code: p.parameter_code, unit: p.unit, permitLimit: p.permit_limit })),
    createdAt: toIso(Number(row.created_at)),
    updatedAt: toIso(Number(row.updated_at)),
  };
}

export function presentPoint(row: ReadingRow) {
  const at = Number(row.observed_at);
  return { t: toIso(at), tBeijing: toBeijingIso(at), value: row.value, flag: row.flag, quality: row.quality };
}
