import { Type, type Static, type TSchema } from 'typebox';
import { DivisionCode, Id, Instant, Page, PageQuery, StringEnum, Text } from './common';
import { SchemaProblem } from './dataset-schema';
import { DATASET_STATUSES, DATASET_THEMES, OPENNESS_TYPES, SECURITY_GRADES, SHARING_TYPES, UPDATE_CYCLES } from './sharing';

/**
 * The living catalog (动态管理): datasets carrying the core metadata of the national guide
 * (《政务信息资源目录编制指南（试行）》 发改高技〔2017〕1272号), their schema versions, data duties
 * (报送义务) and activity. Facts: shared/reference/catalog-standards.md §1.3–1.5.
 */

/** 共享方式: 共享平台方式 / 邮件方式 / 介质方式. */
export const SHARING_MODES = ['platform', 'email', 'media'] as const;
export type SharingMode = (typeof SHARING_MODES)[number];
/** 共享方式类型 under 共享平台方式: 接口 / 数据库(库表) / 文件. */
export const SHARING_CHANNELS = ['api', 'database', 'file'] as const;
export type SharingChannel = (typeof SHARING_CHANNELS)[number];

/** 信息资源格式分类 (§1.5.4), 服务接口 included as the seventh category. */
export const FORMAT_CATEGORIES = ['electronic_file', 'spreadsheet', 'database', 'image', 'streaming', 'self_describing', 'service'] as const;
export type FormatCategory = (typeof FORMAT_CATEGORIES)[number];

/** 信息项数据类型 (§1.5.5), the Visual FoxPro letters every implementation shares. */
export const ITEM_DATA_TYPES = ['C', 'N', 'Y', 'D', 'T', 'L', 'M', 'G', 'B', 'I', 'F'] as const;
export type ItemDataType = (typeof ITEM_DATA_TYPES)[number];

/** Freshness of a dataset: its last accepted release against its update cycle. */
export const FRESHNESS_VALUES = ['fresh', 'due', 'overdue'] as const;
export type Freshness = (typeof FRESHNESS_VALUES)[number];

/** Cycles a data duty can have (实时 data is still owed as at least a daily release). */
export const DUTY_CYCLES = ['daily', 'weekly', 'monthly', 'quarterly', 'semiannual', 'annual'] as const;
export type DutyCycle = (typeof DUTY_CYCLES)[number];

export const SCHEMA_STATUSES = ['draft', 'published'] as const;
export type SchemaStatus = (typeof SCHEMA_STATUSES)[number];

/** Calendar date in Beijing time (GB/T 7408 extended form). */
export const DateText = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', description: 'YYYY-MM-DD (Beijing time)' });

/** 信息资源代码: 类(1) 项(2) 目(3) 细目(0–6 digits) / 顺序码. */
export const RESOURCE_CODE_PATTERN = '^[1-3][0-9]{2}[0-9]{3}[0-9]{0,6}/[0-9]{1,8}$';
export const ResourceCode = Type.String({ pattern: RESOURCE_CODE_PATTERN, description: '信息资源代码 (分类码/顺序码)' });

const ClassLevel = (pattern: string, description: string) =>
  Type.Object({ code: Type.String({ pattern }), name: Text(60) }, { additionalProperties: false, description });

/** 信息资源分类: 类/项/目/细目. 类 1 基础 / 2 主题 / 3 部门. */
export const Classification = Type.Object(
  {
    lei: ClassLevel('^[1-3]$', '类: 1 基础, 2 主题, 3 部门'),
    xiang: ClassLevel('^[0-9]{2}$', '项'),
    mu: ClassLevel('^[0-9]{3}$', '目'),
    ximu: Type.Optional(ClassLevel('^[0-9]{1,6}$', '细目')),
  },
  { additionalProperties: false },
);
export type Classification = Static<typeof Classification>;

export const ResourceFormat = Type.Object(
  { category: StringEnum(FORMAT_CATEGORIES), type: Text(40) },
  { additionalProperties: false, description: '信息资源格式: 格式分类 + 格式类型' },
);

export const SharingAttributes = Type.Object(
  {
    type: StringEnum(SHARING_TYPES),
    /** 共享条件 (有条件共享) or 不予共享依据 (不予共享: the legal basis). */
    condition: Type.Optional(Text(1000)),
    mode: StringEnum(SHARING_MODES),
    channel: Type.Optional(StringEnum(SHARING_CHANNELS)),
  },
  { additionalProperties: false, description: '共享属性' },
);
export type SharingAttributes = Static<typeof SharingAttributes>;

export const OpennessAttributes = Type.Object(
  { type: StringEnum(OPENNESS_TYPES), condition: Type.Optional(Text(1000)) },
  { additionalProperties: false, description: '开放属性' },
);

/** 信息项: derived from the current published schema's fields. */
export const InformationItem = Type.Object({
  table: Type.String(),
  name: Type.String(),
  title: Type.String(),
  dataType: StringEnum(ITEM_DATA_TYPES),
  length: Type.Union([Type.Integer(), Type.Null()]),
});
export type InformationItem = Static<typeof InformationItem>;

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** The editable metadata; every field of create, all optional in update. */
const metadataFields = {
  localCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9A-Za-z./-]{1,60}$', description: 'province-specific local code, e.g. DB34/T 4685' }))),
  classification: Classification,
  titleZh: Text(200),
  titleEn: Text(300),
  descriptionZh: Text(4000),
  descriptionEn: Text(6000),
  custodianOrganisationId: Type.Optional(Id),
  theme: StringEnum(DATASET_THEMES),
  keywords: Type.Array(Text(40), { maxItems: 20 }),
  spatialCoverage: Type.Array(DivisionCode, { minItems: 1, maxItems: 50, description: 'GB/T 2260 codes; 000000 = the whole region' }),
  temporalStart: Type.Optional(Nullable(DateText)),
  temporalEnd: Type.Optional(Nullable(DateText)),
  format: ResourceFormat,
  sharing: SharingAttributes,
  openness: OpennessAttributes,
  updateCycle: StringEnum(UPDATE_CYCLES),
  updateCycleNote: Type.Optional(Nullable(Text(200))),
  securityGrade: StringEnum(SECURITY_GRADES),
  licence: Text(200),
  useTerms: Text(2000),
  relatedCodes: Type.Array(ResourceCode, { maxItems: 20, description: '关联资源代码' }),
};

export const CreateDatasetRequest = Type.Object(
  { ...metadataFields, ownerOrganisationId: Type.Optional(Id) },
  { additionalProperties: false },
);
export type CreateDatasetRequest = Static<typeof CreateDatasetRequest>;

export const UpdateDatasetRequest = Type.Partial(Type.Object(metadataFields, { additionalProperties: false }));
export type UpdateDatasetRequest = Static<typeof UpdateDatasetRequest>;

export const Dataset = Type.Object(
  {
    id: Id,
    code: Type.String({ description: '信息资源代码; never changes once published' }),
    localCode: Nullable(Type.String()),
    classification: Classification,
    titleZh: Type.String(),
    titleEn: Type.String(),
    descriptionZh: Type.String(),
    descriptionEn: Type.String(),
    ownerOrganisationId: Id,
    ownerProvinceCode: Type.String(),
    /** 信息资源提供方 and 提供方代码 (the owner's USCC, GB 32100). */
    providerName: Type.String(),
    providerCode: Nullable(Type.String()),
    custodianOrganisationId: Id,
    theme: StringEnum(DATASET_THEMES),
    keywords: Type.Array(Type.String()),
    spatialCoverage: Type.Array(Type.String()),
    temporalStart: Nullable(Type.String()),
    temporalEnd: Nullable(Type.String()),
    format: ResourceFormat,
    sharing: SharingAttributes,
    openness: OpennessAttributes,
    updateCycle: StringEnum(UPDATE_CYCLES),
    updateCycleNote: Nullable(Type.String()),
    securityGrade: StringEnum(SECURITY_GRADES),
    licence: Type.String(),
    useTerms: Type.String(),
    relatedCodes: Type.Array(Type.String()),
    status: StringEnum(DATASET_STATUSES),
    currentSchemaId: Nullable(Id),
    currentSchemaVersion: Nullable(Type.Integer()),
    informationItems: Type.Array(InformationItem),
    /** 发布日期 (Beijing date of the first publication). */
    publishedAt: Nullable(Instant),
    lastReleaseAt: Nullable(Instant),
    freshness: StringEnum(FRESHNESS_VALUES),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Dataset' },
);
export type Dataset = Static<typeof Dataset>;

const csv = (description: string) => Type.Optional(Type.String({ maxLength: 400, pattern: '^[a-z0-9_,]*$', description }));

export const ListDatasetsQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    province: Type.Optional(Type.String({ maxLength: 100, pattern: '^[0-9,]*$', description: 'owner province codes, comma-separated' })),
    theme: csv('themes, comma-separated'),
    sharingType: csv('sharing types, comma-separated'),
    securityGrade: csv('security grades, comma-separated'),
    status: csv('statuses, comma-separated'),
    freshness: csv('fresh,due,overdue'),
    ownerOrganisationId: Type.Optional(Id),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ListDatasetsQuery = Static<typeof ListDatasetsQuery>;

const FacetCounts = Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() }));
export const DatasetFacets = Type.Object({
  province: FacetCounts,
  theme: FacetCounts,
  sharingType: FacetCounts,
  securityGrade: FacetCounts,
  status: FacetCounts,
  freshness: FacetCounts,
});
export type DatasetFacets = Static<typeof DatasetFacets>;

export const ListDatasetsResponse = Type.Object({ items: Type.Array(Dataset), total: Type.Integer(), facets: DatasetFacets });
export type ListDatasetsResponse = Static<typeof ListDatasetsResponse>;

// ---- schema versions ------------------------------------------------------------------------

export const DatasetSchemaVersion = Type.Object(
  {
    id: Id,
    datasetId: Id,
    version: Type.Integer(),
    status: StringEnum(SCHEMA_STATUSES),
    definition: Type.Unknown({ description: 'DatasetSchemaDefinition (src/contracts/dataset-schema.ts)' }),
    migrationNote: Nullable(Type.String()),
    createdAt: Instant,
    publishedAt: Nullable(Instant),
    current: Type.Boolean(),
  },
  { $id: 'DatasetSchemaVersion' },
);
export type DatasetSchemaVersion = Static<typeof DatasetSchemaVersion>;

export const CreateSchemaRequest = Type.Object(
  { definition: Type.Unknown(), migrationNote: Type.Optional(Text(4000)) },
  { additionalProperties: false },
);
export type CreateSchemaRequest = Static<typeof CreateSchemaRequest>;
export const UpdateSchemaRequest = Type.Object(
  { definition: Type.Optional(Type.Unknown()), migrationNote: Type.Optional(Nullable(Text(4000))) },
  { additionalProperties: false },
);
export type UpdateSchemaRequest = Static<typeof UpdateSchemaRequest>;
export const CheckSchemaRequest = Type.Object({ definition: Type.Unknown() }, { additionalProperties: false });
export const CheckSchemaResponse = Type.Object({ problems: Type.Array(SchemaProblem) });
export const SchemaParams = Type.Object({ id: Id, schemaId: Id }, { additionalProperties: false });
export const ListSchemasResponse = Type.Object({ items: Type.Array(DatasetSchemaVersion) });

// ---- activity -------------------------------------------------------------------------------

/** What a dataset's history records, written by the catalog and the parts that act on datasets. */
export const DATASET_ACTIVITY_KINDS = [
  'dataset.created',
  'dataset.imported',
  'dataset.updated',
  'dataset.published',
  'dataset.deprecated',
  'schema.draft_created',
  'schema.published',
  'duty.created',
  'duty.updated',
  'upload.validated',
  'upload.rejected',
  'release.submitted',
  'release.message',
  'release.attachment',
  'release.accepted',
  'release.correction_requested',
  'access.requested',
  'access.decided',
  'grant.revoked',
] as const;
export type DatasetActivityKind = (typeof DATASET_ACTIVITY_KINDS)[number];

export const ActivityEntry = Type.Object(
  {
    id: Id,
    datasetId: Id,
    kind: Type.String({ description: 'dotted, e.g. dataset.updated, schema.published, release.accepted, access.decided' }),
    actorUserId: Nullable(Type.String()),
    actorName: Nullable(Type.String()),
    actorOrganisationId: Nullable(Type.String()),
    summary: Type.String(),
    details: Type.Unknown(),
    occurredAt: Instant,
  },
  { $id: 'DatasetActivity' },
);
export type ActivityEntry = Static<typeof ActivityEntry>;
export const ListActivityQuery = Type.Object({ kind: Type.Optional(Type.String({ maxLength: 60, pattern: '^[a-z_.]*$' })), ...PageQuery }, { additionalProperties: false });
export const ListActivityResponse = Page(ActivityEntry);

/** One changed metadata field: before and after as presented by the API. */
export interface MetadataChange {
  field: string;
  before: unknown;
  after: unknown;
}

// ---- data duties ----------------------------------------------------------------------------

export const DataDuty = Type.Object(
  {
    id: Id,
    datasetId: Id,
    datasetCode: Type.String(),
    datasetTitleZh: Type.String(),
    datasetTitleEn: Type.String(),
    organisationId: Id,
    organisationName: Type.String(),
    cycle: StringEnum(DUTY_CYCLES),
    firstDueDate: DateText,
    note: Nullable(Type.String()),
    status: StringEnum(['active', 'ended'] as const),
    lastSuppliedAt: Nullable(Instant),
    /** The earliest due date not yet covered by a release (Beijing date). */
    nextDueDate: DateText,
    overdue: Type.Boolean(),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'DataDuty' },
);
export type DataDuty = Static<typeof DataDuty>;

export const CreateDutyRequest = Type.Object(
  { datasetId: Id, organisationId: Id, cycle: StringEnum(DUTY_CYCLES), firstDueDate: DateText, note: Type.Optional(Text(1000)) },
  { additionalProperties: false },
);
export type CreateDutyRequest = Static<typeof CreateDutyRequest>;
export const UpdateDutyRequest = Type.Object(
  { cycle: Type.Optional(StringEnum(DUTY_CYCLES)), firstDueDate: Type.Optional(DateText), note: Type.Optional(Nullable(Text(1000))), status: Type.Optional(StringEnum(['active', 'ended'] as const)) },
  { additionalProperties: false },
);
export type UpdateDutyRequest = Static<typeof UpdateDutyRequest>;
export const ListDutiesQuery = Type.Object(
  {
    datasetId: Type.Optional(Id),
    organisationId: Type.Optional(Id),
    overdue: Type.Optional(Type.Boolean()),
    status: Type.Optional(StringEnum(['active', 'ended'] as const)),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ListDutiesQuery = Static<typeof ListDutiesQuery>;
export const ListDutiesResponse = Type.Object({ items: Type.Array(DataDuty), total: Type.Integer(), overdue: Type.Integer() });


// ---- provincial catalog import and export (national metadata format) ------------------------

/** Why a catalog file as a whole was refused (400 CATALOG_FILE_INVALID, details.reason). */
export const CATALOG_FILE_PROBLEMS = ['NOT_XLSX', 'NO_SHEET', 'MISSING_COLUMNS', 'NOT_JSON', 'NOT_CATALOG_JSON', 'NOT_A_RECORD', 'NO_ROWS', 'TOO_MANY_ROWS'] as const;
export type CatalogFileProblem = (typeof CATALOG_FILE_PROBLEMS)[number];

/**
 * Stable codes of the problems of one imported row; clients branch on these, the messages are
 * for people. A row can have several.
 */
export const CATALOG_ROW_PROBLEMS = [
  /** A column the national format does not have. */
  'UNKNOWN_COLUMN',
  /** A required cell is blank. */
  'REQUIRED',
  'TOO_LONG',
  /** Markup brackets or control characters in a text cell. */
  'UNSAFE_TEXT',
  /** Not one of the enumeration's Chinese labels (共享类型, 更新周期 …). */
  'NOT_IN_LIST',
  /** A code or number of the wrong form (信息资源代码, 类/项/目/细目, 空间范围 …). */
  'BAD_FORMAT',
  /** 信息资源代码 does not start with its classification. */
  'CODE_CLASSIFICATION_MISMATCH',
  'INVALID_USCC',
  'INVALID_DATE',
  /** Two cells that contradict each other (是否向社会开放 vs 开放类型). */
  'CONTRADICTION',
  /** The guide's conditional rules (共享条件 for 有条件共享, 不予共享依据 …). */
  'METADATA_RULE',
  'DUPLICATE_CODE',
  /** 信息资源代码 already in the catalog. */
  'CODE_TAKEN',
  /** No member organisation has the provider's USCC. */
  'UNKNOWN_PROVIDER',
  /** No member organisation has the name in 数据管理单位. */
  'UNKNOWN_CUSTODIAN',
  /** 数据结构定义 is not JSON or the schema checker rejects it. */
  'SCHEMA_INVALID',
  /** The caller may not catalogue datasets of the provider organisation. */
  'NOT_PERMITTED',
] as const;
export type CatalogRowProblemCode = (typeof CATALOG_ROW_PROBLEMS)[number];

export const CatalogImportQuery = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ default: false, description: 'true: check every row and report, write nothing (校验)' })) },
  { additionalProperties: false },
);

export const CatalogRowProblem = Type.Object({
  code: StringEnum(CATALOG_ROW_PROBLEMS),
  /** The national column the problem is in ('' for rules spanning columns). */
  column: Type.String(),
  message: Type.String(),
  messageZh: Type.String(),
});
export type CatalogRowProblem = Static<typeof CatalogRowProblem>;

export const CATALOG_ROW_STATUSES = ['valid', 'invalid', 'imported'] as const;

export const CatalogImportRow = Type.Object({
  /** 1-based record number (data rows only). */
  row: Type.Integer(),
  /** Where the record is in the file: the worksheet row (the header is row 1), or the JSON record number. */
  sourceRow: Type.Integer(),
  /** 信息资源代码 as given ('' when blank). */
  code: Type.String(),
  /** 信息资源名称 as given ('' when blank). */
  titleZh: Type.String(),
  status: StringEnum(CATALOG_ROW_STATUSES),
  problems: Type.Array(CatalogRowProblem),
});
export type CatalogImportRow = Static<typeof CatalogImportRow>;

/**
 * The per-row report of a catalog import: the answer of a dry run (also when rows are invalid),
 * of a successful import, and the details of 422 CATALOG_IMPORT_REJECTED.
 */
export const CatalogImportReport = Type.Object(
  {
    dryRun: Type.Boolean(),
    total: Type.Integer(),
    valid: Type.Integer(),
    invalid: Type.Integer(),
    /** Resources written: 0 on a dry run or when any row is invalid (all or nothing). */
    imported: Type.Integer(),
    rows: Type.Array(CatalogImportRow),
  },
  { $id: 'CatalogImportReport' },
);
export type CatalogImportReport = Static<typeof CatalogImportReport>;

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The import's request body, per media type: the file itself as the raw body (no multipart). */
export const CatalogImportBody = {
  content: {
    [XLSX_MEDIA_TYPE]: {
      schema: Type.Unsafe<unknown>({
        contentMediaType: XLSX_MEDIA_TYPE,
        description: "An XLSX workbook whose first sheet has the national guide's column names (信息资源代码, 类, 项, 目 … 数据结构定义) as its header row, one resource per row, as `catalog export` writes it",
      }),
    },
    'application/json': {
      schema: Type.Unsafe<unknown>({
        contentMediaType: 'application/json',
        description: 'A JSON document `{ "format": "yrd-eco-catalog", "version": 1, "columns": [...], "records": [{ "信息资源代码": "…", … }] }` whose records hold the same columns as the XLSX sheet',
      }),
    },
  },
};
// ---- DCAT-AP export paging (harvesters) ------------------------------------------------------

export const DCAT_DEFAULT_PAGE_SIZE = 100;
export const DCAT_MAX_PAGE_SIZE = 1000;

export const DcatQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1, description: '1-based page' })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: DCAT_MAX_PAGE_SIZE, default: DCAT_DEFAULT_PAGE_SIZE, description: `datasets per page (default ${DCAT_DEFAULT_PAGE_SIZE}, at most ${DCAT_MAX_PAGE_SIZE})` })),
    modifiedSince: Type.Optional(Type.String({ format: 'date-time', maxLength: 40, description: 'only datasets whose dct:modified is at or after this instant (ISO 8601 with offset)' })),
  },
  { additionalProperties: false },
);
export type DcatQuery = Static<typeof DcatQuery>;

