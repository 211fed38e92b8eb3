import type { CreateDatasetRequest, Dataset, UpdateDatasetRequest } from '../../../contracts/catalog';
import type { Organisation } from '../../../contracts/identity';
import type { Executor } from '../../db/database';
import type { RequestMeta } from '../../platform/actor';
import { errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { isSystem, SYSTEM, type Caller } from '../identity';
import { activityActor, createActivityRecorder } from './activity';
import { startOfBeijingDay } from '../../platform/beijing-dates';
import { canManageDatasetsOf, canSeeDataset } from './catalog.policy';
import { presentDataset } from './catalog.presenter';
import type { CatalogInternals, DatasetSharingFacts } from './catalog.types';
import { classificationPrefix, resourceCode, sequenceOf } from './dataset-code';
import type { DatasetRow } from './dataset.repository';
import { metadataDiff } from './metadata-diff';
import { metadataProblems, throwOnProblems } from './metadata-rules';
import { schemaRepository } from './schema.repository';

type Metadata = Omit<CreateDatasetRequest, 'ownerOrganisationId'>;

export function auditActor(caller: Caller) {
  return isSystem(caller) ? null : { userId: caller.userId, username: caller.username, displayName: caller.displayName, organisationId: caller.organisationId };
}

/** The organisation written for, when it is not the caller's own (the audit trail stores only that). */
export function targetOrganisation(caller: Caller, organisationId: string): string | null {
  return isSystem(caller) || caller.organisationId !== organisationId ? organisationId : null;
}

/** The stored columns of a complete set of metadata. */
function metadataColumns(m: Metadata) {
  return {
    local_code: m.localCode ?? null,
    classification: JSON.stringify(m.classification),
    title_zh: m.titleZh,
    title_en: m.titleEn,
    description_zh: m.descriptionZh,
    description_en: m.descriptionEn,
    theme: m.theme,
    keywords: JSON.stringify(m.keywords),
    spatial_coverage: JSON.stringify(m.spatialCoverage),
    temporal_start: m.temporalStart ? startOfBeijingDay(m.temporalStart) : null,
    temporal_end: m.temporalEnd ? startOfBeijingDay(m.temporalEnd) : null,
    format_category: m.format.category,
    format_type: m.format.type,
    sharing_type: m.sharing.type,
    sharing_condition: m.sharing.condition ?? null,
    sharing_mode: m.sharing.mode,
    sharing_channel: m.sharing.channel ?? null,
    openness_type: m.openness.type,
    openness_condition: m.openness.condition ?? null,
    update_cycle: m.updateCycle,
    update_cycle_note: m.updateCycleNote ?? null,
    security_grade: m.securityGrade,
    licence: m.licence,
    use_terms: m.useTerms,
    related_codes: JSON.stringify(m.relatedCodes),
  };
}

/** The editable metadata of a presented dataset (what an update merges into). */
export function editableMetadata(d: Dataset): Metadata {
  return {
    localCode: d.localCode,
    classification: d.classification,
    titleZh: d.titleZh,
    titleEn: d.titleEn,
    descriptionZh: d.descriptionZh,
    descriptionEn: d.descriptionEn,
    custodianOrganisationId: d.custodianOrganisationId,
    theme: d.theme,
    keywords: d.keywords,
    spatialCoverage: d.spatialCoverage,
    temporalStart: d.temporalStart,
    temporalEnd: d.temporalEnd,
    format: d.format,
    sharing: d.sharing,
    openness: d.openness,
    updateCycle: d.updateCycle,
    updateCycleNote: d.updateCycleNote,
    securityGrade: d.securityGrade,
    licence: d.licence,
    useTerms: d.useTerms,
    relatedCodes: d.relatedCodes,
  };
}

/** Fields that are bookkeeping, not metadata: never part of a metadata diff. */
const NOT_METADATA = ['updatedAt', 'createdAt', 'freshness', 'lastReleaseAt', 'informationItems', 'currentSchemaId', 'currentSchemaVersion'];

export type DatasetService = ReturnType<typeof createDatasetService>;

/** Datasets: metadata, code, publication; the cross-part read functions live here too. */
export function createDatasetService(deps: CatalogInternals) {
  const { clock, database, audit, events, organisations, datasets } = deps;
  const { db, dialect } = database;
  const recordActivity = createActivityRecorder(clock);
  const notFound = (id: string) => errors.notFound('Dataset', '数据资源', id);

  async function present(executor: Executor, row: DatasetRow): Promise<Dataset> {
    const schema = row.current_schema_id === null ? undefined : await schemaRepository.findById(executor, row.current_schema_id);
    return presentDataset(row, schema, clock.now());
  }

  async function organisation(id: string, path: string) {
    try {
      return await organisations.get(SYSTEM, id);
    } catch {
      throw errors.validation(`Organisation ${id} does not exist`, `机构 ${id} 不存在`, [{ in: 'body', path, keyword: 'rule', message: 'unknown organisation' }]);
    }
  }

  async function nextCode(executor: Executor, prefix: string): Promise<string> {
    const codes = await datasets.codesWithPrefix(executor, prefix);
    const highest = codes.reduce((max, code) => Math.max(max, sequenceOf(code, prefix) ?? 0), 0);
    return resourceCode(prefix, highest + 1);
  }

  /** Loads a dataset the caller may edit (owner's stewards); deprecated datasets are frozen. */
  async function loadForWrite(caller: Caller, id: string): Promise<DatasetRow> {
    const row = await datasets.findById(db, id);
    if (row === undefined || !canSeeDataset(caller, { status: row.status, ownerOrganisationId: row.owner_organisation_id })) throw notFound(id);
    if (!canManageDatasetsOf(caller, row.owner_organisation_id)) {
      throw errors.forbidden('Only the owning organisation edits this dataset', '只有数据资源的提供方可以编辑该资源');
    }
    return row;
  }

  return {
    recordActivity,

    /** A dataset without authorisation (other parts inside their own checks), or undefined. */
    async getDataset(executor: Executor, id: string): Promise<Dataset | undefined> {
      const row = await datasets.findById(executor, id);
      return row === undefined ? undefined : present(executor, row);
    },

    /** What an access decision needs of a dataset, without presenting it (run on every shared-data read). */
    async sharingFacts(executor: Executor, id: string): Promise<DatasetSharingFacts | undefined> {
      const row = await datasets.findSharingFacts(executor, id);
      if (row === undefined) return undefined;
      return { id: row.id, titleZh: row.title_zh, titleEn: row.title_en, ownerOrganisationId: row.owner_organisation_id, sharingType: row.sharing_type, status: row.status };
    },

    async findByCode(executor: Executor, code: string): Promise<Dataset | undefined> {
      const row = await datasets.findByCode(executor, code);
      return row === undefined ? undefined : present(executor, row);
    },

    /** Called by the releases part inside the transaction that accepts a release. */
    async markReleased(executor: Executor, datasetId: string, at: number): Promise<void> {
      await datasets.markReleased(executor, datasetId, at);
    },

    async get(caller: Caller, id: string): Promise<Dataset> {
      const row = await datasets.findById(db, id);
      if (row === undefined || !canSeeDataset(caller, { status: row.status, ownerOrganisationId: row.owner_organisation_id })) throw notFound(id);
      return present(db, row);
    },

    /**
     * Catalogues a draft. Import passes its transaction as `executor` with the code and the
     * resolved owner (nothing may query outside an open transaction: on SQLite it would wait
     * for the transaction forever).
     */
    async create(caller: Caller, input: CreateDatasetRequest, meta?: RequestMeta, options: { executor?: Executor; code?: string; owner?: Organisation } = {}): Promise<Dataset> {
      const ownerId = input.ownerOrganisationId ?? (isSystem(caller) ? undefined : caller.organisationId);
      if (ownerId === undefined) throw errors.validation('The owner organisation is required', '请指定数据资源提供方', [{ in: 'body', path: '/ownerOrganisationId', keyword: 'required', message: 'required' }]);
      if (!canManageDatasetsOf(caller, ownerId)) throw errors.forbidden('You can only catalogue datasets of your own organisation', '只能为本单位编目数据资源');
      throwOnProblems(metadataProblems(input));
      const owner = options.owner ?? (await organisation(ownerId, '/ownerOrganisationId'));
      const custodianId = input.custodianOrganisationId ?? ownerId;
      if (custodianId !== ownerId && options.executor === undefined) await organisation(custodianId, '/custodianOrganisationId');
      const now = clock.now();
      const id = newId(now);
      const prefix = classificationPrefix(input.classification);
      const write = async (trx: Executor) => {
        const code = options.code ?? (await nextCode(trx, prefix));
        const row: DatasetRow = {
          id,
          code,
          ...metadataColumns(input),
          owner_organisation_id: ownerId,
          owner_province_code: owner.provinceCode,
          provider_name: owner.name,
          provider_code: owner.uscc,
          custodian_organisation_id: custodianId,
          status: 'draft',
          current_schema_id: null,
          published_at: null,
          last_release_at: null,
          created_by: isSystem(caller) ? null : caller.userId,
          created_at: now,
          updated_at: now,
        };
        await datasets.insert(trx, row);
        const presented = presentDataset(row, undefined, now);
        await recordActivity(trx, { datasetId: id, kind: 'dataset.created', actor: activityActor(caller), summary: `Catalogued ${code}`, details: { code } });
        await audit.record(trx, { actor: auditActor(caller), action: 'dataset.create', objectType: 'dataset', objectId: id, targetOrganisationId: targetOrganisation(caller, ownerId), after: presented, ...(meta ? { meta } : {}) });
        return presented;
      };
      // Two concurrent creates in one class may pick the same 顺序码: the unique code makes the
      // loser fail, and it simply takes the next number.
      for (let attempt = 0; ; attempt++) {
        try {
          return options.executor ? await write(options.executor) : await db.transaction().execute(write);
        } catch (error) {
          if (dialect.isUniqueViolation(error)) {
            if (options.code !== undefined || options.executor !== undefined) throw errors.conflict(`The resource code ${options.code ?? prefix} is taken`, `信息资源代码 ${options.code ?? prefix} 已被占用`);
            if (attempt < 3) continue;
          }
          if (dialect.isForeignKeyViolation(error)) throw errors.validation('An organisation does not exist', '机构不存在');
          throw error;
        }
      }
    },

    async update(caller: Caller, id: string, input: UpdateDatasetRequest, meta?: RequestMeta): Promise<Dataset> {
      const row = await loadForWrite(caller, id);
      if (row.status === 'deprecated') throw errors.conflict('A deprecated dataset is frozen', '已废止的数据资源不能再修改');
      const before = await present(db, row);
      const merged: Metadata = { ...editableMetadata(before), ...input };
      throwOnProblems(metadataProblems(merged));
      if (input.custodianOrganisationId !== undefined && input.custodianOrganisationId !== before.custodianOrganisationId) await organisation(input.custodianOrganisationId, '/custodianOrganisationId');
      const now = clock.now();
      const result = await db.transaction().execute(async (trx) => {
        // The code follows the classification while a draft; once published it never changes.
        const prefix = classificationPrefix(merged.classification);
        const code = row.status === 'draft' && sequenceOf(row.code, prefix) === undefined ? await nextCode(trx, prefix) : row.code;
        const changes = { ...metadataColumns(merged), custodian_organisation_id: merged.custodianOrganisationId ?? row.custodian_organisation_id, code, updated_at: now };
        const updatedRow: DatasetRow = { ...row, ...changes };
        const after = await present(trx, updatedRow);
        const diff = metadataDiff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>, NOT_METADATA);
        if (diff.length === 0) return { after: before, diff };
        await datasets.update(trx, id, changes);
        await recordActivity(trx, {
          datasetId: id,
          kind: 'dataset.updated',
          actor: activityActor(caller),
          summary: `Changed ${diff.map((c) => c.field).join(', ')}`,
          details: { changes: diff },
        });
        await audit.record(trx, { actor: auditActor(caller), action: 'dataset.update', objectType: 'dataset', objectId: id, targetOrganisationId: targetOrganisation(caller, row.owner_organisation_id), before, after, ...(meta ? { meta } : {}) });
        return { after, diff };
      });
      if (result.diff.length > 0) events.publish('dataset.updated', { datasetId: id, ownerOrganisationId: row.owner_organisation_id, changedFields: result.diff.map((c) => c.field) });
      return result.after;
    },

    /** draft → published (发布); sets 发布日期 and freezes the code. */
    async publish(caller: Caller, id: string, meta?: RequestMeta): Promise<Dataset> {
      const row = await loadForWrite(caller, id);
      if (row.status !== 'draft') throw errors.conflict('Only a draft dataset can be published', '只有草稿状态的数据资源可以发布');
      const now = clock.now();
      const after = await db.transaction().execute(async (trx) => {
        await datasets.update(trx, id, { status: 'published', published_at: now, updated_at: now });
        const presented = await present(trx, { ...row, status: 'published', published_at: now, updated_at: now });
        await recordActivity(trx, { datasetId: id, kind: 'dataset.published', actor: activityActor(caller), summary: `Published ${row.code}`, details: { code: row.code } });
        await audit.record(trx, { actor: auditActor(caller), action: 'dataset.publish', objectType: 'dataset', objectId: id, targetOrganisationId: targetOrganisation(caller, row.owner_organisation_id), after: presented, ...(meta ? { meta } : {}) });
        return presented;
      });
      events.publish('dataset.published', { datasetId: id, ownerOrganisationId: row.owner_organisation_id });
      return after;
    },

    /** published → deprecated (废止): stays readable with its history; no further edits. */
    async deprecate(caller: Caller, id: string, meta?: RequestMeta): Promise<Dataset> {
      const row = await loadForWrite(caller, id);
      if (row.status !== 'published') throw errors.conflict('Only a published dataset can be deprecated', '只有已发布的数据资源可以废止');
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        await datasets.update(trx, id, { status: 'deprecated', updated_at: now });
        const presented = await present(trx, { ...row, status: 'deprecated', updated_at: now });
        await recordActivity(trx, { datasetId: id, kind: 'dataset.deprecated', actor: activityActor(caller), summary: `Deprecated ${row.code}`, details: {} });
        await audit.record(trx, { actor: auditActor(caller), action: 'dataset.deprecate', objectType: 'dataset', objectId: id, targetOrganisationId: targetOrganisation(caller, row.owner_organisation_id), after: presented, ...(meta ? { meta } : {}) });
        return presented;
      });
    },
  };
}
