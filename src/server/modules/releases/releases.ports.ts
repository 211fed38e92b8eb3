import type { DatasetActivityKind } from '../../../contracts/catalog';
import type { Executor } from '../../db/database';
import type { Clock } from '../../platform/clock';
import type { DatabaseHandle } from '../../db/database';
import type { EventBus } from '../../platform/events';
import type { AuditService } from '../audit';
import type { ReleasesConfig } from '../../config/config';
import type { CollectionValidator } from './validation';

/**
 * What the releases part uses of the catalog, as structural subsets of CatalogService (wired in
 * context.ts), so this module depends on the catalog's index only through these calls.
 */
export interface DatasetView {
  id: string;
  code: string;
  titleZh: string;
  titleEn: string;
  ownerOrganisationId: string;
  custodianOrganisationId: string;
  status: string;
}

export interface SchemaView {
  id: string;
  datasetId: string;
  version: number;
  status: string;
  definition: unknown;
}

export interface CatalogPort {
  getDataset(executor: Executor, id: string): Promise<DatasetView | undefined>;
  datasetByCode(executor: Executor, code: string): Promise<DatasetView | undefined>;
  getSchema(executor: Executor, schemaId: string): Promise<SchemaView | undefined>;
  currentSchema(executor: Executor, datasetId: string): Promise<SchemaView | undefined>;
  /** Every schema version of a dataset (any status). */
  listSchemas(datasetId: string): Promise<SchemaView[]>;
  recordActivity(
    executor: Executor,
    input: { datasetId: string; kind: DatasetActivityKind; actor: { userId: string; displayName: string; organisationId: string } | null; summary: string; details?: unknown },
  ): Promise<void>;
  markReleased(executor: Executor, datasetId: string, at: number): Promise<void>;
  /** Ids of the datasets whose custodian is this organisation (the review inbox). */
  datasetIdsInCustodyOf(executor: Executor, organisationId: string): Promise<string[]>;
}

export interface ReleasesDeps {
  clock: Clock;
  database: Pick<DatabaseHandle, 'db' | 'dialect'>;
  audit: Pick<AuditService, 'record'>;
  events: Pick<EventBus, 'publish'>;
  catalog: CatalogPort;
  validator: CollectionValidator;
  config: ReleasesConfig;
}
