import type { AnswerDataErrorRequest, CreateDataErrorRequest, DataErrorReport, DataErrorStatus } from '../../../contracts/notifications';
import type { DatabaseHandle } from '../../db/database';
import type { Actor, RequestMeta } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { errors } from '../../platform/errors';
import type { EventBus } from '../../platform/events';
import { newId } from '../../platform/ids';
import { beijingDate } from '../../platform/beijing-dates';
import type { InboxService } from './inbox.service';
import { datasetLink } from './inbox.service';
import { canAnswerDataError, canSeeDataError, canSeeDataset } from './notifications.policy';
import { presentDataError } from './notifications.presenter';
import { notificationsRepository as repo, type DataErrorRow } from './notifications.repository';
import type { NotificationsAudit, NotificationsCalendar, NotificationsDatasets } from './notifications.types';

export interface DataErrorDeps {
  database: DatabaseHandle;
  clock: Clock;
  audit: NotificationsAudit;
  events: EventBus;
  datasets: NotificationsDatasets;
  calendar: NotificationsCalendar;
  inbox: InboxService;
  organisationName(id: string): Promise<string>;
  /** Working days the owner has to answer a report (DATA_ERROR_REPLY_WORKING_DAYS, default 10). */
  replyWorkingDays: number;
}


/** Which moves an answer may make (终态 resolved/rejected are final). */
const NEXT: Record<DataErrorStatus, readonly DataErrorStatus[]> = {
  open: ['acknowledged', 'resolved', 'rejected'],
  acknowledged: ['resolved', 'rejected'],
  resolved: [],
  rejected: [],
};

/**
 * Data-error reports (数据纠错, 国发〔2016〕51号 "快速校核机制"): any consumer flags a record or a
 * field; the report goes to the dataset's owner with a deadline in working days and is tracked
 * until it is resolved or rejected with a reason.
 */
export function createDataErrorService(deps: DataErrorDeps) {
  const { database, clock, audit, datasets, calendar, inbox } = deps;
  const db = database.db;

  async function present(rows: DataErrorRow[]): Promise<DataErrorReport[]> {
    const titles = new Map<string, string>();
    const names = new Map<string, string>();
    const today = beijingDate(clock.now());
    const out: DataErrorReport[] = [];
    for (const row of rows) {
      if (!titles.has(row.dataset_id)) titles.set(row.dataset_id, (await datasets.getDataset(db, row.dataset_id))?.titleZh ?? '');
      if (!names.has(row.reporter_organisation_id)) names.set(row.reporter_organisation_id, await deps.organisationName(row.reporter_organisation_id));
      const open = row.status === 'open' || row.status === 'acknowledged';
      out.push(presentDataError(row, { datasetTitle: titles.get(row.dataset_id)!, reporterOrganisationName: names.get(row.reporter_organisation_id)! }, open && today > row.due_date));
    }
    return out;
  }

  return {
    async report(actor: Actor, input: CreateDataErrorRequest, meta: RequestMeta): Promise<DataErrorReport> {
      const now = clock.now();
      const row = await db.transaction().execute(async (trx) => {
        const dataset = await datasets.getDataset(trx, input.datasetId);
        if (!dataset || !canSeeDataset(actor, dataset)) throw errors.notFound('Dataset', '数据集', input.datasetId);
        if (input.field !== undefined && input.tableName === undefined) throw errors.validation('Name the table of the field', '指明字段所在的数据表');
        const id = newId(now);
        const report: DataErrorRow = {
          id,
          dataset_id: dataset.id,
          release_id: input.releaseId ?? null,
          table_name: input.tableName ?? null,
          row_no: input.rowNo ?? null,
          field: input.field ?? null,
          description: input.description,
          reporter_organisation_id: actor.organisationId,
          reporter_user_id: actor.userId,
          owner_organisation_id: dataset.ownerOrganisationId,
          status: 'open',
          // Throws CalendarNotCoveredError for an uncovered year: the route answers it clearly.
          due_date: calendar.addWorkingDays(beijingDate(now), deps.replyWorkingDays),
          response: null,
          answered_by: null,
          created_at: now,
          answered_at: null,
        };
        await repo.insertDataError(trx, report);
        await inbox.notifyOrganisationIn(trx, dataset.ownerOrganisationId, 'data:submit', {
          kind: 'data_error.reported',
          zh: `「${dataset.titleZh}」收到数据纠错，请于 ${report.due_date} 前答复`,
          en: `A data error was reported on “${dataset.titleEn}”; answer by ${report.due_date}`,
          link: '/sharing/data-errors',
          datasetId: dataset.id,
        });
        await audit.record(trx, { actor, action: 'data_error.report', objectType: 'data_error_report', objectId: id, targetOrganisationId: dataset.ownerOrganisationId, after: report, meta });
        return report;
      });
      deps.events.publish('data_error.reported', { reportId: row.id, datasetId: row.dataset_id, ownerOrganisationId: row.owner_organisation_id });
      return (await present([row]))[0]!;
    },

    async answer(actor: Actor, id: string, input: AnswerDataErrorRequest, meta: RequestMeta): Promise<DataErrorReport> {
      const row = await db.transaction().execute(async (trx) => {
        const before = await repo.findDataError(trx, id);
        if (!before || !canSeeDataError(actor, { ownerOrganisationId: before.owner_organisation_id, reporterOrganisationId: before.reporter_organisation_id })) throw errors.notFound('Data-error report', '数据纠错', id);
        if (!canAnswerDataError(actor, before.owner_organisation_id)) throw errors.forbidden('Only the dataset owner answers this report', '只有数据提供方可以答复该纠错');
        if (!NEXT[before.status].includes(input.status)) throw errors.conflict(`A ${before.status} report cannot become ${input.status}`, '该纠错的当前状态不允许此操作', { from: before.status, to: input.status });
        const set = { status: input.status, response: input.response, answered_by: actor.userId, answered_at: clock.now() };
        await repo.answerDataError(trx, id, set);
        const after = { ...before, ...set };
        const dataset = await datasets.getDataset(trx, before.dataset_id);
        await inbox.notifyOrganisationIn(trx, before.reporter_organisation_id, 'data:read', {
          kind: 'data_error.answered',
          zh: `「${dataset?.titleZh ?? ''}」的数据纠错已答复`,
          en: `Your data-error report on “${dataset?.titleEn ?? ''}” was answered`,
          link: dataset ? datasetLink(dataset.id) : '/sharing/data-errors',
          datasetId: before.dataset_id,
        });
        await audit.record(trx, { actor, action: 'data_error.answer', objectType: 'data_error_report', objectId: id, targetOrganisationId: before.reporter_organisation_id, before, after, meta });
        return after;
      });
      return (await present([row]))[0]!;
    },

    async get(actor: Actor, id: string): Promise<DataErrorReport> {
      const row = await repo.findDataError(db, id);
      if (!row || !canSeeDataError(actor, { ownerOrganisationId: row.owner_organisation_id, reporterOrganisationId: row.reporter_organisation_id })) throw errors.notFound('Data-error report', '数据纠错', id);
      return (await present([row]))[0]!;
    },

    /** `inbox`: reports on the organisation's datasets; `outbox`: reports it filed. */
    async list(actor: Actor, query: { box?: 'inbox' | 'outbox'; datasetId?: string; status?: DataErrorStatus; limit?: number; offset?: number }) {
      const page = await repo.listDataErrors(db, {
        ...(query.box === 'outbox' ? { reporterOrganisationId: actor.organisationId } : { ownerOrganisationId: actor.organisationId }),
        ...(query.datasetId === undefined ? {} : { datasetId: query.datasetId }),
        ...(query.status === undefined ? {} : { status: query.status }),
        limit: query.limit ?? 50,
        offset: query.offset ?? 0,
      });
      return { items: await present(page.items), total: page.total };
    },
  };
}

export type DataErrorService = ReturnType<typeof createDataErrorService>;
