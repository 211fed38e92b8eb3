import type { Executor } from '../../db/database';
import type { Actor, RequestMeta } from '../../platform/actor';

/** The slice of a catalog dataset this module needs (catalog's service, adapted in context.ts). */
export interface DatasetRef {
  id: string;
  code: string;
  titleZh: string;
  titleEn: string;
  ownerOrganisationId: string;
  status: 'draft' | 'published' | 'deprecated';
}

export interface NotificationsDatasets {
  getDataset(executor: Executor, id: string): Promise<DatasetRef | undefined>;
}

/** The narrow slice of the audit service this module writes to. */
export interface NotificationsAudit {
  record(
    executor: Executor,
    input: {
      actor: Pick<Actor, 'userId' | 'username' | 'organisationId' | 'displayName'> | null;
      action: string;
      objectType: string;
      objectId: string | null;
      targetOrganisationId?: string | null;
      before?: unknown;
      after?: unknown;
      meta?: RequestMeta;
    },
  ): Promise<void>;
}

/** Deadlines in working days (the platform calendar; throws for years it does not cover). */
export interface NotificationsCalendar {
  addWorkingDays(date: string, n: number): string;
}
