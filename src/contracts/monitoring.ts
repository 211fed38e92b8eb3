import { Type, type Static } from 'typebox';
import { MainPollutant } from './assessment';
import { DivisionCode, Id, Instant, Page, PageQuery, StringEnum, Text } from './common';

/** Station kinds (站点类型): ambient air, surface water, pollution source. */
export const STATION_KINDS = ['air', 'surface_water', 'pollution_source'] as const;
export type StationKind = (typeof STATION_KINDS)[number];
/** surface_water: automatic | manual (手工采样); pollution_source: waste_gas | waste_water; air: none. */
export const STATION_SUB_KINDS = ['automatic', 'manual', 'waste_gas', 'waste_water'] as const;
export type StationSubKind = (typeof STATION_SUB_KINDS)[number];
export const WATER_BODIES = ['river', 'lake'] as const;
export const STATION_STATUSES = ['active', 'suspended', 'retired'] as const;
export type StationStatus = (typeof STATION_STATUSES)[number];
/** rt = real-time (实时), min, hour, day (also a manual grab sample 手工采样, at its sampling instant). */
export const READING_INTERVALS = ['rt', 'min', 'hour', 'day'] as const;
export type ReadingInterval = (typeof READING_INTERVALS)[number];
export const READING_QUALITIES = ['preliminary', 'validated', 'invalid'] as const;
export const READING_SOURCES = ['gateway', 'upload', 'manual'] as const;

/** Station code (站点编码): letters, digits, `-` and `_`. */
export const StationCode = Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$' });
/** HJ 212 MN (设备唯一标识): up to 24 letters or digits. */
export const Mn = Type.String({ pattern: '^[A-Za-z0-9]{1,24}$', description: 'HJ 212 MN' });
/** HJ 212-2017 parameter code (a21026, w01018, LA …); codes outside the tables are allowed. */
export const ParameterCode = Type.String({ pattern: '^[A-Za-z0-9-]{1,20}$' });
/** Comma-separated parameter codes for query strings. */
export const ParameterCodeList = Type.String({ pattern: '^[A-Za-z0-9-]{1,20}(,[A-Za-z0-9-]{1,20}){0,63}$' });
export const Unit = Text(20, { description: 'Unit as configured for the station (mg/L, µg/m³, mg/m³ …)' });
export const Longitude = Type.Number({ minimum: -180, maximum: 180 });
export const Latitude = Type.Number({ minimum: -90, maximum: 90 });

export const StationParameterInput = Type.Object(
  {
    code: ParameterCode,
    unit: Unit,
    permitLimit: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 1e12 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export const StationParameter = Type.Object({ code: Type.String(), unit: Type.String(), permitLimit: Type.Union([Type.Number(), Type.Null()]) });

/**
 * Latest assessment shown on the map: the newest hourly AQI of an air station (with its level and
 * primary pollutants) or the newest sample class of a surface-water station (with its main
 * pollutants). Absent for stations that have none yet.
 */
export const StationAssessment = Type.Object({
  /** The assessed hour (air) or sampling time (water). */
  at: Instant,
  aqi: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  level: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  primaryPollutants: Type.Optional(Type.Array(Type.String())),
  waterClass: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  mainPollutants: Type.Optional(Type.Array(MainPollutant)),
});
export type StationAssessment = Static<typeof StationAssessment>;

export const Station = Type.Object(
  {
    id: Id,
    stationKey: Type.Integer(),
    code: Type.String(),
    name: Type.String(),
    nameEn: Type.String(),
    mn: Type.Union([Type.String(), Type.Null()]),
    kind: StringEnum(STATION_KINDS),
    subKind: Type.Union([StringEnum(STATION_SUB_KINDS), Type.Null()]),
    waterBody: Type.Union([StringEnum(WATER_BODIES), Type.Null()]),
    longitude: Type.Number(),
    latitude: Type.Number(),
    provinceCode: Type.String(),
    cityCode: Type.String(),
    ownerOrganisationId: Id,
    operatorOrganisationId: Type.Union([Id, Type.Null()]),
    status: StringEnum(STATION_STATUSES),
    parameters: Type.Array(StationParameter),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Station' },
);
export type Station = Static<typeof Station>;

export const ListStationsQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    kind: Type.Optional(StringEnum(STATION_KINDS)),
    provinceCode: Type.Optional(DivisionCode),
    cityCode: Type.Optional(DivisionCode),
    status: Type.Optional(StringEnum(STATION_STATUSES)),
    ownerOrganisationId: Type.Optional(Id),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ListStationsQuery = Static<typeof ListStationsQuery>;
export const ListStationsResponse = Page(Station);

export const StationMapQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    kind: Type.Optional(StringEnum(STATION_KINDS)),
    provinceCode: Type.Optional(DivisionCode),
    cityCode: Type.Optional(DivisionCode),
    status: Type.Optional(StringEnum(STATION_STATUSES)),
    /** Retired stations are left off unless asked for (or `status=retired`). */
    includeRetired: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export const StationMapItem = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  kind: StringEnum(STATION_KINDS),
  provinceCode: Type.String(),
  cityCode: Type.String(),
  lng: Type.Number(),
  lat: Type.Number(),
  status: StringEnum(STATION_STATUSES),
  latest: Type.Optional(StationAssessment),
});
export type StationMapItem = Static<typeof StationMapItem>;
export type StationMapQuery = Static<typeof StationMapQuery>;
export const StationMapResponse = Type.Object({ items: Type.Array(StationMapItem) });

export const CreateStationRequest = Type.Object(
  {
    code: StationCode,
    name: Text(100),
    nameEn: Text(200),
    mn: Type.Optional(Type.Union([Mn, Type.Null()])),
    kind: StringEnum(STATION_KINDS),
    subKind: Type.Optional(Type.Union([StringEnum(STATION_SUB_KINDS), Type.Null()])),
    waterBody: Type.Optional(Type.Union([StringEnum(WATER_BODIES), Type.Null()])),
    longitude: Longitude,
    latitude: Latitude,
    provinceCode: DivisionCode,
    cityCode: DivisionCode,
    /** Defaults to the caller's organisation; only platform administrators name another. */
    ownerOrganisationId: Type.Optional(Id),
    operatorOrganisationId: Type.Optional(Type.Union([Id, Type.Null()])),
    parameters: Type.Array(StationParameterInput, { maxItems: 64 }),
  },
  { additionalProperties: false },
);
export type CreateStationRequest = Static<typeof CreateStationRequest>;

export const UpdateStationRequest = Type.Object(
  {
    name: Type.Optional(Text(100)),
    nameEn: Type.Optional(Text(200)),
    mn: Type.Optional(Type.Union([Mn, Type.Null()])),
    waterBody: Type.Optional(Type.Union([StringEnum(WATER_BODIES), Type.Null()])),
    longitude: Type.Optional(Longitude),
    latitude: Type.Optional(Latitude),
    cityCode: Type.Optional(DivisionCode),
    operatorOrganisationId: Type.Optional(Type.Union([Id, Type.Null()])),
    /** Hands the station to another organisation (platform administrators only; its alerts follow). */
    ownerOrganisationId: Type.Optional(Id),
    /** Retiring is its own operation (POST /stations/:id/retire). */
    status: Type.Optional(StringEnum(['active', 'suspended'] as const)),
    /** Replaces the whole parameter list. */
    parameters: Type.Optional(Type.Array(StationParameterInput, { maxItems: 64 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateStationRequest = Static<typeof UpdateStationRequest>;

export const SeriesQuery = Type.Object(
  {
    parameters: Type.Optional(ParameterCodeList),
    interval: Type.Optional(StringEnum(READING_INTERVALS, { description: 'default hour' })),
    /** Inclusive; any ISO offset (e.g. +08:00 for Beijing time). Default: `to` minus 24 h. */
    from: Type.Optional(Instant),
    /** Exclusive. Default: now. */
    to: Type.Optional(Instant),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50_000, default: 10_000 })),
  },
  { additionalProperties: false },
);
export type SeriesQuery = Static<typeof SeriesQuery>;

export const ReadingPoint = Type.Object({
  /** UTC instant. */
  t: Instant,
  /** The same instant in Beijing time, e.g. 2026-11-28T08:00:00.000+08:00. */
  tBeijing: Type.String(),
  value: Type.Union([Type.Number(), Type.Null()]),
  flag: Type.Union([Type.String(), Type.Null()]),
  quality: StringEnum(READING_QUALITIES),
});
export const SeriesResponse = Type.Object({
  stationId: Id,
  interval: StringEnum(READING_INTERVALS),
  from: Instant,
  to: Instant,
  /** True when `limit` cut the series; ask again from the last point. */
  truncated: Type.Boolean(),
  series: Type.Array(Type.Object({ parameterCode: Type.String(), unit: Type.Union([Type.String(), Type.Null()]), points: Type.Array(ReadingPoint) })),
});
export type SeriesResponse = Static<typeof SeriesResponse>;

export const LatestQuery = Type.Object(
  { interval: Type.Optional(StringEnum(READING_INTERVALS, { description: 'default hour' })) },
  { additionalProperties: false },
);
export const LatestResponse = Type.Object({
  stationId: Id,
  interval: StringEnum(READING_INTERVALS),
  items: Type.Array(
    Type.Object({ parameterCode: Type.String(), unit: Type.Union([Type.String(), Type.Null()]), ...ReadingPoint.properties }),
  ),
});
export type LatestResponse = Static<typeof LatestResponse>;

export const ExportQuery = Type.Object(
  {
    stationIds: Type.String({ pattern: '^[0-9a-f-]{36}(,[0-9a-f-]{36}){0,49}$' }),
    parameters: Type.Optional(ParameterCodeList),
    interval: Type.Optional(StringEnum(READING_INTERVALS)),
    from: Instant,
    to: Instant,
    format: Type.Optional(StringEnum(['csv', 'xlsx'] as const)),
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;

export const ValidateReadingsRequest = Type.Object(
  {
    interval: StringEnum(READING_INTERVALS),
    from: Instant,
    to: Instant,
    parameters: Type.Optional(Type.Array(ParameterCode, { minItems: 1, maxItems: 64, uniqueItems: true })),
    quality: StringEnum(['validated', 'invalid'] as const),
  },
  { additionalProperties: false },
);
export type ValidateReadingsRequest = Static<typeof ValidateReadingsRequest>;
export const ValidateReadingsResponse = Type.Object({ updated: Type.Integer() });

export const CreateSampleRequest = Type.Object(
  {
    /** Sampling time (采样时间); any ISO offset. */
    sampledAt: Instant,
    values: Type.Array(
      Type.Object(
        {
          parameterCode: ParameterCode,
          value: Type.Number({ minimum: -1e12, maximum: 1e12 }),
          flag: Type.Optional(Type.String({ pattern: '^[A-Za-z]{1,2}$' })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 64 },
    ),
  },
  { additionalProperties: false },
);
export type CreateSampleRequest = Static<typeof CreateSampleRequest>;
export const IngestResult = Type.Object({ inserted: Type.Integer(), duplicates: Type.Integer() });

export const ImportQuery = Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false });

/** Row error codes of the Excel import. */
export const IMPORT_ERROR_CODES = [
  'MISSING_VALUE',
  'UNKNOWN_STATION',
  'STATION_NOT_WRITABLE',
  'NOT_A_WATER_STATION',
  'UNKNOWN_PARAMETER',
  'UNIT_MISMATCH',
  'NOT_NUMERIC',
  'INVALID_TIME',
  'FUTURE_TIME',
  'INVALID_FLAG',
] as const;
export const ImportRowError = Type.Object({
  /** Spreadsheet row number (1 is the header). */
  row: Type.Integer(),
  column: Type.String(),
  code: StringEnum(IMPORT_ERROR_CODES),
  message: Type.String(),
  messageZh: Type.String(),
});
export const ImportReport = Type.Object({
  dryRun: Type.Boolean(),
  rows: Type.Integer(),
  /** Rows stored (0 on a dry run or when any row is invalid: all or nothing). */
  imported: Type.Integer(),
  /** Rows whose reading already exists (or repeats an earlier row): skipped, not errors. */
  duplicates: Type.Array(Type.Object({ row: Type.Integer() })),
  errors: Type.Array(ImportRowError),
});
export type ImportReport = Static<typeof ImportReport>;
