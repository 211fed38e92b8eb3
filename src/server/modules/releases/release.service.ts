import { createHash } from 'node:crypto';
import { ErrorCode } from '../../../contracts/errors';
import type {
  BlockerView,
  CreateReleaseRequest,
  DecisionRequest,
  ListReleasesQuery,
  Release,
  ReleaseDetail,
  ReleaseList,
  ReleaseRowsPage,
  ReleaseRowsQuery,
  ReviewEntry,
  ReviewInbox,
  ReviewInboxQuery,
  ReviewMessageRequest,
} from '../../../contracts/releases';
import type { ReleaseStatus } from '../../../contracts/sharing';
import type { Executor } from '../../db/database';
import type { RequestMeta } from '../../platform/actor';
import { toIso } from '../../platform/clock';
import { AppError, errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { isSystem, type Caller } from '../identity';
import type { RawCell } from './parse/types';
import { receiptText, signReceipt, snapshotDigest, type ReleaseReceipt } from './receipt';
import { canPostInThread, canReview, canSeeRelease, canSubmit, isParty } from './releases.policy';
import type { DatasetView } from './releases.ports';
import { presentRelease, presentThread, presentUpload } from './releases.presenter';
import type { ReleaseRecord } from './releases.repository';
import type { ReviewEntryKind } from './releases.tables';
import { sniffAttachmentType } from './sniff-attachment';
import { activityActor, auditActor, loadCollection, targetOrganisation, visibleDataset, type UploadServiceDeps } from './upload.service';
import type { ReleaseSchemaDefinition } from './validation';

/** Blocking results listed in a RELEASE_BLOCKED answer (the report has them all). */
const MAX_LISTED_BLOCKERS = 200;
const MAX_ATTACHMENTS_PER_ENTRY = 5;

/** A row as stored in a release: its number within the table, scope code and raw cells. */
export interface ReleaseRow {
  rowNo: number;
  scopeCode: string | null;
  data: Record<string, RawCell>;
}

/**
 * The half-open range of GB/T 2260 codes a division covers: a province `320000` covers
 * [320000, 330000), a city `320100` covers [320100, 320200), a county only itself; `000000`
 * (the whole region) covers every code.
 */
export function scopeRange(code: string): [string, string] {
  if (code === '000000') return ['000000', '999999~'];
  const width = code.endsWith('0000') ? 2 : code.endsWith('00') ? 4 : 6;
  const prefix = code.slice(0, width);
  const next = String(Number(prefix) + 1).padStart(width, '0');
  return [code, next.padEnd(6, '0')];
}

export function createReleaseService(deps: UploadServiceDeps) {
  const { clock, database, audit, events, catalog, repository, validator, config } = deps;
  const { db } = database;

  async function releaseWithDataset(caller: Caller, releaseId: string, executor: Executor = db): Promise<{ release: ReleaseRecord; dataset: DatasetView }> {
    const release = await repository.findRelease(executor, releaseId);
    const dataset = release ? await catalog.getDataset(executor, release.dataset_id) : undefined;
    if (!release || !dataset || !canSeeRelease(caller, dataset, release.status)) throw errors.notFound('Release', '发布版本', releaseId);
    return { release, dataset };
  }

  async function detail(caller: Caller, release: ReleaseRecord, dataset: DatasetView): Promise<ReleaseDetail> {
    const party = isParty(caller, dataset);
    const [reviews, attachments, uploads] = party
      ? await Promise.all([repository.reviews(db, release.id), repository.attachmentsOf(db, release.id), repository.uploadsOfRelease(db, release.id)])
      : [[], [], []];
    return {
      release: presentRelease(release),
      dataset: { id: dataset.id, code: dataset.code, titleZh: dataset.titleZh, titleEn: dataset.titleEn, ownerOrganisationId: dataset.ownerOrganisationId, custodianOrganisationId: dataset.custodianOrganisationId },
      thread: presentThread(reviews, attachments),
      uploads: uploads.map(presentUpload),
      can: { review: release.status === 'submitted' && canReview(caller, dataset), post: canPostInThread(caller, dataset), readRows: party },
    };
  }

  function person(caller: Caller, dataset: DatasetView) {
    return isSystem(caller) ? { userId: 'system', name: 'system', organisationId: dataset.ownerOrganisationId } : { userId: caller.userId, name: caller.displayName, organisationId: caller.organisationId };
  }

  async function addEntry(executor: Executor, caller: Caller, dataset: DatasetView, releaseId: string, kind: ReviewEntryKind, body: string, now: number): Promise<string> {
    const id = newId(now);
    const author = person(caller, dataset);
    await repository.insertReview(executor, { id, release_id: releaseId, kind, author_user_id: author.userId, author_name: author.name, author_organisation_id: author.organisationId, body, created_at: now });
    return id;
  }

  return {
    /**
     * Freezes the draft collection into a release (待审核). Refused while another release of the
     * dataset waits for review, when nothing is pending, when pending uploads were validated
     * against different schema versions, and when any BLOCKER result stands (409 RELEASE_BLOCKED
     * listing them). Validation runs before the write transaction; the transaction then checks
     * that the collection did not change meanwhile.
     */
    async create(caller: Caller, datasetId: string, input: CreateReleaseRequest, meta?: RequestMeta): Promise<ReleaseDetail> {
      const dataset = await visibleDataset(deps, db, caller, datasetId);
      if (!canSubmit(caller, dataset)) throw errors.forbidden('Only the owner organisation releases this dataset', '只有数据资源提供方可以发布数据');
      if (await repository.openRelease(db, dataset.id)) throw inReview();
      const pending = await repository.pendingUploads(db, dataset.id);
      if (pending.length === 0) throw new AppError(ErrorCode.NothingToRelease, 409, 'No validated upload is waiting; upload data first', '没有待发布的已校验数据，请先上传数据');
      const schemaIds = new Set(pending.map((upload) => upload.schema_id));
      if (schemaIds.size > 1) {
        throw new AppError(ErrorCode.SchemaVersionMismatch, 409, 'The waiting uploads were validated against different schema versions; upload again with one version (replace mode)', '待发布数据分别按不同版本的数据结构校验，请按同一版本重新上传（替换模式）', {
          uploads: pending.map((upload) => ({ uploadId: upload.id, schemaVersion: upload.schema_version })),
        });
      }
      const schema = await catalog.getSchema(db, pending[0]!.schema_id);
      if (schema === undefined) throw errors.notFound('Schema', '数据结构', pending[0]!.schema_id);
      const definition = schema.definition as ReleaseSchemaDefinition;
      const { collection, baseReleaseId } = await loadCollection(deps, db, dataset.id, pending);
      const findings = await validator.validate(db, schema.definition, collection);
      const blockers: BlockerView[] = findings
        .filter((finding) => finding.severity === 'BLOCKER')
        .map((finding) => {
          const row = finding.table !== null && finding.rowIndex !== null ? collection.get(finding.table)?.[finding.rowIndex] : undefined;
          return { uploadId: row?.uploadId ?? null, table: finding.table, sourceRow: row?.sourceRow ?? null, field: finding.field, ruleCode: finding.ruleCode, message: finding.message, messageZh: finding.messageZh };
        });
      if (blockers.length > 0) {
        throw new AppError(ErrorCode.ReleaseBlocked, 409, `${blockers.length} blocking results stop the release; fix them and upload again`, `存在 ${blockers.length} 个阻断性问题，无法发布，请修正后重新上传`, {
          blockerCount: blockers.length,
          blockers: blockers.slice(0, MAX_LISTED_BLOCKERS),
        });
      }

      const scopeFields = new Map(definition.tables.map((table) => [table.name, table.scopeField]));
      const tableNames = [...collection.keys()].filter((table) => collection.get(table)!.length > 0).sort();
      const rows = tableNames.flatMap((table) =>
        collection.get(table)!.map((row, index) => {
          const scopeField = scopeFields.get(table);
          const scope = scopeField === undefined ? null : (row.cells[scopeField]?.trim() ?? null);
          return { table, rowNo: index + 1, scopeCode: scope === '' ? null : scope, data: row.cells };
        }),
      );
      const tableCounts = Object.fromEntries(tableNames.map((table) => [table, collection.get(table)!.length]));
      const digest = snapshotDigest(rows.map((row) => ({ table: row.table, rowNo: row.rowNo, data: row.data })));
      const now = clock.now();
      const id = newId(now);
      const author = person(caller, dataset);

      const created = await db.transaction().execute(async (trx) => {
        // The collection must be what was validated: same pending uploads, same base release.
        const pendingNow = await repository.pendingUploads(trx, dataset.id);
        const baseNow = await repository.latestAccepted(trx, dataset.id);
        if (pendingNow.map((upload) => upload.id).join() !== pending.map((upload) => upload.id).join() || (baseNow?.id ?? null) !== baseReleaseId) {
          throw errors.conflict('The data waiting for release changed meanwhile; try again', '待发布数据已发生变化，请重试');
        }
        if (await repository.openRelease(trx, dataset.id)) throw inReview();
        const sequence = await repository.nextSequence(trx, dataset.id);
        const receipt: ReleaseReceipt = {
          receiptVersion: 1,
          releaseId: id,
          datasetId: dataset.id,
          datasetCode: dataset.code,
          sequence,
          schemaId: schema.id,
          schemaVersion: schema.version,
          submittedBy: author,
          submittedAt: toIso(now),
          rowCount: rows.length,
          rowCounts: tableCounts,
          digestAlgorithm: 'SHA-256',
          digest,
        };
        const text = receiptText(receipt);
        const record = {
          id,
          dataset_id: dataset.id,
          schema_id: schema.id,
          schema_version: schema.version,
          sequence,
          status: 'submitted' as const,
          row_count: rows.length,
          table_counts: JSON.stringify(tableCounts),
          digest,
          receipt: text,
          receipt_signature: signReceipt(text, config.receiptKey),
          organisation_id: author.organisationId,
          submitted_by: author.userId,
          submitted_by_name: author.name,
          submitted_at: now,
          decided_by: null,
          decided_by_name: null,
          decided_by_organisation_id: null,
          decided_at: null,
          superseded_at: null,
        };
        await repository.insertRelease(trx, record);
        await repository.insertReleaseRows(trx, rows.map((row) => ({ release_id: id, table_name: row.table, row_no: row.rowNo, scope_code: row.scopeCode, data: JSON.stringify(row.data) })));
        await repository.markUploadsReleased(trx, pending.map((upload) => upload.id), id);
        await addEntry(trx, caller, dataset, id, 'submitted', input.note ?? '', now);
        await audit.record(trx, {
          actor: auditActor(caller),
          action: 'release.submit',
          objectType: 'release',
          objectId: id,
          targetOrganisationId: targetOrganisation(caller, dataset.ownerOrganisationId),
          after: { datasetId: dataset.id, sequence, rowCount: rows.length, digest },
          ...(meta ? { meta } : {}),
        });
        await catalog.recordActivity(trx, {
          datasetId: dataset.id,
          kind: 'release.submitted',
          actor: activityActor(caller),
          summary: `Release ${sequence} submitted for review (${rows.length} rows)`,
          details: { releaseId: id, sequence, rowCounts: tableCounts, digest },
        });
        return record;
      });
      events.publish('release.submitted', { datasetId: dataset.id, releaseId: id, custodianOrganisationId: dataset.custodianOrganisationId });
      return detail(caller, created, dataset);
    },

    /** Accept (已接收) or request a correction (退回修改); only the custodian, only while submitted. */
    async decide(caller: Caller, releaseId: string, input: DecisionRequest, meta?: RequestMeta): Promise<ReleaseDetail> {
      const { dataset } = await releaseWithDataset(caller, releaseId);
      if (!canReview(caller, dataset)) throw errors.forbidden('Only the custodian organisation reviews this release', '只有数据审核方可以审核该发布版本');
      const message = input.message?.trim() ?? '';
      if (input.decision === 'request_correction' && message === '') {
        throw errors.validation('Say what must be corrected', '退回修改时必须说明需要修改的内容', [{ in: 'body', path: '/message', keyword: 'required', message: 'required' }]);
      }
      const now = clock.now();
      const reviewer = person(caller, dataset);
      let superseded: string | null = null;
      const decided = await db.transaction().execute(async (trx) => {
        const release = await repository.findReleaseForUpdate(trx, releaseId);
        if (!release || release.status !== 'submitted') throw errors.conflict('The release is not waiting for review', '该发布版本不在待审核状态', { status: release?.status });
        const decision = { decided_by: reviewer.userId, decided_by_name: reviewer.name, decided_by_organisation_id: reviewer.organisationId, decided_at: now };
        if (input.decision === 'accept') {
          const previous = await repository.latestAccepted(trx, release.dataset_id);
          if (previous) {
            await repository.setReleaseStatus(trx, previous.id, { status: 'superseded', superseded_at: now });
            superseded = previous.id;
          }
          await repository.setReleaseStatus(trx, release.id, { status: 'accepted', ...decision });
          await catalog.markReleased(trx, release.dataset_id, now);
        } else {
          await repository.setReleaseStatus(trx, release.id, { status: 'correction_requested', ...decision });
          // The rows go back to the draft: the owner fixes them with further (replace) uploads.
          await repository.returnUploadsToDraft(trx, release.id);
        }
        const kind = input.decision === 'accept' ? 'accepted' : 'correction_requested';
        await addEntry(trx, caller, dataset, release.id, kind, message, now);
        await audit.record(trx, {
          actor: auditActor(caller),
          action: input.decision === 'accept' ? 'release.accept' : 'release.request_correction',
          objectType: 'release',
          objectId: release.id,
          targetOrganisationId: targetOrganisation(caller, dataset.ownerOrganisationId),
          before: { status: release.status },
          after: { status: kind, message, superseded },
          ...(meta ? { meta } : {}),
        });
        await catalog.recordActivity(trx, {
          datasetId: release.dataset_id,
          kind: `release.${kind}`,
          actor: activityActor(caller),
          summary: input.decision === 'accept' ? `Release ${release.sequence} accepted` : `Correction requested for release ${release.sequence}`,
          details: { releaseId: release.id, sequence: release.sequence, message, superseded },
        });
        return (await repository.findRelease(trx, release.id))!;
      });
      if (decided.status === 'accepted') {
        events.publish('release.accepted', { datasetId: dataset.id, releaseId: decided.id, sequence: decided.sequence, rowCount: decided.row_count });
      } else {
        events.publish('release.correction_requested', { datasetId: dataset.id, releaseId: decided.id, ownerOrganisationId: dataset.ownerOrganisationId });
      }
      return detail(caller, decided, dataset);
    },

    async postMessage(caller: Caller, releaseId: string, input: ReviewMessageRequest, meta?: RequestMeta): Promise<ReviewEntry> {
      const { release, dataset } = await releaseWithDataset(caller, releaseId);
      if (!canPostInThread(caller, dataset)) throw errors.forbidden('Only the submitters and the reviewers write in this thread', '只有数据提供方和审核方可以在此留言');
      const now = clock.now();
      const id = await db.transaction().execute(async (trx) => {
        const entry = await addEntry(trx, caller, dataset, release.id, 'message', input.body, now);
        await audit.record(trx, { actor: auditActor(caller), action: 'release.message', objectType: 'release', objectId: release.id, targetOrganisationId: targetOrganisation(caller, dataset.ownerOrganisationId), after: { entryId: entry, body: input.body }, ...(meta ? { meta } : {}) });
        await catalog.recordActivity(trx, { datasetId: dataset.id, kind: 'release.message', actor: activityActor(caller), summary: `Message on release ${release.sequence}`, details: { releaseId: release.id, sequence: release.sequence, entryId: entry } });
        return entry;
      });
      const thread = presentThread(await repository.reviews(db, release.id), await repository.attachmentsOf(db, release.id));
      return thread.find((entry) => entry.id === id)!;
    },

    /** Adds a small file to one of the caller's own thread entries (type sniffed, size-capped). */
    async addAttachment(caller: Caller, releaseId: string, entryId: string, fileName: string, bytes: Uint8Array, meta?: RequestMeta): Promise<ReviewEntry> {
      const { release, dataset } = await releaseWithDataset(caller, releaseId);
      if (!canPostInThread(caller, dataset)) throw errors.forbidden('Only the submitters and the reviewers attach files here', '只有数据提供方和审核方可以上传附件');
      const entry = await repository.findReview(db, release.id, entryId);
      if (!entry) throw errors.notFound('Thread entry', '留言', entryId);
      if (isSystem(caller) || entry.author_user_id !== caller.userId) throw errors.forbidden('Attach files to your own messages only', '只能为自己的留言添加附件');
      if (bytes.length === 0) throw errors.badRequest('The file is empty', '文件为空');
      if (bytes.length > config.attachmentMaxBytes) {
        throw new AppError(ErrorCode.PayloadTooLarge, 413, `Attachments are limited to ${config.attachmentMaxBytes} bytes`, `附件不能超过 ${config.attachmentMaxBytes} 字节`);
      }
      const contentType = await sniffAttachmentType(bytes);
      if (contentType === null) {
        throw new AppError(ErrorCode.UnsupportedMediaType, 415, 'Attach PDF, images, XLSX/DOCX, ZIP or plain text only', '附件仅支持 PDF、图片、XLSX/DOCX、ZIP 或纯文本');
      }
      const existing = (await repository.attachmentsOf(db, release.id)).filter((attachment) => attachment.review_id === entry.id);
      if (existing.length >= MAX_ATTACHMENTS_PER_ENTRY) throw errors.conflict(`At most ${MAX_ATTACHMENTS_PER_ENTRY} files per message`, `每条留言最多 ${MAX_ATTACHMENTS_PER_ENTRY} 个附件`);
      const now = clock.now();
      const id = newId(now);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await db.transaction().execute(async (trx) => {
        await repository.insertAttachment(trx, { id, release_id: release.id, review_id: entry.id, file_name: fileName, content_type: contentType, byte_size: bytes.length, sha256, content: Buffer.from(bytes).toString('base64'), created_at: now });
        await audit.record(trx, { actor: auditActor(caller), action: 'release.attachment.add', objectType: 'release', objectId: release.id, targetOrganisationId: targetOrganisation(caller, dataset.ownerOrganisationId), after: { attachmentId: id, fileName, contentType, sha256 }, ...(meta ? { meta } : {}) });
        await catalog.recordActivity(trx, { datasetId: dataset.id, kind: 'release.attachment', actor: activityActor(caller), summary: `File ${fileName} attached to release ${release.sequence}`, details: { releaseId: release.id, sequence: release.sequence, fileName, attachmentId: id } });
      });
      const thread = presentThread(await repository.reviews(db, release.id), await repository.attachmentsOf(db, release.id));
      return thread.find((candidate) => candidate.id === entry.id)!;
    },

    async attachment(caller: Caller, releaseId: string, attachmentId: string): Promise<{ fileName: string; contentType: string; bytes: Buffer }> {
      const { release, dataset } = await releaseWithDataset(caller, releaseId);
      if (!isParty(caller, dataset)) throw errors.notFound('Attachment', '附件', attachmentId);
      const found = await repository.findAttachment(db, release.id, attachmentId);
      if (!found) throw errors.notFound('Attachment', '附件', attachmentId);
      return { fileName: found.file_name, contentType: found.content_type, bytes: Buffer.from(found.content, 'base64') };
    },

    async get(caller: Caller, releaseId: string): Promise<ReleaseDetail> {
      const { release, dataset } = await releaseWithDataset(caller, releaseId);
      return detail(caller, release, dataset);
    },

    /** Parties see every release; others the accepted one and the superseded history. */
    async list(caller: Caller, datasetId: string, query: ListReleasesQuery): Promise<ReleaseList> {
      const dataset = await visibleDataset(deps, db, caller, datasetId);
      const visible: ReleaseStatus[] = isParty(caller, dataset) ? ['submitted', 'accepted', 'correction_requested', 'superseded'] : ['accepted', 'superseded'];
      const statuses = query.status ? visible.filter((status) => status === query.status) : visible;
      const page = await repository.listReleases(db, dataset.id, { statuses, limit: query.limit ?? 50, offset: query.offset ?? 0 });
      return { items: page.items.map(presentRelease), total: page.total };
    },

    /** The custodian's inbox: releases of the datasets the caller's organisation reviews. */
    async inbox(caller: Caller, query: ReviewInboxQuery): Promise<ReviewInbox> {
      if (isSystem(caller) || !caller.permissions.has('data:review')) throw errors.forbidden();
      const datasetIds = await catalog.datasetIdsInCustodyOf(db, caller.organisationId);
      const page = await repository.listReleasesOf(db, datasetIds, { status: query.status, limit: query.limit ?? 50, offset: query.offset ?? 0 });
      const datasets = new Map<string, DatasetView>();
      for (const id of new Set(page.items.map((release) => release.dataset_id))) {
        const dataset = await catalog.getDataset(db, id);
        if (dataset) datasets.set(id, dataset);
      }
      return {
        items: page.items.map((release) => {
          const dataset = datasets.get(release.dataset_id)!;
          return { release: presentRelease(release), dataset: { id: dataset.id, code: dataset.code, titleZh: dataset.titleZh, titleEn: dataset.titleEn } };
        }),
        total: page.total,
      };
    },

    /** The receipt as issued, with its signature (parties only). */
    async receipt(caller: Caller, releaseId: string): Promise<{ receipt: ReleaseReceipt; signature: string | null; signatureAlgorithm: 'HMAC-SHA-256' | null; release: Release }> {
      const { release, dataset } = await releaseWithDataset(caller, releaseId);
      if (!isParty(caller, dataset)) throw errors.notFound('Release', '发布版本', releaseId);
      return {
        receipt: JSON.parse(release.receipt) as ReleaseReceipt,
        signature: release.receipt_signature,
        signatureAlgorithm: release.receipt_signature === null ? null : 'HMAC-SHA-256',
        release: presentRelease(release),
      };
    },

    /** Rows under review or released, for the owner and the custodian (consumers read through access). */
    async rows(caller: Caller, releaseId: string, query: ReleaseRowsQuery): Promise<ReleaseRowsPage> {
      const { release, dataset } = await releaseWithDataset(caller, releaseId);
      if (!isParty(caller, dataset)) throw errors.forbidden('Shared rows are read through the access module (/shared-data)', '共享数据请通过数据共享接口读取');
      const limit = query.limit ?? 100;
      const items = await readRows(db, { releaseId: release.id, table: query.table, afterRowNo: query.afterRowNo, limit });
      return { items, nextAfterRowNo: items.length === limit ? items[items.length - 1]!.rowNo : null };
    },

    latestAccepted,
    readRows,
  };

  /** The dataset's current accepted release (for consumers and the access part); no authorisation. */
  async function latestAccepted(executor: Executor, datasetId: string): Promise<Release | undefined> {
    const release = await repository.latestAccepted(executor, datasetId);
    return release ? presentRelease(release) : undefined;
  }

  /**
   * Keyset page of a release's rows of one table (row_no > afterRowNo, ascending), optionally
   * only rows whose scope code lies in one of the given divisions; no authorisation (the access
   * part enforces grants). A table without a scope field has null codes: with scopeCodes given,
   * none of its rows match.
   */
  async function readRows(executor: Executor, input: { releaseId: string; table: string; scopeCodes?: readonly string[] | undefined; afterRowNo?: number | undefined; limit: number }): Promise<ReleaseRow[]> {
    const rows = await repository.readRows(executor, {
      releaseId: input.releaseId,
      table: input.table,
      scopeRanges: input.scopeCodes?.map(scopeRange),
      afterRowNo: input.afterRowNo ?? 0,
      limit: input.limit,
    });
    return rows.map((row) => ({ rowNo: row.row_no, scopeCode: row.scope_code, data: JSON.parse(row.data) as Record<string, RawCell> }));
  }
}

export type ReleaseService = ReturnType<typeof createReleaseService>;

function inReview(): AppError {
  return new AppError(ErrorCode.ReleaseInReview, 409, 'A release of this dataset is waiting for review; wait for the decision', '该数据资源已有发布版本在审核中，请等待审核结果');
}

