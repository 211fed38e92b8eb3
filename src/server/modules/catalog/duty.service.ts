import type { CreateDutyRequest, DataDuty, ListDutiesQuery, UpdateDutyRequest } from '../../../contracts/catalog';
import type { RequestMeta } from '../../platform/actor';
import { errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { isSystem, SYSTEM, type Caller } from '../identity';
import { activityActor, createActivityRecorder } from './activity';
import { endOfBeijingDay, isRealDate } from '../../platform/beijing-dates';
import { canManageDuties, canReadCatalog, canSeeDuty } from './catalog.policy';
import { presentDuty } from './catalog.presenter';
import type { CatalogInternals } from './catalog.types';
import { auditActor } from './dataset.service';
import { dutyRepository, type DutyWithDataset } from './duty.repository';

export type DutyService = ReturnType<typeof createDutyService>;

/**
 * The data-duty register (报送义务, like Reportnet's obligations): which organisation must supply
 * which dataset, how often, from which first due date. Kept by the working group; visible to the
 * obliged organisation and the dataset's owner. Overdue = the next due date has passed without a
 * release covering it.
 */
export function createDutyService(deps: CatalogInternals) {
  const { clock, database, audit, organisations, datasets } = deps;
  const { db } = database;
  const recordActivity = createActivityRecorder(clock);
  const notFound = (id: string) => errors.notFound('Data duty', '报送义务', id);

  async function organisationName(id: string, cache: Map<string, string>): Promise<string> {
    const known = cache.get(id);
    if (known !== undefined) return known;
    const name = (await organisations.get(SYSTEM, id)).name;
    cache.set(id, name);
    return name;
  }

  async function presentAll(rows: DutyWithDataset[]): Promise<DataDuty[]> {
    const names = new Map<string, string>();
    const now = clock.now();
    const out: DataDuty[] = [];
    for (const row of rows) out.push(presentDuty(row, await organisationName(row.organisation_id, names), now));
    return out;
  }

  function checkDate(date: string): void {
    if (!isRealDate(date)) throw errors.validation(`${date} is not a calendar date`, `${date} 不是有效日期`, [{ in: 'body', path: '/firstDueDate', keyword: 'rule', message: 'not a date' }]);
  }

  async function loadVisible(caller: Caller, id: string): Promise<DutyWithDataset> {
    const [row] = await dutyRepository.list(db, { id, visibleTo: null });
    if (row === undefined || !canSeeDuty(caller, { organisationId: row.organisation_id, datasetOwnerOrganisationId: row.dataset_owner_organisation_id })) throw notFound(id);
    return row;
  }

  const mustManage = (caller: Caller) => {
    if (!canManageDuties(caller)) throw errors.forbidden('The data-duty register is kept by the working group', '报送义务由工作专班管理');
  };

  return {
    async list(caller: Caller, query: ListDutiesQuery): Promise<{ items: DataDuty[]; total: number; overdue: number }> {
      if (!canReadCatalog(caller)) throw errors.forbidden();
      const rows = await dutyRepository.list(db, {
        ...(query.datasetId === undefined ? {} : { datasetId: query.datasetId }),
        ...(query.organisationId === undefined ? {} : { organisationId: query.organisationId }),
        ...(query.status === undefined ? {} : { status: query.status }),
        visibleTo: canManageDuties(caller) || isSystem(caller) ? null : caller.organisationId,
      });
      const all = await presentAll(rows);
      const overdue = all.filter((duty) => duty.overdue).length;
      const matching = query.overdue === undefined ? all : all.filter((duty) => duty.overdue === query.overdue);
      // Overdue duties first: they are what the register is read for.
      matching.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.nextDueDate.localeCompare(b.nextDueDate) || a.datasetCode.localeCompare(b.datasetCode));
      const offset = query.offset ?? 0;
      return { items: matching.slice(offset, offset + (query.limit ?? 50)), total: matching.length, overdue };
    },

    async get(caller: Caller, id: string): Promise<DataDuty> {
      const [duty] = await presentAll([await loadVisible(caller, id)]);
      return duty!;
    },

    async create(caller: Caller, input: CreateDutyRequest, meta?: RequestMeta): Promise<DataDuty> {
      mustManage(caller);
      checkDate(input.firstDueDate);
      const dataset = await datasets.findById(db, input.datasetId);
      if (dataset === undefined) throw errors.validation('The dataset does not exist', '数据资源不存在', [{ in: 'body', path: '/datasetId', keyword: 'rule', message: 'unknown dataset' }]);
      if (dataset.status === 'deprecated') throw errors.conflict('A deprecated dataset takes no new duties', '已废止的数据资源不能新增报送义务');
      try {
        await organisations.get(SYSTEM, input.organisationId);
      } catch {
        throw errors.validation('The obliged organisation does not exist', '报送单位不存在', [{ in: 'body', path: '/organisationId', keyword: 'rule', message: 'unknown organisation' }]);
      }
      const now = clock.now();
      const id = newId(now);
      const row = { id, dataset_id: input.datasetId, organisation_id: input.organisationId, cycle: input.cycle, first_due_at: endOfBeijingDay(input.firstDueDate), note: input.note ?? null, status: 'active' as const, created_at: now, updated_at: now };
      await db.transaction().execute(async (trx) => {
        await dutyRepository.insert(trx, row);
        await recordActivity(trx, { datasetId: input.datasetId, kind: 'duty.created', actor: activityActor(caller), summary: `Duty ${input.cycle} from ${input.firstDueDate}`, details: { dutyId: id, organisationId: input.organisationId, cycle: input.cycle, firstDueDate: input.firstDueDate } });
        await audit.record(trx, { actor: auditActor(caller), action: 'duty.create', objectType: 'data_duty', objectId: id, targetOrganisationId: input.organisationId, after: row, ...(meta ? { meta } : {}) });
      });
      return (await presentAll(await dutyRepository.list(db, { id, visibleTo: null })))[0]!;
    },

    async update(caller: Caller, id: string, input: UpdateDutyRequest, meta?: RequestMeta): Promise<DataDuty> {
      mustManage(caller);
      const before = await loadVisible(caller, id);
      if (input.firstDueDate !== undefined) checkDate(input.firstDueDate);
      const now = clock.now();
      const changes = {
        ...(input.cycle === undefined ? {} : { cycle: input.cycle }),
        ...(input.firstDueDate === undefined ? {} : { first_due_at: endOfBeijingDay(input.firstDueDate) }),
        ...(input.note === undefined ? {} : { note: input.note }),
        ...(input.status === undefined ? {} : { status: input.status }),
        updated_at: now,
      };
      await db.transaction().execute(async (trx) => {
        await dutyRepository.update(trx, id, changes);
        await recordActivity(trx, { datasetId: before.dataset_id, kind: 'duty.updated', actor: activityActor(caller), summary: `Duty changed: ${Object.keys(input).join(', ')}`, details: { dutyId: id, ...input } });
        await audit.record(trx, { actor: auditActor(caller), action: 'duty.update', objectType: 'data_duty', objectId: id, targetOrganisationId: before.organisation_id, before, after: { ...before, ...changes }, ...(meta ? { meta } : {}) });
      });
      return (await presentAll(await dutyRepository.list(db, { id, visibleTo: null })))[0]!;
    },
  };
}
