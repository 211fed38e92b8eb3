import { Type, type Static, type TSchema } from 'typebox';
import { StringEnum } from './common';

/**
 * The standards calculator over HTTP (`/api/v1/standards/…`). Every result object is exactly
 * what the matching `yrd-eco` CLI command prints for the same input (issue 3, "The same
 * standards as a CLI toolbox"); both are produced by `server/modules/standards/standards.presenter.ts`.
 * A bad item is a result with `ok: false` and a stable code, never a failed request; only a
 * malformed request (unknown field, too many items, too long a string) is a 400.
 */

/** Items per request on every batch route. */
export const STANDARDS_MAX_ITEMS = 1000;
/** One raw HJ 212 packet: at most 64 KiB of UTF-8 (the schema bounds characters, the route bytes). */
export const HJ212_MAX_PACKET_BYTES = 64 * 1024;

/** `{ code, message }` of a failed item; codes are those of the standards library. */
export const ItemError = Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: false });

const Failure = Type.Object({ ok: Type.Literal(false), error: ItemError }, { additionalProperties: false });
export type StandardsItemFailure = Static<typeof Failure>;

/** A JSON number or null (null = not supplied). One JSON type list, so AJV's coercion cannot turn 0 into null. */
const NumberOrNull = Type.Unsafe<number | null>({ type: ['number', 'null'] });
/**
 * Epoch milliseconds or a date text. Number first: AJV's coercion would otherwise turn a number
 * into a digit string, which is no date.
 */
const DateOrEpoch = (description: string) => Type.Union([Type.Number(), Type.String({ maxLength: 40 })], { description });

const StringMap = Type.Record(Type.String(), Type.String());

// ---------------------------------------------------------------- HJ 212 decode

export const Hj212DecodeRequest = Type.Object(
  {
    packets: Type.Array(Type.String({ minLength: 1, maxLength: HJ212_MAX_PACKET_BYTES }), {
      minItems: 1,
      maxItems: STANDARDS_MAX_ITEMS,
      description: 'Raw packets `##…CRC`, one per item; a trailing CRLF is optional',
    }),
    crcTolerance: Type.Optional(StringEnum(['strict', 'modbus'] as const, { description: 'modbus also accepts CRC-16/MODBUS (straight or byte-swapped)' })),
    acceptLengthMismatch: Type.Optional(Type.Boolean({ description: 'Decode a packet whose length field is wrong when its CRC is right' })),
  },
  { additionalProperties: false },
);
export type Hj212DecodeRequest = Static<typeof Hj212DecodeRequest>;

export const Hj212Decoded = Type.Object(
  {
    ok: Type.Literal(true),
    version: StringEnum(['2017', '2005'] as const),
    crcValid: Type.Boolean(),
    lengthValid: Type.Boolean(),
    qn: Type.Union([Type.String(), Type.Null()]),
    st: Type.Union([Type.String(), Type.Null()]),
    cn: Type.Union([Type.String(), Type.Null()]),
    pw: Type.Union([Type.String(), Type.Null()]),
    mn: Type.Union([Type.String(), Type.Null()]),
    flag: Type.Union([Type.Integer(), Type.Null()]),
    pnum: Type.Union([Type.Integer(), Type.Null()]),
    pno: Type.Union([Type.Integer(), Type.Null()]),
    dataTime: Type.Union([Type.String({ description: 'ISO-8601 with +08:00 (Beijing time)' }), Type.Null()]),
    values: Type.Record(Type.String(), StringMap, { description: 'code → suffix → raw value, e.g. {"a34004":{"Rtd":"35.2","Flag":"N"}}' }),
    cp: StringMap,
    warnings: Type.Array(Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type Hj212Decoded = Static<typeof Hj212Decoded>;

export const Hj212DecodeResult = Type.Union([Hj212Decoded, Failure]);
export type Hj212DecodeResult = Static<typeof Hj212DecodeResult>;

export const Hj212DecodeResponse = Type.Object({ results: Type.Array(Hj212DecodeResult) }, { additionalProperties: false });
export type Hj212DecodeResponse = Static<typeof Hj212DecodeResponse>;

// ---------------------------------------------------------------- AQI (HJ 633)

export const AQI_KEYS = ['SO2', 'NO2', 'PM10', 'PM2.5', 'CO', 'O3', 'O3_8h'] as const;
export type AqiKey = (typeof AQI_KEYS)[number];
/** Keys that may carry an IAQI: the seven above and the HJ 633-2012 real-time PM 24 h sliding means. */
export const AQI_RATED_KEYS = [...AQI_KEYS, 'PM10_24h', 'PM2.5_24h'] as const;

const concentration = (description: string) => Type.Optional(Type.Unsafe<number | null>({ ...NumberOrNull, description }));

export const AqiItem = Type.Object(
  {
    SO2: concentration('µg/m³'),
    NO2: concentration('µg/m³'),
    PM10: concentration('µg/m³'),
    'PM2.5': concentration('µg/m³'),
    CO: concentration('mg/m³'),
    O3: concentration('µg/m³ (1 h; daily: maximum 1 h)'),
    O3_8h: concentration('µg/m³ (8 h sliding mean; daily: maximum 8 h)'),
    SO2_24h: concentration('µg/m³, read by the HJ 633-2012 rule for SO2 1 h above 800'),
    PM10_24h: concentration('µg/m³ 24 h sliding mean: an HJ 633-2012 real-time indicator'),
    'PM2.5_24h': concentration('µg/m³ 24 h sliding mean: an HJ 633-2012 real-time indicator'),
    date: Type.Optional(DateOrEpoch('YYYY-MM-DD, ISO-8601 or epoch ms; picks the HJ 633 edition')),
    time: Type.Optional(DateOrEpoch('Same as date')),
  },
  { additionalProperties: false },
);
export type AqiItem = Static<typeof AqiItem>;

export const AqiRequest = Type.Object(
  {
    standard: Type.Optional(StringEnum(['2012', '2026'] as const, { description: 'HJ 633 edition; default by each item’s date, else the one in force today' })),
    mode: Type.Optional(StringEnum(['hourly', 'daily'] as const, { description: 'hourly (实时报, default) or daily (日报)' })),
    items: Type.Array(AqiItem, { minItems: 1, maxItems: STANDARDS_MAX_ITEMS }),
  },
  { additionalProperties: false },
);
export type AqiRequest = Static<typeof AqiRequest>;

const PollutantList = Type.Array(StringEnum(AQI_RATED_KEYS));
const optionalInteger = Type.Optional(Type.Integer());

export const AqiComputed = Type.Object(
  {
    ok: Type.Literal(true),
    aqi: Type.Integer(),
    level: Type.Integer({ minimum: 1, maximum: 6 }),
    category: Type.String(),
    categoryEn: Type.String(),
    color: Type.String({ description: 'Official colour, #RRGGBB' }),
    iaqi: Type.Object(
      {
        SO2: optionalInteger,
        NO2: optionalInteger,
        PM10: optionalInteger,
        'PM2.5': optionalInteger,
        CO: optionalInteger,
        O3: optionalInteger,
        O3_8h: optionalInteger,
        PM10_24h: optionalInteger,
        'PM2.5_24h': optionalInteger,
      },
      { additionalProperties: false },
    ),
    primaryPollutants: PollutantList,
    exceedingPollutants: PollutantList,
    standard: StringEnum(['2012', '2026'] as const),
    mode: StringEnum(['hourly', 'daily'] as const),
    missingPollutants: PollutantList,
    aqiPublishable: Type.Boolean(),
    notes: Type.Array(Type.Object({ pollutant: StringEnum(AQI_RATED_KEYS), code: Type.String(), message: Type.String() }, { additionalProperties: false })),
    /** CLI only: input keys that are not concentrations (the HTTP schema refuses them instead). */
    ignoredKeys: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);
export type AqiComputed = Static<typeof AqiComputed>;

export const AqiResult = Type.Union([AqiComputed, Failure]);
export type AqiResult = Static<typeof AqiResult>;

export const AqiResponse = Type.Object({ results: Type.Array(AqiResult) }, { additionalProperties: false });
export type AqiResponse = Static<typeof AqiResponse>;

// ---------------------------------------------------------------- Water class (GB 3838-2002)

export const WATER_KEYS = [
  'pH', 'DO', 'CODMn', 'COD', 'BOD5', 'NH3-N', 'TP', 'TN', 'Cu', 'Zn', 'F', 'Se', 'As', 'Hg', 'Cd', 'Cr6', 'Pb', 'CN',
  'VolatilePhenol', 'Petroleum', 'LAS', 'Sulfide', 'FecalColiform',
] as const;
export type WaterKey = (typeof WATER_KEYS)[number];
export const WATER_CLASSES = ['I', 'II', 'III', 'IV', 'V', '劣V'] as const;

function keyedObject<T extends TSchema>(keys: readonly string[], value: () => T) {
  return Type.Object(Object.fromEntries(keys.map((key) => [key, Type.Optional(value())])) as Record<string, ReturnType<typeof Type.Optional<T>>>, {
    additionalProperties: false,
  });
}

export const WaterItemValues = keyedObject(WATER_KEYS, () => Type.Unsafe<number | null>({ ...NumberOrNull }));
export type WaterItemValues = Partial<Record<WaterKey, number | null>>;

export const WaterClassRequest = Type.Object(
  {
    waterBody: Type.Optional(StringEnum(['river', 'lake'] as const, { description: 'river (河流, default) or lake (湖泊、水库)' })),
    includeReferenceItems: Type.Optional(Type.Array(StringEnum(['TN', 'FecalColiform'] as const), { maxItems: 2, uniqueItems: true })),
    items: Type.Array(WaterItemValues, { minItems: 1, maxItems: STANDARDS_MAX_ITEMS, description: 'mg/L; pH dimensionless; FecalColiform per L' }),
  },
  { additionalProperties: false },
);
export type WaterClassRequest = Omit<Static<typeof WaterClassRequest>, 'items'> & { items: WaterItemValues[] };

const WaterClassValue = StringEnum(WATER_CLASSES);
const WaterKeyList = Type.Array(StringEnum(WATER_KEYS));

export const WaterClassAssessed = Type.Object(
  {
    ok: Type.Literal(true),
    class: WaterClassValue,
    grade: StringEnum(['优', '良好', '轻度污染', '中度污染', '重度污染'] as const),
    waterBody: StringEnum(['river', 'lake'] as const),
    itemClasses: keyedObject(WATER_KEYS, () => WaterClassValue),
    mainPollutants: Type.Array(
      Type.Object(
        { item: StringEnum(WATER_KEYS), class: WaterClassValue, value: Type.Number(), classIIILimit: Type.Number(), exceedanceMultiple: Type.Number() },
        { additionalProperties: false },
      ),
    ),
    referenceItems: WaterKeyList,
    unclassifiedItems: WaterKeyList,
    /** CLI only: input keys that are not GB 3838 items. */
    ignoredKeys: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);
export type WaterClassAssessed = Omit<Static<typeof WaterClassAssessed>, 'itemClasses'> & {
  itemClasses: Partial<Record<WaterKey, (typeof WATER_CLASSES)[number]>>;
};

export const WaterClassResult = Type.Union([WaterClassAssessed, Failure]);
export type WaterClassResult = WaterClassAssessed | StandardsItemFailure;

export const WaterClassResponse = Type.Object({ results: Type.Array(WaterClassResult) }, { additionalProperties: false });
export type WaterClassResponse = { results: WaterClassResult[] };

// ---------------------------------------------------------------- USCC (GB 32100)

/** Any text up to 64 characters: a wrong code is a result with `valid: false`, not a 400. */
const UsccInput = Type.String({ minLength: 1, maxLength: 64 });

export const UsccParams = Type.Object({ code: UsccInput }, { additionalProperties: false });
export type UsccParams = Static<typeof UsccParams>;

export const UsccCheckRequest = Type.Object({ codes: Type.Array(UsccInput, { minItems: 1, maxItems: STANDARDS_MAX_ITEMS }) }, { additionalProperties: false });
export type UsccCheckRequest = Static<typeof UsccCheckRequest>;

export const UsccCheckResult = Type.Object(
  {
    code: Type.String({ description: 'The input without surrounding whitespace' }),
    valid: Type.Boolean(),
    orgCodeValid: Type.Boolean({ description: 'Characters 9–17 are a valid GB 11714 organisation code' }),
    error: Type.Union([ItemError, Type.Null()]),
  },
  { additionalProperties: false },
);
export type UsccCheckResult = Static<typeof UsccCheckResult>;

export const UsccCheckResponse = Type.Object({ results: Type.Array(UsccCheckResult) }, { additionalProperties: false });
export type UsccCheckResponse = Static<typeof UsccCheckResponse>;
