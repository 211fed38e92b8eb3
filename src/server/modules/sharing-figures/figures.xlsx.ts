import ExcelJS from 'exceljs';
import type { SharingFigures } from '../../../contracts/sharing-figures';
import { THEME_LABELS } from '../catalog';

const SCOPE_NAMES: Record<string, string> = { '000000': '长三角区域', '310000': '上海市', '320000': '江苏省', '330000': '浙江省', '340000': '安徽省' };

const percent = (value: number | null) => (value === null ? '—' : value);

/** The dashboard as a workbook: a summary sheet, datasets by theme, and the monthly trend (中文 headers, as reported). */
export async function figuresWorkbook(figures: SharingFigures): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'yrd-eco';
  workbook.created = new Date(figures.generatedAt);

  const summary = workbook.addWorksheet('共享成效');
  summary.columns = [
    { header: '指标', key: 'name', width: 34 },
    { header: '数值', key: 'value', width: 16 },
  ];
  const rows: [string, number | string | null][] = [
    ['范围', SCOPE_NAMES[figures.province] ?? figures.province],
    ['生成时间（UTC）', figures.generatedAt],
    ['已发布数据集', figures.datasets.published],
    ['无条件共享', figures.datasets.bySharingType.unconditional],
    ['有条件共享', figures.datasets.bySharingType.conditional],
    ['不予共享', figures.datasets.bySharingType.not_shared],
    ['无条件共享占比', percent(figures.datasets.unconditionalShare)],
    ['按期更新 / 临期 / 逾期', `${figures.datasets.fresh} / ${figures.datasets.due} / ${figures.datasets.overdue}`],
    ['报送义务（在执行）', figures.duties.active],
    ['报送义务逾期', figures.duties.overdue],
    ['已接收发布', figures.releases.accepted],
    ['待审核发布', figures.releases.awaitingReview],
    ['校验通过率', percent(figures.validation.passRate)],
    ['共享申请', figures.requests.submitted],
    ['待答复', figures.requests.pending],
    ['按期答复率', percent(figures.requests.answeredInTime)],
    ['答复用时中位数（工作日）', figures.requests.medianAnswerWorkingDays],
    ['逾期申请', figures.requests.overdue],
    ['数据使用单位', figures.consumers.organisations],
    ['数据交换次数', figures.consumers.exchanges],
    ['交换数据行数', figures.consumers.rows],
  ];
  for (const [name, value] of rows) summary.addRow({ name, value: value ?? '—' });
  for (const index of [8, 14, 17]) summary.getCell(`B${index}`).numFmt = '0.0%';
  summary.getRow(1).font = { bold: true };

  const themes = workbook.addWorksheet('按主题');
  themes.columns = [
    { header: '主题', key: 'theme', width: 18 },
    { header: '无条件共享', key: 'unconditional', width: 12 },
    { header: '有条件共享', key: 'conditional', width: 12 },
    { header: '不予共享', key: 'not_shared', width: 12 },
  ];
  for (const row of figures.datasets.byTheme) themes.addRow({ ...row, theme: THEME_LABELS[row.theme] });
  themes.getRow(1).font = { bold: true };

  const trend = workbook.addWorksheet('月度趋势');
  trend.columns = [
    { header: '月份', key: 'month', width: 10 },
    { header: '已发布数据集（累计）', key: 'publishedDatasets', width: 20 },
    { header: '无条件共享占比', key: 'unconditionalShare', width: 16, style: { numFmt: '0.0%' } },
    { header: '新申请', key: 'requestsSubmitted', width: 10 },
    { header: '已答复', key: 'requestsAnswered', width: 10 },
    { header: '答复用时中位数（工作日）', key: 'medianAnswerWorkingDays', width: 24 },
    { header: '接收发布', key: 'releasesAccepted', width: 10 },
    { header: '校验通过率', key: 'validationPassRate', width: 12, style: { numFmt: '0.0%' } },
    { header: '数据交换次数', key: 'exchanges', width: 14 },
    { header: '使用单位', key: 'consumerOrganisations', width: 10 },
  ];
  for (const point of figures.trend) trend.addRow(point);
  trend.getRow(1).font = { bold: true };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
