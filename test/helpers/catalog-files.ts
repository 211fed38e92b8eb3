import ExcelJS from 'exceljs';

/**
 * Provincial catalog files built the way a province's own tools would: the national guide's
 * column names in Chinese, every cell text. Independent of the platform's writer on purpose.
 */
export const NATIONAL_COLUMNS = [
  '信息资源代码', '地方资源代码', '类', '类名称', '项', '项名称', '目', '目名称', '细目', '细目名称', '信息资源名称', '英文名称',
  '信息资源提供方', '信息资源提供方代码', '数据管理单位', '信息资源摘要', '英文摘要', '信息资源格式分类', '信息资源格式类型', '信息项',
  '共享类型', '共享条件/不予共享依据', '共享方式分类', '共享方式类型', '开放类型', '是否向社会开放', '开放条件', '更新周期', '更新周期描述',
  '发布日期', '关联资源代码', '主题', '数据分级', '关键字', '空间范围', '时间范围起', '时间范围止', '许可协议', '使用条款', '状态', '数据结构定义',
] as const;

export type CatalogRecord = Record<(typeof NATIONAL_COLUMNS)[number], string>;

/** A valid, published air-quality resource of the provider with `uscc`; `n` makes its code and title unique. */
export function catalogRecord(uscc: string, n: number, overrides: Partial<CatalogRecord> = {}): CatalogRecord {
  return {
    信息资源代码: `211001/${String(7000 + n)}`,
    地方资源代码: '',
    类: '2', 类名称: '主题', 项: '11', 项名称: '生态环保', 目: '001', 目名称: '大气环境', 细目: '', 细目名称: '',
    信息资源名称: `导入的空气质量数据${n}`,
    英文名称: `Imported air quality data ${n}`,
    信息资源提供方: '省生态环境厅',
    信息资源提供方代码: uscc,
    数据管理单位: '',
    信息资源摘要: '空气质量自动监测站六项污染物小时浓度',
    英文摘要: 'Hourly concentrations of the six pollutants',
    信息资源格式分类: '电子表格', 信息资源格式类型: 'csv', 信息项: '',
    共享类型: '无条件共享', '共享条件/不予共享依据': '', 共享方式分类: '共享平台方式', 共享方式类型: '接口',
    开放类型: '无条件开放', 是否向社会开放: '是', 开放条件: '',
    更新周期: '每日', 更新周期描述: '',
    发布日期: '2026-01-05', 关联资源代码: '', 主题: '大气环境', 数据分级: '一般数据',
    关键字: '空气质量；AQI', 空间范围: '310000', 时间范围起: '2024-01-01', 时间范围止: '',
    许可协议: 'CC BY 4.0', 使用条款: '仅限履行生态环境保护职责使用', 状态: '已发布', 数据结构定义: '',
    ...overrides,
  };
}

/** An XLSX workbook: header row of `columns`, then one row per record (blank rows where a record is null). */
export async function catalogWorkbook(records: readonly (CatalogRecord | null)[], columns: readonly string[] = NATIONAL_COLUMNS): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('信息资源目录');
  sheet.addRow([...columns]);
  for (const record of records) sheet.addRow(record === null ? [] : columns.map((column) => record[column as keyof CatalogRecord] ?? ''));
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function catalogJson(records: readonly CatalogRecord[]): string {
  return JSON.stringify({ format: 'yrd-eco-catalog', version: 1, columns: NATIONAL_COLUMNS, records });
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
