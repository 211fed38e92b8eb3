import { Type, type Static } from 'typebox';
import { Id, Instant, StringEnum, Text } from './common';
import { RELEASE_STATUSES, RULE_SEVERITIES } from './sharing';

/**
 * Validated releases: uploads (JSON batches, CSV and XLSX files) validated against a schema
 * version, the validation report, releases frozen from the draft collection with a receipt, and
 * the custodian's review (审核) with its feedback thread.
 */

export const UPLOAD_MODES = [
  'append', // 追加: the rows join the table's rows collected so far
  'replace', // 替换: the rows replace the table's rows collected so far
] as const;
export type UploadMode = (typeof UPLOAD_MODES)[number];
export const UPLOAD_CHANNELS = ['json', 'csv', 'xlsx'] as const;
export const UPLOAD_STATUSES = [
  'rejected', // 无法读取: only the problems are kept
  'pending', // 已校验，待发布
  'released', // 已纳入发布版本
] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

export const TableName = Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' });
const FileName = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^<>\\\\/:*?"|\\u0000-\\u001f\\u007f]+$' });

export const DatasetIdParams = Type.Object({ id: Id }, { additionalProperties: false });
export const UploadParams = Type.Object({ id: Id, uploadId: Id }, { additionalProperties: false });
export const AttachmentParams = Type.Object({ id: Id, attachmentId: Id }, { additionalProperties: false });

/** A JSON batch: rows per table; values are text, numbers, booleans or null. */
export const JsonUploadRequest = Type.Object(
  {
    mode: StringEnum(UPLOAD_MODES),
    /** Schema version to validate against (default: the dataset's current published version). */
    schemaVersion: Type.Optional(Type.Integer({ minimum: 1 })),
    tables: Type.Record(TableName, Type.Array(Type.Record(Type.String({ maxLength: 63 }), Type.Unknown()), { maxItems: 1_000_000 })),
  },
  { additionalProperties: false },
);
export type JsonUploadRequest = Static<typeof JsonUploadRequest>;

/** Query of a file upload (the body is the CSV or XLSX file itself). */
export const FileUploadQuery = Type.Object(
  {
    mode: StringEnum(UPLOAD_MODES),
    /** Required for CSV (one table per file); for XLSX it limits the upload to that sheet. */
    table: Type.Optional(TableName),
    fileName: Type.Optional(FileName),
    schemaVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type FileUploadQuery = Static<typeof FileUploadQuery>;

export const Person = Type.Object({ userId: Type.String(), name: Type.String(), organisationId: Type.String() });
export type Person = Static<typeof Person>;

export const SeverityCounts = Type.Object({ BLOCKER: Type.Integer(), ERROR: Type.Integer(), WARNING: Type.Integer(), INFO: Type.Integer() });
export type SeverityCounts = Static<typeof SeverityCounts>;

export const ParseProblemView = Type.Object({
  code: Type.String(),
  message: Type.String(),
  messageZh: Type.String(),
  table: Type.Optional(Type.String()),
  sourceRow: Type.Optional(Type.Integer()),
  column: Type.Optional(Type.String()),
});

export const Upload = Type.Object({
  id: Type.String(),
  datasetId: Type.String(),
  schemaId: Type.String(),
  schemaVersion: Type.Integer(),
  status: StringEnum(UPLOAD_STATUSES),
  channel: StringEnum(UPLOAD_CHANNELS),
  mode: StringEnum(UPLOAD_MODES),
  fileName: Type.Union([Type.String(), Type.Null()]),
  byteSize: Type.Integer(),
  tables: Type.Array(Type.String()),
  rowCount: Type.Integer(),
  counts: SeverityCounts,
  uploadedBy: Person,
  createdAt: Instant,
  releaseId: Type.Union([Type.String(), Type.Null()]),
});
export type Upload = Static<typeof Upload>;

export const UploadList = Type.Object({ items: Type.Array(Upload), total: Type.Integer() });
export type UploadList = Static<typeof UploadList>;

export const ListUploadsQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(UPLOAD_STATUSES)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type ListUploadsQuery = Static<typeof ListUploadsQuery>;

export const ValidationResult = Type.Object({
  seq: Type.Integer(),
  table: Type.Union([Type.String(), Type.Null()]),
  sourceRow: Type.Union([Type.Integer(), Type.Null()]),
  field: Type.Union([Type.String(), Type.Null()]),
  ruleCode: Type.String(),
  severity: StringEnum(RULE_SEVERITIES),
  message: Type.String(),
  messageZh: Type.String(),
  value: Type.Union([Type.String(), Type.Null()]),
});
export type ValidationResult = Static<typeof ValidationResult>;

export const RuleSummary = Type.Object({ ruleCode: Type.String(), severity: StringEnum(RULE_SEVERITIES), count: Type.Integer() });
export type RuleSummary = Static<typeof RuleSummary>;

export const UploadReportQuery = Type.Object(
  {
    severity: Type.Optional(StringEnum(RULE_SEVERITIES)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type UploadReportQuery = Static<typeof UploadReportQuery>;

/** The validation report (校验报告) of one upload. */
export const UploadReport = Type.Object({
  upload: Upload,
  /** Why the file could not be read (rejected uploads only). */
  problems: Type.Array(ParseProblemView),
  /** Results per rule code × severity. */
  summary: Type.Array(RuleSummary),
  results: Type.Object({ items: Type.Array(ValidationResult), total: Type.Integer(), offset: Type.Integer(), limit: Type.Integer() }),
});
export type UploadReport = Static<typeof UploadReport>;

export const TemplateQuery = Type.Object(
  {
    schemaVersion: Type.Optional(Type.Integer({ minimum: 1 })),
    /** CSV templates hold one table (default: the schema's first table). */
    table: Type.Optional(TableName),
  },
  { additionalProperties: false },
);
export type TemplateQuery = Static<typeof TemplateQuery>;

export const Release = Type.Object({
  id: Type.String(),
  datasetId: Type.String(),
  schemaId: Type.String(),
  schemaVersion: Type.Integer(),
  sequence: Type.Integer(),
  status: StringEnum(RELEASE_STATUSES),
  rowCount: Type.Integer(),
  tableCounts: Type.Record(Type.String(), Type.Integer()),
  digest: Type.String(),
  /** True when the receipt carries an HMAC signature. */
  signed: Type.Boolean(),
  submittedBy: Person,
  submittedAt: Instant,
  decidedBy: Type.Union([Person, Type.Null()]),
  decidedAt: Type.Union([Instant, Type.Null()]),
  supersededAt: Type.Union([Instant, Type.Null()]),
});
export type Release = Static<typeof Release>;

export const ReleaseList = Type.Object({ items: Type.Array(Release), total: Type.Integer() });
export type ReleaseList = Static<typeof ReleaseList>;

export const ListReleasesQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(RELEASE_STATUSES)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type ListReleasesQuery = Static<typeof ListReleasesQuery>;

export const CreateReleaseRequest = Type.Object(
  {
    /** Note to the custodian; opens the review thread. */
    note: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export type CreateReleaseRequest = Static<typeof CreateReleaseRequest>;

/** One blocking result that stopped a release (details of RELEASE_BLOCKED). */
export const BlockerView = Type.Object({
  uploadId: Type.Union([Type.String(), Type.Null()]),
  table: Type.Union([Type.String(), Type.Null()]),
  sourceRow: Type.Union([Type.Integer(), Type.Null()]),
  field: Type.Union([Type.String(), Type.Null()]),
  ruleCode: Type.String(),
  message: Type.String(),
  messageZh: Type.String(),
});
export type BlockerView = Static<typeof BlockerView>;

export const AttachmentView = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  byteSize: Type.Integer(),
  sha256: Type.String(),
  createdAt: Instant,
});
export type AttachmentView = Static<typeof AttachmentView>;

export const REVIEW_ENTRY_KINDS = ['submitted', 'message', 'accepted', 'correction_requested'] as const;
export const ReviewEntry = Type.Object({
  id: Type.String(),
  kind: StringEnum(REVIEW_ENTRY_KINDS),
  author: Person,
  body: Type.String(),
  createdAt: Instant,
  attachments: Type.Array(AttachmentView),
});
export type ReviewEntry = Static<typeof ReviewEntry>;

/** A release with its review thread (newest last) and what the caller may do with it. */
export const ReleaseDetail = Type.Object({
  release: Release,
  dataset: Type.Object({ id: Type.String(), code: Type.String(), titleZh: Type.String(), titleEn: Type.String(), ownerOrganisationId: Type.String(), custodianOrganisationId: Type.String() }),
  thread: Type.Array(ReviewEntry),
  uploads: Type.Array(Upload),
  can: Type.Object({ review: Type.Boolean(), post: Type.Boolean(), readRows: Type.Boolean() }),
});
export type ReleaseDetail = Static<typeof ReleaseDetail>;

export const ReviewMessageRequest = Type.Object({ body: Text(4000) }, { additionalProperties: false });
export type ReviewMessageRequest = Static<typeof ReviewMessageRequest>;

export const DecisionRequest = Type.Object(
  {
    decision: StringEnum(['accept', 'request_correction'] as const),
    /** Required when requesting a correction: what to fix. */
    message: Type.Optional(Text(4000)),
  },
  { additionalProperties: false },
);
export type DecisionRequest = Static<typeof DecisionRequest>;

export const AttachmentQuery = Type.Object({ fileName: FileName }, { additionalProperties: false });
export type AttachmentQuery = Static<typeof AttachmentQuery>;

export const ReviewInboxQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(RELEASE_STATUSES)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type ReviewInboxQuery = Static<typeof ReviewInboxQuery>;

export const InboxItem = Type.Object({
  release: Release,
  dataset: Type.Object({ id: Type.String(), code: Type.String(), titleZh: Type.String(), titleEn: Type.String() }),
});
export const ReviewInbox = Type.Object({ items: Type.Array(InboxItem), total: Type.Integer() });
export type ReviewInbox = Static<typeof ReviewInbox>;

export const ReleaseRowsQuery = Type.Object(
  {
    table: TableName,
    afterRowNo: Type.Optional(Type.Integer({ minimum: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  },
  { additionalProperties: false },
);
export type ReleaseRowsQuery = Static<typeof ReleaseRowsQuery>;

export const ReleaseRowsPage = Type.Object({
  items: Type.Array(Type.Object({ rowNo: Type.Integer(), scopeCode: Type.Union([Type.String(), Type.Null()]), data: Type.Record(Type.String(), Type.Unknown()) })),
  /** Pass as afterRowNo for the next page; null on the last page. */
  nextAfterRowNo: Type.Union([Type.Integer(), Type.Null()]),
});
export type ReleaseRowsPage = Static<typeof ReleaseRowsPage>;
