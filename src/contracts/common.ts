import { Type, type Static, type TLiteral, type TSchema, type TUnion } from 'typebox';

/** Literal union from a readonly list, e.g. `StringEnum(['a', 'b'] as const)`. */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { description?: string } = {},
): TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }> {
  // One TLiteral per member (a TLiteral of a union of strings would make Static<> `never`).
  return Type.Union(
    values.map((value) => Type.Literal(value)),
    options,
  ) as unknown as TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }>;
}

/** App-generated ids: UUID v7 in canonical text form. */
export const Id = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', maxLength: 36 });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** UTC instant as ISO-8601 (`2026-11-28T06:00:00.000Z`); the web shows it in Beijing time. */
export const Instant = Type.String({ format: 'date-time', maxLength: 40 });

/**
 * Plain human text: bounded, never empty, no markup brackets and no control characters (a
 * name with `<script>` is an attack, not a name). Quotes and other punctuation are allowed:
 * every query is parameterised, so SQL-looking text is stored and shown literally.
 */
export const PLAIN_TEXT_PATTERN = '^[^<>\\u0000-\\u001f\\u007f]*$';
export const Text = (maxLength: number, options: { minLength?: number; description?: string } = {}) =>
  Type.String({
    minLength: options.minLength ?? 1,
    maxLength,
    pattern: PLAIN_TEXT_PATTERN,
    ...(options.description ? { description: options.description } : {}),
  });

/**
 * GB/T 2260 administrative division code: six digits. `000000` stands for the whole Yangtze
 * River Delta region (长三角区域), the area of regional bodies such as the working group.
 */
export const REGION_CODE = '000000';
export const DivisionCode = Type.String({ pattern: '^(000000|[1-9][0-9]{5})$', description: 'GB/T 2260 行政区划代码; 000000 = 长三角区域' });

/** GB 32100 unified social credit code (统一社会信用代码): 18 characters; the check is done by the service. */
export const Uscc = Type.String({ pattern: '^[0-9A-HJ-NP-RTUWXY]{18}$', description: 'GB 32100 统一社会信用代码' });

export const Locale = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);
export type Locale = Static<typeof Locale>;

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
};

/** A page of `item` with the total count matching the filter. */
export const Page = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer() });
