import { Type, type Static } from 'typebox';
import { Id, Instant, PageQuery, StringEnum } from './common';

/** Roll-ups, AQI, water class and exceedance alerts (the assessment module). */

export const ROLLUP_PERIODS = ['day', 'month', 'year'] as const;
export const ALERT_STATUSES = ['open', 'acknowledged', 'closed'] as const;
export const ALERT_KINDS = ['standard', 'permit'] as const;

const ParameterCode = Type.String({ pattern: '^[A-Za-z0-9_.-]{1,20}$', description: 'HJ 212-2017 parameter code, e.g. a34004' });
const Range = {
  from: Type.Optional(Instant),
  to: Type.Optional(Instant),
};

export const StationIdParams = Type.Object({ id: Id }, { additionalProperties: false });

export const RollupsQuery = Type.Object(
  { parameter: Type.Optional(ParameterCode), period: StringEnum(ROLLUP_PERIODS), ...Range },
  { additionalProperties: false, description: '`from` inclusive, `to` exclusive; periods are Beijing-time days/months/years' },
);

export const Rollup = Type.Object({
  parameterCode: Type.String(),
  period: StringEnum(ROLLUP_PERIODS),
  periodStart: Instant,
  mean: Type.Union([Type.Number(), Type.Null()]),
  min: Type.Union([Type.Number(), Type.Null()]),
  max: Type.Union([Type.Number(), Type.Null()]),
  count: Type.Integer({ description: 'Valid values aggregated (hours for a day, valid days for a month/year, samples)' }),
  expected: Type.Integer(),
  coverage: Type.Number({ description: 'count / expected, at most 1' }),
  complete: Type.Boolean({ description: 'Meets the completeness rule; incomplete values are shown but marked' }),
  basis: StringEnum(['hour', 'derived', 'sample'] as const),
});
export const RollupsResponse = Type.Object({ stationId: Id, items: Type.Array(Rollup) });

export const AqiQuery = Type.Object({ period: StringEnum(['hour', 'day'] as const), ...Range }, { additionalProperties: false });

export const AqiValue = Type.Object({
  at: Instant,
  standard: StringEnum(['2012', '2026'] as const, { description: 'HJ 633 edition used' }),
  aqi: Type.Union([Type.Integer(), Type.Null()]),
  level: Type.Union([Type.Integer(), Type.Null()]),
  category: Type.Union([Type.String(), Type.Null()]),
  primaryPollutants: Type.Array(Type.String()),
  iaqi: Type.Record(Type.String(), Type.Number()),
  concentrations: Type.Record(Type.String(), Type.Number()),
  publishable: Type.Boolean({ description: 'HJ 633-2026 5.3.1: false means show NA' }),
  complete: Type.Union([Type.Boolean(), Type.Null()], { description: 'Daily: all six indicators met the completeness rules' }),
});
export const AqiResponse = Type.Object({ stationId: Id, period: StringEnum(['hour', 'day'] as const), items: Type.Array(AqiValue) });

export const WaterClassQuery = Type.Object({ period: StringEnum(['sample', 'month'] as const), ...Range }, { additionalProperties: false });

export const MainPollutant = Type.Object({
  item: Type.String(),
  class: Type.String(),
  value: Type.Number(),
  classIIILimit: Type.Number(),
  exceedanceMultiple: Type.Number(),
});
export const WaterClassValue = Type.Object({
  at: Instant,
  basis: StringEnum(['sample', 'daily', 'month'] as const),
  waterBody: StringEnum(['river', 'lake'] as const),
  class: Type.String({ description: 'I … V or 劣V' }),
  grade: Type.String(),
  itemClasses: Type.Record(Type.String(), Type.String()),
  mainPollutants: Type.Array(MainPollutant),
  values: Type.Record(Type.String(), Type.Number()),
});
export const WaterClassResponse = Type.Object({ stationId: Id, period: StringEnum(['sample', 'month'] as const), items: Type.Array(WaterClassValue) });

export const LatestAirQuality = Type.Object({
  stationId: Id,
  code: Type.String(),
  name: Type.String(),
  provinceCode: Type.String(),
  cityCode: Type.String(),
  at: Instant,
  standard: Type.String(),
  aqi: Type.Union([Type.Integer(), Type.Null()]),
  level: Type.Union([Type.Integer(), Type.Null()]),
  category: Type.Union([Type.String(), Type.Null()]),
  primaryPollutants: Type.Array(Type.String()),
});
export const LatestAirQualityResponse = Type.Object({ items: Type.Array(LatestAirQuality) });

export const LatestWaterQuality = Type.Object({
  stationId: Id,
  code: Type.String(),
  name: Type.String(),
  provinceCode: Type.String(),
  cityCode: Type.String(),
  at: Instant,
  basis: Type.String(),
  waterBody: Type.String(),
  class: Type.String(),
  grade: Type.String(),
  mainPollutants: Type.Array(MainPollutant),
});
export const LatestWaterQualityResponse = Type.Object({ items: Type.Array(LatestWaterQuality) });

export const Alert = Type.Object(
  {
    id: Id,
    stationId: Id,
    stationCode: Type.String(),
    stationName: Type.String(),
    organisationId: Id,
    parameterCode: Type.String({ description: 'HJ 212 code, or AQI for the hourly AQI' }),
    kind: StringEnum(ALERT_KINDS, { description: 'standard: national standard / target class; permit: 排污许可 limit' }),
    basis: StringEnum(['hour', 'day', 'sample'] as const),
    observedAt: Instant,
    value: Type.Number(),
    limit: Type.Number(),
    detail: Type.Record(Type.String(), Type.Unknown()),
    status: StringEnum(ALERT_STATUSES),
    createdAt: Instant,
    acknowledgedAt: Type.Union([Instant, Type.Null()]),
    acknowledgedBy: Type.Union([Id, Type.Null()]),
    closedAt: Type.Union([Instant, Type.Null()]),
    closedBy: Type.Union([Id, Type.Null()]),
  },
);
export type Alert = Static<typeof Alert>;

export const ListAlertsQuery = Type.Object(
  { status: Type.Optional(StringEnum(ALERT_STATUSES)), kind: Type.Optional(StringEnum(ALERT_KINDS)), stationId: Type.Optional(Id), ...PageQuery },
  { additionalProperties: false },
);
export const ListAlertsResponse = Type.Object({ items: Type.Array(Alert), total: Type.Integer() });
