export type RollupPeriod = 'day' | 'month' | 'year';
/** hour: from hour readings; derived: hour means from minute/real-time data; sample: discrete samples. */
export type RollupBasis = 'hour' | 'derived' | 'sample';
export type AlertKind = 'standard' | 'permit';
export type AlertStatus = 'open' | 'acknowledged' | 'closed';
export type AlertBasis = 'hour' | 'day' | 'sample';

export interface AssessmentDirtyDaysTable {
  station_key: number;
  parameter_code: string;
  day_start: number;
  enqueued_at: number;
}

export interface AssessmentRollupsTable {
  station_key: number;
  parameter_code: string;
  period: RollupPeriod;
  period_start: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  sum: number;
  count: number;
  expected: number;
  coverage: number;
  complete: number;
  basis: RollupBasis;
  computed_at: number;
}

interface AqiRow {
  station_key: number;
  standard: '2012' | '2026';
  aqi: number | null;
  level: number | null;
  category: string | null;
  /** JSON array of pollutant keys. */
  primary_pollutants: string;
  /** JSON object pollutant → IAQI. */
  iaqi: string;
  /** JSON object pollutant → concentration used. */
  concentrations: string;
  publishable: number;
  computed_at: number;
}

export interface AirQualityHourlyTable extends AqiRow {
  observed_at: number;
}

export interface AirQualityDailyTable extends AqiRow {
  day_start: number;
  complete: number;
}

interface WaterClassRow {
  station_key: number;
  water_body: 'river' | 'lake';
  class: string;
  class_rank: number;
  grade: string;
  item_classes: string;
  main_pollutants: string;
  item_values: string;
  computed_at: number;
}

export interface WaterClassSamplesTable extends WaterClassRow {
  sampled_at: number;
  basis: 'sample' | 'daily';
}

export interface WaterClassMonthlyTable extends WaterClassRow {
  month_start: number;
}

export interface AssessmentWaterTargetsTable {
  station_id: string;
  target_class: string;
  updated_at: number;
}

export interface AssessmentAlertsTable {
  id: string;
  station_id: string;
  station_key: number;
  organisation_id: string;
  parameter_code: string;
  kind: AlertKind;
  basis: AlertBasis;
  observed_at: number;
  hour_bucket: number;
  value: number;
  limit_value: number;
  detail: string;
  status: AlertStatus;
  created_at: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  closed_at: number | null;
  closed_by: string | null;
}

export interface AssessmentTables {
  assessment_dirty_days: AssessmentDirtyDaysTable;
  assessment_rollups: AssessmentRollupsTable;
  air_quality_hourly: AirQualityHourlyTable;
  air_quality_daily: AirQualityDailyTable;
  water_class_samples: WaterClassSamplesTable;
  water_class_monthly: WaterClassMonthlyTable;
  assessment_water_targets: AssessmentWaterTargetsTable;
  assessment_alerts: AssessmentAlertsTable;
}
