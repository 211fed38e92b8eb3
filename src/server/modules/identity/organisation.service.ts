import { REGION_CODE } from '../../../contracts/common';
import type {
  CreateOrganisationRequest,
  Organisation,
  OrganisationKind,
  UpdateOrganisationRequest,
} from '../../../contracts/identity';
import type { RequestMeta } from '../../platform/actor';
import type { DivisionLevel } from '../../../standards/divisions';
import { errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { auditActor, targetOrganisation, type IdentityDeps } from './identity.deps';
import { canCreateOrganisation, canReadOrganisations, canUpdateOrganisation, type Caller } from './identity.policy';
import { presentOrganisation } from './identity.presenter';
import type { OrganisationFilter, OrganisationRepository } from './organisation.repository';

/**
 * The national standards organisations are checked against (wired in index.ts to
 * src/standards/uscc and src/standards/divisions).
 */
export interface OrganisationStandards {
  /** GB 32100: null when valid (structure, codes, 18th check character), else the reason. */
  usccProblem(code: string): string | null;
  /**
   * GB/T 2260: level and province of a code in the four provinces, or null when it is not one
   * (the standard's table lists every province and prefecture-level city, but not every county).
   */
  division(code: string): { level: DivisionLevel; provinceCode: string } | null;
}

/** Which division levels each kind of organisation may serve (`region` = 000000). */
const ALLOWED_AREAS: Record<OrganisationKind, readonly (DivisionLevel | 'region')[]> = {
  working_group: ['region'],
  provincial_department: ['province'],
  city_bureau: ['city'],
  county_bureau: ['county'],
  monitoring_centre: ['region', 'province', 'city', 'county'],
  external: ['region', 'province', 'city', 'county'],
};

export interface OrganisationServiceDeps extends IdentityDeps {
  organisations: OrganisationRepository;
  standards: OrganisationStandards;
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;

function invalidField(path: string, message: string, messageZh: string) {
  return errors.validation(message, messageZh, [{ in: 'body', path, keyword: 'standard', message }]);
}

/** The organisation directory: readable by every signed-in user, managed by administrators. */
export function createOrganisationService(deps: OrganisationServiceDeps) {
  const { clock, database, audit, organisations, standards } = deps;
  const { db, dialect } = database;
  const notFound = (id: string) => errors.notFound('Organisation', '机构', id);

  /** The province of `divisionCode` for an organisation of `kind`, or a 400 naming the rule. */
  function provinceFor(kind: OrganisationKind, divisionCode: string): string {
    const allowed = ALLOWED_AREAS[kind];
    if (divisionCode === REGION_CODE) {
      if (!allowed.includes('region')) {
        throw invalidField('/divisionCode', `A ${kind} cannot serve the whole region (000000)`, `该类型机构不能以 000000（长三角区域）为辖区`);
      }
      return REGION_CODE;
    }
    const division = standards.division(divisionCode);
    if (division === null) {
      throw invalidField('/divisionCode', `Unknown GB/T 2260 division code ${divisionCode} in the region`, `行政区划代码 ${divisionCode} 不存在或不在长三角区域内`);
    }
    if (!allowed.includes(division.level)) {
      throw invalidField(
        '/divisionCode',
        `A ${kind} serves a ${allowed.join(' or ')} division, not a ${division.level} (${divisionCode})`,
        `该类型机构的辖区级别不符（${divisionCode}）`,
      );
    }
    return division.provinceCode;
  }

  function checkUscc(uscc: string): void {
    const problem = standards.usccProblem(uscc);
    if (problem !== null) {
      throw invalidField('/uscc', `${uscc} is not a valid unified social credit code: ${problem}`, `统一社会信用代码 ${uscc} 校验不通过（GB 32100）`);
    }
  }

  function conflictFrom(error: unknown): never {
    if (dialect.isUniqueViolation(error)) {
      throw errors.conflict('An organisation with this name or USCC exists', '已存在同名或同一统一社会信用代码的机构');
    }
    throw error;
  }

  return {
    async list(caller: Caller, filter: Partial<OrganisationFilter>): Promise<{ items: Organisation[]; total: number }> {
      if (!canReadOrganisations(caller)) throw errors.forbidden();
      const { rows, total } = await organisations.list(db, {
        ...(filter.q === undefined ? {} : { q: filter.q }),
        ...(filter.kind === undefined ? {} : { kind: filter.kind }),
        ...(filter.provinceCode === undefined ? {} : { provinceCode: filter.provinceCode }),
        limit: filter.limit ?? 50,
        offset: filter.offset ?? 0,
      });
      return { items: rows.map(presentOrganisation), total };
    },

    async get(caller: Caller, id: string): Promise<Organisation> {
      if (!canReadOrganisations(caller)) throw errors.forbidden();
      const row = await organisations.findById(db, id);
      if (row === undefined) throw notFound(id);
      return presentOrganisation(row);
    },

    /** By id or exact name (the CLI's `--org`); undefined when there is none. */
    async findByIdOrName(caller: Caller, idOrName: string): Promise<Organisation | undefined> {
      if (!canReadOrganisations(caller)) throw errors.forbidden();
      const row = (await organisations.findById(db, idOrName)) ?? (await organisations.findByName(db, idOrName));
      return row === undefined ? undefined : presentOrganisation(row);
    },

    async create(caller: Caller, input: CreateOrganisationRequest, meta?: RequestMeta): Promise<Organisation> {
      if (!canCreateOrganisation(caller)) throw errors.forbidden('Only platform administrators create organisations', '只有平台管理员可以创建机构');
      const provinceCode = provinceFor(input.kind, input.divisionCode);
      if (input.uscc !== undefined) checkUscc(input.uscc);
      if (input.parentId !== undefined && (await organisations.findById(db, input.parentId)) === undefined) {
        throw invalidField('/parentId', 'The parent organisation does not exist', '上级机构不存在');
      }
      const now = clock.now();
      const row = {
        id: newId(now),
        name: input.name,
        name_en: input.nameEn,
        kind: input.kind,
        division_code: input.divisionCode,
        province_code: provinceCode,
        uscc: input.uscc ?? null,
        parent_id: input.parentId ?? null,
        created_at: now,
        updated_at: now,
      };
      try {
        await db.transaction().execute(async (trx) => {
          await organisations.insert(trx, row);
          await audit.record(trx, {
            actor: auditActor(caller),
            action: 'organisation.create',
            objectType: 'organisation',
            objectId: row.id,
            targetOrganisationId: targetOrganisation(caller, row.id),
            after: presentOrganisation(row),
            ...(meta ? { meta } : {}),
          });
        });
      } catch (error) {
        conflictFrom(error);
      }
      return presentOrganisation(row);
    },

    /** Names and USCC; platform admins for any organisation, org admins for their own. */
    async update(caller: Caller, id: string, input: UpdateOrganisationRequest, meta?: RequestMeta): Promise<Organisation> {
      if (!canUpdateOrganisation(caller, id)) {
        // Existence of directory entries is public, so a 403 reveals nothing; a missing id is still 404.
        if ((await organisations.findById(db, id)) === undefined) throw notFound(id);
        throw errors.forbidden('You can only update your own organisation', '只能修改本单位信息');
      }
      if (input.uscc !== undefined && input.uscc !== null) checkUscc(input.uscc);
      const now = clock.now();
      try {
        return await db.transaction().execute(async (trx) => {
          const before = await organisations.findById(trx, id);
          if (before === undefined) throw notFound(id);
          const after = {
            ...before,
            ...(input.name === undefined ? {} : { name: input.name }),
            ...(input.nameEn === undefined ? {} : { name_en: input.nameEn }),
            ...(input.uscc === undefined ? {} : { uscc: input.uscc }),
            updated_at: now,
          };
          await organisations.update(trx, id, { name: after.name, name_en: after.name_en, uscc: after.uscc, updated_at: now });
          await audit.record(trx, {
            actor: auditActor(caller),
            action: 'organisation.update',
            objectType: 'organisation',
            objectId: id,
            targetOrganisationId: targetOrganisation(caller, id),
            before: presentOrganisation(before),
            after: presentOrganisation(after),
            ...(meta ? { meta } : {}),
          });
          return presentOrganisation(after);
        });
      } catch (error) {
        return conflictFrom(error);
      }
    },

    /** True when the directory is empty (first start: the demo data set may be loaded). */
    async isEmpty(): Promise<boolean> {
      return (await organisations.count(db)) === 0;
    },
  };
}
