import type { Classification, CreateDatasetRequest, DutyCycle } from '../../../contracts/catalog';
import type { FieldDefinition, TableDefinition } from '../../../contracts/dataset-schema';
import type { CatalogService } from '../catalog';
import { SYSTEM, type IdentityService } from '../identity';
import { WORKING_GROUP_NAME, demoOrganisations, demoUscc } from './demo.data';

/**
 * The demo catalog: the four provinces' departments (and the working group for jointly built
 * resources) publishing datasets across themes and sharing types, including the platform's
 * own data (monitoring readings, stations, sections, penalty cases, EIA projects) with schemas,
 * and a data-duty register with one overdue duty. Everything goes through the catalog service.
 */

type Province = '310000' | '320000' | '330000' | '340000';
const PROVINCE_SHORT: Record<Province, string> = { '310000': '上海市', '320000': '江苏省', '330000': '浙江省', '340000': '安徽省' };

/** 部门 directory: 类 3, 项 = the province, 目 = the department. */
const departmentClass = (province: Province, ximu?: { code: string; name: string }): Classification => ({
  lei: { code: '3', name: '部门' },
  xiang: { code: province.slice(0, 2), name: PROVINCE_SHORT[province] },
  mu: { code: '001', name: '生态环境部门' },
  ...(ximu ? { ximu } : {}),
});
/** Jointly built resources: 主题 → 生态环保. */
const jointClass: Classification = { lei: { code: '2', name: '主题' }, xiang: { code: '11', name: '生态环保' }, mu: { code: '001', name: '长三角生态环境协同' } };

const field = (name: string, zh: string, en: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({ name, label: { zh, en }, type, ...extra });
const table = (name: string, zh: string, en: string, fields: FieldDefinition[], extra: Partial<TableDefinition> = {}): TableDefinition => ({ name, label: { zh, en }, fields, ...extra });

const READINGS = table('readings', '监测数据', 'Readings', [
  field('station_code', '站点编码', 'Station code', 'string', { element: 'STATION_CODE', required: true, maxLength: 32 }),
  field('pollutant_code', '监测因子编码', 'Pollutant code', 'code', { element: 'POLLUTANT_CODE', required: true, codeList: { code: 'HJ212_POLLUTANT' } }),
  field('observed_at', '监测时间', 'Observed at', 'datetime', { element: 'OBSERVED_AT', required: true }),
  field('value', '监测值', 'Measured value', 'decimal', { element: 'MEASURED_VALUE', precision: 4 }),
  field('unit', '计量单位', 'Unit', 'string', { element: 'MEASUREMENT_UNIT', maxLength: 20 }),
  field('flag', '数据标记', 'Data flag', 'string', { element: 'DATA_FLAG', maxLength: 2 }),
], { primaryKey: ['station_code', 'pollutant_code', 'observed_at'] });

const STATIONS = table('stations', '监测站点', 'Stations', [
  field('station_code', '站点编码', 'Station code', 'string', { element: 'STATION_CODE', required: true, maxLength: 32 }),
  field('station_name', '站点名称', 'Station name', 'string', { element: 'STATION_NAME', required: true, maxLength: 100 }),
  field('division_code', '行政区划代码', 'Division code', 'division', { element: 'DIVISION_CODE', required: true }),
  field('location', '点位坐标', 'Location', 'point', { element: 'SITE_LOCATION', required: true, mask: { kind: 'round_coordinates', decimals: 2 } }),
], { primaryKey: ['station_code'], scopeField: 'division_code' });

const SECTIONS = table('sections', '考核断面', 'Assessed sections', [
  field('section_code', '断面编码', 'Section code', 'string', { element: 'SECTION_CODE', required: true, maxLength: 20 }),
  field('section_name', '断面名称', 'Section name', 'string', { element: 'SECTION_NAME', required: true, maxLength: 100 }),
  field('river_name', '所在水体', 'Water body', 'string', { element: 'RIVER_NAME', maxLength: 100 }),
  field('division_code', '行政区划代码', 'Division code', 'division', { element: 'DIVISION_CODE', required: true }),
  field('target_class', '水质目标', 'Target class', 'code', { element: 'TARGET_WATER_CLASS', codeList: { code: 'GB3838_WATER_CLASS' } }),
], { primaryKey: ['section_code'], scopeField: 'division_code' });

const PENALTIES = table('penalty_cases', '行政处罚案件', 'Penalty cases', [
  field('decision_no', '处罚决定书文号', 'Decision number', 'string', { element: 'PENALTY_DECISION_NO', required: true, maxLength: 64 }),
  field('uscc', '统一社会信用代码', 'USCC', 'string', { element: 'USCC', required: true, maxLength: 18 }),
  field('enterprise_name', '单位名称', 'Entity name', 'string', { element: 'ENTERPRISE_NAME', required: true, maxLength: 200 }),
  field('contact_phone', '联系电话', 'Contact phone', 'string', { element: 'CONTACT_PHONE', maxLength: 20, mask: { kind: 'phone' } }),
  field('facts', '违法事实', 'Facts', 'text', { element: 'VIOLATION_FACTS' }),
  field('fine', '罚款金额', 'Fine', 'decimal', { element: 'PENALTY_AMOUNT', unit: '元', min: 0, precision: 2 }),
  field('decided_on', '处罚决定日期', 'Decision date', 'date', { element: 'DECIDED_ON', required: true }),
], { primaryKey: ['decision_no'] });

const EIA = table('eia_projects', '环评审批项目', 'EIA projects', [
  field('project_code', '项目代码', 'Project code', 'string', { element: 'EIA_PROJECT_CODE', required: true, maxLength: 40 }),
  field('project_name', '项目名称', 'Project name', 'string', { element: 'PROJECT_NAME', required: true, maxLength: 200 }),
  field('document_type', '环评文件类型', 'Document type', 'string', { element: 'EIA_DOCUMENT_TYPE', maxLength: 10 }),
  field('approval_no', '审批文号', 'Approval number', 'string', { element: 'EIA_APPROVAL_NO', maxLength: 64 }),
  field('approved_on', '审批日期', 'Approval date', 'date', { element: 'APPROVED_ON' }),
  field('investment', '总投资', 'Total investment', 'decimal', { element: 'TOTAL_INVESTMENT', unit: '万元', min: 0, precision: 2 }),
], { primaryKey: ['project_code'] });

interface DemoDataset {
  key: string;
  owner: Province | 'wg';
  status: 'published' | 'draft';
  meta: Omit<CreateDatasetRequest, 'ownerOrganisationId' | 'custodianOrganisationId' | 'relatedCodes' | 'classification'> & { classification?: Classification };
  /** Schema versions, oldest first, with the migration note of each later one. */
  schemas?: { tables: TableDefinition[]; note?: string }[];
}

const base = {
  licence: '长三角生态环境数据共享协议（2026 版）',
  useTerms: '仅用于履行生态环境保护职责，不得向第三方提供',
  format: { category: 'spreadsheet' as const, type: 'csv' },
  openness: { type: 'closed' as const },
  temporalEnd: null,
};
const unconditional = { type: 'unconditional' as const, mode: 'platform' as const, channel: 'api' as const };
const conditional = (condition: string) => ({ type: 'conditional' as const, condition, mode: 'platform' as const, channel: 'api' as const });

function demoDatasets(): DemoDataset[] {
  return [
    { key: 'sh-air', owner: '310000', status: 'published', meta: { ...base, titleZh: '上海市环境空气质量自动监测小时数据', titleEn: 'Shanghai hourly automatic air quality readings', descriptionZh: '国控、市控空气自动站六项污染物小时浓度，数据经 HJ 212 实时上报', descriptionEn: 'Hourly concentrations of the six pollutants at national and municipal automatic air stations, reported in real time over HJ 212', theme: 'air', keywords: ['空气质量', 'PM2.5', 'HJ 212'], spatialCoverage: ['310000'], temporalStart: '2024-01-01', sharing: unconditional, openness: { type: 'open' }, updateCycle: 'realtime', securityGrade: 'general' }, schemas: [{ tables: [READINGS] }, { tables: [{ ...READINGS, fields: [...READINGS.fields, field('aqi', '空气质量指数', 'AQI', 'integer', { element: 'AQI', min: 0, max: 500 })] }], note: '新增 AQI 字段；2026 年 11 月前的数据仍按第 1 版校验' }] },
    { key: 'sh-penalty', owner: '310000', status: 'published', meta: { ...base, titleZh: '上海市生态环境行政处罚案件', titleEn: 'Shanghai environmental penalty cases', descriptionZh: '行政处罚决定书主要信息，含当事人、违法事实和罚款金额', descriptionEn: 'Main facts of the penalty decisions: party, facts of the violation and fine', theme: 'enforcement', keywords: ['行政处罚', '执法'], spatialCoverage: ['310000'], temporalStart: '2020-01-01', sharing: conditional('仅限执法协作和信用联合奖惩使用'), updateCycle: 'daily', securityGrade: 'important' }, schemas: [{ tables: [PENALTIES] }] },
    { key: 'sh-eia', owner: '310000', status: 'published', meta: { ...base, titleZh: '上海市建设项目环评审批信息', titleEn: 'Shanghai EIA approvals of construction projects', descriptionZh: '建设项目环境影响报告书（表）审批结果公开信息', descriptionEn: 'Public results of the approvals of environmental impact reports and forms', theme: 'eia', keywords: ['环评', '审批'], spatialCoverage: ['310000'], temporalStart: '2021-01-01', sharing: unconditional, openness: { type: 'open' }, format: { category: 'spreadsheet', type: 'xlsx' }, updateCycle: 'daily', securityGrade: 'general' }, schemas: [{ tables: [EIA] }] },
    { key: 'sh-radiation', owner: '310000', status: 'published', meta: { ...base, titleZh: '上海市辐射安全许可证持证单位信息', titleEn: 'Shanghai radiation safety licence holders', descriptionZh: '放射源和射线装置使用单位许可信息', descriptionEn: 'Licences of the users of radioactive sources and ray devices', theme: 'other', keywords: ['核与辐射'], spatialCoverage: ['310000'], sharing: { type: 'not_shared', condition: '《中华人民共和国核安全法》及放射源安全管理规定，涉及放射源位置的信息不予共享', mode: 'media' }, format: { category: 'database', type: 'Dm' }, updateCycle: 'monthly', securityGrade: 'core' } },
    { key: 'sh-credit', owner: '310000', status: 'published', meta: { ...base, titleZh: '上海市企业环境信用评价结果', titleEn: 'Shanghai enterprise environmental credit ratings', descriptionZh: '年度企业环境信用评价等级', descriptionEn: 'Annual environmental credit rating of enterprises', theme: 'credit', keywords: ['环境信用'], spatialCoverage: ['310000'], sharing: unconditional, openness: { type: 'open' }, updateCycle: 'annual', securityGrade: 'general' } },
    { key: 'js-water-auto', owner: '320000', status: 'published', meta: { ...base, titleZh: '江苏省国省控断面水质自动监测数据', titleEn: 'Jiangsu automatic water quality readings at national and provincial sections', descriptionZh: '水质自动站四小时监测数据（pH、溶解氧、高锰酸盐指数、氨氮、总磷等）', descriptionEn: 'Four-hourly readings of the automatic water stations (pH, DO, CODMn, NH3-N, TP …)', theme: 'water', keywords: ['地表水', '自动监测'], spatialCoverage: ['320000'], temporalStart: '2023-01-01', sharing: conditional('限于跨界水污染联防联控和考核使用'), updateCycle: 'realtime', securityGrade: 'important' }, schemas: [{ tables: [READINGS] }] },
    { key: 'js-sections', owner: '320000', status: 'published', meta: { ...base, titleZh: '江苏省地表水考核断面名录', titleEn: 'Jiangsu assessed surface-water sections', descriptionZh: '国考、省考断面编码、名称、所在水体和水质目标', descriptionEn: 'Codes, names, water bodies and targets of the national and provincial assessment sections', theme: 'water', keywords: ['断面', '水质目标'], spatialCoverage: ['320000'], sharing: unconditional, openness: { type: 'open' }, updateCycle: 'annual', securityGrade: 'general' }, schemas: [{ tables: [SECTIONS] }] },
    { key: 'js-sources', owner: '320000', status: 'published', meta: { ...base, titleZh: '江苏省重点排污单位自动监控数据', titleEn: 'Jiangsu automatic monitoring of key dischargers', descriptionZh: '重点排污单位废水、废气排放口自动监控小时数据', descriptionEn: 'Hourly automatic monitoring of the waste-water and flue-gas outlets of key dischargers', theme: 'pollution_source', keywords: ['排污单位', '在线监控'], spatialCoverage: ['320000'], sharing: conditional('限执法监管和排污许可证后管理使用'), updateCycle: 'realtime', securityGrade: 'important' } },
    { key: 'js-hazwaste', owner: '320000', status: 'published', meta: { ...base, titleZh: '江苏省危险废物跨省转移联单', titleEn: 'Jiangsu inter-provincial hazardous waste manifests', descriptionZh: '危险废物跨省转移电子联单（移出、接收、运输）', descriptionEn: 'Electronic manifests of hazardous waste moved between provinces', theme: 'pollution_source', keywords: ['危险废物', '转移联单'], spatialCoverage: ['320000', '310000', '330000', '340000'], sharing: conditional('限跨省转移审批和联合执法使用'), updateCycle: 'daily', securityGrade: 'important' } },
    { key: 'js-emergency', owner: '320000', status: 'published', meta: { ...base, titleZh: '江苏省突发环境事件信息', titleEn: 'Jiangsu environmental emergencies', descriptionZh: '突发环境事件基本情况、等级和处置进展', descriptionEn: 'Environmental emergencies: facts, level and response', theme: 'emergency', keywords: ['突发环境事件', '应急'], spatialCoverage: ['320000'], sharing: conditional('限应急联动使用'), updateCycle: 'irregular', securityGrade: 'important', format: { category: 'electronic_file', type: 'pdf' } } },
    { key: 'zj-stations', owner: '330000', status: 'published', meta: { ...base, titleZh: '浙江省空气质量监测站点名录', titleEn: 'Zhejiang air monitoring stations', descriptionZh: '空气自动监测站点编码、名称、所在区县和坐标', descriptionEn: 'Codes, names, counties and coordinates of the automatic air stations', theme: 'air', keywords: ['监测站点'], spatialCoverage: ['330000'], sharing: unconditional, openness: { type: 'open' }, updateCycle: 'annual', securityGrade: 'general', format: { category: 'self_describing', type: 'geojson' } }, schemas: [{ tables: [STATIONS] }] },
    { key: 'zj-permits', owner: '330000', status: 'published', meta: { ...base, titleZh: '浙江省排污许可证信息', titleEn: 'Zhejiang discharge permits', descriptionZh: '排污许可证核发、变更、延续和注销信息', descriptionEn: 'Issued, changed, extended and withdrawn discharge permits', theme: 'pollution_source', keywords: ['排污许可'], spatialCoverage: ['330000'], sharing: unconditional, openness: { type: 'conditional', condition: '公开排污许可证正本信息' }, updateCycle: 'monthly', securityGrade: 'general' } },
    { key: 'zj-redline', owner: '330000', status: 'published', meta: { ...base, titleZh: '浙江省生态保护红线', titleEn: 'Zhejiang ecological conservation red lines', descriptionZh: '生态保护红线矢量边界及管控要求', descriptionEn: 'Boundaries of the ecological conservation red lines and their rules', theme: 'ecology', keywords: ['生态保护红线'], spatialCoverage: ['330000'], sharing: conditional('限国土空间规划和环评审批使用，不得对外提供矢量数据'), format: { category: 'self_describing', type: 'shp' }, updateCycle: 'annual', securityGrade: 'important' } },
    { key: 'zj-ghg', owner: '330000', status: 'published', meta: { ...base, titleZh: '浙江省重点排放单位温室气体排放核查结果', titleEn: 'Zhejiang verified greenhouse gas emissions of key emitters', descriptionZh: '纳入全国碳市场重点排放单位年度排放核查量', descriptionEn: 'Verified annual emissions of the key emitters in the national carbon market', theme: 'climate', keywords: ['碳排放', '核查'], spatialCoverage: ['330000'], sharing: conditional('限应对气候变化主管部门使用'), updateCycle: 'annual', securityGrade: 'important' } },
    { key: 'zj-inspections', owner: '330000', status: 'draft', meta: { ...base, titleZh: '浙江省“双随机、一公开”执法检查记录', titleEn: 'Zhejiang random inspections', descriptionZh: '双随机抽查对象、检查人员和检查结果', descriptionEn: 'Randomly drawn inspection targets, inspectors and results', theme: 'enforcement', keywords: ['双随机', '执法检查'], spatialCoverage: ['330000'], sharing: conditional('限执法协作使用'), updateCycle: 'monthly', securityGrade: 'general' } },
    { key: 'ah-chaohu', owner: '340000', status: 'published', meta: { ...base, titleZh: '安徽省巢湖水质月报', titleEn: 'Anhui Lake Chaohu monthly water quality', descriptionZh: '巢湖湖体及入湖河流断面月度水质类别', descriptionEn: 'Monthly water classes of Lake Chaohu and its inflowing rivers', theme: 'water', keywords: ['巢湖', '水质'], spatialCoverage: ['340100'], sharing: unconditional, openness: { type: 'open' }, updateCycle: 'monthly', securityGrade: 'general', format: { category: 'spreadsheet', type: 'xlsx' } } },
    { key: 'ah-soil', owner: '340000', status: 'published', meta: { ...base, titleZh: '安徽省建设用地土壤污染风险管控和修复名录', titleEn: 'Anhui list of contaminated construction land under control and remediation', descriptionZh: '列入名录地块的位置、风险管控和修复进展', descriptionEn: 'Sites on the list: location, risk control and remediation progress', theme: 'soil', keywords: ['土壤', '名录'], spatialCoverage: ['340000'], sharing: conditional('限土地收储和规划审批使用'), updateCycle: 'irregular', securityGrade: 'important' } },
    { key: 'ah-drinking', owner: '340000', status: 'published', meta: { ...base, titleZh: '安徽省集中式饮用水水源地水质', titleEn: 'Anhui drinking water source quality', descriptionZh: '地级及以上城市集中式饮用水水源地月度监测结果', descriptionEn: 'Monthly results at the centralised drinking water sources of the cities', theme: 'water', keywords: ['饮用水水源地'], spatialCoverage: ['340000'], sharing: unconditional, updateCycle: 'monthly', securityGrade: 'important' } },
    { key: 'ah-credit', owner: '340000', status: 'published', meta: { ...base, titleZh: '安徽省社会生态环境监测机构信用评价结果', titleEn: 'Anhui credit ratings of environmental monitoring institutions', descriptionZh: '年度 A/B/C/D 信用等级评价结果', descriptionEn: 'Annual A/B/C/D credit ratings', theme: 'credit', keywords: ['监测机构', '信用评价'], spatialCoverage: ['340000'], sharing: unconditional, openness: { type: 'open' }, updateCycle: 'annual', securityGrade: 'general' } },
    { key: 'wg-transboundary', owner: 'wg', status: 'published', meta: { ...base, classification: jointClass, titleZh: '长三角跨界断面水质联合监测数据', titleEn: 'Joint monitoring of trans-boundary river sections in the Delta', descriptionZh: '沪苏浙皖跨省界断面联合监测月度结果', descriptionEn: 'Monthly results of the joint monitoring at the sections on provincial borders', theme: 'water', keywords: ['跨界断面', '联合监测'], spatialCoverage: ['000000'], sharing: conditional('限长三角生态环境协作成员单位使用'), updateCycle: 'monthly', securityGrade: 'important' }, schemas: [{ tables: [SECTIONS] }] },
  ];
}

const DUTIES: { dataset: string; obliged: Province | 'wg'; cycle: DutyCycle; firstDueDate: string; note: string }[] = [
  { dataset: 'wg-transboundary', obliged: '320000', cycle: 'monthly', firstDueDate: '2026-12-10', note: '江苏段跨界断面每月 10 日前报送上月结果' },
  { dataset: 'wg-transboundary', obliged: '340000', cycle: 'monthly', firstDueDate: '2026-12-10', note: '安徽段跨界断面每月 10 日前报送上月结果' },
  // Nothing released since the first due date: the overdue duty of the demo.
  { dataset: 'ah-chaohu', obliged: '340000', cycle: 'monthly', firstDueDate: '2026-10-15', note: '每月 15 日前报送上月巢湖水质' },
  { dataset: 'js-sections', obliged: '320000', cycle: 'annual', firstDueDate: '2027-01-31', note: '每年 1 月底前更新断面名录' },
  { dataset: 'zj-permits', obliged: '330000', cycle: 'monthly', firstDueDate: '2026-12-31', note: '每月底前报送当月许可变更' },
  { dataset: 'sh-credit', obliged: '310000', cycle: 'annual', firstDueDate: '2027-03-31', note: '每年 3 月底前报送上年度评价结果' },
];

export interface CatalogDemoResult {
  datasetsCreated: number;
  dutiesCreated: number;
}

/** Loads the demo catalog unless the catalog already has datasets (idempotent). */
export async function seedCatalogDemo(ctx: { identity: IdentityService; catalog: CatalogService }, onProgress: (line: string) => void = () => undefined): Promise<CatalogDemoResult> {
  const { catalog, identity } = ctx;
  if ((await catalog.search(SYSTEM, { limit: 1 })).total > 0) {
    onProgress('catalog: present');
    return { datasetsCreated: 0, dutiesCreated: 0 };
  }
  const organisationId = new Map<Province | 'wg', string>();
  const departments = demoOrganisations().filter((o) => o.kind === 'provincial_department');
  for (const province of Object.keys(PROVINCE_SHORT) as Province[]) {
    const name = departments.find((o) => o.divisionCode === province)!.name;
    organisationId.set(province, (await identity.organisations.findByIdOrName(SYSTEM, name))!.id);
  }
  organisationId.set('wg', (await identity.organisations.findByIdOrName(SYSTEM, WORKING_GROUP_NAME))!.id);

  const idByKey = new Map<string, string>();
  for (const item of demoDatasets()) {
    const ownerOrganisationId = organisationId.get(item.owner)!;
    const { classification, ...meta } = item.meta;
    const created = await catalog.datasets.create(SYSTEM, {
      ...meta,
      classification: classification ?? departmentClass(item.owner as Province),
      ownerOrganisationId,
      relatedCodes: [],
      // Anhui's DB34/T 4685 resource code: the provider's USCC, the compiling level (2 = province), the class code.
      ...(item.owner === '340000' ? { localCode: `${demoUscc('11', '340000', 'A')}-2-334001` } : {}),
    });
    idByKey.set(item.key, created.id);
    for (const [index, version] of (item.schemas ?? []).entries()) {
      const draft = await catalog.schemas.create(SYSTEM, created.id, { definition: { format: 1, tables: version.tables }, ...(index > 0 && version.note ? { migrationNote: version.note } : {}) });
      await catalog.schemas.publish(SYSTEM, created.id, draft.id);
    }
    if (item.status === 'published') await catalog.datasets.publish(SYSTEM, created.id);
  }
  // The joint dataset relates to the provinces' own water data (关联资源代码).
  const jointId = idByKey.get('wg-transboundary')!;
  const related = await Promise.all(['js-water-auto', 'ah-chaohu'].map(async (key) => (await catalog.datasets.get(SYSTEM, idByKey.get(key)!)).code));
  await catalog.datasets.update(SYSTEM, jointId, { relatedCodes: related });
  onProgress(`catalog: ${idByKey.size} datasets`);

  for (const duty of DUTIES) {
    await catalog.duties.create(SYSTEM, { datasetId: idByKey.get(duty.dataset)!, organisationId: organisationId.get(duty.obliged)!, cycle: duty.cycle, firstDueDate: duty.firstDueDate, note: duty.note });
  }
  onProgress(`catalog: ${DUTIES.length} data duties`);
  return { datasetsCreated: idByKey.size, dutiesCreated: DUTIES.length };
}
