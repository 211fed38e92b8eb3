import type { Config } from '../../config/config';
import type { DatabaseHandle, Executor } from '../../db/database';
import type { Clock } from '../../platform/clock';
import type { EventBus } from '../../platform/events';
import type { Logger } from '../../platform/logger';
import type { WorkingDayCalendar } from '../../platform/working-days';
import type { AuditService } from '../audit';
import type { DatasetActivityKind } from '../../../contracts/catalog';
import type { SharingType } from '../../../contracts/sharing';

/** What access needs to know of a dataset (from the catalog). */
export interface SharedDataset {
  id: string;
  title: string;
  titleEn: string;
  ownerOrganisationId: string;
  sharingType: SharingType;
  status: string;
}

/** One table of the dataset's current schema, as access uses it (field names, masking, scope field). */
export interface SharedTable {
  name: string;
  fields: string[];
  scopeField: string | null;
}

/** The catalog, narrowed to what access uses (wired to CatalogService in context.ts). */
export interface AccessCatalog {
  getDataset(executor: Executor, id: string): Promise<SharedDataset | undefined>;
  /** Tables of the current published schema; empty when the dataset has none yet. */
  currentTables(executor: Executor, datasetId: string): Promise<SharedTable[]>;
  /** Dataset activity, written inside the caller's transaction. */
  recordActivity(
    executor: Executor,
    entry: { datasetId: string; kind: DatasetActivityKind; actor: { userId: string; displayName: string; organisationId: string } | null; summary: string; details?: unknown },
  ): Promise<void>;
}

/** Organisation names and the working group (wired to the identity module in context.ts). */
export interface AccessDirectory {
  organisationNames(ids: readonly string[]): Promise<Map<string, string>>;
  /** The regional working group (工作专班) that answers for 不予共享 and receives escalations. */
  workingGroupId(): Promise<string | undefined>;
}

export interface AccessSettings {
  /** Working days the deciding organisation has to answer (10 by 国发〔2016〕51号). */
  replyWorkingDays: number;
  /** A reminder is recorded when this many working days or fewer are left. */
  reminderWorkingDays: number;
}

export interface AccessDeps {
  config: Pick<Config, 'access'>;
  clock: Clock;
  logger: Pick<Logger, 'error' | 'warn'>;
  database: Pick<DatabaseHandle, 'db' | 'dialect'>;
  audit: Pick<AuditService, 'record'>;
  events: Pick<EventBus, 'publish'>;
  calendar: WorkingDayCalendar;
  catalog: AccessCatalog;
  directory: AccessDirectory;
}
