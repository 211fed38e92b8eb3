import { Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AQI_LEVEL_COLOURS } from './colours';
import { EChart } from '../../app/charts/e-chart';
import { beijingDateOf } from '../../app/format/beijing-time';
import type { EChartsCoreOption } from '../../app/charts/echarts';

const LEVEL_RANGES: [number, number][] = [
  [0, 50],
  [51, 100],
  [101, 150],
  [151, 200],
  [201, 300],
  [301, 100_000],
];


export interface DailyAqi {
  at: string;
  aqi: number | null;
}

/** 空气质量日历: one cell per Beijing day, coloured by the HJ 633 category of the daily AQI. */
export function AqiCalendar({ days }: { days: DailyAqi[] }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const option = useMemo<EChartsCoreOption | null>(() => {
    const values = days.filter((d) => d.aqi !== null).map((d) => [beijingDateOf(Date.parse(d.at)), d.aqi] as [string, number]);
    if (values.length === 0) return null;
    const dates = values.map(([date]) => date).sort();
    const categoryOf = (aqi: number) => {
      const level = LEVEL_RANGES.findIndex(([, max]) => aqi <= max) + 1;
      return t(`monitoring.aqiCategories.${level}` as 'monitoring.aqiCategories.1');
    };
    return {
      animation: false,
      tooltip: {
        formatter: (params: { value: [string, number] }) =>
          t('monitoring.detail.aqiTooltip', { date: params.value[0], aqi: params.value[1], category: categoryOf(params.value[1]) }),
      },
      visualMap: {
        type: 'piecewise',
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        pieces: LEVEL_RANGES.map(([min, max], index) => ({
          min,
          max,
          color: AQI_LEVEL_COLOURS[index + 1],
          label: t(`monitoring.aqiCategories.${index + 1}` as 'monitoring.aqiCategories.1'),
        })),
      },
      calendar: {
        top: 40,
        left: 40,
        right: 20,
        bottom: 50,
        range: [dates[0], dates[dates.length - 1]],
        cellSize: ['auto', 22],
        orient: 'horizontal',
        dayLabel: { firstDay: 1, nameMap: english ? 'EN' : 'ZH' },
        monthLabel: { nameMap: english ? 'EN' : 'ZH' },
        yearLabel: { show: false },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
      },
      series: [{ type: 'heatmap', coordinateSystem: 'calendar', data: values, label: { show: true, fontSize: 10, formatter: (p: { value: [string, number] }) => String(p.value[1]) } }],
    };
  }, [days, english, t]);
  if (option === null) return <Empty description={t('monitoring.detail.aqiCalendarEmpty')} />;
  return <EChart key={i18n.language} option={option} height={280} testId="aqi-calendar" label={t('monitoring.detail.aqiCalendar')} />;
}
