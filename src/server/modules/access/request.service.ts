import type { AccessRequest, CreateAccessRequest, DecideAccessRequest, ListAccessRequestsQuery } from '../../../contracts/access';
import { findDivision } from '../../../standards/divisions/lookup';
import type { Executor } from '../../db/database';
import type { Actor, RequestMeta } from '../../platform/actor';
import { errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { beijingDate, endOfBeijingDay, startOfBeijingDay } from '../../platform/beijing-dates';
import { CalendarNotCoveredError, lastMomentOfBeijingDay } from '../../platform/working-days';
import type { AccessDeps, SharedDataset } from './access.deps';
import { accessErrors } from './access.errors';
import { canDecide, canSeeRequest, canWithdraw, decidingOrganisation } from './access.policy';
import { presentRequest, type RequestContext } from './access.presenter';
import type { AccessRepository, AccessRequestRow } from './access.repository';
import type { AccessRequestEventKind } from '../../../contracts/access';
import { normaliseScope, scopeWithin } from './scope';

const DAY_MS = 86_400_000;
/** Longest period of use one request may ask for. */
const MAX_USE_DAYS = 5 * 366;

export interface RequestServiceDeps extends AccessDeps {
  repo: AccessRepository;
}

function auditActor(actor: Actor | null) {
  return actor === null ? null : { userId: actor.userId, username: actor.username, displayName: actor.displayName, organisationId: actor.organisationId };
}

function activityActor(actor: Actor | null) {
  return actor === null ? null : { userId: actor.userId, displayName: actor.displayName, organisationId: actor.organisationId };
}

function checkDate(text: string, path: string): number {
  const epoch = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(epoch) || new Date(epoch).toISOString().slice(0, 10) !== text) {
    throw accessErrors.invalid(path, `${text} is not a calendar date`, `${text} 不是有效日期`);
  }
  return epoch;
}

function parseList(json: string | null): string[] | null {
  return json === null ? null : (JSON.parse(json) as string[]);
}

/** Access requests (共享申请): submission, answer within the working-day deadline, reminders and escalation. */
export function createRequestService(deps: RequestServiceDeps) {
  const { clock, database, audit, events, calendar, catalog, directory, repo, config } = deps;
  const { db } = database;
  const settings = config.access;

  async function loadDataset(executor: Executor, id: string): Promise<SharedDataset> {
    const dataset = await catalog.getDataset(executor, id);
    if (dataset === undefined) throw errors.notFound('Dataset', '数据集', id);
    return dataset;
  }

  /** Checks `table.field` names against the current schema (when it has one). */
  async function checkFields(executor: Executor, datasetId: string, fields: readonly string[] | undefined, path: string): Promise<void> {
    if (fields === undefined) return;
    const tables = await catalog.currentTables(executor, datasetId);
    if (tables.length === 0) return;
    const known = new Set(tables.flatMap((table) => table.fields.map((field) => `${table.name}.${field}`)));
    const unknown = fields.filter((field) => !known.has(field));
    if (unknown.length > 0) {
      throw accessErrors.invalid(path, `Not fields of the dataset's current schema: ${unknown.join(', ')}`, `数据集当前结构中没有这些字段：${unknown.join('、')}`);
    }
  }

  function checkScope(codes: readonly string[] | undefined, path: string): string[] | null {
    if (codes === undefined) return null;
    const unknown = codes.filter((code) => code !== '000000' && findDivision(code) === undefined);
    if (unknown.length > 0) throw accessErrors.invalid(path, `Unknown GB/T 2260 division codes: ${unknown.join(', ')}`, `未知的行政区划代码：${unknown.join('、')}`);
    return normaliseScope(codes);
  }

  async function context(rows: AccessRequestRow[], now: number): Promise<RequestContext> {
    const ids = rows.map((row) => row.id);
    const [eventRows, grantRows] = await Promise.all([repo.eventsFor(db, ids), repo.grantsForRequests(db, ids)]);
    const datasets = new Map<string, SharedDataset | undefined>();
    for (const id of new Set(rows.map((row) => row.dataset_id))) datasets.set(id, await catalog.getDataset(db, id));
    const names = await directory.organisationNames([...new Set(rows.flatMap((row) => [row.requesting_organisation_id, row.deciding_organisation_id]))]);
    return { now, calendar, events: eventRows, grants: grantRows, datasets, names };
  }

  async function present(row: AccessRequestRow): Promise<AccessRequest> {
    return presentRequest(row, await context([row], clock.now()));
  }

  async function addEvent(executor: Executor, requestId: string, kind: AccessRequestEventKind, at: number, actor: Actor | null, note: string | null): Promise<void> {
    await repo.insertEvent(executor, { id: newId(at), request_id: requestId, kind, at, actor_user_id: actor?.userId ?? null, actor_display_name: actor?.displayName ?? null, note });
  }

  async function loadVisible(actor: Actor, id: string): Promise<AccessRequestRow> {
    const row = await repo.findRequest(db, id);
    if (row === undefined || !canSeeRequest(actor, row)) throw errors.notFound('Access request', '共享申请', id);
    return row;
  }

  /** Reminder and escalation of one pending request, if due; returns what it did. */
  async function attend(row: AccessRequestRow, now: number): Promise<'escalated' | 'reminded' | null> {
    if (row.escalated_at === null && now > row.deadline_at) {
      const workingGroupId = await directory.workingGroupId();
      const done = await db.transaction().execute(async (trx) => {
        if (!(await repo.updateRequest(trx, row.id, 'pending', { escalated_at: now, updated_at: now }))) return false;
        await addEvent(trx, row.id, 'escalated', now, null, `答复期限 ${row.deadline_date} 已过，提交工作专班协调 / deadline ${row.deadline_date} passed, escalated to the working group`);
        await audit.record(trx, {
          actor: null,
          action: 'access_request.escalate',
          objectType: 'access_request',
          objectId: row.id,
          targetOrganisationId: workingGroupId ?? row.deciding_organisation_id,
          before: { status: row.status, escalatedAt: null },
          after: { status: row.status, escalatedAt: now },
        });
        return true;
      });
      return done ? 'escalated' : null;
    }
    if (row.reminded_at === null && row.escalated_at === null) {
      let left: number;
      try {
        left = calendar.workingDaysBetween(beijingDate(now), row.deadline_date);
      } catch (error) {
        if (error instanceof CalendarNotCoveredError) {
          deps.logger.warn({ requestId: row.id, years: error.years }, 'access: working-day calendar does not cover the deadline; reminder skipped');
          return null;
        }
        throw error;
      }
      if (left > settings.reminderWorkingDays) return null;
      const done = await db.transaction().execute(async (trx) => {
        if (!(await repo.updateRequest(trx, row.id, 'pending', { reminded_at: now, updated_at: now }))) return false;
        await addEvent(trx, row.id, 'reminder', now, null, `距答复期限 ${row.deadline_date} 还有 ${left} 个工作日 / ${left} working day(s) left until ${row.deadline_date}`);
        return true;
      });
      return done ? 'reminded' : null;
    }
    return null;
  }

  return {
    async create(actor: Actor, input: CreateAccessRequest, meta?: RequestMeta): Promise<AccessRequest> {
      const now = clock.now();
      const dataset = await loadDataset(db, input.datasetId);
      if (dataset.status !== 'published') throw errors.conflict('Only published datasets can be requested', '只能申请已发布的数据集');
      if (dataset.ownerOrganisationId === actor.organisationId) throw errors.conflict('Your organisation owns this dataset', '本单位是该数据集的提供方，无需申请');
      if (dataset.sharingType === 'unconditional') throw accessErrors.accessNotNeeded();
      const legalBasis = input.legalBasis?.trim() ?? '';
      if (dataset.sharingType === 'not_shared' && legalBasis === '') throw accessErrors.legalBasisRequired();
      const onwardSharing = input.onwardSharing ?? false;
      const onwardReason = input.onwardSharingReason?.trim() ?? '';
      if (onwardSharing && onwardReason === '') {
        throw accessErrors.invalid('/onwardSharingReason', 'Onward sharing is normally forbidden; asking for it needs a reason', '对外提供（转授权）原则上禁止，申请时须说明理由');
      }
      if (!onwardSharing && input.onwardSharingReason !== undefined) {
        throw accessErrors.invalid('/onwardSharingReason', 'A reason is only given when onward sharing is requested', '仅在申请对外提供时填写理由');
      }
      const today = beijingDate(now);
      const from = checkDate(input.useFrom, '/useFrom');
      const until = checkDate(input.useUntil, '/useUntil');
      if (until < from) throw accessErrors.invalid('/useUntil', 'The period of use ends before it starts', '使用期限的结束日期早于开始日期');
      if (input.useUntil < today) throw accessErrors.invalid('/useUntil', 'The period of use has already ended', '使用期限已过');
      if ((until - from) / DAY_MS > MAX_USE_DAYS) throw accessErrors.invalid('/useUntil', 'A period of use is at most five years', '使用期限最长五年');
      await checkFields(db, dataset.id, input.fields, '/fields');
      const scopeCodes = checkScope(input.scopeCodes, '/scopeCodes');
      const decider = decidingOrganisation(dataset.sharingType, dataset.ownerOrganisationId, await directory.workingGroupId());
      if (decider === undefined) throw errors.conflict('There is no working group to answer requests for datasets that are not shared', '尚未设立工作专班，无法受理不予共享数据集的申请');

      // A year the calendar does not cover throws CalendarNotCoveredError: 503 CALENDAR_NOT_COVERED.
      const deadlineDate = calendar.addWorkingDays(today, settings.replyWorkingDays);
      const row: AccessRequestRow = {
        id: newId(now),
        dataset_id: dataset.id,
        requesting_organisation_id: actor.organisationId,
        requested_by: actor.userId,
        deciding_organisation_id: decider,
        purpose: input.purpose.trim(),
        legal_basis: legalBasis === '' ? null : legalBasis,
        fields: input.fields === undefined ? null : JSON.stringify([...input.fields].sort()),
        scope_codes: scopeCodes === null ? null : JSON.stringify(scopeCodes),
        use_from: input.useFrom,
        use_until: input.useUntil,
        retention_days: input.retentionDays,
        onward_sharing: onwardSharing ? 1 : 0,
        onward_sharing_reason: onwardSharing ? onwardReason : null,
        status: 'pending',
        submitted_at: now,
        reply_working_days: settings.replyWorkingDays,
        deadline_date: deadlineDate,
        deadline_at: lastMomentOfBeijingDay(deadlineDate),
        calendar_version: calendar.version,
        reminded_at: null,
        escalated_at: null,
        decided_at: null,
        decided_by: null,
        reasons: null,
        updated_at: now,
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertRequest(trx, row);
        await addEvent(trx, row.id, 'submitted', now, actor, null);
        await audit.record(trx, {
          actor: auditActor(actor),
          action: 'access_request.create',
          objectType: 'access_request',
          objectId: row.id,
          targetOrganisationId: decider,
          after: row,
          ...(meta ? { meta } : {}),
        });
        await catalog.recordActivity(trx, {
          datasetId: dataset.id,
          kind: 'access.requested',
          actor: activityActor(actor),
          summary: `共享申请：${actor.displayName} 提交 / access requested`,
          details: { requestId: row.id, requestingOrganisationId: actor.organisationId },
        });
      });
      events.publish('access.requested', { requestId: row.id, datasetId: dataset.id, decidingOrganisationId: decider });
      return present(row);
    },

    async list(actor: Actor, query: ListAccessRequestsQuery): Promise<{ items: AccessRequest[]; total: number }> {
      const { rows, total } = await repo.listRequests(db, {
        box: query.box,
        organisationId: actor.organisationId,
        includeEscalated: actor.organisationKind === 'working_group',
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.datasetId === undefined ? {} : { datasetId: query.datasetId }),
        limit: query.limit ?? 50,
        offset: query.offset ?? 0,
      });
      const ctx = await context(rows, clock.now());
      return { items: rows.map((row) => presentRequest(row, ctx)), total };
    },

    async get(actor: Actor, id: string): Promise<AccessRequest> {
      return present(await loadVisible(actor, id));
    },

    async decide(actor: Actor, id: string, input: DecideAccessRequest, meta?: RequestMeta): Promise<AccessRequest> {
      const visible = await loadVisible(actor, id);
      if (!canDecide(actor, visible)) throw errors.forbidden('Only the deciding organisation answers this request', '只有答复单位可以答复该申请');
      if (visible.status !== 'pending') throw errors.conflict(`The request is already ${visible.status}`, '该申请已处理');
      const reasons = input.reasons?.trim() ?? '';
      const requestedFields = parseList(visible.fields);
      const requestedScope = parseList(visible.scope_codes);
      let grantedFields = requestedFields;
      let grantedScope = requestedScope;
      if (input.decision === 'refuse' || input.decision === 'partially_approve') {
        if (reasons === '') throw accessErrors.reasonsRequired(input.decision);
      }
      if (input.decision !== 'partially_approve' && (input.fields !== undefined || input.scopeCodes !== undefined)) {
        throw accessErrors.invalid('/fields', 'Fields and rows are narrowed only by a partial approval', '仅部分同意时可缩小字段和数据范围');
      }
      if (input.decision === 'partially_approve') {
        if (input.fields === undefined && input.scopeCodes === undefined) {
          throw accessErrors.invalid('/fields', 'A partial approval narrows the fields, the rows or both', '部分同意须缩小字段或数据范围');
        }
        if (input.fields !== undefined) {
          if (requestedFields !== null) {
            const outside = input.fields.filter((field) => !requestedFields.includes(field));
            if (outside.length > 0) throw accessErrors.invalid('/fields', `Not requested: ${outside.join(', ')}`, `未申请的字段：${outside.join('、')}`);
          } else {
            await checkFields(db, visible.dataset_id, input.fields, '/fields');
          }
          grantedFields = [...input.fields].sort();
        }
        if (input.scopeCodes !== undefined) {
          const narrowed = checkScope(input.scopeCodes, '/scopeCodes')!;
          if (!scopeWithin(narrowed, requestedScope)) throw accessErrors.invalid('/scopeCodes', 'The granted rows must lie within the requested rows', '同意的数据范围须在申请范围之内');
          grantedScope = narrowed;
        }
      }
      const now = clock.now();
      const status = input.decision === 'approve' ? 'approved' : input.decision === 'refuse' ? 'refused' : 'partially_approved';
      const dataset = await loadDataset(db, visible.dataset_id);
      const grantId = status === 'refused' ? null : newId(now);
      const updated = await db.transaction().execute(async (trx) => {
        const before = await repo.findRequest(trx, id, true);
        if (before === undefined || before.status !== 'pending') throw errors.conflict('The request was answered meanwhile', '该申请已被处理');
        const patch = { status, decided_at: now, decided_by: actor.userId, reasons: reasons === '' ? null : reasons, updated_at: now } as const;
        await repo.updateRequest(trx, id, 'pending', patch);
        await addEvent(trx, id, status, now, actor, reasons === '' ? null : reasons);
        if (grantId !== null) {
          const grant = {
            id: grantId,
            request_id: id,
            dataset_id: before.dataset_id,
            grantee_organisation_id: before.requesting_organisation_id,
            grantor_organisation_id: actor.organisationId,
            purpose: before.purpose,
            fields: grantedFields === null ? null : JSON.stringify(grantedFields),
            scope_codes: grantedScope === null ? null : JSON.stringify(grantedScope),
            valid_from: Math.max(now, startOfBeijingDay(before.use_from)),
            valid_until: endOfBeijingDay(before.use_until),
            revoked_at: null,
            revoked_by: null,
            revoke_reason: null,
            created_at: now,
          };
          await repo.insertGrant(trx, grant);
          await audit.record(trx, {
            actor: auditActor(actor),
            action: 'grant.create',
            objectType: 'grant',
            objectId: grantId,
            targetOrganisationId: before.requesting_organisation_id,
            after: grant,
            ...(meta ? { meta } : {}),
          });
        }
        const after = { ...before, ...patch };
        await audit.record(trx, {
          actor: auditActor(actor),
          action: 'access_request.decide',
          objectType: 'access_request',
          objectId: id,
          targetOrganisationId: before.requesting_organisation_id,
          before,
          after,
          ...(meta ? { meta } : {}),
        });
        await catalog.recordActivity(trx, {
          datasetId: dataset.id,
          kind: 'access.decided',
          actor: activityActor(actor),
          summary: `共享申请已答复：${status} / access request ${status}`,
          details: { requestId: id, status, grantId },
        });
        return after;
      });
      events.publish('access.decided', { requestId: id, datasetId: dataset.id, requestingOrganisationId: updated.requesting_organisation_id, status });
      return present(updated);
    },

    async withdraw(actor: Actor, id: string, meta?: RequestMeta): Promise<AccessRequest> {
      const visible = await loadVisible(actor, id);
      if (!canWithdraw(actor, visible)) throw errors.forbidden('Only the requesting organisation withdraws its request', '只有申请单位可以撤回申请');
      const now = clock.now();
      const updated = await db.transaction().execute(async (trx) => {
        const patch = { status: 'withdrawn' as const, updated_at: now };
        if (!(await repo.updateRequest(trx, id, 'pending', patch))) throw errors.conflict('Only a pending request can be withdrawn', '只能撤回待答复的申请');
        await addEvent(trx, id, 'withdrawn', now, actor, null);
        await audit.record(trx, {
          actor: auditActor(actor),
          action: 'access_request.withdraw',
          objectType: 'access_request',
          objectId: id,
          targetOrganisationId: visible.deciding_organisation_id,
          before: visible,
          after: { ...visible, ...patch },
          ...(meta ? { meta } : {}),
        });
        return { ...visible, ...patch };
      });
      return present(updated);
    },

    /**
     * One run of the periodic job at `now`: reminders for requests close to their deadline
     * (recorded as request events; the notifications module will deliver them) and escalation of
     * overdue requests to the working group. Idempotent: each happens once per request.
     */
    async tick(now: number): Promise<{ reminded: number; escalated: number }> {
      const counts = { reminded: 0, escalated: 0 };
      for (;;) {
        const rows = await repo.pendingNeedingAttention(db, 200);
        let changed = 0;
        for (const row of rows) {
          const done = await attend(row, now);
          if (done === 'escalated') counts.escalated += 1;
          if (done === 'reminded') counts.reminded += 1;
          if (done !== null) changed += 1;
        }
        // Rows that are not due stay in the set, so a page that changed nothing ends the run.
        if (rows.length < 200 || changed === 0) break;
      }
      return counts;
    },
  };
}

export type RequestService = ReturnType<typeof createRequestService>;
