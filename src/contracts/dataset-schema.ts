import { Type, type Static } from 'typebox';
import { StringEnum, Text } from './common';
import { RULE_SEVERITIES, type RuleSeverity } from './sharing';

/**
 * The dataset schema definition (数据集结构定义) and its rule language — the contract between the
 * dictionary (标准统一), the catalog (stores it per schema version as JSON text), the releases
 * (validates rows against it) and access (scope field, masking).
 *
 * The TypeBox schema checks the shape; `src/dataset-schema/check-schema.ts` checks the meaning
 * (names unique, keys and links point at existing fields, rules type-check). Rule expressions
 * are a recursive JSON AST: its TypeBox schema is kept shallow (operator name + open object) and
 * the checker walks the tree by hand, because a cyclic schema is a risk for Fastify's AJV setup
 * and for the OpenAPI document every route of the platform shares.
 */

/** Version of this definition format; bumped only by an incompatible change of the contract. */
export const DATASET_SCHEMA_FORMAT = 1;

/** Field and table names: lower-case identifiers, so they are safe as CSV headers and JSON keys. */
export const IDENTIFIER_PATTERN = '^[a-z][a-z0-9_]{0,62}$';
export const Identifier = Type.String({ pattern: IDENTIFIER_PATTERN, description: 'lower-case identifier (a-z, 0-9, _)' });

/** 数据元编码 / 代码集编码: upper-case letters, digits, `_`, `-`, `.`. */
export const DICTIONARY_CODE_PATTERN = '^[A-Z][A-Z0-9_.-]{0,63}$';
export const DictionaryCode = Type.String({ pattern: DICTIONARY_CODE_PATTERN });

/** Code list version label (e.g. `2017`, `2019-1`, `v2`). */
export const CODE_LIST_VERSION_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$';
export const CodeListVersionLabel = Type.String({ pattern: CODE_LIST_VERSION_PATTERN });

/** Short QC code shown to users (e.g. `WQ-001`), as in Reportnet. */
export const RULE_CODE_PATTERN = '^[A-Z][A-Z0-9]{0,9}-[0-9A-Z]{1,10}$';

export const BilingualText = (maxLength: number) => Type.Object({ zh: Text(maxLength), en: Text(maxLength) }, { additionalProperties: false });
export const Label = BilingualText(120);
export type Label = Static<typeof Label>;

/**
 * Field types. `code` takes its values from a code list; `division` is a GB/T 2260 code;
 * geometries are GeoJSON (WGS 84 longitude/latitude): point = Point, line = LineString or
 * MultiLineString, polygon = Polygon or MultiPolygon.
 */
export const FIELD_TYPES = ['string', 'text', 'integer', 'decimal', 'boolean', 'date', 'datetime', 'code', 'division', 'point', 'line', 'polygon'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const NUMERIC_FIELD_TYPES: readonly FieldType[] = ['integer', 'decimal'];
export const TEXTUAL_FIELD_TYPES: readonly FieldType[] = ['string', 'text', 'code', 'division'];
export const TEMPORAL_FIELD_TYPES: readonly FieldType[] = ['date', 'datetime'];
export const GEOMETRY_FIELD_TYPES: readonly FieldType[] = ['point', 'line', 'polygon'];

/** Reference to a code list of the dictionary; no version = the latest released version. */
export const CodeListRef = Type.Object({ code: DictionaryCode, version: Type.Optional(CodeListVersionLabel) }, { additionalProperties: false });
export type CodeListRef = Static<typeof CodeListRef>;

/** How a sensitive field is masked when rows are shared (脱敏规则). */
export const MASK_KINDS = ['phone', 'id_number', 'name', 'round_coordinates', 'hide'] as const;
export type MaskKind = (typeof MASK_KINDS)[number];
export const MaskRule = Type.Union([
  Type.Object({ kind: Type.Literal('phone') }, { additionalProperties: false }), // 138****5678
  Type.Object({ kind: Type.Literal('id_number') }, { additionalProperties: false }), // 3201**********1234
  Type.Object({ kind: Type.Literal('name') }, { additionalProperties: false }), // 张* / 张*明
  Type.Object({ kind: Type.Literal('round_coordinates'), decimals: Type.Integer({ minimum: 0, maximum: 6 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('hide') }, { additionalProperties: false }),
]);
export type MaskRule = Static<typeof MaskRule>;

export const FieldDefinition = Type.Object(
  {
    name: Identifier,
    /** 数据元编码 of the dictionary element the field is built from (optional for local fields). */
    element: Type.Optional(DictionaryCode),
    label: Label,
    description: Type.Optional(Text(500)),
    type: StringEnum(FIELD_TYPES),
    required: Type.Optional(Type.Boolean()),
    /** Unit of measure (mg/L, µg/m³ …): values may carry it as a suffix, never another unit. */
    unit: Type.Optional(Text(20)),
    /** Inclusive range for integer and decimal fields. */
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    /** Maximum characters for string/text/code fields. */
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    /** Decimal places allowed for decimal fields. */
    precision: Type.Optional(Type.Integer({ minimum: 0, maximum: 12 })),
    /** Regular expression (JavaScript syntax, whole value) for string/text/code fields. */
    pattern: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    codeList: Type.Optional(CodeListRef),
    mask: Type.Optional(MaskRule),
  },
  { additionalProperties: false },
);
export type FieldDefinition = Static<typeof FieldDefinition>;

/** Foreign key: `fields` of this table refer to `references.fields` (a key) of another table. */
export const TableLink = Type.Object(
  {
    fields: Type.Array(Identifier, { minItems: 1, maxItems: 8 }),
    references: Type.Object({ table: Identifier, fields: Type.Array(Identifier, { minItems: 1, maxItems: 8 }) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type TableLink = Static<typeof TableLink>;

// ---------------------------------------------------------------------------------------------
// Rule expressions (custom rules). A rule's expression must hold for the checked object; when it
// evaluates to false a result with the rule's severity is recorded. Following Reportnet, blanks
// pass: a comparison with a blank operand is "unknown", and an unknown outcome is not a failure
// (the required flag is what complains about blanks; `isBlank` tests for them explicitly).
// ---------------------------------------------------------------------------------------------

export const COMPARISON_OPERATORS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
export const ARITHMETIC_OPERATORS = ['add', 'sub', 'mul', 'div'] as const;
export type ArithmeticOperator = (typeof ARITHMETIC_OPERATORS)[number];
export const DATE_PART_OPERATORS = ['year', 'month', 'day'] as const;
export type DatePartOperator = (typeof DATE_PART_OPERATORS)[number];
/** Whitelisted numeric aggregates over a table's rows (table and dataset rules only). */
export const NUMERIC_AGGREGATES = ['sum', 'avg', 'min', 'max'] as const;
export type NumericAggregate = (typeof NUMERIC_AGGREGATES)[number];

export type Literal = string | number | boolean | null;

/** A table to look values up in: a table of this dataset or a declared reference table. */
export type TableRef = { table: string } | { reference: string };

export type RuleExpression =
  // values
  | { op: 'value' } // the checked field's value (field rules)
  | { op: 'field'; field: string } // another field of the same record (record, field rules; `where` clauses)
  | { op: 'literal'; value: Literal }
  // logic
  | { op: 'and' | 'or'; args: RuleExpression[] }
  | { op: 'not'; arg: RuleExpression }
  | { op: 'ifThen'; if: RuleExpression; then: RuleExpression } // !if || then
  | { op: 'isBlank'; arg: RuleExpression }
  // comparison: number with number, text with text, date with date (ISO text), boolean eq/ne
  | { op: ComparisonOperator; left: RuleExpression; right: RuleExpression }
  | { op: 'in'; arg: RuleExpression; values: Literal[] }
  | { op: 'matches'; arg: RuleExpression; pattern: string }
  | { op: 'eqIgnoreCase'; left: RuleExpression; right: RuleExpression }
  // functions returning numbers
  | { op: 'len'; arg: RuleExpression }
  | { op: DatePartOperator; arg: RuleExpression }
  | { op: ArithmeticOperator; left: RuleExpression; right: RuleExpression }
  | { op: 'abs'; arg: RuleExpression }
  // lookups
  | { op: 'inCodeList'; arg: RuleExpression; codeList: CodeListRef }
  | { op: 'lookup'; arg: RuleExpression; in: TableRef; column: string } // value exists in a column
  // aggregates (table and dataset rules; `table` defaults to the rule's table; `where` is evaluated per row)
  | { op: 'count'; table?: string; where?: RuleExpression }
  | { op: NumericAggregate; table?: string; field: string; where?: RuleExpression }
  | { op: 'unique'; table?: string; fields: string[]; where?: RuleExpression }
  | { op: 'existsIn'; table?: string; fields: string[]; in: TableRef; columns: string[]; bothWays?: boolean };

export const RULE_OPERATORS = [
  'value',
  'field',
  'literal',
  'and',
  'or',
  'not',
  'ifThen',
  'isBlank',
  ...COMPARISON_OPERATORS,
  'in',
  'matches',
  'eqIgnoreCase',
  'len',
  ...DATE_PART_OPERATORS,
  ...ARITHMETIC_OPERATORS,
  'abs',
  'inCodeList',
  'lookup',
  'count',
  ...NUMERIC_AGGREGATES,
  'unique',
  'existsIn',
] as const satisfies readonly RuleExpression['op'][];
export type RuleOperator = (typeof RULE_OPERATORS)[number];

/** Shallow schema of an expression node; the tree is checked by `checkDatasetSchema`. */
export const RuleExpressionSchema = Type.Unsafe<RuleExpression>(
  Type.Object({ op: StringEnum(RULE_OPERATORS) }, { additionalProperties: true, description: 'Rule expression (JSON AST, checked by the schema checker)' }),
);

export const RULE_LEVELS = ['field', 'record', 'table', 'dataset'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

export const CustomRule = Type.Object(
  {
    /** Short QC code, unique within the schema (e.g. `WQ-001`). */
    code: Type.String({ pattern: RULE_CODE_PATTERN }),
    level: StringEnum(RULE_LEVELS),
    /** The table the rule is attached to (field, record, table rules). */
    table: Type.Optional(Identifier),
    /** The field the rule is attached to (field rules). */
    field: Type.Optional(Identifier),
    severity: StringEnum(RULE_SEVERITIES),
    message: BilingualText(300),
    description: Type.Optional(Text(500)),
    /** Disabled rules are kept but not run (default: enabled). */
    enabled: Type.Optional(Type.Boolean()),
    expression: RuleExpressionSchema,
  },
  { additionalProperties: false },
);
export type CustomRule = Static<typeof CustomRule> & { severity: RuleSeverity; expression: RuleExpression };

export const TableDefinition = Type.Object(
  {
    name: Identifier,
    label: Label,
    description: Type.Optional(Text(500)),
    /** A mandatory table must have rows in every release. */
    required: Type.Optional(Type.Boolean()),
    fields: Type.Array(FieldDefinition, { minItems: 1, maxItems: 300 }),
    primaryKey: Type.Optional(Type.Array(Identifier, { minItems: 1, maxItems: 8 })),
    uniqueKeys: Type.Optional(Type.Array(Type.Array(Identifier, { minItems: 1, maxItems: 8 }), { maxItems: 20 })),
    links: Type.Optional(Type.Array(TableLink, { maxItems: 20 })),
    /** The GB/T 2260 `division` field that gives a row's area (used for row-level grants). */
    scopeField: Type.Optional(Identifier),
  },
  { additionalProperties: false },
);
export type TableDefinition = Static<typeof TableDefinition>;

/**
 * A read-only reference table rules can look values up in (e.g. the 断面 list): the latest
 * accepted release of another dataset (by its 信息资源代码) — resolved by the caller.
 */
export const ReferenceTableDefinition = Type.Object(
  {
    name: Identifier,
    label: Label,
    datasetCode: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9/_.-]+$' }),
    table: Identifier,
    columns: Type.Array(Type.Object({ name: Identifier, type: StringEnum(FIELD_TYPES) }, { additionalProperties: false }), { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type ReferenceTableDefinition = Static<typeof ReferenceTableDefinition>;

export const DatasetSchemaDefinition = Type.Object(
  {
    format: Type.Literal(DATASET_SCHEMA_FORMAT),
    tables: Type.Array(TableDefinition, { minItems: 1, maxItems: 50 }),
    referenceTables: Type.Optional(Type.Array(ReferenceTableDefinition, { maxItems: 20 })),
    rules: Type.Optional(Type.Array(CustomRule, { maxItems: 500 })),
  },
  { additionalProperties: false },
);
export type DatasetSchemaDefinition = Omit<Static<typeof DatasetSchemaDefinition>, 'rules'> & { rules?: CustomRule[] };

/** One problem found by the schema checker; `path` is a JSON Pointer into the definition. */
export const SchemaProblem = Type.Object({
  path: Type.String(),
  code: Type.String(),
  message: Type.String(),
  messageZh: Type.String(),
});
export type SchemaProblem = Static<typeof SchemaProblem>;
