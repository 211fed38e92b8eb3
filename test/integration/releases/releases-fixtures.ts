import type { Dataset } from '../../../src/contracts/catalog';
import type { AppContext } from '../../../src/server/context';
import type { App } from '../../../src/server/http/app';
import { SYSTEM } from '../../../src/server/modules/identity';
import { makeSignedInUser, type Session } from '../../helpers/identity';
import { makeDataset, makeProvince, makeWorkingGroup, type Province } from '../catalog/catalog-fixtures';

/**
 * Surface-water sections (断面) and their samples: a scope field for row-level grants, a primary
 * key, a link between the tables, a unit and range, and a custom BLOCKER rule.
 */
export const waterDefinition = (options: { extraField?: string } = {}) => ({
  format: 1,
  tables: [
    {
      name: 'sections',
      label: { zh: '断面', en: 'Sections' },
      required: true,
      primaryKey: ['section_code'],
      scopeField: 'division_code',
      fields: [
        { name: 'section_code', label: { zh: '断面编码', en: 'Section code' }, type: 'string', required: true, maxLength: 20 },
        { name: 'section_name', label: { zh: '断面名称', en: 'Section name' }, type: 'string', required: true, maxLength: 60 },
        { name: 'division_code', label: { zh: '行政区划', en: 'Division' }, type: 'division', required: true },
      ],
    },
    {
      name: 'samples',
      label: { zh: '监测结果', en: 'Samples' },
      primaryKey: ['section_code', 'sampled_on'],
      links: [{ fields: ['section_code'], references: { table: 'sections', fields: ['section_code'] } }],
      fields: [
        { name: 'section_code', label: { zh: '断面编码', en: 'Section code' }, type: 'string', required: true },
        { name: 'sampled_on', label: { zh: '采样日期', en: 'Sampled on' }, type: 'date', required: true },
        { name: 'cod', label: { zh: '化学需氧量', en: 'COD' }, type: 'decimal', unit: 'mg/L', min: 0, max: 10000, precision: 1 },
        { name: 'note', label: { zh: '备注', en: 'Note' }, type: 'text' },
        ...(options.extraField ? [{ name: options.extraField, label: { zh: '流量', en: 'Flow' }, type: 'decimal' }] : []),
      ],
    },
  ],
  rules: [
    {
      code: 'WQ-001',
      level: 'record',
      table: 'samples',
      severity: 'BLOCKER',
      message: { zh: 'COD 超过 500 mg/L，数据不可信', en: 'COD above 500 mg/L is implausible' },
      expression: { op: 'le', left: { op: 'field', field: 'cod' }, right: { op: 'literal', value: 500 } },
    },
  ],
});

export interface ReleaseWorld {
  jiangsu: Province;
  anhui: Province;
  workingGroup: { organisation: { id: string }; member: Session };
  dataset: Dataset;
  schemaId: string;
}

/** Jiangsu owns a published dataset with a published schema; the working group is custodian. */
export async function makeReleaseWorld(app: App, ctx: AppContext): Promise<ReleaseWorld> {
  const jiangsu = await makeProvince(app, ctx, '320000');
  const anhui = await makeProvince(app, ctx, '340000');
  const workingGroup = await makeWorkingGroup(app, ctx);
  const dataset = await makeDataset(ctx, jiangsu.organisation.id, { custodianOrganisationId: workingGroup.organisation.id, theme: 'water', sharing: { type: 'conditional', condition: '用于跨界水质联防联控', mode: 'platform', channel: 'api' } });
  const schema = await ctx.catalog.schemas.create(SYSTEM, dataset.id, { definition: waterDefinition() });
  await ctx.catalog.schemas.publish(SYSTEM, dataset.id, schema.id);
  return { jiangsu, anhui, workingGroup, dataset, schemaId: schema.id };
}

export const goodSections = [
  { section_code: 'JS-TH01', section_name: '太湖乌龟山', division_code: '320200' },
  { section_code: 'JS-NJ01', section_name: '长江九乡河口', division_code: '320100' },
  { section_code: 'JS-NJ02', section_name: '秦淮河七桥瓮', division_code: '320104' },
];

export const goodSamples = [
  { section_code: 'JS-TH01', sampled_on: '2026-10-05', cod: 14.2, note: null },
  { section_code: 'JS-NJ01', sampled_on: '2026-10-05', cod: '12.5 mg/L', note: '' },
  { section_code: 'JS-NJ02', sampled_on: '2026-10-06', cod: 18, note: '雨后' },
];

export async function postJson(app: App, session: Session, datasetId: string, body: unknown) {
  return app.inject({ method: 'POST', url: `/api/v1/datasets/${datasetId}/uploads`, headers: session.headers(true), payload: body as object });
}

export async function postFile(app: App, session: Session, datasetId: string, contentType: string, body: Buffer | string, query: string) {
  return app.inject({ method: 'POST', url: `/api/v1/datasets/${datasetId}/uploads?${query}`, headers: { ...session.headers(true), 'content-type': contentType }, payload: body });
}

export { makeSignedInUser };
