export type StationKind = 'air' | 'surface_water' | 'pollution_source';
export type StationSubKind = 'automatic' | 'manual' | 'waste_gas' | 'waste_water';
export type StationStatus = 'active' | 'suspended' | 'retired';
/** rt = real-time (实时), min = minute (分钟), hour (小时), day (日). */
export type ReadingInterval = 'rt' | 'min' | 'hour' | 'day';
export type ReadingQuality = 'preliminary' | 'validated' | 'invalid';
export type ReadingSource = 'gateway' | 'upload' | 'manual';

export interface MonitoringStationsTable {
  id: string;
  station_key: number;
  code: string;
  name: string;
  name_en: string;
  mn: string | null;
  kind: StationKind;
  sub_kind: StationSubKind | null;
  water_body: 'river' | 'lake' | null;
  longitude: number;
  latitude: number;
  province_code: string;
  city_code: string;
  owner_organisation_id: string;
  operator_organisation_id: string | null;
  status: StationStatus;
  created_at: number;
  updated_at: number;
}

export interface MonitoringStationParametersTable {
  station_id: string;
  parameter_code: string;
  unit: string;
  permit_limit: number | null;
}

export interface MonitoringReadingsTable {
  station_key: number;
  parameter_code: string;
  interval: ReadingInterval;
  observed_at: number;
  value: number | null;
  flag: string | null;
  quality: ReadingQuality;
  validated_by: string | null;
  validated_at: number | null;
  source: ReadingSource;
  institution_id: string | null;
  received_at: number;
}

export interface MonitoringTables {
  monitoring_stations: MonitoringStationsTable;
  monitoring_station_parameters: MonitoringStationParametersTable;
  monitoring_readings: MonitoringReadingsTable;
}
