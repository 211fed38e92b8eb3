import type { DatasetActivityKind } from '../../../contracts/catalog';
import type { DatasetStatus, SharingType } from '../../../contracts/sharing';
import type { DatabaseHandle, Executor } from '../../db/database';
import type { Clock } from '../../platform/clock';
import type { EventBus } from '../../platform/events';
import type { AuditService } from '../audit';
import type { OrganisationService } from '../identity';
import type { DatasetRepository } from './dataset.repository';

/** Whether a code list (version) exists in the dictionary, for checking schema definitions. */
export interface CodeListLookup {
  exists(executor: Executor, ref: { code: string; version?: string }): Promise<boolean>;
}

export interface CatalogDeps {
  clock: Clock;
  database: Pick<DatabaseHandle, 'db' | 'dialect'>;
  audit: Pick<AuditService, 'record'>;
  events: Pick<EventBus, 'publish'>;
  /** Owner, custodian and obliged organisations: names, USCC and province. */
  organisations: Pick<OrganisationService, 'get' | 'list'>;
  /**
   * The dictionary's code lists (wired in context.ts once the dictionary module exists); without
   * it, code-list references in schema definitions are taken as they are.
   */
  codeLists?: CodeListLookup;
}

export interface CatalogInternals extends CatalogDeps {
  datasets: DatasetRepository;
}

/** Who did something, as written into the activity history (null: the platform itself). */
export interface ActivityActor {
  userId: string;
  displayName: string;
  organisationId: string;
}

/** One entry of a dataset's activity history, written inside the caller's transaction. */
export interface ActivityInput {
  datasetId: string;
  kind: DatasetActivityKind;
  actor: ActivityActor | null;
  summary: string;
  details?: unknown;
}

/** The few facts of a dataset an access decision needs (数据资源的共享属性、提供方和状态). */
export interface DatasetSharingFacts {
  id: string;
  titleZh: string;
  titleEn: string;
  ownerOrganisationId: string;
  sharingType: SharingType;
  status: DatasetStatus;
}

export type RecordActivity = (executor: Executor, input: ActivityInput) => Promise<void>;
