import type { CreateDatasetRequest, Dataset } from '../../../src/contracts/catalog';
import type { Organisation } from '../../../src/contracts/identity';
import type { AppContext } from '../../../src/server/context';
import type { App } from '../../../src/server/http/app';
import { demoUscc } from '../../../src/server/modules/demo/demo.data';
import { SYSTEM } from '../../../src/server/modules/identity';
import { makeOrganisation, makeSignedInUser, type Session } from '../../helpers/identity';

let sequence = 0;
let tag = 0;
const USCC_TAGS = 'BEFGHJKLNPQRTUWXY';

/** A valid, complete catalog entry: by default an air-quality dataset shared unconditionally. */
export function datasetBody(overrides: Partial<CreateDatasetRequest> = {}): CreateDatasetRequest {
  sequence += 1;
  return {
    classification: {
      lei: { code: '2', name: '主题' },
      xiang: { code: '11', name: '生态环保' },
      mu: { code: '001', name: '大气环境' },
    },
    titleZh: `空气质量自动监测小时数据${sequence}`,
    titleEn: `Hourly automatic air quality readings ${sequence}`,
    descriptionZh: '城市空气质量自动监测站六项污染物小时浓度及 AQI',
    descriptionEn: 'Hourly concentrations of the six pollutants and AQI of the automatic air stations',
    theme: 'air',
    keywords: ['空气质量', 'AQI'],
    spatialCoverage: ['320000'],
    temporalStart: '2024-01-01',
    temporalEnd: null,
    format: { category: 'spreadsheet', type: 'csv' },
    sharing: { type: 'unconditional', mode: 'platform', channel: 'api' },
    openness: { type: 'open' },
    updateCycle: 'daily',
    securityGrade: 'general',
    licence: 'CC BY 4.0',
    useTerms: '仅限履行生态环境保护职责使用',
    relatedCodes: [],
    ...overrides,
  };
}

export interface Province {
  organisation: Organisation;
  steward: Session;
  admin: Session;
  analyst: Session;
}

/** A provincial department (with a valid USCC) and its signed-in steward, admin and analyst. */
export async function makeProvince(app: App, ctx: AppContext, code: string): Promise<Province> {
  const organisation = await makeOrganisation(ctx, { kind: 'provincial_department', divisionCode: code, uscc: demoUscc('11', code, USCC_TAGS[tag++ % USCC_TAGS.length]!) });
  const sign = async (role: 'data_steward' | 'org_admin' | 'analyst') => (await makeSignedInUser(app, ctx, { organisationId: organisation.id, roles: [role] })).session;
  return { organisation, steward: await sign('data_steward'), admin: await sign('org_admin'), analyst: await sign('analyst') };
}

/** The working group with a signed-in member. */
export async function makeWorkingGroup(app: App, ctx: AppContext): Promise<{ organisation: Organisation; member: Session }> {
  const organisation = await makeOrganisation(ctx, { kind: 'working_group', divisionCode: '000000' });
  const member = (await makeSignedInUser(app, ctx, { organisationId: organisation.id, roles: ['working_group_member'] })).session;
  return { organisation, member };
}

/** A dataset created (and optionally published) by the system for `ownerOrganisationId`. */
export async function makeDataset(ctx: AppContext, ownerOrganisationId: string, overrides: Partial<CreateDatasetRequest> = {}, publish = true): Promise<Dataset> {
  const created = await ctx.catalog.datasets.create(SYSTEM, datasetBody({ ownerOrganisationId, ...overrides }));
  return publish ? ctx.catalog.datasets.publish(SYSTEM, created.id) : created;
}

export const simpleDefinition = (extraField?: string) => ({
  format: 1,
  tables: [
    {
      name: 'readings',
      label: { zh: '监测数据', en: 'Readings' },
      fields: [
        { name: 'station_code', label: { zh: '站点编码', en: 'Station code' }, type: 'string', required: true, maxLength: 20 },
        { name: 'observed_at', label: { zh: '监测时间', en: 'Observed at' }, type: 'datetime', required: true },
        { name: 'pm25', label: { zh: 'PM2.5浓度', en: 'PM2.5' }, type: 'decimal', unit: 'µg/m³', min: 0 },
        ...(extraField === undefined ? [] : [{ name: extraField, label: { zh: extraField, en: extraField }, type: 'integer' }]),
      ],
      primaryKey: ['station_code', 'observed_at'],
    },
  ],
});
