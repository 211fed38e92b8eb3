/**
 * The catalog module's only public surface (动态管理): datasets with the national catalog
 * metadata, schema versions, data duties, activity history and faceted search. Other parts
 * call getDataset / getSchema / currentSchema / recordActivity / markReleased inside their own
 * transactions (pass the transaction as the executor).
 */
import type { Dataset, DatasetSchemaVersion, DcatQuery, ListDatasetsQuery, ListDatasetsResponse } from '../../../contracts/catalog';
import type { DatasetSchemaDefinition } from '../../../contracts/dataset-schema';
import type { Executor } from '../../db/database';
import type { Caller } from '../identity';
import { createActivityService } from './activity.service';
import type { CatalogDeps, DatasetSharingFacts, RecordActivity } from './catalog.types';
import { createDatasetRepository } from './dataset.repository';
import { createDatasetSearch } from './dataset-search';
import { createDatasetService, type DatasetService } from './dataset.service';
import { createDcatExport } from './dcat.service';
import { createCatalogTransfer, type CatalogTransfer } from './catalog-transfer.service';
import { createDutyService, type DutyService } from './duty.service';
import { createSchemaService, type SchemaService } from './schema.service';

export interface CatalogService {
  /** A dataset as the API presents it, without authorisation; undefined when unknown. */
  getDataset(executor: Executor, id: string): Promise<Dataset | undefined>;
  /** Owner, sharing type and status of a dataset, without authorisation; undefined when unknown. */
  sharingFacts(executor: Executor, id: string): Promise<DatasetSharingFacts | undefined>;
  /** The definition of a published schema version (immutable, so kept in memory); undefined for a draft. */
  publishedDefinition(executor: Executor, schemaId: string): Promise<Readonly<DatasetSchemaDefinition> | undefined>;
  /** One schema version (any status), without authorisation. */
  getSchema(executor: Executor, schemaId: string): Promise<DatasetSchemaVersion | undefined>;
  /** The published version that is current, or undefined before the first publication. */
  currentSchema(executor: Executor, datasetId: string): Promise<DatasetSchemaVersion | undefined>;
  /** Appends to the dataset's activity history inside the caller's transaction. */
  recordActivity: RecordActivity;
  /** The releases part calls this when it accepts a release (freshness and duties follow it). */
  markReleased(executor: Executor, datasetId: string, at: number): Promise<void>;
  /** A dataset by its 信息资源代码 (reference tables of other schemas), without authorisation. */
  findByCode(executor: Executor, code: string): Promise<Dataset | undefined>;
  /** Ids of the datasets whose custodian is this organisation (the releases review inbox). */
  datasetIdsInCustodyOf(executor: Executor, organisationId: string): Promise<string[]>;
  search(caller: Caller, query: ListDatasetsQuery): Promise<ListDatasetsResponse>;
  /** DCAT-AP 3.0.1 JSON-LD of one page of the public part of the catalog (default: the first 100 datasets). */
  exportDcat(baseUrl: string, query?: DcatQuery): Promise<Record<string, unknown>>;
  datasets: DatasetService;
  /** Provincial catalog import/export in the national metadata format (CLI and catalog page). */
  transfer: CatalogTransfer;
  schemas: SchemaService;
  duties: DutyService;
  activity: ReturnType<typeof createActivityService>;
}

/** Builds the catalog services (called by context.ts only). */
export function createCatalogModule(deps: CatalogDeps): CatalogService {
  const repository = createDatasetRepository(deps.database.dialect);
  const internals = { ...deps, datasets: repository };
  const datasets = createDatasetService(internals);
  const schemas = createSchemaService(internals);
  return {
    getDataset: datasets.getDataset,
    sharingFacts: datasets.sharingFacts,
    publishedDefinition: schemas.publishedDefinition,
    getSchema: schemas.getSchema,
    currentSchema: schemas.currentSchema,
    recordActivity: datasets.recordActivity,
    markReleased: datasets.markReleased,
    findByCode: datasets.findByCode,
    datasetIdsInCustodyOf: (executor, organisationId) => repository.idsInCustodyOf(executor, organisationId),
    search: createDatasetSearch(internals),
    exportDcat: createDcatExport(internals),
    datasets,
    transfer: createCatalogTransfer({ ...internals, datasetService: datasets }),
    schemas,
    duties: createDutyService(internals),
    activity: createActivityService(internals),
  };
}

export { registerCatalogRoutes } from './catalog.routes';
export type { ActivityInput, ActivityActor, CatalogDeps, DatasetSharingFacts } from './catalog.types';
export type { DatasetService, SchemaService, DutyService };
export type { CatalogTransfer, ImportOptions } from './catalog-transfer.service';
export { formatOfFile, readCatalogFile, readCatalogJson, readCatalogXlsx, writeCatalogJson, writeCatalogXlsx } from './national-files';
export { importReportLines } from './import-report-text';
export { THEME_LABELS } from './national-format';
