import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  CodeList,
  CodeListEntryParams,
  CodeListVersion,
  CodeListVersionParams,
  CreateCodeListRequest,
  CreateCodeListVersionRequest,
  CreateDataElementRequest,
  DataElement,
  DictionaryCodeParams,
  ListCodeListsQuery,
  ListCodeListsResponse,
  ListDataElementsQuery,
  ListDataElementsResponse,
  ReplaceEntriesRequest,
  RetireCodeListVersionRequest,
  RetireCodeRequest,
  UpdateCodeListRequest,
  UpdateDataElementRequest,
} from '../../../contracts/dictionary';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/auth-guard';
import { errorResponses, requestMeta } from '../identity/http-support';

/** Data elements and code lists under /api/v1 (read: catalog:read; write: dictionary:manage). */
export function registerDictionaryRoutes(parent: FastifyInstance, ctx: AppContext): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>();
  const dictionary = ctx.dictionary;
  const tags = ['dictionary'];
  const read = { auth: { permission: 'catalog:read' as const } };
  const manage = { auth: { permission: 'dictionary:manage' as const } };

  api.get(
    '/data-elements',
    { schema: { tags, summary: 'Search data elements (数据元)', querystring: ListDataElementsQuery, response: { 200: ListDataElementsResponse, ...errorResponses(400, 401, 403) } }, config: read },
    async (request) => dictionary.listElements(actorOf(request), request.query),
  );
  api.get(
    '/data-elements/:code',
    { schema: { tags, summary: 'One data element', params: DictionaryCodeParams, response: { 200: DataElement, ...errorResponses(400, 401, 403, 404) } }, config: read },
    async (request) => dictionary.getElement(actorOf(request), request.params.code),
  );
  api.post(
    '/data-elements',
    { schema: { tags, summary: 'Create a data element', body: CreateDataElementRequest, response: { 201: DataElement, ...errorResponses(400, 401, 403, 409, 415) } }, config: manage },
    async (request, reply) => reply.code(201).send(await dictionary.createElement(actorOf(request), request.body, requestMeta(request))),
  );
  api.patch(
    '/data-elements/:code',
    { schema: { tags, summary: 'Change a data element (new revision)', params: DictionaryCodeParams, body: UpdateDataElementRequest, response: { 200: DataElement, ...errorResponses(400, 401, 403, 404, 409, 415) } }, config: manage },
    async (request) => dictionary.updateElement(actorOf(request), request.params.code, request.body, requestMeta(request)),
  );

  api.get(
    '/code-lists',
    { schema: { tags, summary: 'Search code lists (代码集)', querystring: ListCodeListsQuery, response: { 200: ListCodeListsResponse, ...errorResponses(400, 401, 403) } }, config: read },
    async (request) => dictionary.listCodeLists(actorOf(request), request.query),
  );
  api.get(
    '/code-lists/:code',
    { schema: { tags, summary: 'One code list with its versions', params: DictionaryCodeParams, response: { 200: CodeList, ...errorResponses(400, 401, 403, 404) } }, config: read },
    async (request) => dictionary.getCodeList(actorOf(request), request.params.code),
  );
  api.post(
    '/code-lists',
    { schema: { tags, summary: 'Create a code list', body: CreateCodeListRequest, response: { 201: CodeList, ...errorResponses(400, 401, 403, 409, 415) } }, config: manage },
    async (request, reply) => reply.code(201).send(await dictionary.createCodeList(actorOf(request), request.body, requestMeta(request))),
  );
  api.patch(
    '/code-lists/:code',
    { schema: { tags, summary: 'Rename or describe a code list', params: DictionaryCodeParams, body: UpdateCodeListRequest, response: { 200: CodeList, ...errorResponses(400, 401, 403, 404, 415) } }, config: manage },
    async (request) => dictionary.updateCodeList(actorOf(request), request.params.code, request.body, requestMeta(request)),
  );
  api.post(
    '/code-lists/:code/versions',
    { schema: { tags, summary: 'New draft version (empty, with entries, or copied)', params: DictionaryCodeParams, body: CreateCodeListVersionRequest, response: { 201: CodeListVersion, ...errorResponses(400, 401, 403, 404, 409, 415) } }, config: manage },
    async (request, reply) => reply.code(201).send(await dictionary.createVersion(actorOf(request), request.params.code, request.body, requestMeta(request))),
  );
  api.get(
    '/code-lists/:code/versions/:version',
    { schema: { tags, summary: 'One version with its codes', params: CodeListVersionParams, response: { 200: CodeListVersion, ...errorResponses(400, 401, 403, 404) } }, config: read },
    async (request) => dictionary.getVersion(actorOf(request), request.params.code, request.params.version),
  );
  api.put(
    '/code-lists/:code/versions/:version/entries',
    { schema: { tags, summary: "Replace a draft version's codes", params: CodeListVersionParams, body: ReplaceEntriesRequest, response: { 200: CodeListVersion, ...errorResponses(400, 401, 403, 404, 409, 415) } }, config: manage },
    async (request) => dictionary.replaceEntries(actorOf(request), request.params.code, request.params.version, request.body.entries, requestMeta(request)),
  );
  api.post(
    '/code-lists/:code/versions/:version/release',
    { schema: { tags, summary: 'Release a draft version', params: CodeListVersionParams, response: { 200: CodeListVersion, ...errorResponses(400, 401, 403, 404, 409) } }, config: manage },
    async (request) => dictionary.releaseVersion(actorOf(request), request.params.code, request.params.version, requestMeta(request)),
  );
  api.post(
    '/code-lists/:code/versions/:version/retire',
    { schema: { tags, summary: 'Retire a released version (optionally naming its replacement)', params: CodeListVersionParams, body: RetireCodeListVersionRequest, response: { 200: CodeListVersion, ...errorResponses(400, 401, 403, 404, 409, 415) } }, config: manage },
    async (request) => dictionary.retireVersion(actorOf(request), request.params.code, request.params.version, request.body, requestMeta(request)),
  );
  api.post(
    '/code-lists/:code/versions/:version/entries/:entryCode/retire',
    { schema: { tags, summary: 'Retire one code of a released version, naming its replacement', params: CodeListEntryParams, body: RetireCodeRequest, response: { 200: CodeListVersion, ...errorResponses(400, 401, 403, 404, 409, 415) } }, config: manage },
    async (request) => dictionary.retireCode(actorOf(request), request.params.code, request.params.version, request.params.entryCode, request.body, requestMeta(request)),
  );
}
