import type { CreateStationRequest, ListStationsQuery, Station, StationAssessment, StationMapItem, StationMapQuery, UpdateStationRequest } from '../../../contracts/monitoring';
import { PROVINCE_BBOX, findDivision, isProvinceCode } from '../../../standards/divisions';
import type { DatabaseHandle } from '../../db/database';
import type { RequestMeta } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { AuditRecordInput, AuditService } from '../audit';
import { isSystem, type Caller } from '../identity';
import { canAssignOwner, canManageStationsOf, canReadStations, canTransferOwner } from './monitoring.policy';
import { presentStation } from './monitoring.presenter';
import type { StationKind, StationSubKind } from './monitoring.tables';
import type { LoadableStationDirectory } from './station-directory';
import type { StationParameterRow, StationRepository, StationWithParameters } from './station.repository';

export interface StationServiceDeps {
  clock: Clock;
  database: Pick<DatabaseHandle, 'db' | 'dialect'>;
  audit: Pick<AuditService, 'record'>;
  stations: StationRepository;
  directory: LoadableStationDirectory;
  organisationKind?: (id: string) => Promise<string | undefined>;
}

/**
 * Organisation kinds that may operate a station (运维机构). Monitoring centres today; the credit
 * module's registered third-party institutions (社会化监测机构) join when it links them.
 */
const OPERATOR_KINDS: ReadonlySet<string> = new Set(['monitoring_centre']);

export type StationService = ReturnType<typeof createStationService>;

/** Latest AQI (air) or water class (surface water) per station id, for the map. */
export type MapAssessment = StationAssessment;
export type MapAssessmentProvider = () => Promise<ReadonlyMap<string, MapAssessment>>;

const SUB_KINDS: Record<StationKind, readonly (StationSubKind | null)[]> = {
  air: [null],
  surface_water: ['automatic', 'manual'],
  pollution_source: ['waste_gas', 'waste_water'],
};

function invalid(path: string, message: string, messageZh: string) {
  return errors.validation(message, messageZh, [{ in: 'body', path, keyword: 'rule', message }]);
}

export function auditActor(caller: Caller): AuditRecordInput['actor'] {
  return isSystem(caller)
    ? null
    : { userId: caller.userId, username: caller.username, displayName: caller.displayName, organisationId: caller.organisationId };
}

export function targetOrganisation(caller: Caller, organisationId: string): string | null {
  return isSystem(caller) || caller.organisationId !== organisationId ? organisationId : null;
}

/** The city must belong to the province (GB/T 2260) and the point must lie in the province's box. */
function checkPlace(provinceCode: string, cityCode: string, longitude: number, latitude: number): void {
  if (!isProvinceCode(provinceCode)) {
    throw invalid('/provinceCode', `${provinceCode} is not one of the four provinces`, `${provinceCode} 不是长三角三省一市的省级代码`);
  }
  const city = findDivision(cityCode);
  if (city === undefined || city.level !== 'city' || city.parent !== provinceCode) {
    throw invalid('/cityCode', `${cityCode} is not a city of ${provinceCode}`, `${cityCode} 不是该省（市）所辖地级市`);
  }
  const [west, south, east, north] = PROVINCE_BBOX[provinceCode];
  if (longitude < west || longitude > east || latitude < south || latitude > north) {
    throw invalid('/longitude', `(${longitude}, ${latitude}) lies outside ${provinceCode}`, `坐标（${longitude}，${latitude}）不在该省（市）范围内`);
  }
}

function checkKind(kind: StationKind, subKind: StationSubKind | null, waterBody: string | null): void {
  if (!SUB_KINDS[kind].includes(subKind)) {
    throw invalid('/subKind', `A ${kind} station has sub-kind ${SUB_KINDS[kind].join(' or ')}`, '站点子类型与站点类型不符');
  }
  if (waterBody !== null && kind !== 'surface_water') throw invalid('/waterBody', 'Only surface-water stations have a water body', '只有地表水站点可设置水体类型');
}

function parameterRows(stationId: string, parameters: CreateStationRequest['parameters']): StationParameterRow[] {
  const seen = new Set<string>();
  return parameters.map((p, i) => {
    if (seen.has(p.code)) throw invalid(`/parameters/${i}/code`, `Parameter ${p.code} is listed twice`, `监测参数 ${p.code} 重复`);
    seen.add(p.code);
    return { station_id: stationId, parameter_code: p.code, unit: p.unit, permit_limit: p.permitLimit ?? null };
  });
}

/** Stations: shared reading, writes by the owning organisation; the directory follows every commit. */
export function createStationService(deps: StationServiceDeps) {
  const { clock, database, audit, stations, directory, organisationKind } = deps;

  async function checkOperator(operatorId: string | null | undefined): Promise<void> {
    if (operatorId === null || operatorId === undefined || organisationKind === undefined) return;
    const kind = await organisationKind(operatorId);
    if (kind === undefined) throw invalid('/operatorOrganisationId', 'The operator organisation does not exist', '运维机构不存在');
    if (!OPERATOR_KINDS.has(kind)) {
      throw invalid('/operatorOrganisationId', `The operator must be a monitoring institution (this organisation is a ${kind})`, '运维机构须为监测机构（监测中心/站）');
    }
  }
  const { db, dialect } = database;
  const notFound = (id: string) => errors.notFound('Station', '监测站点', id);
  let mapAssessment: MapAssessmentProvider | undefined;

  function fromWriteError(error: unknown): never {
    if (dialect.isUniqueViolation(error)) throw errors.conflict('A station with this code or MN exists', '已存在相同编码或 MN 的站点');
    if (dialect.isForeignKeyViolation(error)) throw invalid('/ownerOrganisationId', 'The owner or operator organisation does not exist', '所属单位或运维机构不存在');
    throw error;
  }

  async function loadForWrite(caller: Caller, id: string): Promise<StationWithParameters> {
    const row = await stations.findById(db, id);
    if (row === undefined) throw notFound(id);
    if (!canManageStationsOf(caller, row.owner_organisation_id)) {
      throw errors.forbidden("Only the owning organisation manages this station", '只有站点所属单位可以管理该站点');
    }
    if (row.status === 'retired') throw errors.conflict('The station is retired', '站点已撤销');
    return row;
  }

  return {
    async list(caller: Caller, query: ListStationsQuery): Promise<{ items: Station[]; total: number }> {
      if (!canReadStations(caller)) throw errors.forbidden();
      const { rows, total } = await stations.list(db, { ...query, limit: query.limit ?? 50, offset: query.offset ?? 0 });
      return { items: rows.map(presentStation), total };
    },

    /** Compact rows with each station's latest assessment (one query per station kind, not per station). */
    async listForMap(caller: Caller, query: StationMapQuery): Promise<{ items: StationMapItem[] }> {
      if (!canReadStations(caller)) throw errors.forbidden();
      const [rows, latest] = await Promise.all([
        stations.listForMap(db, {
          ...(query.q ? { q: query.q } : {}),
          ...(query.kind ? { kind: query.kind } : {}),
          ...(query.provinceCode ? { provinceCode: query.provinceCode } : {}),
          ...(query.cityCode ? { cityCode: query.cityCode } : {}),
          ...(query.status ? { status: query.status } : {}),
          excludeRetired: !query.includeRetired && query.status !== 'retired',
        }),
        mapAssessment ? mapAssessment() : undefined,
      ]);
      return {
        items: rows.map((row) => {
          const item: StationMapItem = {
            id: row.id,
            code: row.code,
            name: row.name,
            nameEn: row.name_en,
            kind: row.kind,
            provinceCode: row.province_code,
            cityCode: row.city_code,
            lng: row.longitude,
            lat: row.latitude,
            status: row.status,
          };
          const assessed = latest?.get(row.id);
          return assessed === undefined ? item : { ...item, latest: assessed };
        }),
      };
    },

    /** The assessment module plugs in the latest AQI / water class shown on the map. */
    useMapAssessment(provider: MapAssessmentProvider): void {
      mapAssessment = provider;
    },

    async get(caller: Caller, id: string): Promise<Station> {
      if (!canReadStations(caller)) throw errors.forbidden();
      const row = await stations.findById(db, id);
      if (row === undefined) throw notFound(id);
      return presentStation(row);
    },

    async create(caller: Caller, input: CreateStationRequest, meta?: RequestMeta): Promise<Station> {
      const owner = input.ownerOrganisationId ?? (isSystem(caller) ? undefined : caller.organisationId);
      if (owner === undefined) throw invalid('/ownerOrganisationId', 'The owner organisation is required', '请指定站点所属单位');
      if (!canManageStationsOf(caller, owner) || !canAssignOwner(caller, owner)) {
        throw errors.forbidden('You can only create stations of your own organisation', '只能为本单位创建站点');
      }
      const subKind = input.subKind ?? null;
      const waterBody = input.waterBody ?? (input.kind === 'surface_water' ? 'river' : null);
      checkKind(input.kind, subKind, waterBody);
      checkPlace(input.provinceCode, input.cityCode, input.longitude, input.latitude);
      await checkOperator(input.operatorOrganisationId);
      const now = clock.now();
      const id = newId(now);
      const parameters = parameterRows(id, input.parameters);
      let created: StationWithParameters | undefined;
      for (let attempt = 0; created === undefined; attempt++) {
        try {
          created = await db.transaction().execute(async (trx) => {
            const row = {
              id,
              station_key: await stations.nextStationKey(trx),
              code: input.code,
              name: input.name,
              name_en: input.nameEn,
              mn: input.mn ?? null,
              kind: input.kind,
              sub_kind: subKind,
              water_body: waterBody,
              longitude: input.longitude,
              latitude: input.latitude,
              province_code: input.provinceCode,
              city_code: input.cityCode,
              owner_organisation_id: owner,
              operator_organisation_id: input.operatorOrganisationId ?? null,
              status: 'active' as const,
              created_at: now,
              updated_at: now,
            };
            await stations.insert(trx, row, parameters);
            const full = { ...row, parameters };
            await audit.record(trx, {
              actor: auditActor(caller),
              action: 'station.create',
              objectType: 'station',
              objectId: id,
              targetOrganisationId: targetOrganisation(caller, owner),
              after: presentStation(full),
              ...(meta ? { meta } : {}),
            });
            return full;
          });
        } catch (error) {
          // Two concurrent creates may pick the same station key (PostgreSQL): try again once.
          if (attempt === 0 && dialect.isUniqueViolation(error) && (await stations.findById(db, id)) === undefined && !(await stations.codeOrMnTaken(db, input.code, input.mn ?? null))) continue;
          fromWriteError(error);
        }
      }
      await directory.refresh(db, id);
      return presentStation(created);
    },

    async update(caller: Caller, id: string, input: UpdateStationRequest, meta?: RequestMeta): Promise<Station> {
      const before = await loadForWrite(caller, id);
      const transferTo = input.ownerOrganisationId !== undefined && input.ownerOrganisationId !== before.owner_organisation_id ? input.ownerOrganisationId : null;
      if (transferTo !== null && !canTransferOwner(caller)) {
        throw errors.forbidden('Only platform administrators hand a station to another organisation', '只有平台管理员可以将站点移交其他单位');
      }
      const after: StationWithParameters = {
        ...before,
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.nameEn === undefined ? {} : { name_en: input.nameEn }),
        ...(input.mn === undefined ? {} : { mn: input.mn }),
        ...(input.waterBody === undefined ? {} : { water_body: input.waterBody }),
        ...(input.longitude === undefined ? {} : { longitude: input.longitude }),
        ...(input.latitude === undefined ? {} : { latitude: input.latitude }),
        ...(input.cityCode === undefined ? {} : { city_code: input.cityCode }),
        ...(input.operatorOrganisationId === undefined ? {} : { operator_organisation_id: input.operatorOrganisationId }),
        ...(transferTo === null ? {} : { owner_organisation_id: transferTo }),
        ...(input.status === undefined ? {} : { status: input.status }),
        ...(input.parameters === undefined ? {} : { parameters: parameterRows(id, input.parameters) }),
        updated_at: clock.now(),
      };
      checkKind(after.kind, after.sub_kind, after.water_body);
      checkPlace(after.province_code, after.city_code, after.longitude, after.latitude);
      await checkOperator(input.operatorOrganisationId);
      try {
        await db.transaction().execute(async (trx) => {
          const { parameters, ...row } = after;
          await stations.update(trx, id, {
            name: row.name,
            name_en: row.name_en,
            mn: row.mn,
            water_body: row.water_body,
            longitude: row.longitude,
            latitude: row.latitude,
            city_code: row.city_code,
            operator_organisation_id: row.operator_organisation_id,
            owner_organisation_id: row.owner_organisation_id,
            status: row.status,
            updated_at: row.updated_at,
          });
          if (input.parameters !== undefined) await stations.replaceParameters(trx, id, parameters);
          await audit.record(trx, {
            actor: auditActor(caller),
            action: 'station.update',
            objectType: 'station',
            objectId: id,
            targetOrganisationId: targetOrganisation(caller, before.owner_organisation_id),
            before: presentStation(before),
            after: presentStation(after),
            ...(meta ? { meta } : {}),
          });
          // The receiving organisation gets its own entry: the write crosses into it too.
          if (transferTo !== null) {
            await audit.record(trx, {
              actor: auditActor(caller),
              action: 'station.transfer',
              objectType: 'station',
              objectId: id,
              targetOrganisationId: transferTo,
              before: { ownerOrganisationId: before.owner_organisation_id },
              after: { ownerOrganisationId: transferTo },
              ...(meta ? { meta } : {}),
            });
          }
        });
      } catch (error) {
        fromWriteError(error);
      }
      await directory.refresh(db, id);
      return presentStation(after);
    },

    /** Retired stations keep their readings and stay readable; there is no hard delete. */
    async retire(caller: Caller, id: string, meta?: RequestMeta): Promise<Station> {
      const before = await loadForWrite(caller, id);
      const after: StationWithParameters = { ...before, status: 'retired', updated_at: clock.now() };
      await db.transaction().execute(async (trx) => {
        await stations.update(trx, id, { status: 'retired', updated_at: after.updated_at });
        await audit.record(trx, {
          actor: auditActor(caller),
          action: 'station.retire',
          objectType: 'station',
          objectId: id,
          targetOrganisationId: targetOrganisation(caller, before.owner_organisation_id),
          before: presentStation(before),
          after: presentStation(after),
          ...(meta ? { meta } : {}),
        });
      });
      await directory.refresh(db, id);
      return presentStation(after);
    },
  };

}
