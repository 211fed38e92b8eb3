import type { CreateDataElementRequest, CodeListEntryInput } from '../../../contracts/dictionary';
import { SECURITY_GRADES, SHARING_TYPES } from '../../../contracts/sharing';
import { DIVISIONS } from '../../../standards/divisions';
import { AMBIENT_AIR_CODES, SURFACE_WATER_CODES, pollutantCode2017To2005 } from '../../../standards/hj212';
import { WATER_CLASSES } from '../../../standards/water-quality';
import { AppError } from '../../platform/errors';
import { SYSTEM } from '../identity';
import type { DictionaryService } from './dictionary.service';

/**
 * The dictionary the platform itself needs: the elements of its own data (monitoring stations
 * and readings, water sections 断面, penalty cases, EIA projects) and the national code lists
 * they use. Independent of migrations (it goes through the service, audited as the system), so
 * the demo module and tests call it; idempotent — what exists is left alone.
 */

export interface DictionarySeedResult {
  elementsCreated: number;
  codeListsCreated: number;
}

/** HJ 212-2017 codes with names (Appendix B), the ones the platform receives. */
const POLLUTANT_NAMES: Readonly<Record<string, [string, string]>> = {
  a21026: ['二氧化硫', 'Sulphur dioxide (SO2)'],
  a21004: ['二氧化氮', 'Nitrogen dioxide (NO2)'],
  a34002: ['可吸入颗粒物（PM10）', 'Particulate matter PM10'],
  a34004: ['细颗粒物（PM2.5）', 'Particulate matter PM2.5'],
  a21005: ['一氧化碳', 'Carbon monoxide (CO)'],
  a05024: ['臭氧', 'Ozone (O3)'],
  a00000: ['废气流量', 'Flue gas flow'],
  a34013: ['烟尘', 'Smoke dust'],
  a21002: ['氮氧化物', 'Nitrogen oxides (NOx)'],
  a21028: ['硫化氢', 'Hydrogen sulphide (H2S)'],
  a21024: ['氯化氢', 'Hydrogen chloride (HCl)'],
  a21001: ['氨', 'Ammonia (NH3)'],
  a05001: ['二氧化碳', 'Carbon dioxide (CO2)'],
  a20057: ['汞及其化合物', 'Mercury and its compounds'],
  a01010: ['林格曼黑度', 'Ringelmann blackness'],
  a19001: ['氧气含量', 'Oxygen content'],
  a01011: ['烟气流速', 'Flue gas velocity'],
  a01012: ['烟气温度', 'Flue gas temperature'],
  a01013: ['烟气压力', 'Flue gas pressure'],
  a01014: ['烟气湿度', 'Flue gas humidity'],
  a01015: ['制冷温度', 'Cooling temperature'],
  a01016: ['烟道截面积', 'Flue cross-section area'],
  a01017: ['烟气动压', 'Flue gas dynamic pressure'],
  w00000: ['污水流量', 'Waste water flow'],
  w01001: ['pH 值', 'pH'],
  w01002: ['色度', 'Colour'],
  w01009: ['溶解氧', 'Dissolved oxygen'],
  w01012: ['悬浮物', 'Suspended solids'],
  w01017: ['五日生化需氧量', 'BOD5'],
  w01018: ['化学需氧量', 'Chemical oxygen demand (COD)'],
  w01019: ['高锰酸盐指数', 'Permanganate index (CODMn)'],
  w01020: ['总有机碳', 'Total organic carbon'],
  w20111: ['总汞', 'Total mercury'],
  w20115: ['总镉', 'Total cadmium'],
  w20116: ['总铬', 'Total chromium'],
  w20117: ['六价铬', 'Hexavalent chromium'],
  w20119: ['总砷', 'Total arsenic'],
  w20120: ['总铅', 'Total lead'],
  w21001: ['总氮', 'Total nitrogen'],
  w21003: ['氨氮', 'Ammonia nitrogen'],
  w21011: ['总磷', 'Total phosphorus'],
  w21016: ['氰化物', 'Cyanide'],
  w22001: ['石油类', 'Petroleum'],
  w23002: ['挥发酚', 'Volatile phenol'],
};

function pollutantEntries(): CodeListEntryInput[] {
  // Only codes the standards module knows (ambient air, surface water, the 2005↔2017 table).
  const known = Object.keys(POLLUTANT_NAMES).filter((code) => code in AMBIENT_AIR_CODES || code in SURFACE_WATER_CODES || pollutantCode2017To2005(code) !== null);
  return known.map((code) => ({ code, nameZh: POLLUTANT_NAMES[code]![0], nameEn: POLLUTANT_NAMES[code]![1] }));
}

const WATER_CLASS_NAMES: Readonly<Record<string, [string, string]>> = {
  I: ['Ⅰ类', 'Class I'],
  II: ['Ⅱ类', 'Class II'],
  III: ['Ⅲ类', 'Class III'],
  IV: ['Ⅳ类', 'Class IV'],
  V: ['Ⅴ类', 'Class V'],
  劣V: ['劣Ⅴ类', 'Worse than class V'],
};

function divisionEntries(): CodeListEntryInput[] {
  return DIVISIONS.map((division) => ({ code: division.code, nameZh: division.name, nameEn: division.nameEnFull, parentCode: division.parent }));
}

/** GB/T 4754 industries the platform's sectors use (domain-standards §8), section C. */
const INDUSTRIES_2017: CodeListEntryInput[] = [
  { code: 'C', nameZh: '制造业', nameEn: 'Manufacturing' },
  { code: '25', nameZh: '石油、煤炭及其他燃料加工业', nameEn: 'Processing of petroleum, coal and other fuels', parentCode: 'C' },
  { code: '251', nameZh: '精炼石油产品制造', nameEn: 'Refined petroleum products', parentCode: '25' },
  { code: '2511', nameZh: '原油加工及石油制品制造', nameEn: 'Crude oil processing and petroleum products', parentCode: '251' },
  { code: '2519', nameZh: '其他原油制造', nameEn: 'Other crude oil manufacturing', parentCode: '251' },
  { code: '252', nameZh: '煤炭加工', nameEn: 'Coal processing', parentCode: '25' },
  { code: '2521', nameZh: '炼焦', nameEn: 'Coking', parentCode: '252' },
  { code: '2522', nameZh: '煤制合成气生产', nameEn: 'Coal-based syngas production', parentCode: '252' },
  { code: '26', nameZh: '化学原料和化学制品制造业', nameEn: 'Chemical raw materials and products', parentCode: 'C' },
  { code: '261', nameZh: '基础化学原料制造', nameEn: 'Basic chemical raw materials', parentCode: '26' },
  { code: '2611', nameZh: '无机酸制造', nameEn: 'Inorganic acids', parentCode: '261' },
  { code: '2612', nameZh: '无机碱制造', nameEn: 'Inorganic alkalis', parentCode: '261' },
  { code: '2613', nameZh: '无机盐制造', nameEn: 'Inorganic salts', parentCode: '261' },
  { code: '2614', nameZh: '有机化学原料制造', nameEn: 'Organic chemical raw materials', parentCode: '261' },
  { code: '2619', nameZh: '其他基础化学原料制造', nameEn: 'Other basic chemical raw materials', parentCode: '261' },
  { code: '265', nameZh: '合成材料制造', nameEn: 'Synthetic materials', parentCode: '26' },
  { code: '2651', nameZh: '初级形态塑料及合成树脂制造', nameEn: 'Primary plastics and synthetic resins', parentCode: '265' },
  { code: '30', nameZh: '非金属矿物制品业', nameEn: 'Non-metallic mineral products', parentCode: 'C' },
  { code: '301', nameZh: '水泥、石灰和石膏制造', nameEn: 'Cement, lime and gypsum', parentCode: '30' },
  { code: '3011', nameZh: '水泥制造', nameEn: 'Cement manufacturing', parentCode: '301' },
  { code: '3012', nameZh: '石灰和石膏制造', nameEn: 'Lime and gypsum', parentCode: '301' },
  { code: '302', nameZh: '石膏、水泥制品及类似制品制造', nameEn: 'Gypsum, cement and similar products', parentCode: '30' },
  { code: '3021', nameZh: '水泥制品制造', nameEn: 'Cement products', parentCode: '302' },
];

/** The 2011 edition differs in the crude-oil class: 2512 人造原油制造 (2017: 2519). */
const INDUSTRIES_2011: CodeListEntryInput[] = INDUSTRIES_2017.filter((entry) => entry.code !== '2519').concat([
  { code: '2512', nameZh: '人造原油制造', nameEn: 'Synthetic crude oil manufacturing', parentCode: '251' },
]);

const SHARING_TYPE_NAMES: Readonly<Record<(typeof SHARING_TYPES)[number], [string, string]>> = {
  unconditional: ['无条件共享', 'Unconditional sharing'],
  conditional: ['有条件共享', 'Conditional sharing'],
  not_shared: ['不予共享', 'Not shared'],
};
const SECURITY_GRADE_NAMES: Readonly<Record<(typeof SECURITY_GRADES)[number], [string, string]>> = {
  core: ['核心数据', 'Core data'],
  important: ['重要数据', 'Important data'],
  general: ['一般数据', 'General data'],
};

interface SeedCodeList {
  code: string;
  nameZh: string;
  nameEn: string;
  description: string;
  /** Oldest first; all are released, and every version but the last is retired, replaced by the next. */
  versions: { version: string; note: string; entries: CodeListEntryInput[] }[];
}

function seedCodeLists(): SeedCodeList[] {
  return [
    {
      code: 'HJ212_POLLUTANT',
      nameZh: 'HJ 212 污染物及监测因子编码',
      nameEn: 'HJ 212 pollutant and parameter codes',
      description: 'HJ 212-2017 附录 B 中平台接收的监测因子编码',
      versions: [{ version: '2017', note: 'HJ 212-2017', entries: pollutantEntries() }],
    },
    {
      code: 'GB3838_WATER_CLASS',
      nameZh: '地表水环境质量类别',
      nameEn: 'Surface water quality classes',
      description: 'GB 3838-2002 地表水环境质量标准：Ⅰ～Ⅴ类及劣Ⅴ类',
      versions: [{ version: '2002', note: 'GB 3838-2002', entries: WATER_CLASSES.map((code) => ({ code, nameZh: WATER_CLASS_NAMES[code]![0], nameEn: WATER_CLASS_NAMES[code]![1] })) }],
    },
    {
      code: 'GB2260_DIVISION',
      nameZh: '长三角行政区划代码',
      nameEn: 'Administrative division codes of the Yangtze River Delta',
      description: 'GB/T 2260 中三省一市的省、地级市及示范区县级代码',
      versions: [{ version: '2024', note: 'GB/T 2260 (三省一市现行代码)', entries: divisionEntries() }],
    },
    {
      code: 'GB4754_INDUSTRY',
      nameZh: '国民经济行业分类',
      nameEn: 'Industrial classification for national economic activities',
      description: 'GB/T 4754（平台涉及的制造业门类）；2017 版含 2019 年第 1 号修改单',
      versions: [
        { version: '2011', note: 'GB/T 4754-2011', entries: INDUSTRIES_2011 },
        { version: '2017', note: 'GB/T 4754-2017（含第 1 号修改单）；2512 人造原油制造改为 2519 其他原油制造', entries: INDUSTRIES_2017 },
      ],
    },
    {
      code: 'SHARING_TYPE',
      nameZh: '共享属性',
      nameEn: 'Sharing type',
      description: '《政务信息资源共享管理暂行办法》（国发〔2016〕51号）',
      versions: [{ version: '2016', note: '国发〔2016〕51号', entries: SHARING_TYPES.map((code) => ({ code, nameZh: SHARING_TYPE_NAMES[code][0], nameEn: SHARING_TYPE_NAMES[code][1] })) }],
    },
    {
      code: 'SECURITY_GRADE',
      nameZh: '数据分级',
      nameEn: 'Data security grade',
      description: 'GB/T 43697-2024 数据安全技术 数据分类分级规则',
      versions: [{ version: '2024', note: 'GB/T 43697-2024', entries: SECURITY_GRADES.map((code) => ({ code, nameZh: SECURITY_GRADE_NAMES[code][0], nameEn: SECURITY_GRADE_NAMES[code][1] })) }],
    },
  ];
}

type SeedElement = CreateDataElementRequest;

const SEED_ELEMENTS: SeedElement[] = [
  // 监测站点
  { code: 'STATION_CODE', nameZh: '站点编码', nameEn: 'Station code', type: 'string', maxLength: 32, definition: '监测站点在平台内的唯一编码' },
  { code: 'STATION_NAME', nameZh: '站点名称', nameEn: 'Station name', type: 'string', maxLength: 100 },
  { code: 'STATION_MN', nameZh: '设备唯一标识（MN）', nameEn: 'Data logger MN', type: 'string', maxLength: 24, definition: 'HJ 212 数采仪 MN 号' },
  { code: 'SITE_LOCATION', nameZh: '点位坐标', nameEn: 'Site location', type: 'point', definition: 'WGS 84 经纬度（GeoJSON Point）' },
  { code: 'DIVISION_CODE', nameZh: '行政区划代码', nameEn: 'Division code', type: 'division', definition: 'GB/T 2260 六位行政区划代码' },
  // 监测数据
  { code: 'POLLUTANT_CODE', nameZh: '监测因子编码', nameEn: 'Pollutant code', type: 'code', codeList: 'HJ212_POLLUTANT' },
  { code: 'MEASURED_VALUE', nameZh: '监测值', nameEn: 'Measured value', type: 'decimal', precision: 4 },
  { code: 'MEASUREMENT_UNIT', nameZh: '计量单位', nameEn: 'Unit of measure', type: 'string', maxLength: 20 },
  { code: 'OBSERVED_AT', nameZh: '监测时间', nameEn: 'Observed at', type: 'datetime', definition: '数据时段起始时间（北京时间）' },
  { code: 'DATA_FLAG', nameZh: '数据标记', nameEn: 'Data flag', type: 'string', maxLength: 2, definition: 'HJ 212 数据标记（N、F、M、S、D、C、T、B 等）' },
  { code: 'AQI', nameZh: '空气质量指数', nameEn: 'Air quality index', type: 'integer', min: 0, max: 500 },
  // 水质断面
  { code: 'SECTION_CODE', nameZh: '断面编码', nameEn: 'Section code', type: 'string', maxLength: 20 },
  { code: 'SECTION_NAME', nameZh: '断面名称', nameEn: 'Section name', type: 'string', maxLength: 100 },
  { code: 'RIVER_NAME', nameZh: '所在水体', nameEn: 'Water body', type: 'string', maxLength: 100 },
  { code: 'WATER_CLASS', nameZh: '水质类别', nameEn: 'Water quality class', type: 'code', codeList: 'GB3838_WATER_CLASS' },
  { code: 'TARGET_WATER_CLASS', nameZh: '水质目标', nameEn: 'Target water class', type: 'code', codeList: 'GB3838_WATER_CLASS' },
  { code: 'SAMPLED_ON', nameZh: '采样日期', nameEn: 'Sampling date', type: 'date' },
  { code: 'WATER_COD', nameZh: '化学需氧量', nameEn: 'Chemical oxygen demand', type: 'decimal', unit: 'mg/L', min: 0, precision: 1 },
  { code: 'WATER_CODMN', nameZh: '高锰酸盐指数', nameEn: 'Permanganate index', type: 'decimal', unit: 'mg/L', min: 0, precision: 1 },
  { code: 'WATER_NH3N', nameZh: '氨氮', nameEn: 'Ammonia nitrogen', type: 'decimal', unit: 'mg/L', min: 0, precision: 3 },
  { code: 'WATER_TP', nameZh: '总磷', nameEn: 'Total phosphorus', type: 'decimal', unit: 'mg/L', min: 0, precision: 3 },
  { code: 'WATER_DO', nameZh: '溶解氧', nameEn: 'Dissolved oxygen', type: 'decimal', unit: 'mg/L', min: 0, max: 30, precision: 1 },
  { code: 'WATER_PH', nameZh: 'pH 值', nameEn: 'pH', type: 'decimal', min: 0, max: 14, precision: 2 },
  // 行政处罚案件
  { code: 'PENALTY_DECISION_NO', nameZh: '处罚决定书文号', nameEn: 'Penalty decision number', type: 'string', maxLength: 64 },
  { code: 'USCC', nameZh: '统一社会信用代码', nameEn: 'Unified social credit code', type: 'string', maxLength: 18, definition: 'GB 32100-2015，18 位' },
  { code: 'ENTERPRISE_NAME', nameZh: '单位名称', nameEn: 'Entity name', type: 'string', maxLength: 200 },
  { code: 'LEGAL_REPRESENTATIVE', nameZh: '法定代表人', nameEn: 'Legal representative', type: 'string', maxLength: 50 },
  { code: 'CONTACT_PHONE', nameZh: '联系电话', nameEn: 'Contact phone', type: 'string', maxLength: 20 },
  { code: 'VIOLATION_FACTS', nameZh: '违法事实', nameEn: 'Facts of the violation', type: 'text' },
  { code: 'PENALTY_AMOUNT', nameZh: '罚款金额', nameEn: 'Fine amount', type: 'decimal', unit: '元', min: 0, precision: 2 },
  { code: 'DECIDED_ON', nameZh: '处罚决定日期', nameEn: 'Decision date', type: 'date' },
  { code: 'INDUSTRY_CODE', nameZh: '行业分类代码', nameEn: 'Industry code', type: 'code', codeList: 'GB4754_INDUSTRY' },
  // 环评项目
  { code: 'EIA_PROJECT_CODE', nameZh: '项目代码', nameEn: 'Project code', type: 'string', maxLength: 40, definition: '投资项目在线审批监管平台项目代码' },
  { code: 'PROJECT_NAME', nameZh: '项目名称', nameEn: 'Project name', type: 'string', maxLength: 200 },
  { code: 'EIA_DOCUMENT_TYPE', nameZh: '环评文件类型', nameEn: 'EIA document type', type: 'string', maxLength: 10, definition: '报告书、报告表或登记表' },
  { code: 'EIA_APPROVAL_NO', nameZh: '审批文号', nameEn: 'Approval number', type: 'string', maxLength: 64 },
  { code: 'APPROVED_ON', nameZh: '审批日期', nameEn: 'Approval date', type: 'date' },
  { code: 'TOTAL_INVESTMENT', nameZh: '总投资', nameEn: 'Total investment', type: 'decimal', unit: '万元', min: 0, precision: 2 },
  { code: 'PROJECT_AREA', nameZh: '项目用地范围', nameEn: 'Project area', type: 'polygon', definition: 'WGS 84 用地红线（GeoJSON Polygon）' },
  // 数据共享
  { code: 'SHARING_TYPE', nameZh: '共享属性', nameEn: 'Sharing type', type: 'code', codeList: 'SHARING_TYPE' },
  { code: 'SECURITY_GRADE', nameZh: '数据分级', nameEn: 'Security grade', type: 'code', codeList: 'SECURITY_GRADE' },
];

const isConflict = (error: unknown) => error instanceof AppError && error.status === 409;

/** Creates what is missing of the seed; code lists first (elements refer to them). */
export async function seedDictionary(dictionary: DictionaryService): Promise<DictionarySeedResult> {
  let codeListsCreated = 0;
  for (const list of seedCodeLists()) {
    try {
      await dictionary.createCodeList(SYSTEM, { code: list.code, nameZh: list.nameZh, nameEn: list.nameEn, description: list.description });
    } catch (error) {
      if (isConflict(error)) continue;
      throw error;
    }
    codeListsCreated++;
    let previous: string | undefined;
    for (const version of list.versions) {
      await dictionary.createVersion(SYSTEM, list.code, { version: version.version, note: version.note, entries: version.entries });
      await dictionary.releaseVersion(SYSTEM, list.code, version.version);
      if (previous !== undefined) await dictionary.retireVersion(SYSTEM, list.code, previous, { replacedBy: version.version });
      previous = version.version;
    }
  }
  let elementsCreated = 0;
  for (const element of SEED_ELEMENTS) {
    try {
      await dictionary.createElement(SYSTEM, element);
      elementsCreated++;
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
  return { elementsCreated, codeListsCreated };
}
