import type { Insertable, Selectable } from 'kysely';
import type { ReleaseStatus } from '../../../contracts/sharing';
import type { Executor } from '../../db/database';
import type { DialectHelpers } from '../../db/dialect';
import type {
  ReleaseAttachmentsTable,
  ReleaseReviewsTable,
  ReleaseRowsTable,
  ReleasesTable,
  UploadRowsTable,
  UploadsTable,
  UploadStatus,
  ValidationResultsTable,
} from './releases.tables';

export type UploadRecord = Selectable<UploadsTable>;
export type ReleaseRecord = Selectable<ReleasesTable>;
export type ReviewRecord = Selectable<ReleaseReviewsTable>;
export type AttachmentMeta = Omit<Selectable<ReleaseAttachmentsTable>, 'content'>;

/** Rows per multi-row INSERT: well under both dialects' bound-parameter limits. */
const CHUNK = 400;

async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) await insert(rows.slice(start, start + CHUNK));
}

export function createReleasesRepository(dialect: DialectHelpers) {
  return {
    async insertUpload(executor: Executor, row: Insertable<UploadsTable>): Promise<void> {
      await executor.insertInto('uploads').values(row).execute();
    },

    async insertUploadRows(executor: Executor, rows: readonly Insertable<UploadRowsTable>[]): Promise<void> {
      await insertChunked(rows, (chunk) => executor.insertInto('upload_rows').values(chunk).execute());
    },

    async insertResults(executor: Executor, rows: readonly Insertable<ValidationResultsTable>[]): Promise<void> {
      await insertChunked(rows, (chunk) => executor.insertInto('validation_results').values(chunk).execute());
    },

    findUpload(executor: Executor, datasetId: string, uploadId: string): Promise<UploadRecord | undefined> {
      return executor.selectFrom('uploads').selectAll().where('id', '=', uploadId).where('dataset_id', '=', datasetId).executeTakeFirst();
    },

    async listUploads(executor: Executor, datasetId: string, filter: { status?: UploadStatus | undefined; limit: number; offset: number }) {
      let query = executor.selectFrom('uploads').where('dataset_id', '=', datasetId);
      if (filter.status) query = query.where('status', '=', filter.status);
      const [items, total] = await Promise.all([
        query.selectAll().orderBy('upload_no', 'desc').limit(filter.limit).offset(filter.offset).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    /** The draft collection's uploads, oldest first (the order they apply in). */
    pendingUploads(executor: Executor, datasetId: string): Promise<UploadRecord[]> {
      return executor.selectFrom('uploads').selectAll().where('dataset_id', '=', datasetId).where('status', '=', 'pending').orderBy('upload_no').execute();
    },

    uploadsOfRelease(executor: Executor, releaseId: string): Promise<UploadRecord[]> {
      return executor.selectFrom('uploads').selectAll().where('release_id', '=', releaseId).orderBy('upload_no').execute();
    },

    async nextUploadNo(executor: Executor, datasetId: string): Promise<number> {
      const row = await executor.selectFrom('uploads').select((eb) => eb.fn.max('upload_no').as('last')).where('dataset_id', '=', datasetId).executeTakeFirst();
      return Number(row?.last ?? 0) + 1;
    },

    findPendingDuplicate(executor: Executor, datasetId: string, digest: string): Promise<UploadRecord | undefined> {
      return executor
        .selectFrom('uploads')
        .selectAll()
        .where('dataset_id', '=', datasetId)
        .where('status', '=', 'pending')
        .where('content_digest', '=', digest)
        .executeTakeFirst();
    },

    async markUploadsReleased(executor: Executor, uploadIds: readonly string[], releaseId: string): Promise<void> {
      if (uploadIds.length === 0) return;
      await executor.updateTable('uploads').set({ status: 'released', release_id: releaseId }).where('id', 'in', uploadIds).execute();
    },

    /** A correction request sends the release's uploads back to the draft collection. */
    async returnUploadsToDraft(executor: Executor, releaseId: string): Promise<void> {
      await executor.updateTable('uploads').set({ status: 'pending' }).where('release_id', '=', releaseId).where('status', '=', 'released').execute();
    },

    uploadRows(executor: Executor, uploadId: string) {
      return executor.selectFrom('upload_rows').select(['table_name', 'row_no', 'source_row', 'data']).where('upload_id', '=', uploadId).orderBy('table_name').orderBy('row_no').execute();
    },

    async resultSummary(executor: Executor, uploadId: string) {
      return executor
        .selectFrom('validation_results')
        .select(['rule_code', 'severity', (eb) => eb.fn.countAll<number>().as('n')])
        .where('upload_id', '=', uploadId)
        .groupBy(['rule_code', 'severity'])
        .orderBy('rule_code')
        .orderBy('severity')
        .execute();
    },

    async resultPage(executor: Executor, uploadId: string, filter: { severity?: string | undefined; limit: number; offset: number }) {
      let query = executor.selectFrom('validation_results').where('upload_id', '=', uploadId);
      if (filter.severity) query = query.where('severity', '=', filter.severity as Selectable<ValidationResultsTable>['severity']);
      const [items, total] = await Promise.all([
        query.selectAll().orderBy('seq').limit(filter.limit).offset(filter.offset).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    allResults(executor: Executor, uploadId: string) {
      return executor.selectFrom('validation_results').selectAll().where('upload_id', '=', uploadId).orderBy('seq').execute();
    },

    async insertRelease(executor: Executor, row: Insertable<ReleasesTable>): Promise<void> {
      await executor.insertInto('releases').values(row).execute();
    },

    async insertReleaseRows(executor: Executor, rows: readonly Insertable<ReleaseRowsTable>[]): Promise<void> {
      await insertChunked(rows, (chunk) => executor.insertInto('release_rows').values(chunk).execute());
    },

    findRelease(executor: Executor, releaseId: string): Promise<ReleaseRecord | undefined> {
      return executor.selectFrom('releases').selectAll().where('id', '=', releaseId).executeTakeFirst();
    },

    /** Locks the release row (PostgreSQL) so two reviewers cannot both decide it. */
    findReleaseForUpdate(executor: Executor, releaseId: string): Promise<ReleaseRecord | undefined> {
      return dialect.forUpdate(executor.selectFrom('releases').selectAll().where('id', '=', releaseId)).executeTakeFirst();
    },

    async nextSequence(executor: Executor, datasetId: string): Promise<number> {
      const row = await executor.selectFrom('releases').select((eb) => eb.fn.max('sequence').as('last')).where('dataset_id', '=', datasetId).executeTakeFirst();
      return Number(row?.last ?? 0) + 1;
    },

    openRelease(executor: Executor, datasetId: string): Promise<ReleaseRecord | undefined> {
      return executor.selectFrom('releases').selectAll().where('dataset_id', '=', datasetId).where('status', '=', 'submitted').executeTakeFirst();
    },

    latestAccepted(executor: Executor, datasetId: string): Promise<ReleaseRecord | undefined> {
      return executor.selectFrom('releases').selectAll().where('dataset_id', '=', datasetId).where('status', '=', 'accepted').orderBy('sequence', 'desc').limit(1).executeTakeFirst();
    },

    async listReleases(executor: Executor, datasetId: string, filter: { statuses: readonly ReleaseStatus[]; limit: number; offset: number }) {
      const query = executor.selectFrom('releases').where('dataset_id', '=', datasetId).where('status', 'in', filter.statuses);
      const [items, total] = await Promise.all([
        query.selectAll().orderBy('sequence', 'desc').limit(filter.limit).offset(filter.offset).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    /** Releases of the datasets in `datasetIds` (a custodian's inbox), newest first. */
    async listReleasesOf(executor: Executor, datasetIds: readonly string[], filter: { status?: ReleaseStatus | undefined; limit: number; offset: number }) {
      if (datasetIds.length === 0) return { items: [], total: 0 };
      let query = executor.selectFrom('releases').where('dataset_id', 'in', datasetIds);
      if (filter.status) query = query.where('status', '=', filter.status);
      const [items, total] = await Promise.all([
        query.selectAll().orderBy('submitted_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    async setReleaseStatus(executor: Executor, releaseId: string, changes: Partial<Pick<ReleasesTable, 'status' | 'decided_by' | 'decided_by_name' | 'decided_by_organisation_id' | 'decided_at' | 'superseded_at'>>): Promise<void> {
      await executor.updateTable('releases').set(changes).where('id', '=', releaseId).execute();
    },

    /** Rows of one table in row order after `afterRowNo`, optionally within division-code ranges. */
    async readRows(executor: Executor, input: { releaseId: string; table: string; scopeRanges?: readonly [string, string][] | undefined; afterRowNo: number; limit: number }) {
      let query = executor
        .selectFrom('release_rows')
        .select(['row_no', 'scope_code', 'data'])
        .where('release_id', '=', input.releaseId)
        .where('table_name', '=', input.table)
        .where('row_no', '>', input.afterRowNo);
      const ranges = input.scopeRanges;
      if (ranges !== undefined) {
        if (ranges.length === 0) return [];
        query = query.where((eb) => eb.or(ranges.map(([from, to]) => eb.and([eb('scope_code', '>=', from), eb('scope_code', '<', to)]))));
      }
      return query.orderBy('row_no').limit(input.limit).execute();
    },

    allReleaseRows(executor: Executor, releaseId: string) {
      return executor.selectFrom('release_rows').select(['table_name', 'row_no', 'data']).where('release_id', '=', releaseId).orderBy('table_name').orderBy('row_no').execute();
    },

    async insertReview(executor: Executor, row: Insertable<ReleaseReviewsTable>): Promise<void> {
      await executor.insertInto('release_reviews').values(row).execute();
    },

    reviews(executor: Executor, releaseId: string): Promise<ReviewRecord[]> {
      return executor.selectFrom('release_reviews').selectAll().where('release_id', '=', releaseId).orderBy('created_at').orderBy('id').execute();
    },

    findReview(executor: Executor, releaseId: string, reviewId: string): Promise<ReviewRecord | undefined> {
      return executor.selectFrom('release_reviews').selectAll().where('id', '=', reviewId).where('release_id', '=', releaseId).executeTakeFirst();
    },

    async insertAttachment(executor: Executor, row: Insertable<ReleaseAttachmentsTable>): Promise<void> {
      await executor.insertInto('release_attachments').values(row).execute();
    },

    attachmentsOf(executor: Executor, releaseId: string): Promise<AttachmentMeta[]> {
      return executor
        .selectFrom('release_attachments')
        .select(['id', 'release_id', 'review_id', 'file_name', 'content_type', 'byte_size', 'sha256', 'created_at'])
        .where('release_id', '=', releaseId)
        .orderBy('created_at')
        .execute();
    },

    findAttachment(executor: Executor, releaseId: string, attachmentId: string) {
      return executor.selectFrom('release_attachments').selectAll().where('id', '=', attachmentId).where('release_id', '=', releaseId).executeTakeFirst();
    },
  };
}

export type ReleasesRepository = ReturnType<typeof createReleasesRepository>;
