import type { CreateSchemaRequest, DatasetSchemaVersion, UpdateSchemaRequest } from '../../../contracts/catalog';
import type { DatasetSchemaDefinition, SchemaProblem } from '../../../contracts/dataset-schema';
import { ErrorCode } from '../../../contracts/errors';
import type { Executor } from '../../db/database';
import type { RequestMeta } from '../../platform/actor';
import { AppError, errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { isSystem, type Caller } from '../identity';
import { activityActor, createActivityRecorder } from './activity';
import { canManageDatasetsOf, canSeeDataset } from './catalog.policy';
import { presentSchema } from './catalog.presenter';
import type { CatalogInternals, CodeListLookup } from './catalog.types';
import { auditActor } from './dataset.service';
import type { DatasetRow } from './dataset.repository';
import { checkDefinition } from './schema-check';
import { schemaRepository } from './schema.repository';

export type SchemaService = ReturnType<typeof createSchemaService>;

async function checked(executor: Executor, definition: unknown, codeLists: CodeListLookup | undefined): Promise<void> {
  const problems = await checkDefinition(executor, definition, codeLists);
  if (problems.length > 0) {
    throw new AppError(ErrorCode.SchemaInvalid, 400, 'The schema definition has problems', '数据结构定义有误', { problems });
  }
}

/**
 * Schema versions of a dataset: drafts are edited freely; publishing freezes a version and makes
 * it current. Older versions stay readable (rows validated against them keep pointing at them),
 * so collection continues across a version change. From version 2 on a migration note
 * explaining the change is required.
 */
export function createSchemaService(deps: CatalogInternals) {
  const { clock, database, audit, events, datasets } = deps;
  const { db } = database;
  const recordActivity = createActivityRecorder(clock);
  const datasetNotFound = (id: string) => errors.notFound('Dataset', '数据资源', id);
  const schemaNotFound = (id: string) => errors.notFound('Schema version', '数据结构版本', id);

  async function visibleDataset(caller: Caller, datasetId: string): Promise<DatasetRow> {
    const row = await datasets.findById(db, datasetId);
    if (row === undefined || !canSeeDataset(caller, { status: row.status, ownerOrganisationId: row.owner_organisation_id })) throw datasetNotFound(datasetId);
    return row;
  }

  async function manageableDataset(caller: Caller, datasetId: string): Promise<DatasetRow> {
    const row = await visibleDataset(caller, datasetId);
    if (!canManageDatasetsOf(caller, row.owner_organisation_id)) throw errors.forbidden('Only the owning organisation edits the schema', '只有数据资源的提供方可以编辑数据结构');
    if (row.status === 'deprecated') throw errors.conflict('A deprecated dataset is frozen', '已废止的数据资源不能再修改');
    return row;
  }

  async function draftOf(datasetId: string, schemaId: string) {
    const schema = await schemaRepository.findById(db, schemaId);
    if (schema === undefined || schema.dataset_id !== datasetId) throw schemaNotFound(schemaId);
    if (schema.status !== 'draft') throw errors.conflict('A published schema version never changes; create a new version', '已发布的数据结构版本不能修改，请新建版本');
    return schema;
  }

  // A published version never changes (draftOf refuses it), so its parsed definition is kept by
  // id: every shared-data read needs its release's schema, and parsing it was a fixed cost per read.
  const publishedDefinitions = new Map<string, Readonly<DatasetSchemaDefinition>>();
  const PUBLISHED_DEFINITIONS_KEPT = 500;

  const target = (caller: Caller, row: DatasetRow) => (isSystem(caller) || caller.organisationId !== row.owner_organisation_id ? row.owner_organisation_id : null);

  return {
    async getSchema(executor: Executor, schemaId: string): Promise<DatasetSchemaVersion | undefined> {
      const schema = await schemaRepository.findById(executor, schemaId);
      if (schema === undefined) return undefined;
      const dataset = await datasets.findById(executor, schema.dataset_id);
      return presentSchema(schema, dataset?.current_schema_id ?? null);
    },

    /** The definition of a published version (deeply frozen: it is shared), or undefined for an unknown or draft one. */
    async publishedDefinition(executor: Executor, schemaId: string): Promise<Readonly<DatasetSchemaDefinition> | undefined> {
      const kept = publishedDefinitions.get(schemaId);
      if (kept !== undefined) return kept;
      const row = await schemaRepository.findDefinition(executor, schemaId);
      if (row === undefined || row.status !== 'published') return undefined;
      const definition = deepFreeze(JSON.parse(row.definition) as DatasetSchemaDefinition);
      if (publishedDefinitions.size >= PUBLISHED_DEFINITIONS_KEPT) publishedDefinitions.delete(publishedDefinitions.keys().next().value!);
      publishedDefinitions.set(schemaId, definition);
      return definition;
    },

    async currentSchema(executor: Executor, datasetId: string): Promise<DatasetSchemaVersion | undefined> {
      const dataset = await datasets.findById(executor, datasetId);
      if (dataset === undefined || dataset.current_schema_id === null) return undefined;
      const schema = await schemaRepository.findById(executor, dataset.current_schema_id);
      return schema === undefined ? undefined : presentSchema(schema, dataset.current_schema_id);
    },

    async list(caller: Caller, datasetId: string): Promise<DatasetSchemaVersion[]> {
      const dataset = await visibleDataset(caller, datasetId);
      const rows = await schemaRepository.listByDataset(db, datasetId);
      const ownerSees = canManageDatasetsOf(caller, dataset.owner_organisation_id);
      // Drafts are work in progress of the owner.
      return rows.filter((row) => row.status === 'published' || ownerSees).map((row) => presentSchema(row, dataset.current_schema_id));
    },

    async get(caller: Caller, datasetId: string, schemaId: string): Promise<DatasetSchemaVersion> {
      const dataset = await visibleDataset(caller, datasetId);
      const schema = await schemaRepository.findById(db, schemaId);
      if (schema === undefined || schema.dataset_id !== datasetId || (schema.status === 'draft' && !canManageDatasetsOf(caller, dataset.owner_organisation_id))) throw schemaNotFound(schemaId);
      return presentSchema(schema, dataset.current_schema_id);
    },

    /** The checker's problems for a definition being edited (nothing stored). */
    async check(caller: Caller, datasetId: string, definition: unknown): Promise<SchemaProblem[]> {
      await manageableDataset(caller, datasetId);
      return checkDefinition(db, definition, deps.codeLists);
    },

    async create(caller: Caller, datasetId: string, input: CreateSchemaRequest, meta?: RequestMeta): Promise<DatasetSchemaVersion> {
      const dataset = await manageableDataset(caller, datasetId);
      await checked(db, input.definition, deps.codeLists);
      const now = clock.now();
      const id = newId(now);
      try {
        return await db.transaction().execute(async (trx) => {
          const existing = await schemaRepository.listByDataset(trx, datasetId);
          if (existing.some((row) => row.status === 'draft')) throw errors.conflict('This dataset already has a draft schema version', '该数据资源已有草稿版本的数据结构');
          const version = (await schemaRepository.maxVersion(trx, datasetId)) + 1;
          const row = {
            id,
            dataset_id: datasetId,
            version,
            status: 'draft' as const,
            definition: JSON.stringify(input.definition),
            migration_note: input.migrationNote ?? null,
            created_by: isSystem(caller) ? null : caller.userId,
            created_at: now,
            published_at: null,
          };
          await schemaRepository.insert(trx, row);
          await recordActivity(trx, { datasetId, kind: 'schema.draft_created', actor: activityActor(caller), summary: `Drafted schema v${version}`, details: { schemaId: id, version } });
          await audit.record(trx, { actor: auditActor(caller), action: 'schema.create', objectType: 'dataset_schema', objectId: id, targetOrganisationId: target(caller, dataset), after: row, ...(meta ? { meta } : {}) });
          return presentSchema(row, dataset.current_schema_id);
        });
      } catch (error) {
        // Two concurrent drafts pick the same version number: one wins.
        if (database.dialect.isUniqueViolation(error)) throw errors.conflict('This dataset already has a draft schema version', '该数据资源已有草稿版本的数据结构');
        throw error;
      }
    },

    async update(caller: Caller, datasetId: string, schemaId: string, input: UpdateSchemaRequest, meta?: RequestMeta): Promise<DatasetSchemaVersion> {
      const dataset = await manageableDataset(caller, datasetId);
      const before = await draftOf(datasetId, schemaId);
      if (input.definition !== undefined) await checked(db, input.definition, deps.codeLists);
      const after = {
        ...before,
        ...(input.definition === undefined ? {} : { definition: JSON.stringify(input.definition) }),
        ...(input.migrationNote === undefined ? {} : { migration_note: input.migrationNote }),
      };
      await db.transaction().execute(async (trx) => {
        await schemaRepository.update(trx, schemaId, { definition: after.definition, migration_note: after.migration_note });
        await audit.record(trx, { actor: auditActor(caller), action: 'schema.update', objectType: 'dataset_schema', objectId: schemaId, targetOrganisationId: target(caller, dataset), before, after, ...(meta ? { meta } : {}) });
      });
      return presentSchema(after, dataset.current_schema_id);
    },

    /** Publishes a draft: it becomes current; earlier versions stay readable. */
    async publish(caller: Caller, datasetId: string, schemaId: string, meta?: RequestMeta): Promise<DatasetSchemaVersion> {
      const dataset = await manageableDataset(caller, datasetId);
      const draft = await draftOf(datasetId, schemaId);
      // Code lists may have been retired or removed since the draft was saved.
      await checked(db, JSON.parse(draft.definition), deps.codeLists);
      if (draft.version > 1 && (draft.migration_note === null || draft.migration_note.trim() === '')) {
        throw new AppError(ErrorCode.MigrationNoteRequired, 400, `Version ${draft.version} needs a migration note explaining the change`, `第 ${draft.version} 版须填写变更说明（迁移说明）`);
      }
      const now = clock.now();
      const published = { ...draft, status: 'published' as const, published_at: now };
      await db.transaction().execute(async (trx) => {
        await schemaRepository.update(trx, schemaId, { status: 'published', published_at: now });
        await datasets.setCurrentSchema(trx, datasetId, schemaId, now);
        await recordActivity(trx, {
          datasetId,
          kind: 'schema.published',
          actor: activityActor(caller),
          summary: `Published schema v${draft.version}`,
          details: { schemaId, version: draft.version, previousSchemaId: dataset.current_schema_id, migrationNote: draft.migration_note },
        });
        await audit.record(trx, { actor: auditActor(caller), action: 'schema.publish', objectType: 'dataset_schema', objectId: schemaId, targetOrganisationId: target(caller, dataset), after: published, ...(meta ? { meta } : {}) });
      });
      events.publish('schema.published', { datasetId, schemaId, version: draft.version });
      return presentSchema(published, schemaId);
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
