import type { CatalogRowProblemCode, CreateDatasetRequest, Dataset, FormatCategory, SharingChannel, SharingMode } from '../../../contracts/catalog';
import { RESOURCE_CODE_PATTERN } from '../../../contracts/catalog';
import { PLAIN_TEXT_PATTERN } from '../../../contracts/common';
import type { DatasetStatus, DatasetTheme, OpennessType, SecurityGrade, SharingType, UpdateCycle } from '../../../contracts/sharing';
import { validateUscc } from '../../../standards/uscc';

/**
 * The provincial catalog exchange format: one record per 信息资源 with the national guide's
 * column names in Chinese (1272号 core metadata, catalog-standards.md §1.3–1.5 and §1.7 import
 * templates), plus the platform's extensions (英文名称, 主题, 数据分级 …). The same records are
 * the rows of the XLSX sheet and the objects of the JSON file, so both formats share one
 * validation. Enumerations are written as their Chinese labels, never as bare numbers.
 */
export const COLUMNS = [
  '信息资源代码',
  '地方资源代码',
  '类',
  '类名称',
  '项',
  '项名称',
  '目',
  '目名称',
  '细目',
  '细目名称',
  '信息资源名称',
  '英文名称',
  '信息资源提供方',
  '信息资源提供方代码',
  '数据管理单位',
  '信息资源摘要',
  '英文摘要',
  '信息资源格式分类',
  '信息资源格式类型',
  '信息项',
  '共享类型',
  '共享条件/不予共享依据',
  '共享方式分类',
  '共享方式类型',
  '开放类型',
  '是否向社会开放',
  '开放条件',
  '更新周期',
  '更新周期描述',
  '发布日期',
  '关联资源代码',
  '主题',
  '数据分级',
  '关键字',
  '空间范围',
  '时间范围起',
  '时间范围止',
  '许可协议',
  '使用条款',
  '状态',
  '数据结构定义',
] as const;
export type Column = (typeof COLUMNS)[number];
export type NationalRecord = Record<Column, string>;

const invert = <K extends string>(labels: Record<K, string>): Map<string, K> => new Map(Object.entries<string>(labels).map(([key, label]) => [label, key as K]));

export const SHARING_TYPE_LABELS: Record<SharingType, string> = { unconditional: '无条件共享', conditional: '有条件共享', not_shared: '不予共享' };
export const SHARING_MODE_LABELS: Record<SharingMode, string> = { platform: '共享平台方式', email: '邮件方式', media: '介质方式' };
export const SHARING_CHANNEL_LABELS: Record<SharingChannel, string> = { api: '接口', database: '库表', file: '文件' };
export const OPENNESS_LABELS: Record<OpennessType, string> = { open: '无条件开放', conditional: '有条件开放', closed: '不予开放' };
export const FORMAT_CATEGORY_LABELS: Record<FormatCategory, string> = {
  electronic_file: '电子文件',
  spreadsheet: '电子表格',
  database: '数据库',
  image: '图形图像',
  streaming: '流媒体',
  self_describing: '自描述格式',
  service: '服务接口',
};
export const UPDATE_CYCLE_LABELS: Record<UpdateCycle, string> = {
  realtime: '实时',
  daily: '每日',
  weekly: '每周',
  monthly: '每月',
  quarterly: '每季度',
  semiannual: '每半年',
  annual: '每年',
  irregular: '不定期',
  other: '其他',
};
export const THEME_LABELS: Record<DatasetTheme, string> = {
  air: '大气环境',
  water: '水环境',
  soil: '土壤与地下水',
  ecology: '自然生态',
  pollution_source: '污染源',
  enforcement: '执法监管',
  credit: '环保信用',
  eia: '环境影响评价',
  emergency: '应急与风险',
  climate: '应对气候变化',
  other: '其他',
};
export const GRADE_LABELS: Record<SecurityGrade, string> = { core: '核心数据', important: '重要数据', general: '一般数据' };
export const STATUS_LABELS: Record<DatasetStatus, string> = { draft: '草稿', published: '已发布', deprecated: '已废止' };

const LISTS = '；';

/** One dataset as a record of the exchange format. */
export function toNationalRecord(d: Dataset, custodianName: string, schemaDefinition: unknown): NationalRecord {
  const c = d.classification;
  return {
    信息资源代码: d.code,
    地方资源代码: d.localCode ?? '',
    类: c.lei.code,
    类名称: c.lei.name,
    项: c.xiang.code,
    项名称: c.xiang.name,
    目: c.mu.code,
    目名称: c.mu.name,
    细目: c.ximu?.code ?? '',
    细目名称: c.ximu?.name ?? '',
    信息资源名称: d.titleZh,
    英文名称: d.titleEn,
    信息资源提供方: d.providerName,
    信息资源提供方代码: d.providerCode ?? '',
    数据管理单位: custodianName,
    信息资源摘要: d.descriptionZh,
    英文摘要: d.descriptionEn,
    信息资源格式分类: FORMAT_CATEGORY_LABELS[d.format.category],
    信息资源格式类型: d.format.type,
    // 信息项名称(数据类型[,长度]) — derived from the schema; informative on import.
    信息项: d.informationItems.map((item) => `${item.title}(${item.dataType}${item.length === null ? '' : `,${item.length}`})`).join(LISTS),
    共享类型: SHARING_TYPE_LABELS[d.sharing.type],
    '共享条件/不予共享依据': d.sharing.condition ?? '',
    共享方式分类: SHARING_MODE_LABELS[d.sharing.mode],
    共享方式类型: d.sharing.channel ? SHARING_CHANNEL_LABELS[d.sharing.channel] : '',
    开放类型: OPENNESS_LABELS[d.openness.type],
    // The 2017 form's boolean, derived from the three-level value (§1.5.3).
    是否向社会开放: d.openness.type === 'closed' ? '否' : '是',
    开放条件: d.openness.condition ?? '',
    更新周期: UPDATE_CYCLE_LABELS[d.updateCycle],
    更新周期描述: d.updateCycleNote ?? '',
    发布日期: d.publishedAt === null ? '' : beijingDay(d.publishedAt),
    关联资源代码: d.relatedCodes.join(LISTS),
    主题: THEME_LABELS[d.theme],
    数据分级: GRADE_LABELS[d.securityGrade],
    关键字: d.keywords.join(LISTS),
    空间范围: d.spatialCoverage.join(LISTS),
    时间范围起: d.temporalStart ?? '',
    时间范围止: d.temporalEnd ?? '',
    许可协议: d.licence,
    使用条款: d.useTerms,
    状态: STATUS_LABELS[d.status],
    数据结构定义: schemaDefinition === undefined ? '' : JSON.stringify(schemaDefinition),
  };
}

function beijingDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}

export interface RowProblem {
  code: CatalogRowProblemCode;
  column: Column | '';
  message: string;
  messageZh: string;
}

/** What a valid record becomes: the create request plus what import sets beyond it. */
export interface ImportedEntry {
  code: string;
  providerCode: string;
  custodianName: string;
  status: DatasetStatus;
  publishedDate: string | null;
  input: Omit<CreateDatasetRequest, 'ownerOrganisationId' | 'custodianOrganisationId'>;
  schemaDefinition: unknown;
}

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const PLAIN = new RegExp(PLAIN_TEXT_PATTERN);
const CODE = new RegExp(RESOURCE_CODE_PATTERN);

/**
 * Reads one record; every problem of the row is reported (not only the first). Cells are
 * trimmed; blank optional cells mean "none".
 */
export function fromNationalRecord(raw: Partial<Record<string, unknown>>): { entry: ImportedEntry; problems: [] } | { entry: null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const add = (code: CatalogRowProblemCode, column: Column | '', message: string, messageZh: string) => problems.push({ code, column, message, messageZh });
  for (const key of Object.keys(raw)) if (!(COLUMNS as readonly string[]).includes(key)) add('UNKNOWN_COLUMN', '', `Unknown column ${key}`, `未知列“${key}”`);
  const cell = (column: Column): string => {
    const value = raw[column];
    if (value === undefined || value === null) return '';
    const text = String(value).trim();
    if (!PLAIN.test(text) && column !== '数据结构定义') add('UNSAFE_TEXT', column, `${column} contains markup or control characters`, `${column}含有尖括号或控制字符`);
    return text;
  };
  const required = (column: Column, max: number): string => {
    const text = cell(column);
    if (text === '') add('REQUIRED', column, `${column} is required`, `${column}为必填项`);
    else if (text.length > max) add('TOO_LONG', column, `${column} is longer than ${max} characters`, `${column}超过 ${max} 个字符`);
    return text;
  };
  const optional = (column: Column, max: number): string | undefined => {
    const text = cell(column);
    if (text.length > max) add('TOO_LONG', column, `${column} is longer than ${max} characters`, `${column}超过 ${max} 个字符`);
    return text === '' ? undefined : text;
  };
  const label = <K extends string>(column: Column, labels: Record<K, string>, isRequired = true): K | undefined => {
    const text = cell(column);
    if (text === '') {
      if (isRequired) add('REQUIRED', column, `${column} is required`, `${column}为必填项`);
      return undefined;
    }
    const value = invert(labels).get(text);
    if (value === undefined) add('NOT_IN_LIST', column, `${column} must be one of ${Object.values<string>(labels).join(', ')}`, `${column}应为：${Object.values<string>(labels).join('、')}`);
    return value;
  };
  const list = (column: Column): string[] => cell(column).split(LISTS).map((s) => s.trim()).filter((s) => s !== '');
  const digits = (column: Column, pattern: RegExp, isRequired = true): string => {
    const text = cell(column);
    if (text === '' && !isRequired) return '';
    if (!pattern.test(text)) add('BAD_FORMAT', column, `${column} "${text}" has the wrong form`, `${column}“${text}”格式不正确`);
    return text;
  };
  const date = (column: Column): string | null => {
    const text = cell(column);
    if (text === '') return null;
    if (!DATE.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
      add('INVALID_DATE', column, `${column} "${text}" is not a date (YYYY-MM-DD)`, `${column}“${text}”不是有效日期（YYYY-MM-DD）`);
    }
    return text;
  };

  const code = required('信息资源代码', 30);
  if (code !== '' && !CODE.test(code)) add('BAD_FORMAT', '信息资源代码', `信息资源代码 "${code}" is not 类(1)项(2)目(3)细目/顺序码`, `信息资源代码“${code}”不符合“类项目细目/顺序码”格式`);
  const lei = digits('类', /^[1-3]$/);
  const xiang = digits('项', /^[0-9]{2}$/);
  const mu = digits('目', /^[0-9]{3}$/);
  const ximu = digits('细目', /^[0-9]{1,6}$/, false);
  const prefix = `${lei}${xiang}${mu}${ximu}`;
  if (code !== '' && CODE.test(code) && code.split('/')[0] !== prefix) add('CODE_CLASSIFICATION_MISMATCH', '信息资源代码', `信息资源代码 ${code} does not start with its classification ${prefix}`, `信息资源代码 ${code} 与分类码 ${prefix} 不一致`);
  const providerCode = required('信息资源提供方代码', 18);
  if (providerCode !== '') {
    const check = validateUscc(providerCode);
    if (!check.valid) add('INVALID_USCC', '信息资源提供方代码', `信息资源提供方代码 ${providerCode} is not a valid USCC: ${check.error?.message ?? "check failed"}`, `信息资源提供方代码 ${providerCode} 不是有效的统一社会信用代码（GB 32100）`);
  }
  const sharingType = label('共享类型', SHARING_TYPE_LABELS);
  const mode = label('共享方式分类', SHARING_MODE_LABELS);
  const channel = label('共享方式类型', SHARING_CHANNEL_LABELS, false);
  const opennessType = label('开放类型', OPENNESS_LABELS);
  const openFlag = cell('是否向社会开放');
  if (openFlag !== '' && opennessType !== undefined && openFlag !== (opennessType === 'closed' ? '否' : '是')) add('CONTRADICTION', '是否向社会开放', '是否向社会开放 contradicts 开放类型', '“是否向社会开放”与“开放类型”矛盾');
  const category = label('信息资源格式分类', FORMAT_CATEGORY_LABELS);
  const updateCycle = label('更新周期', UPDATE_CYCLE_LABELS);
  const theme = label('主题', THEME_LABELS);
  const grade = label('数据分级', GRADE_LABELS);
  const status = label('状态', STATUS_LABELS);
  const publishedDate = date('发布日期');
  if (status !== undefined && status !== 'draft' && publishedDate === null) add('REQUIRED', '发布日期', '发布日期 is required for a published resource', '已发布的资源须有发布日期');
  const related = list('关联资源代码');
  related.forEach((r) => {
    if (!CODE.test(r)) add('BAD_FORMAT', '关联资源代码', `关联资源代码 ${r} has the wrong form`, `关联资源代码 ${r} 格式不正确`);
  });
  const spatial = list('空间范围');
  if (spatial.length === 0) add('REQUIRED', '空间范围', '空间范围 is required', '空间范围为必填项');
  spatial.forEach((s) => {
    if (!/^(000000|[1-9][0-9]{5})$/.test(s)) add('BAD_FORMAT', '空间范围', `空间范围 ${s} is not a GB/T 2260 code`, `空间范围 ${s} 不是 GB/T 2260 行政区划代码`);
  });
  const keywords = list('关键字');
  if (keywords.length > 20 || keywords.some((k) => k.length > 40)) add('TOO_LONG', '关键字', 'At most 20 keywords of up to 40 characters', '关键字最多 20 个，每个不超过 40 字');
  const definitionText = cell('数据结构定义');
  let schemaDefinition: unknown;
  if (definitionText !== '') {
    try {
      schemaDefinition = JSON.parse(definitionText);
    } catch {
      add('SCHEMA_INVALID', '数据结构定义', '数据结构定义 is not JSON', '数据结构定义不是有效的 JSON');
    }
  }
  const ximuName = optional('细目名称', 60);
  const input = {
    classification: {
      lei: { code: lei, name: required('类名称', 60) },
      xiang: { code: xiang, name: required('项名称', 60) },
      mu: { code: mu, name: required('目名称', 60) },
      ...(ximu === '' ? {} : { ximu: { code: ximu, name: ximuName ?? '' } }),
    },
    localCode: optional('地方资源代码', 60) ?? null,
    titleZh: required('信息资源名称', 200),
    titleEn: required('英文名称', 300),
    descriptionZh: required('信息资源摘要', 4000),
    descriptionEn: required('英文摘要', 6000),
    theme: theme!,
    keywords,
    spatialCoverage: spatial,
    temporalStart: date('时间范围起'),
    temporalEnd: date('时间范围止'),
    format: { category: category!, type: required('信息资源格式类型', 40) },
    sharing: { type: sharingType!, mode: mode!, ...(channel === undefined ? {} : { channel }), ...(optional('共享条件/不予共享依据', 1000) === undefined ? {} : { condition: cell('共享条件/不予共享依据') }) },
    openness: { type: opennessType!, ...(optional('开放条件', 1000) === undefined ? {} : { condition: cell('开放条件') }) },
    updateCycle: updateCycle!,
    updateCycleNote: optional('更新周期描述', 200) ?? null,
    securityGrade: grade!,
    licence: required('许可协议', 200),
    useTerms: required('使用条款', 2000),
    relatedCodes: related,
  };
  if (ximu !== '' && ximuName === undefined) add('REQUIRED', '细目名称', '细目名称 is required with 细目', '填写细目时须填写细目名称');
  const localCode = input.localCode;
  if (localCode !== null && !/^[0-9A-Za-z./-]{1,60}$/.test(localCode)) add('BAD_FORMAT', '地方资源代码', '地方资源代码 may hold letters, digits, ".", "/" and "-" only', '地方资源代码只能包含字母、数字、“.”“/”“-”');
  if (problems.length > 0) return { entry: null, problems };
  return {
    entry: {
      code,
      providerCode,
      custodianName: cell('数据管理单位'),
      status: status!,
      publishedDate,
      input,
      schemaDefinition,
    },
    problems: [],
  };
}
