import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeSummary } from '../../../../src/contracts/access';
import { EChart } from '../../app/charts/e-chart';
import type { EChartsCoreOption } from '../../app/charts/echarts';
import { useOrganisationDirectory } from '../../app/reference/organisations';

/** Reads and rows per consuming organisation (the owner's "who pulled what, how often"). */
export function ExchangeChart({ summary }: { summary: ExchangeSummary }) {
  const { t } = useTranslation();
  const directory = useOrganisationDirectory();

  const { localName } = directory;
  const option = useMemo((): EChartsCoreOption => {
    const perConsumer = new Map<string, { reads: number; rows: number }>();
    for (const item of summary.items) {
      const name = localName(item.consumerOrganisationId, item.consumerOrganisationName);
      const total = perConsumer.get(name) ?? { reads: 0, rows: 0 };
      perConsumer.set(name, { reads: total.reads + item.reads, rows: total.rows + item.rows });
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
  }, [summary, t, localName]);

  return <EChart option={option} height={280} testId="exchange-chart" label={t('access.exchange.chartTitle')} />;
}
