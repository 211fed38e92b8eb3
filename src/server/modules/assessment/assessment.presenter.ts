import type { Alert } from '../../../contracts/assessment';
import { toIso } from '../../platform/clock';
import type { AssessmentAlertsTable, AssessmentRollupsTable } from './assessment.tables';

/** Database rows → API shapes (ISO instants, parsed JSON, booleans). */

export function presentRollup(r: AssessmentRollupsTable) {
  return {
    parameterCode: r.parameter_code,
    period: r.period,
    periodStart: toIso(Number(r.period_start)),
    mean: r.mean,
    min: r.min,
    max: r.max,
    count: Number(r.count),
    expected: Number(r.expected),
    coverage: r.coverage,
    complete: Number(r.complete) === 1,
    basis: r.basis,
  };
}

export function presentAqi(r: {
  at: number;
  standard: '2012' | '2026';
  aqi: number | null;
  level: number | null;
  category: string | null;
  primary_pollutants: string;
  iaqi: string;
  concentrations: string;
  publishable: number;
  complete?: number | null;
}) {
  return {
    at: toIso(Number(r.at)),
    standard: r.standard,
    aqi: r.aqi,
    level: r.level,
    category: r.category,
    primaryPollutants: JSON.parse(r.primary_pollutants) as string[],
    iaqi: JSON.parse(r.iaqi) as Record<string, number>,
    concentrations: JSON.parse(r.concentrations) as Record<string, number>,
    publishable: Number(r.publishable) === 1,
    complete: r.complete === undefined || r.complete === null ? null : Number(r.complete) === 1,
  };
}

export function presentWater(r: {
  at: number;
  basis: 'sample' | 'daily' | 'month';
  water_body: 'river' | 'lake';
  class: string;
  grade: string;
  item_classes: string;
  main_pollutants: string;
  item_values: string;
}) {
  return {
    at: toIso(Number(r.at)),
    basis: r.basis,
    waterBody: r.water_body,
    class: r.class,
    grade: r.grade,
    itemClasses: JSON.parse(r.item_classes) as Record<string, string>,
    mainPollutants: JSON.parse(r.main_pollutants) as { item: string; class: string; value: number; classIIILimit: number; exceedanceMultiple: number }[],
    values: JSON.parse(r.item_values) as Record<string, number>,
  };
}

export function presentAlert(a: AssessmentAlertsTable & { station_code: string; station_name: string }): Alert {
  return {
    id: a.id,
    stationId: a.station_id,
    stationCode: a.station_code,
    stationName: a.station_name,
    organisationId: a.organisation_id,
    parameterCode: a.parameter_code,
    kind: a.kind,
    basis: a.basis,
    observedAt: toIso(Number(a.observed_at)),
    value: a.value,
    limit: a.limit_value,
    detail: JSON.parse(a.detail) as Record<string, unknown>,
    status: a.status,
    createdAt: toIso(Number(a.created_at)),
    acknowledgedAt: toIso(a.acknowledged_at === null ? null : Number(a.acknowledged_at)),
    acknowledgedBy: a.acknowledged_by,
    closedAt: toIso(a.closed_at === null ? null : Number(a.closed_at)),
    closedBy: a.closed_by,
  };
}
