import { Type, type Static } from 'typebox';
import { DateText } from './catalog';
import { Instant, Page, PageQuery, StringEnum, Text } from './common';
import { CODE_LIST_VERSION_PATTERN, CodeListVersionLabel, DictionaryCode, FIELD_TYPES } from './dataset-schema';

/**
 * The data dictionary (数据字典, 标准统一): data elements (数据元) reused by dataset schemas and
 * code lists (代码集) with versions. A code list version is draft → released → retired; inside a
 * released version single codes can be retired with a named replacement — a retired code still
 * validates data dated before its retirement and warns on newer data.
 */

/** Codes of a code list (e.g. `a21026`, `320500`, `2511`, `劣V`): letters, digits, Chinese characters, `_ . -`. */
export const ENTRY_CODE_PATTERN = '^[A-Za-z0-9_.\u4e00-\u9fff-]{1,40}$';
export const EntryCode = Type.String({ pattern: ENTRY_CODE_PATTERN });

export const DataElement = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  definition: Type.Union([Type.String(), Type.Null()]),
  type: StringEnum(FIELD_TYPES),
  unit: Type.Union([Type.String(), Type.Null()]),
  min: Type.Union([Type.Number(), Type.Null()]),
  max: Type.Union([Type.Number(), Type.Null()]),
  maxLength: Type.Union([Type.Integer(), Type.Null()]),
  precision: Type.Union([Type.Integer(), Type.Null()]),
  codeList: Type.Union([Type.String(), Type.Null()]),
  /** Starts at 1; every change adds one (the audit trail keeps each revision's content). */
  revision: Type.Integer(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type DataElement = Static<typeof DataElement>;

const NullableNumber = Type.Union([Type.Number({ minimum: -1e15, maximum: 1e15 }), Type.Null()]);

export const CreateDataElementRequest = Type.Object(
  {
    code: DictionaryCode,
    nameZh: Text(100),
    nameEn: Text(100),
    definition: Type.Optional(Type.Union([Text(1000), Type.Null()])),
    type: StringEnum(FIELD_TYPES),
    unit: Type.Optional(Type.Union([Text(20), Type.Null()])),
    min: Type.Optional(NullableNumber),
    max: Type.Optional(NullableNumber),
    maxLength: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100_000 }), Type.Null()])),
    precision: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 12 }), Type.Null()])),
    codeList: Type.Optional(Type.Union([DictionaryCode, Type.Null()])),
  },
  { additionalProperties: false },
);
export type CreateDataElementRequest = Static<typeof CreateDataElementRequest>;

export const UpdateDataElementRequest = Type.Object(
  {
    /** The revision the change is based on; a stale one answers 409 (someone else changed it). */
    revision: Type.Integer({ minimum: 1 }),
    nameZh: Type.Optional(Text(100)),
    nameEn: Type.Optional(Text(100)),
    definition: Type.Optional(Type.Union([Text(1000), Type.Null()])),
    type: Type.Optional(StringEnum(FIELD_TYPES)),
    unit: Type.Optional(Type.Union([Text(20), Type.Null()])),
    min: Type.Optional(NullableNumber),
    max: Type.Optional(NullableNumber),
    maxLength: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100_000 }), Type.Null()])),
    precision: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 12 }), Type.Null()])),
    codeList: Type.Optional(Type.Union([DictionaryCode, Type.Null()])),
  },
  { additionalProperties: false },
);
export type UpdateDataElementRequest = Static<typeof UpdateDataElementRequest>;

export const ListDataElementsQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    type: Type.Optional(StringEnum(FIELD_TYPES)),
    codeList: Type.Optional(DictionaryCode),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ListDataElementsQuery = Static<typeof ListDataElementsQuery>;
export const ListDataElementsResponse = Page(DataElement);

export const DictionaryCodeParams = Type.Object({ code: DictionaryCode }, { additionalProperties: false });

export const CODE_LIST_VERSION_STATUSES = ['draft', 'released', 'retired'] as const;
export type CodeListVersionStatus = (typeof CODE_LIST_VERSION_STATUSES)[number];

export const CodeListEntry = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  /** When the code was retired (null: in use); data dated before it still validates. */
  retiredAt: Type.Union([Instant, Type.Null()]),
  replacementCode: Type.Union([Type.String(), Type.Null()]),
});
export type CodeListEntry = Static<typeof CodeListEntry>;

export const CodeListEntryInput = Type.Object(
  {
    code: EntryCode,
    nameZh: Text(200),
    nameEn: Text(200),
    parentCode: Type.Optional(Type.Union([EntryCode, Type.Null()])),
  },
  { additionalProperties: false },
);
export type CodeListEntryInput = Static<typeof CodeListEntryInput>;

export const CodeListVersionSummary = Type.Object({
  version: Type.String(),
  status: StringEnum(CODE_LIST_VERSION_STATUSES),
  note: Type.Union([Type.String(), Type.Null()]),
  entryCount: Type.Integer(),
  releasedAt: Type.Union([Instant, Type.Null()]),
  retiredAt: Type.Union([Instant, Type.Null()]),
  replacedBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
});
export type CodeListVersionSummary = Static<typeof CodeListVersionSummary>;

export const CodeListVersion = Type.Object({ ...CodeListVersionSummary.properties, code: Type.String(), entries: Type.Array(CodeListEntry) });
export type CodeListVersion = Static<typeof CodeListVersion>;

export const CodeList = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  /** The latest released version (what a schema without a version gets), null if none. */
  currentVersion: Type.Union([Type.String(), Type.Null()]),
  versions: Type.Array(CodeListVersionSummary),
  createdAt: Instant,
  updatedAt: Instant,
});
export type CodeList = Static<typeof CodeList>;

export const ListCodeListsQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), ...PageQuery }, { additionalProperties: false });
export type ListCodeListsQuery = Static<typeof ListCodeListsQuery>;
export const ListCodeListsResponse = Page(CodeList);

export const CreateCodeListRequest = Type.Object(
  { code: DictionaryCode, nameZh: Text(100), nameEn: Text(100), description: Type.Optional(Type.Union([Text(1000), Type.Null()])) },
  { additionalProperties: false },
);
export type CreateCodeListRequest = Static<typeof CreateCodeListRequest>;

export const UpdateCodeListRequest = Type.Object(
  { nameZh: Type.Optional(Text(100)), nameEn: Type.Optional(Text(100)), description: Type.Optional(Type.Union([Text(1000), Type.Null()])) },
  { additionalProperties: false },
);
export type UpdateCodeListRequest = Static<typeof UpdateCodeListRequest>;

export const MAX_CODE_LIST_ENTRIES = 5000;

export const CreateCodeListVersionRequest = Type.Object(
  {
    version: CodeListVersionLabel,
    note: Type.Optional(Type.Union([Text(500), Type.Null()])),
    /** Start from the entries of an existing version (then `entries` must be absent). */
    copyFrom: Type.Optional(CodeListVersionLabel),
    entries: Type.Optional(Type.Array(CodeListEntryInput, { maxItems: MAX_CODE_LIST_ENTRIES })),
  },
  { additionalProperties: false },
);
export type CreateCodeListVersionRequest = Static<typeof CreateCodeListVersionRequest>;

export const ReplaceEntriesRequest = Type.Object({ entries: Type.Array(CodeListEntryInput, { maxItems: MAX_CODE_LIST_ENTRIES }) }, { additionalProperties: false });
export type ReplaceEntriesRequest = Static<typeof ReplaceEntriesRequest>;

export const CodeListVersionParams = Type.Object({ code: DictionaryCode, version: Type.String({ pattern: CODE_LIST_VERSION_PATTERN }) }, { additionalProperties: false });
export const CodeListEntryParams = Type.Object(
  { code: DictionaryCode, version: Type.String({ pattern: CODE_LIST_VERSION_PATTERN }), entryCode: EntryCode },
  { additionalProperties: false },
);

/**
 * The Beijing date from which a retirement counts (停用生效日期): today or earlier, e.g. a
 * division code abolished by a State Council approval recorded only weeks later. Data dated from
 * that day on warns; older data still validates. Absent: now.
 */
const RetiredFrom = Type.Optional(DateText);

export const RetireCodeListVersionRequest = Type.Object(
  { replacedBy: Type.Optional(Type.Union([CodeListVersionLabel, Type.Null()])), effectiveFrom: RetiredFrom },
  { additionalProperties: false },
);
export type RetireCodeListVersionRequest = Static<typeof RetireCodeListVersionRequest>;

export const RetireCodeRequest = Type.Object({ replacementCode: Type.Optional(Type.Union([EntryCode, Type.Null()])), effectiveFrom: RetiredFrom }, { additionalProperties: false });
export type RetireCodeRequest = Static<typeof RetireCodeRequest>;
