import { Type, type Static } from 'typebox';

/**
 * Stable error codes. Clients (the web, machine clients) branch on `code`, never on messages,
 * so a code is never renamed or reused once released.
 */
export const ErrorCode = {
  BadRequest: 'BAD_REQUEST',
  ValidationFailed: 'VALIDATION_FAILED',
  MalformedJson: 'MALFORMED_JSON',
  Unauthenticated: 'UNAUTHENTICATED',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  AccountLocked: 'ACCOUNT_LOCKED',
  AccountDisabled: 'ACCOUNT_DISABLED',
  TokenInvalid: 'TOKEN_INVALID',
  TokenExpired: 'TOKEN_EXPIRED',
  TokenRevoked: 'TOKEN_REVOKED',
  CsrfFailed: 'CSRF_FAILED',
  Forbidden: 'FORBIDDEN',
  InsufficientScope: 'INSUFFICIENT_SCOPE',
  NotFound: 'NOT_FOUND',
  RouteNotFound: 'ROUTE_NOT_FOUND',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  Conflict: 'CONFLICT',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  UnprocessableEntity: 'UNPROCESSABLE_ENTITY',
  WeakPassword: 'WEAK_PASSWORD',
  RateLimited: 'RATE_LIMITED',
  NotReady: 'NOT_READY',
  /** A dataset schema definition the checker rejects; details.problems lists each. */
  SchemaInvalid: 'SCHEMA_INVALID',
  /** Publishing schema version 2+ without a migration note. */
  MigrationNoteRequired: 'MIGRATION_NOTE_REQUIRED',
  /** A catalog import with invalid rows: nothing imported; details.rows is the per-row report. */
  CatalogImportRejected: 'CATALOG_IMPORT_REJECTED',
  /**
   * A catalog file that cannot be read as a catalog at all (not XLSX/JSON, no sheet, no rows,
   * missing columns, too many rows); details.reason is one of CATALOG_FILE_PROBLEMS (catalog.ts).
   */
  CatalogFileInvalid: 'CATALOG_FILE_INVALID',
  Internal: 'INTERNAL_ERROR',
  /** The working-day calendar has no holiday data for a year a deadline needs (503). */
  CalendarNotCovered: 'CALENDAR_NOT_COVERED',
  // Secure sharing (modules/access).
  LegalBasisRequired: 'LEGAL_BASIS_REQUIRED',
  ReasonsRequired: 'REASONS_REQUIRED',
  AccessNotNeeded: 'ACCESS_NOT_NEEDED',
  NoGrant: 'NO_GRANT',
  GrantExpired: 'GRANT_EXPIRED',
  GrantRevoked: 'GRANT_REVOKED',
  TokenBeyondGrant: 'TOKEN_BEYOND_GRANT',
  // Notifications (docs/sharing.md)
  WebhookTargetRefused: 'WEBHOOK_TARGET_REFUSED',
  // Validated releases (数据发布)
  UploadUnreadable: 'UPLOAD_UNREADABLE',
  DuplicateUpload: 'DUPLICATE_UPLOAD',
  NothingToRelease: 'NOTHING_TO_RELEASE',
  ReleaseBlocked: 'RELEASE_BLOCKED',
  ReleaseInReview: 'RELEASE_IN_REVIEW',
  SchemaVersionMismatch: 'SCHEMA_VERSION_MISMATCH',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ErrorEnvelope = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. VALIDATION_FAILED' }),
      message: Type.String({ description: 'English message' }),
      messageZh: Type.String({ description: '中文提示' }),
      details: Type.Optional(Type.Unknown()),
      requestId: Type.String(),
    }),
  },
  { $id: 'ErrorEnvelope', description: 'The one shape of every failed response' },
);
export type ErrorEnvelope = Static<typeof ErrorEnvelope>;
