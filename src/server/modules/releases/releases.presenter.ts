import type { AttachmentView, Release, ReviewEntry, Upload, ValidationResult } from '../../../contracts/releases';
import { toIso } from '../../platform/clock';
import type { AttachmentMeta, ReleaseRecord, ReviewRecord, UploadRecord } from './releases.repository';
import type { ValidationResultsTable } from './releases.tables';
import type { Selectable } from 'kysely';

export function presentUpload(row: UploadRecord): Upload {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    schemaId: row.schema_id,
    schemaVersion: row.schema_version,
    status: row.status,
    channel: row.channel,
    mode: row.mode,
    fileName: row.file_name,
    byteSize: Number(row.byte_size),
    tables: JSON.parse(row.tables) as string[],
    rowCount: row.row_count,
    counts: { BLOCKER: row.blocker_count, ERROR: row.error_count, WARNING: row.warning_count, INFO: row.info_count },
    uploadedBy: { userId: row.uploaded_by, name: row.uploaded_by_name, organisationId: row.organisation_id },
    createdAt: toIso(Number(row.created_at)),
    releaseId: row.release_id,
  };
}

export function presentResult(row: Selectable<ValidationResultsTable>): ValidationResult {
  return {
    seq: row.seq,
    table: row.table_name,
    sourceRow: row.source_row,
    field: row.field,
    ruleCode: row.rule_code,
    severity: row.severity,
    message: row.message,
    messageZh: row.message_zh,
    value: row.value,
  };
}

export function presentRelease(row: ReleaseRecord): Release {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    schemaId: row.schema_id,
    schemaVersion: row.schema_version,
    sequence: row.sequence,
    status: row.status,
    rowCount: row.row_count,
    tableCounts: JSON.parse(row.table_counts) as Record<string, number>,
    digest: row.digest,
    signed: row.receipt_signature !== null,
    submittedBy: { userId: row.submitted_by, name: row.submitted_by_name, organisationId: row.organisation_id },
    submittedAt: toIso(Number(row.submitted_at)),
    decidedBy: row.decided_by === null ? null : { userId: row.decided_by, name: row.decided_by_name ?? '', organisationId: row.decided_by_organisation_id ?? '' },
    decidedAt: row.decided_at === null ? null : toIso(Number(row.decided_at)),
    supersededAt: row.superseded_at === null ? null : toIso(Number(row.superseded_at)),
  };
}

export function presentAttachment(row: AttachmentMeta): AttachmentView {
  return { id: row.id, fileName: row.file_name, contentType: row.content_type, byteSize: row.byte_size, sha256: row.sha256, createdAt: toIso(Number(row.created_at)) };
}

export function presentThread(reviews: readonly ReviewRecord[], attachments: readonly AttachmentMeta[]): ReviewEntry[] {
  return reviews.map((review) => ({
    id: review.id,
    kind: review.kind,
    author: { userId: review.author_user_id, name: review.author_name, organisationId: review.author_organisation_id },
    body: review.body,
    createdAt: toIso(Number(review.created_at)),
    attachments: attachments.filter((attachment) => attachment.review_id === review.id).map(presentAttachment),
  }));
}
