import { App, Button, Card, Empty, Table, Tabs, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Exchange, ExchangeReceipt, ExchangeSummary } from '../../../../src/contracts/access';
import { api } from '../../app/api/api-client';
import { FIRST_PAGE, toLimitOffset, type Page, type Paging } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { useErrorText } from '../../app/format/use-error-text';
import { useListText } from '../../app/format/use-list-text';
import { PageTitle } from '../../app/shell/page-title';
import { ExchangeChart } from './exchange-chart';
import { useOrganisationDirectory } from '../../app/reference/organisations';

type Side = 'owner' | 'consumer';

/** 交换日志: who read the organisation's data (with per-consumer counts), or what it read; signed receipts. */
export function ExchangeLogPage() {
  const { t } = useTranslation();
  const directory = useOrganisationDirectory();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const listText = useListText();
  const [params, setParams] = useSearchParams();
  const side: Side = params.get('side') === 'consumer' ? 'consumer' : 'owner';
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const exchanges = useApiQuery<Page<Exchange>>('/exchange-log', { side, ...toLimitOffset(paging) });
  const summary = useApiQuery<ExchangeSummary>(side === 'owner' ? '/exchange-log/summary' : null);

  async function downloadReceipt(exchange: Exchange) {
    try {
      const receipt = await api.get<ExchangeReceipt>(`/exchange-log/${exchange.id}/receipt`);
      const url = URL.createObjectURL(new Blob([JSON.stringify(receipt, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `exchange-receipt-${exchange.id}.json`;
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      void message.error(errorText(error));
    }
  }

  return (
    <div data-testid="exchange-log-page">
      <PageTitle title={t('access.exchange.title')} />
      <Tabs
        activeKey={side}
        onChange={(key) => {
          setParams({ side: key });
          setPaging(FIRST_PAGE);
        }}
        items={[
          { key: 'owner', label: <span data-testid="tab-owner">{t('access.exchange.owner')}</span> },
          { key: 'consumer', label: <span data-testid="tab-consumer">{t('access.exchange.consumer')}</span> },
        ]}
      />
      {side === 'owner' && summary.data && (
        <Card size="small" title={t('access.exchange.chartTitle')} style={{ marginBottom: 16 }}>
          {summary.data.items.length === 0 ? <Empty description={t('access.exchange.empty')} /> : <ExchangeChart summary={summary.data} />}
        </Card>
      )}
      {exchanges.error && <Typography.Paragraph type="danger">{errorText(exchanges.error)}</Typography.Paragraph>}
      <Table<Exchange>
        data-testid="exchange-table"
        rowKey="id"
        size="small"
        loading={exchanges.loading}
        dataSource={exchanges.data?.items ?? []}
        onRow={(exchange) => ({ 'data-exchange-id': exchange.id }) as HTMLAttributes<HTMLElement>}
        pagination={{
          current: paging.current,
          pageSize: paging.pageSize,
          total: exchanges.data?.total ?? 0,
          showTotal: (count) => t('access.exchange.total', { count }),
          onChange: (current, pageSize) => setPaging({ current, pageSize }),
        }}
        columns={[
          { key: 'time', title: t('access.exchange.time'), render: (_, e) => formatBeijingTime(e.occurredAt) },
          { key: 'dataset', title: t('access.exchange.dataset'), render: (_, e) => `${e.datasetTitle} · ${e.table}` },
          { key: 'consumer', title: t('access.exchange.consumerOrg'), render: (_, e) => directory.localName(e.consumerOrganisationId, e.consumerOrganisationName) },
          { key: 'fields', title: t('access.exchange.fields'), render: (_, e) => listText(e.fields) },
          { key: 'rows', title: t('access.exchange.rowCount'), align: 'right', render: (_, e) => e.rowCount },
          { key: 'via', title: t('access.exchange.via'), render: (_, e) => `${e.viaToken ? t('access.exchange.viaToken') : t('access.exchange.viaSession')} · ${e.format}` },
          {
            key: 'receipt',
            render: (_, e) => (
              <Button size="small" data-testid="exchange-receipt" onClick={() => void downloadReceipt(e)}>
                {t('access.exchange.receipt')}
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}
