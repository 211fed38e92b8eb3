import type { CreateStationRequest, Station } from '../../../src/contracts/monitoring';
import type { Organisation } from '../../../src/contracts/identity';
import type { AppContext } from '../../../src/server/context';
import type { App } from '../../../src/server/http/app';
import { SYSTEM } from '../../../src/server/modules/identity';
import { makeOrganisation, makeSignedInUser, type Session } from '../../helpers/identity';

let sequence = 0;
const next = () => `${process.pid.toString(36)}${(++sequence).toString(36)}`;

/** A valid station body: by default an automatic river station in Nanjing (320100). */
export function stationBody(overrides: Partial<CreateStationRequest> = {}): CreateStationRequest {
  const n = next();
  return {
    code: `ST-${n}`,
    name: `测试站点${n}`,
    nameEn: `Test station ${n}`,
    mn: `MN${n.toUpperCase()}`.slice(0, 24),
    kind: 'surface_water',
    subKind: 'automatic',
    longitude: 118.8,
    latitude: 32.05,
    provinceCode: '320000',
    cityCode: '320100',
    parameters: [
      { code: 'w01001', unit: '无量纲' },
      { code: 'w01018', unit: 'mg/L' },
      { code: 'w21003', unit: 'mg/L', permitLimit: 1.5 },
    ],
    ...overrides,
  };
}

/** A station created by the system caller for `ownerOrganisationId`. */
export async function makeStation(ctx: AppContext, ownerOrganisationId: string, overrides: Partial<CreateStationRequest> = {}): Promise<Station> {
  return ctx.monitoring.stations.create(SYSTEM, stationBody({ ownerOrganisationId, ...overrides }));
}

export interface Party {
  organisation: Organisation;
  steward: Session;
  admin: Session;
  analyst: Session;
}

/** An organisation (default: Nanjing city bureau) with a signed-in data steward, org admin and analyst. */
export async function makeParty(app: App, ctx: AppContext, divisionCode = '320100'): Promise<Party> {
  const organisation = await makeOrganisation(ctx, { kind: 'city_bureau', divisionCode });
  const steward = (await makeSignedInUser(app, ctx, { organisationId: organisation.id, roles: ['data_steward'] })).session;
  const admin = (await makeSignedInUser(app, ctx, { organisationId: organisation.id, roles: ['org_admin'] })).session;
  const analyst = (await makeSignedInUser(app, ctx, { organisationId: organisation.id, roles: ['analyst'] })).session;
  return { organisation, steward, admin, analyst };
}
