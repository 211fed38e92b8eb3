import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Segmented, Space, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIGURE_SCOPES, type FigureScope, type SharingFigures } from '../../../../src/contracts/sharing-figures';
import { SHARING_TYPES } from '../../../../src/contracts/sharing';
import { useApiQuery } from '../../app/api/use-api-query';
import { EChart } from '../../app/charts/e-chart';
import type { EChartsCoreOption } from '../../app/charts/echarts';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { useErrorText } from '../../app/format/use-error-text';
import { PageTitle } from '../../app/shell/page-title';

const SHARING_COLOURS = { unconditional: '#52c41a', conditional: '#faad14', not_shared: '#bfbfbf' } as const;

const percent = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);

/** 数据共享成效: the region's or a province's sharing figures with monthly trends toward the 2023/2025 milestones. */
export function SharingFiguresPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [scope, setScope] = useState<FigureScope>('000000');
  const query = useApiQuery<SharingFigures>('/sharing-figures', { province: scope });
  const figures = query.data;

  return (
    <div data-testid="sharing-figures-page">
      <PageTitle title={t('sharingFigures.title')} />
      <Space wrap style={{ marginBottom: 16, justifyContent: 'space-between', width: '100%' }}>
        <Segmented<FigureScope>
          data-testid="figures-scope"
          value={scope}
          onChange={setScope}
          options={FIGURE_SCOPES.map((value) => ({ value, label: t(`sharingFigures.scopes.${value}`) }))}
        />
        <Space>
          {figures && (
            <Typography.Text type="secondary">
              {t('sharingFigures.generatedAt')} {formatBeijingTime(figures.generatedAt)}
            </Typography.Text>
          )}
          <Button icon={<DownloadOutlined />} href={`/api/v1/sharing-figures/export.xlsx?province=${scope}`} data-testid="figures-export">
            {t('sharingFigures.export')}
          </Button>
        </Space>
      </Space>
      {query.error && <Typography.Paragraph type="danger">{errorText(query.error)}</Typography.Paragraph>}
      {figures && <Dashboard figures={figures} />}
    </div>
  );
}

function Dashboard({ figures }: { figures: SharingFigures }) {
  const { t } = useTranslation();
  const none = t('sharingFigures.kpi.none');
  const { datasets, requests, validation, consumers, duties, releases } = figures;
  const onTime = datasets.published === 0 ? null : datasets.fresh / datasets.published;
  const charts = useCharts(figures);

  return (
    <>
      <Row gutter={[16, 16]}>
        <Kpi testId="kpi-published" title={t('sharingFigures.kpi.published')} value={datasets.published} note={t('sharingFigures.kpi.releases', { accepted: releases.accepted, waiting: releases.awaitingReview })} />
        <Kpi testId="kpi-unconditional" title={t('sharingFigures.kpi.unconditionalShare')} value={percent(datasets.unconditionalShare) ?? none} suffix={datasets.unconditionalShare === null ? undefined : '%'} />
        <Kpi testId="kpi-timeliness" title={t('sharingFigures.kpi.timeliness')} value={percent(onTime) ?? none} suffix={onTime === null ? undefined : '%'} note={t('sharingFigures.kpi.duties', { count: duties.active })} />
        <Kpi testId="kpi-duties-overdue" title={t('sharingFigures.kpi.dutiesOverdue')} value={duties.overdue} danger={duties.overdue > 0} />
        <Kpi
          testId="kpi-answered"
          title={t('sharingFigures.kpi.answeredInTime')}
          value={percent(requests.answeredInTime) ?? none}
          suffix={requests.answeredInTime === null ? undefined : '%'}
          note={t('sharingFigures.kpi.pending', { count: requests.pending, overdue: requests.overdue })}
        />
        <Kpi
          testId="kpi-median"
          title={t('sharingFigures.kpi.medianAnswer')}
          value={requests.medianAnswerWorkingDays === null ? none : t('sharingFigures.kpi.workingDays', { value: requests.medianAnswerWorkingDays })}
        />
        <Kpi testId="kpi-pass-rate" title={t('sharingFigures.kpi.passRate')} value={percent(validation.passRate) ?? none} suffix={validation.passRate === null ? undefined : '%'} note={t('sharingFigures.kpi.uploads', { count: validation.uploads })} />
        <Kpi testId="kpi-consumers" title={t('sharingFigures.kpi.consumers')} value={consumers.organisations} note={t('sharingFigures.kpi.exchanges', { count: consumers.exchanges })} />
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <ChartCard xl={16} title={t('sharingFigures.charts.byTheme')} option={charts.byTheme} testId="chart-by-theme" />
        <ChartCard xl={8} title={t('sharingFigures.charts.bySharingType')} option={charts.bySharingType} testId="chart-by-sharing-type" />
        <ChartCard xl={12} title={t('sharingFigures.charts.catalogTrend')} option={charts.catalogTrend} testId="chart-catalog-trend" />
        <ChartCard xl={12} title={t('sharingFigures.charts.requestsTrend')} option={charts.requestsTrend} testId="chart-requests-trend" />
        <ChartCard title={t('sharingFigures.charts.exchangeTrend')} option={charts.exchangeTrend} height={260} testId="chart-exchange-trend" />
      </Row>
    </>
  );
}

/** One chart of the dashboard in a titled card; the title doubles as the chart's accessible label. */
function ChartCard({ title, option, testId, xl = 24, height = 300 }: { title: string; option: EChartsCoreOption; testId: string; xl?: number; height?: number }) {
  return (
    <Col xs={24} xl={xl}>
      <Card size="small" title={title}>
        <EChart option={option} height={height} testId={testId} label={title} />
      </Card>
    </Col>
  );
}

function Kpi({ title, value, suffix, note, danger, testId }: { title: string; value: number | string; suffix?: string; note?: string; danger?: boolean; testId: string }) {
  return (
    <Col xs={12} md={8} xl={6}>
      <Card size="small" data-testid={testId}>
        <Statistic title={title} value={value} suffix={suffix} valueStyle={danger ? { color: '#cf1322' } : undefined} />
        {note && <Typography.Text type="secondary">{note}</Typography.Text>}
      </Card>
    </Col>
  );
}

function useCharts(figures: SharingFigures): Record<'byTheme' | 'bySharingType' | 'catalogTrend' | 'requestsTrend' | 'exchangeTrend', EChartsCoreOption> {
  const { t } = useTranslation();
  return useMemo(() => {
    const months = figures.trend.map((point) => point.month);
    // The milestones as vertical lines at the end of their year, when the trend reaches them.
    const milestoneLines = figures.milestones
      .filter((milestone) => months.includes(`${milestone.year}-12`))
      .map((milestone) => ({ xAxis: `${milestone.year}-12`, label: { formatter: t(`sharingFigures.milestones.${milestone.year}` as 'sharingFigures.milestones.2023') } }));
    const markLine = milestoneLines.length === 0 ? undefined : { symbol: 'none', lineStyle: { type: 'dashed', color: '#8c8c8c' }, data: milestoneLines };
    const typeName = (type: (typeof SHARING_TYPES)[number]) => t(`sharingFigures.sharingTypes.${type}`);
    return {
      byTheme: {
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0 },
        grid: { left: 40, right: 16, top: 16, bottom: 56 },
        xAxis: { type: 'category', data: figures.datasets.byTheme.map((row) => t(`sharingFigures.themes.${row.theme}`)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: SHARING_TYPES.map((type) => ({ name: typeName(type), type: 'bar', stack: 'all', itemStyle: { color: SHARING_COLOURS[type] }, data: figures.datasets.byTheme.map((row) => row[type]) })),
      },
      bySharingType: {
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['45%', '70%'],
            data: SHARING_TYPES.map((type) => ({ name: typeName(type), value: figures.datasets.bySharingType[type], itemStyle: { color: SHARING_COLOURS[type] } })),
          },
        ],
      },
      catalogTrend: {
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0 },
        grid: { left: 48, right: 48, top: 24, bottom: 56 },
        xAxis: { type: 'category', data: months },
        yAxis: [
          { type: 'value', minInterval: 1 },
          { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        ],
        series: [
          { name: t('sharingFigures.charts.published'), type: 'bar', data: figures.trend.map((point) => point.publishedDatasets), markLine },
          { name: t('sharingFigures.charts.share'), type: 'line', yAxisIndex: 1, data: figures.trend.map((point) => percent(point.unconditionalShare)) },
        ],
      },
      requestsTrend: {
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0 },
        grid: { left: 48, right: 48, top: 24, bottom: 56 },
        xAxis: { type: 'category', data: months },
        yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', minInterval: 1 }],
        series: [
          { name: t('sharingFigures.charts.submitted'), type: 'bar', data: figures.trend.map((point) => point.requestsSubmitted), markLine },
          { name: t('sharingFigures.charts.answered'), type: 'bar', data: figures.trend.map((point) => point.requestsAnswered) },
          { name: t('sharingFigures.charts.medianDays'), type: 'line', yAxisIndex: 1, connectNulls: true, data: figures.trend.map((point) => point.medianAnswerWorkingDays) },
        ],
      },
      exchangeTrend: {
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0 },
        grid: { left: 48, right: 48, top: 24, bottom: 56 },
        xAxis: { type: 'category', data: months },
        yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', minInterval: 1 }],
        series: [
          { name: t('sharingFigures.charts.exchanges'), type: 'bar', data: figures.trend.map((point) => point.exchanges), markLine },
          { name: t('sharingFigures.charts.consumers'), type: 'line', yAxisIndex: 1, data: figures.trend.map((point) => point.consumerOrganisations) },
        ],
      },
    };
  }, [figures, t]);
}
