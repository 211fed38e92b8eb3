import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { IdParams } from '../../../contracts/common';
import {
  CreateSampleRequest,
  CreateStationRequest,
  ExportQuery,
  ImportQuery,
  ImportReport,
  IngestResult,
  LatestQuery,
  LatestResponse,
  ListStationsQuery,
  ListStationsResponse,
  SeriesQuery,
  SeriesResponse,
  Station,
  StationMapQuery,
  StationMapResponse,
  UpdateStationRequest,
  ValidateReadingsRequest,
  ValidateReadingsResponse,
} from '../../../contracts/monitoring';
import { ErrorCode } from '../../../contracts/errors';
import type { AppContext } from '../../context';
import { AppError } from '../../platform/errors';
import { actorOf } from '../../http/auth-guard';
import { errorResponses, requestMeta } from '../identity/http-support';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Largest accepted import workbook. */
export const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;

const FileResponse = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'File download' });

/** Stations, readings, manual samples and exports under /api/v1. */
export async function registerMonitoringRoutes(parent: FastifyInstance, ctx: AppContext): Promise<void> {
  // Own encapsulated scope: the XLSX body parser applies to these routes only.
  await parent.register(async (scope) => {
    scope.addContentTypeParser(XLSX_MIME, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => done(null, body));
    const api = scope.withTypeProvider<TypeBoxTypeProvider>();
    const { stations, readings, samples } = ctx.monitoring;
    const tags = ['monitoring'];
    const read = { auth: { permission: 'stations:read' as const } };
    const readReadings = { auth: { permission: 'readings:read' as const } };

    api.get(
      '/stations',
      { schema: { tags, summary: 'Search stations', querystring: ListStationsQuery, response: { 200: ListStationsResponse, ...errorResponses(400, 401, 403) } }, config: read },
      async (request) => stations.list(actorOf(request), request.query),
    );

    api.get(
      '/stations/map',
      { schema: { tags, summary: 'Compact station list for the map', querystring: StationMapQuery, response: { 200: StationMapResponse, ...errorResponses(400, 401, 403) } }, config: read },
      async (request) => stations.listForMap(actorOf(request), request.query),
    );

    api.get(
      '/stations/:id',
      { schema: { tags, summary: 'One station', params: IdParams, response: { 200: Station, ...errorResponses(400, 401, 403, 404) } }, config: read },
      async (request) => stations.get(actorOf(request), request.params.id),
    );

    api.post(
      '/stations',
      {
        schema: { tags, summary: "Create a station of the caller's organisation", body: CreateStationRequest, response: { 201: Station, ...errorResponses(400, 401, 403, 409, 415) } },
        config: { auth: { permission: 'stations:manage' } },
      },
      async (request, reply) => reply.code(201).send(await stations.create(actorOf(request), request.body, requestMeta(request))),
    );

    api.patch(
      '/stations/:id',
      {
        schema: { tags, summary: 'Update a station (owning organisation)', params: IdParams, body: UpdateStationRequest, response: { 200: Station, ...errorResponses(400, 401, 403, 404, 409, 415) } },
        config: { auth: { permission: 'stations:manage' } },
      },
      async (request) => stations.update(actorOf(request), request.params.id, request.body, requestMeta(request)),
    );

    api.post(
      '/stations/:id/retire',
      {
        schema: { tags, summary: 'Retire a station (no hard delete)', params: IdParams, response: { 200: Station, ...errorResponses(400, 401, 403, 404, 409) } },
        config: { auth: { permission: 'stations:manage' } },
      },
      async (request) => stations.retire(actorOf(request), request.params.id, requestMeta(request)),
    );

    api.get(
      '/stations/:id/readings',
      {
        schema: { tags, summary: 'Time series of readings', params: IdParams, querystring: SeriesQuery, response: { 200: SeriesResponse, ...errorResponses(400, 401, 403, 404) } },
        config: readReadings,
      },
      async (request) => readings.readSeries(actorOf(request), request.params.id, request.query),
    );

    api.get(
      '/stations/:id/latest',
      {
        schema: { tags, summary: 'Latest value per parameter', description: 'Within the longest range one series query may span at that interval (7 days of real-time data, 31 of minute data, 400 of hourly data).', params: IdParams, querystring: LatestQuery, response: { 200: LatestResponse, ...errorResponses(400, 401, 403, 404) } },
        config: readReadings,
      },
      async (request) => readings.latest(actorOf(request), request.params.id, request.query.interval),
    );

    api.post(
      '/stations/:id/readings/validate',
      {
        schema: {
          tags,
          summary: 'Mark a range validated or invalid (数据审核)',
          params: IdParams,
          body: ValidateReadingsRequest,
          response: { 200: ValidateReadingsResponse, ...errorResponses(400, 401, 403, 404, 415) },
        },
        config: { auth: { permission: 'readings:validate' } },
      },
      async (request) => readings.validate(actorOf(request), request.params.id, request.body, requestMeta(request)),
    );

    api.get(
      '/readings/export',
      { schema: { tags, summary: 'Export readings as CSV or XLSX', querystring: ExportQuery, response: { 200: FileResponse, ...errorResponses(400, 401, 403, 404) } }, config: readReadings },
      async (request, reply) => {
        const file = await readings.exportReadings(actorOf(request), request.query);
        return reply
          .type(file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .send(file.body);
      },
    );

    api.post(
      '/stations/:id/samples',
      {
        schema: { tags, summary: 'Enter a manual water sample', params: IdParams, body: CreateSampleRequest, response: { 201: IngestResult, ...errorResponses(400, 401, 403, 404, 409, 415, 422) } },
        config: { auth: { permission: 'readings:write' } },
      },
      async (request, reply) => reply.code(201).send(await samples.createSample(actorOf(request), request.params.id, request.body, requestMeta(request))),
    );

    api.get(
      '/samples/template.xlsx',
      { schema: { tags, summary: 'The Excel template for sample imports', response: { 200: FileResponse, ...errorResponses(401, 403) } }, config: { auth: { permission: 'readings:write' } } },
      async (request, reply) =>
        reply.type(XLSX_MIME).header('content-disposition', 'attachment; filename="samples-template.xlsx"').send(await samples.template(actorOf(request))),
    );

    api.post(
      '/samples/import',
      {
        schema: {
          tags,
          summary: 'Import samples from the Excel template (all or nothing; ?dryRun=true validates only)',
          // Declared, so a 415 names the workbook type instead of the JSON default.
          consumes: [XLSX_MIME],
          querystring: ImportQuery,
          response: { 200: ImportReport, ...errorResponses(400, 401, 403, 413, 415, 422) },
        },
        config: { auth: { permission: 'readings:write' } },
      },
      async (request) => {
        if (!Buffer.isBuffer(request.body)) {
          throw new AppError(ErrorCode.UnsupportedMediaType, 415, `Send the workbook as ${XLSX_MIME}`, '请以 XLSX 文件格式上传');
        }
        return samples.importWorkbook(actorOf(request), request.body, { dryRun: request.query.dryRun ?? false }, requestMeta(request));
      },
    );
  });
}
