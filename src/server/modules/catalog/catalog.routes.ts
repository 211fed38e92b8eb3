import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { IdParams } from '../../../contracts/common';
import {
  CheckSchemaRequest,
  CheckSchemaResponse,
  CreateDatasetRequest,
  CreateDutyRequest,
  CreateSchemaRequest,
  DataDuty,
  Dataset,
  DatasetSchemaVersion,
  DcatQuery,
  ListActivityQuery,
  ListActivityResponse,
  ListDatasetsQuery,
  ListDatasetsResponse,
  ListDutiesQuery,
  ListDutiesResponse,
  ListSchemasResponse,
  SchemaParams,
  UpdateDatasetRequest,
  UpdateDutyRequest,
  UpdateSchemaRequest,
} from '../../../contracts/catalog';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/auth-guard';
import { errorResponses, requestMeta } from '../identity/http-support';
import { registerCatalogTransferRoutes } from './catalog-transfer.routes';

/** Datasets, schema versions, activity and data duties under /api/v1. */
export async function registerCatalogRoutes(parent: FastifyInstance, ctx: AppContext): Promise<void> {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>();
  const { datasets, schemas, duties, activity } = ctx.catalog;
  const tags = ['catalog'];
  const read = { auth: { permission: 'catalog:read' as const } };
  const manage = { auth: { permission: 'catalog:manage' as const } };

  api.get(
    '/datasets',
    { schema: { tags, summary: 'Faceted catalog search', querystring: ListDatasetsQuery, response: { 200: ListDatasetsResponse, ...errorResponses(400, 401, 403) } }, config: read },
    async (request) => ctx.catalog.search(actorOf(request), request.query),
  );
  api.get(
    '/datasets/:id',
    { schema: { tags, summary: 'One dataset (drafts: owner only)', params: IdParams, response: { 200: Dataset, ...errorResponses(400, 401, 403, 404) } }, config: read },
    async (request) => datasets.get(actorOf(request), request.params.id),
  );
  api.post(
    '/datasets',
    { schema: { tags, summary: "Catalogue a dataset of the caller's organisation (draft)", body: CreateDatasetRequest, response: { 201: Dataset, ...errorResponses(400, 401, 403, 409, 415) } }, config: manage },
    async (request, reply) => reply.code(201).send(await datasets.create(actorOf(request), request.body, requestMeta(request))),
  );
  api.patch(
    '/datasets/:id',
    { schema: { tags, summary: 'Edit metadata (owner); recorded with a diff', params: IdParams, body: UpdateDatasetRequest, response: { 200: Dataset, ...errorResponses(400, 401, 403, 404, 409, 415) } }, config: manage },
    async (request) => datasets.update(actorOf(request), request.params.id, request.body, requestMeta(request)),
  );
  api.post(
    '/datasets/:id/publish',
    { schema: { tags, summary: 'Publish a draft dataset', params: IdParams, response: { 200: Dataset, ...errorResponses(400, 401, 403, 404, 409) } }, config: manage },
    async (request) => datasets.publish(actorOf(request), request.params.id, requestMeta(request)),
  );
  api.post(
    '/datasets/:id/deprecate',
    { schema: { tags, summary: 'Deprecate a published dataset', params: IdParams, response: { 200: Dataset, ...errorResponses(400, 401, 403, 404, 409) } }, config: manage },
    async (request) => datasets.deprecate(actorOf(request), request.params.id, requestMeta(request)),
  );
  api.get(
    '/datasets/:id/activity',
    { schema: { tags, summary: 'Activity history, newest first', params: IdParams, querystring: ListActivityQuery, response: { 200: ListActivityResponse, ...errorResponses(400, 401, 403, 404) } }, config: read },
    async (request) => activity.list(actorOf(request), request.params.id, request.query),
  );

  api.get(
    '/datasets/:id/schemas',
    { schema: { tags, summary: 'Schema versions (drafts: owner only)', params: IdParams, response: { 200: ListSchemasResponse, ...errorResponses(400, 401, 403, 404) } }, config: read },
    async (request) => ({ items: await schemas.list(actorOf(request), request.params.id) }),
  );
  api.get(
    '/datasets/:id/schemas/:schemaId',
    { schema: { tags, summary: 'One schema version', params: SchemaParams, response: { 200: DatasetSchemaVersion, ...errorResponses(400, 401, 403, 404) } }, config: read },
    async (request) => schemas.get(actorOf(request), request.params.id, request.params.schemaId),
  );
  api.post(
    '/datasets/:id/schemas',
    { schema: { tags, summary: 'Draft a new schema version', params: IdParams, body: CreateSchemaRequest, response: { 201: DatasetSchemaVersion, ...errorResponses(400, 401, 403, 404, 409, 415) } }, config: manage },
    async (request, reply) => reply.code(201).send(await schemas.create(actorOf(request), request.params.id, request.body, requestMeta(request))),
  );
  api.post(
    '/datasets/:id/schemas/check',
    { schema: { tags, summary: "The schema checker's problems for a definition (nothing stored)", params: IdParams, body: CheckSchemaRequest, response: { 200: CheckSchemaResponse, ...errorResponses(400, 401, 403, 404, 415) } }, config: manage },
    async (request) => ({ problems: await schemas.check(actorOf(request), request.params.id, request.body.definition) }),
  );
  api.patch(
    '/datasets/:id/schemas/:schemaId',
    { schema: { tags, summary: 'Edit a draft schema version', params: SchemaParams, body: UpdateSchemaRequest, response: { 200: DatasetSchemaVersion, ...errorResponses(400, 401, 403, 404, 409, 415) } }, config: manage },
    async (request) => schemas.update(actorOf(request), request.params.id, request.params.schemaId, request.body, requestMeta(request)),
  );
  api.post(
    '/datasets/:id/schemas/:schemaId/publish',
    { schema: { tags, summary: 'Publish a draft schema version (becomes current)', params: SchemaParams, response: { 200: DatasetSchemaVersion, ...errorResponses(400, 401, 403, 404, 409) } }, config: manage },
    async (request) => schemas.publish(actorOf(request), request.params.id, request.params.schemaId, requestMeta(request)),
  );

  api.get(
    '/catalog/dcat',
    {
      schema: {
        tags,
        summary: 'DCAT-AP 3.0.1 JSON-LD of the public catalog (for harvesters), paged in code order with a hydra:PartialCollectionView (first/previous/next/last, hydra:totalItems); modifiedSince filters on dct:modified',
        querystring: DcatQuery,
        response: { 200: Type.Object({}, { additionalProperties: true }), ...errorResponses(400, 404) },
      },
      config: { auth: 'public' },
    },
    async (request, reply) => {
      const body = await ctx.catalog.exportDcat(`${request.protocol}://${request.host}`, request.query);
      return reply.type('application/ld+json; charset=utf-8').send(body);
    },
  );

  api.get(
    '/duties',
    { schema: { tags, summary: 'Data-duty register (overdue first)', querystring: ListDutiesQuery, response: { 200: ListDutiesResponse, ...errorResponses(400, 401, 403) } }, config: read },
    async (request) => duties.list(actorOf(request), request.query),
  );
  api.get(
    '/duties/:id',
    { schema: { tags, summary: 'One data duty', params: IdParams, response: { 200: DataDuty, ...errorResponses(400, 401, 403, 404) } }, config: read },
    async (request) => duties.get(actorOf(request), request.params.id),
  );
  api.post(
    '/duties',
    { schema: { tags, summary: 'Register a data duty (working group)', body: CreateDutyRequest, response: { 201: DataDuty, ...errorResponses(400, 401, 403, 409, 415) } }, config: read },
    async (request, reply) => reply.code(201).send(await duties.create(actorOf(request), request.body, requestMeta(request))),
  );
  api.patch(
    '/duties/:id',
    { schema: { tags, summary: 'Change or end a data duty (working group)', params: IdParams, body: UpdateDutyRequest, response: { 200: DataDuty, ...errorResponses(400, 401, 403, 404, 415) } }, config: read },
    async (request) => duties.update(actorOf(request), request.params.id, request.body, requestMeta(request)),
  );

  await registerCatalogTransferRoutes(parent, ctx);
}
