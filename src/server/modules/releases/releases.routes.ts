import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { Id } from '../../../contracts/common';
import {
  AttachmentQuery,
  CreateReleaseRequest,
  DatasetIdParams,
  DecisionRequest,
  FileUploadQuery,
  JsonUploadRequest,
  ListReleasesQuery,
  ListUploadsQuery,
  ReleaseDetail,
  ReleaseList,
  ReleaseRowsPage,
  ReleaseRowsQuery,
  ReviewEntry,
  ReviewInbox,
  ReviewInboxQuery,
  ReviewMessageRequest,
  TemplateQuery,
  UPLOAD_MODES,
  UploadList,
  UploadParams,
  UploadReport,
  UploadReportQuery,
} from '../../../contracts/releases';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/auth-guard';
import { unsupportedMediaType } from '../../http/media-types';
import { errors } from '../../platform/errors';
import { errorResponses, requestMeta } from '../identity/http-support';
import { buildCsvTemplate, buildXlsxTemplate } from './parse/template';
import { buildReportWorkbook } from './report-xlsx';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_MIME = 'text/csv';
const OCTET_STREAM = 'application/octet-stream';
/** A JSON batch or one file; the scope's octet-stream parser is for attachments only. */
const UPLOAD_MEDIA_TYPES = ['application/json', CSV_MIME, XLSX_MIME];
const FileResponse = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'File download' });
const ReleaseParams = Type.Object({ id: Id }, { additionalProperties: false });
const EntryParams = Type.Object({ id: Id, entryId: Id }, { additionalProperties: false });
const ReleaseAttachmentParams = Type.Object({ id: Id, attachmentId: Id }, { additionalProperties: false });
/** Upload query: `mode` is required for files (JSON batches carry it in the body). */
const UploadQuery = Type.Partial(FileUploadQuery, { additionalProperties: false });

/** RFC 6266 / 5987 attachment header that keeps Chinese file names. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function sendFile(reply: FastifyReply, contentType: string, fileName: string, body: Buffer | string) {
  return reply
    .type(contentType)
    .header('content-disposition', attachmentDisposition(fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(body);
}

/** Uploads, validation reports, templates, releases and their review under /api/v1. */
export async function registerReleasesRoutes(parent: FastifyInstance, ctx: AppContext): Promise<void> {
  const limits = ctx.config.releases;
  // Own scope: the file parsers (CSV, XLSX, attachments as octet-stream) apply to these routes only.
  await parent.register(async (scope) => {
    scope.addContentTypeParser([CSV_MIME, XLSX_MIME], { parseAs: 'buffer', bodyLimit: limits.uploadMaxBytes }, (_request, body, done) => done(null, body));
    scope.addContentTypeParser(OCTET_STREAM, { parseAs: 'buffer', bodyLimit: limits.attachmentMaxBytes }, (_request, body, done) => done(null, body));
    const api = scope.withTypeProvider<TypeBoxTypeProvider>();
    const { uploads, releases } = ctx.releases;
    const tags = ['releases'];
    const submit = { auth: { permission: 'data:submit' as const } };
    const read = { auth: { permission: 'catalog:read' as const } };
    const review = { auth: { permission: 'data:review' as const } };

    api.post(
      '/datasets/:id/uploads',
      {
        bodyLimit: limits.uploadMaxBytes,
        schema: {
          tags,
          summary: 'Upload data: a JSON batch, or a CSV (text/csv, ?table=) or XLSX file as the body; validated and kept in the draft collection',
          consumes: UPLOAD_MEDIA_TYPES,
          params: DatasetIdParams,
          querystring: UploadQuery,
          response: { 201: UploadReport, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422) },
        },
        config: submit,
      },
      async (request, reply) => {
        const caller = actorOf(request);
        const { body, query } = request;
        let report;
        if (Buffer.isBuffer(body)) {
          if (query.mode === undefined) {
            throw errors.validation('Say how the rows apply: ?mode=append or ?mode=replace', '请用 mode 参数说明追加（append）还是替换（replace）', [{ in: 'querystring', path: '/mode', keyword: 'required', message: `one of ${UPLOAD_MODES.join(', ')}` }]);
          }
          const channel = (request.headers['content-type'] ?? '').startsWith(XLSX_MIME) ? 'xlsx' : 'csv';
          report = await uploads.upload(caller, request.params.id, { channel, mode: query.mode, table: query.table, fileName: query.fileName, schemaVersion: query.schemaVersion, bytes: body }, requestMeta(request));
        } else {
          if (!Value.Check(JsonUploadRequest, body)) {
            const issue = [...Value.Errors(JsonUploadRequest, body)][0];
            throw errors.validation(`Invalid upload batch: ${issue?.message ?? 'unexpected shape'}`, '上传批次的结构不符合要求', [{ in: 'body', path: issue?.instancePath ?? '', message: issue?.message }]);
          }
          if (query.mode !== undefined || query.table !== undefined || query.fileName !== undefined) {
            throw errors.validation('A JSON batch carries mode and tables in its body', 'JSON 批次的 mode 和数据表应写在请求体中');
          }
          report = await uploads.upload(caller, request.params.id, { channel: 'json', mode: body.mode, schemaVersion: body.schemaVersion ?? query.schemaVersion, batch: body.tables }, requestMeta(request));
        }
        return reply.code(201).send(report);
      },
    );

    api.get(
      '/datasets/:id/uploads',
      { schema: { tags, summary: 'Uploads of a dataset, newest first (owner and custodian)', params: DatasetIdParams, querystring: ListUploadsQuery, response: { 200: UploadList, ...errorResponses(400, 401, 403, 404) } }, config: read },
      async (request) => uploads.list(actorOf(request), request.params.id, request.query),
    );

    api.get(
      '/datasets/:id/uploads/:uploadId',
      { schema: { tags, summary: 'The validation report of an upload (summary, paged results)', params: UploadParams, querystring: UploadReportQuery, response: { 200: UploadReport, ...errorResponses(400, 401, 403, 404) } }, config: read },
      async (request) => uploads.report(actorOf(request), request.params.id, request.params.uploadId, request.query),
    );

    api.get(
      '/datasets/:id/uploads/:uploadId/report.xlsx',
      { schema: { tags, summary: 'The validation report as XLSX', params: UploadParams, response: { 200: FileResponse, ...errorResponses(400, 401, 403, 404) } }, config: read },
      async (request, reply) => {
        const full = await uploads.fullReport(actorOf(request), request.params.id, request.params.uploadId);
        return sendFile(reply, XLSX_MIME, `validation-report-${full.upload.id}.xlsx`, await buildReportWorkbook(full));
      },
    );

    for (const format of ['xlsx', 'csv'] as const) {
      api.get(
        `/datasets/:id/template.${format}`,
        { schema: { tags, summary: `Upload template (${format.toUpperCase()}) of a published schema version`, params: DatasetIdParams, querystring: TemplateQuery, response: { 200: FileResponse, ...errorResponses(400, 401, 403, 404, 409) } }, config: read },
        async (request, reply) => {
          const { dataset, schema, definition } = await uploads.templateSource(actorOf(request), request.params.id, request.query.schemaVersion);
          const base = `${dataset.code.replace(/[^A-Za-z0-9._-]/g, '_')}-v${schema.version}`;
          if (format === 'xlsx') {
            const codeLists = await ctx.releases.templateCodeLists(definition);
            const body = await buildXlsxTemplate({ datasetCode: dataset.code, datasetTitle: { zh: dataset.titleZh, en: dataset.titleEn }, schemaVersion: schema.version, tables: definition.tables, codeLists });
            return sendFile(reply, XLSX_MIME, `${base}-template.xlsx`, body);
          }
          const table = request.query.table === undefined ? definition.tables[0] : definition.tables.find((candidate) => candidate.name === request.query.table);
          if (table === undefined) throw errors.notFound('Table', '数据表', request.query.table);
          return sendFile(reply, 'text/csv; charset=utf-8', `${base}-${table.name}.csv`, buildCsvTemplate(table));
        },
      );
    }

    api.post(
      '/datasets/:id/releases',
      {
        schema: { tags, summary: 'Release the draft collection (frozen, receipt, custodian review); 409 RELEASE_BLOCKED lists blockers', params: DatasetIdParams, body: CreateReleaseRequest, response: { 201: ReleaseDetail, ...errorResponses(400, 401, 403, 404, 409, 415) } },
        config: submit,
      },
      async (request, reply) => reply.code(201).send(await releases.create(actorOf(request), request.params.id, request.body ?? {}, requestMeta(request))),
    );

    api.get(
      '/datasets/:id/releases',
      { schema: { tags, summary: 'Releases of a dataset, newest first', params: DatasetIdParams, querystring: ListReleasesQuery, response: { 200: ReleaseList, ...errorResponses(400, 401, 403, 404) } }, config: read },
      async (request) => releases.list(actorOf(request), request.params.id, request.query),
    );

    api.get(
      '/releases/review-inbox',
      { schema: { tags, summary: "Releases of the datasets the caller's organisation reviews (custodian)", querystring: ReviewInboxQuery, response: { 200: ReviewInbox, ...errorResponses(400, 401, 403) } }, config: review },
      async (request) => releases.inbox(actorOf(request), request.query),
    );

    api.get(
      '/releases/:id',
      { schema: { tags, summary: 'A release with its review thread', params: ReleaseParams, response: { 200: ReleaseDetail, ...errorResponses(400, 401, 403, 404) } }, config: read },
      async (request) => releases.get(actorOf(request), request.params.id),
    );

    api.get(
      '/releases/:id/receipt',
      { schema: { tags, summary: 'The release receipt (JSON, HMAC-signed when a key is configured)', params: ReleaseParams, response: { 200: FileResponse, ...errorResponses(400, 401, 403, 404) } }, config: read },
      async (request, reply) => {
        const receipt = await releases.receipt(actorOf(request), request.params.id);
        return sendFile(reply, 'application/json; charset=utf-8', `release-receipt-${receipt.release.sequence}-${receipt.release.id}.json`, JSON.stringify(receipt, null, 2));
      },
    );

    api.get(
      '/releases/:id/rows',
      { schema: { tags, summary: 'Rows of a release (owner and custodian; consumers read through /shared-data)', params: ReleaseParams, querystring: ReleaseRowsQuery, response: { 200: ReleaseRowsPage, ...errorResponses(400, 401, 403, 404) } }, config: read },
      async (request) => releases.rows(actorOf(request), request.params.id, request.query),
    );

    api.post(
      '/releases/:id/decision',
      { schema: { tags, summary: 'Custodian decision: accept or request a correction', params: ReleaseParams, body: DecisionRequest, response: { 200: ReleaseDetail, ...errorResponses(400, 401, 403, 404, 409, 415) } }, config: review },
      async (request) => releases.decide(actorOf(request), request.params.id, request.body, requestMeta(request)),
    );

    api.post(
      '/releases/:id/messages',
      { schema: { tags, summary: 'Write in the review thread', params: ReleaseParams, body: ReviewMessageRequest, response: { 201: ReviewEntry, ...errorResponses(400, 401, 403, 404, 415) } }, config: read },
      async (request, reply) => reply.code(201).send(await releases.postMessage(actorOf(request), request.params.id, request.body, requestMeta(request))),
    );

    api.post(
      '/releases/:id/messages/:entryId/attachments',
      {
        bodyLimit: limits.attachmentMaxBytes,
        schema: { tags, summary: 'Attach a small file (application/octet-stream body) to your own message', consumes: [OCTET_STREAM], params: EntryParams, querystring: AttachmentQuery, response: { 201: ReviewEntry, ...errorResponses(400, 401, 403, 404, 409, 413, 415) } },
        config: read,
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) throw unsupportedMediaType([OCTET_STREAM]);
        return reply.code(201).send(await releases.addAttachment(actorOf(request), request.params.id, request.params.entryId, request.query.fileName, request.body, requestMeta(request)));
      },
    );

    api.get(
      '/releases/:id/attachments/:attachmentId',
      { schema: { tags, summary: 'Download an attachment (always as a file, never inline)', params: ReleaseAttachmentParams, response: { 200: FileResponse, ...errorResponses(400, 401, 403, 404) } }, config: read },
      async (request, reply) => {
        const file = await releases.attachment(actorOf(request), request.params.id, request.params.attachmentId);
        return sendFile(reply, file.contentType, file.fileName, file.bytes);
      },
    );
  });
}
