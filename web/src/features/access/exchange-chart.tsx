import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeSummary } from '../../../../src/contracts/access';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Reads and rows per consuming organisation (the owner's "who pulled what, how often"). */
export function ExchangeChart({ summary }: { summary: ExchangeSummary }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  const option = useMemo(() => {
    const perConsumer = new Map<string, { reads: number; rows: number }>();
    for (const item of summary.items) {
      const total = perConsumer.get(item.consumerOrganisationName) ?? { reads: 0, rows: 0 };
      perConsumer.set(item.consumerOrganisationName, { reads: total.reads + item.reads, rows: total.rows + item.rows });
    }
    const names = [...perConsumer.keys()];
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: [t('access.exchange.reads'), t('access.exchange.rows')] },
      grid: { left: 48, right: 48, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: names },
      yAxis: [
        { type: 'value', name: t('access.exchange.reads'), minInterval: 1 },
        { type: 'value', name: t('access.exchange.rows'), minInterval: 1 },
      ],
      series: [
        { name: t('access.exchange.reads'), type: 'bar', data: names.map((name) => perConsumer.get(name)!.reads) },
        { name: t('access.exchange.rows'), type: 'bar', yAxisIndex: 1, data: names.map((name) => perConsumer.get(name)!.rows) },
      ],
    };
  }, [summary, t]);

  useEffect(() => {
    if (!container.current) return;
    const instance = echarts.init(container.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(container.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={container} style={{ width: '100%', height: 280 }} data-testid="exchange-chart" role="img" aria-label={t('access.exchange.chartTitle')} />;
}
