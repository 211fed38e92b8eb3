import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeriesResponse } from '../../../../src/contracts/monitoring';
import { EChart } from '../../app/charts/e-chart';
import type { EChartsCoreOption } from '../../app/charts/echarts';
import { useParameterLabel } from './parameters';

/** China Standard Time is UTC+8 all year. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * The readings as lines on a time axis in Beijing time: instants are shifted by +8 h and the
 * chart runs in UTC mode, so labels and tooltips show Beijing wall-clock time whatever the
 * browser's zone. One y axis per unit; a slider and inside zoom for long ranges.
 */
export function SeriesChart({ data }: { data: SeriesResponse }) {
  const { t, i18n } = useTranslation();
  const label = useParameterLabel();
  const option = useMemo<EChartsCoreOption>(() => {
    const units = [...new Set(data.series.map((s) => s.unit ?? ''))];
    return {
      useUTC: true,
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 24 + 56 * Math.ceil(units.length / 2), right: 24 + 56 * Math.floor(units.length / 2), top: 40, bottom: 80, containLabel: false },
      xAxis: {
        type: 'time',
        name: t('monitoring.detail.axisTime'),
        nameLocation: 'middle',
        nameGap: 28,
        axisLabel: { hideOverlap: true, formatter: { year: '{yyyy}', month: '{yyyy}-{MM}', day: '{MM}-{dd}', hour: '{HH}:{mm}', minute: '{HH}:{mm}' } },
      },
      yAxis: units.map((unit, index) => ({
        type: 'value',
        name: unit,
        position: index % 2 === 0 ? 'left' : 'right',
        offset: 56 * Math.floor(index / 2),
        scale: true,
        splitLine: { show: index === 0 },
      })),
      dataZoom: [
        { type: 'inside', xAxisIndex: 0 },
        { type: 'slider', xAxisIndex: 0, bottom: 8, height: 22 },
      ],
      series: data.series.map((s) => ({
        name: `${label(s.parameterCode)}${s.unit ? ` (${s.unit})` : ''}`,
        type: 'line',
        yAxisIndex: units.indexOf(s.unit ?? ''),
        showSymbol: false,
        connectNulls: false,
        data: s.points.map((p) => [Date.parse(p.t) + BEIJING_OFFSET_MS, p.value]),
      })),
    };
  }, [data, label, t]);
  return <EChart key={i18n.language} option={option} height={380} testId="series-chart" label={t('monitoring.detail.series')} />;
}
