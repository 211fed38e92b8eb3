import { App, Button, Card, Col, Empty, Form, Modal, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AssignQuarantineResponse,
  BadPacket,
  GatewayConnection,
  GatewayStatusResponse,
  ListBadPacketsResponse,
  ListQuarantineResponse,
  QuarantinedMn,
} from '../../../../src/contracts/gateway';
import type { Station } from '../../../../src/contracts/monitoring';
import { api } from '../../app/api/api-client';
import { ApiError } from '../../app/api/api-error';
import type { Page } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { LoadFailedResult, PageLoading } from '../../app/shell/page-states';
import { PageTitle } from '../../app/shell/page-title';
import { EChart } from '../../app/charts/e-chart';
import type { EChartsCoreOption } from '../../app/charts/echarts';
import './monitoring.css';

const REFRESH_SECONDS = 3;
/** Rate samples kept for the sparkline (a few minutes at the refresh rate). */
const HISTORY = 60;

interface RateSample {
  at: number;
  packets: number;
  readings: number;
}

/** Calls `tick` every `seconds` while the page is open. */
function useEvery(seconds: number, tick: () => void): void {
  useEffect(() => {
    const timer = window.setInterval(tick, seconds * 1000);
    return () => window.clearInterval(timer);
  }, [seconds, tick]);
}

function useReasonLabel(): (code: string) => string {
  const { t } = useTranslation();
  const labels = t('monitoring.badReasons', { returnObjects: true }) as Record<string, string | undefined>;
  return (code: string) => labels[code] ?? code;
}

/** 数据网关: live status of the HJ 212 listener, recent bad packets, and the quarantine of unknown MNs. */
export function GatewayPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="gateway-page">
      <PageTitle title={t('monitoring.gateway.title')} />
      <Tabs
        items={[
          { key: 'status', label: t('monitoring.gateway.statusTab'), children: <StatusTab /> },
          { key: 'quarantine', label: t('monitoring.gateway.quarantineTab'), children: <QuarantineTab /> },
        ]}
      />
    </div>
  );
}

function Sparkline({ history }: { history: RateSample[] }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      useUTC: true,
      grid: { left: 36, right: 8, top: 24, bottom: 20 },
      legend: { top: 0, itemHeight: 8, textStyle: { fontSize: 11 } },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'time', axisLabel: { show: false }, axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1, splitNumber: 2 },
      series: [
        { name: t('monitoring.gateway.packetsPerSecond'), type: 'line', showSymbol: false, data: history.map((s) => [s.at + 8 * 3_600_000, s.packets]) },
        { name: t('monitoring.gateway.readingsPerSecond'), type: 'line', showSymbol: false, data: history.map((s) => [s.at + 8 * 3_600_000, s.readings]) },
      ],
    }),
    [history, t],
  );
  return <EChart option={option} height={140} testId="gateway-sparkline" />;
}

function StatusTab() {
  const { t } = useTranslation();
  const reasonLabel = useReasonLabel();
  const status = useApiQuery<GatewayStatusResponse>('/gateway/status');
  const bad = useApiQuery<ListBadPacketsResponse>('/gateway/bad-packets', { limit: 20 });
  const [history, setHistory] = useState<RateSample[]>([]);
  const { reload: reloadStatus } = status;
  const { reload: reloadBad } = bad;
  const refresh = useMemo(
    () => () => {
      reloadStatus();
      reloadBad();
    },
    [reloadStatus, reloadBad],
  );
  useEvery(REFRESH_SECONDS, refresh);

  useEffect(() => {
    if (!status.data) return;
    const { packetsPerSecond, readingsPerSecond } = status.data.rates;
    setHistory((previous) => [...previous.slice(-(HISTORY - 1)), { at: Date.now(), packets: packetsPerSecond, readings: readingsPerSecond }]);
  }, [status.data]);

  if (status.error && !status.data) return <LoadFailedResult error={status.error} onRetry={status.reload} />;
  if (!status.data) return <PageLoading />;
  const data = status.data;
  const errors = Object.entries(data.errorsByReason)
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap size={24}>
          {data.enabled ? <Tag color="green">{`${t('monitoring.gateway.listening')}：${data.listening ? `${data.listening.host}:${data.listening.port}` : t('monitoring.gateway.notListening')}`}</Tag> : <Tag>{t('monitoring.gateway.disabled')}</Tag>}
          <Typography.Text type="secondary">{t('monitoring.gateway.refreshing', { seconds: REFRESH_SECONDS })}</Typography.Text>
        </Space>
        <Row gutter={[16, 16]} style={{ marginTop: 12 }}>
          <Col xs={12} md={4}>
            <Statistic title={t('monitoring.gateway.connections')} value={data.connectionCount} data-testid="gateway-connections" />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('monitoring.gateway.packetsPerSecond')} value={data.rates.packetsPerSecond} precision={1} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('monitoring.gateway.readingsPerSecond')} value={data.rates.readingsPerSecond} precision={1} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('monitoring.gateway.packetsOk')} value={data.totals.packetsOk} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('monitoring.gateway.packetsBad')} value={data.totals.packetsBad} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('monitoring.gateway.quarantined')} value={data.totals.quarantinedPackets} />
          </Col>
        </Row>
        <Sparkline history={history} />
      </Card>

      <Card size="small" title={t('monitoring.gateway.connectionsTable')}>
        <Table<GatewayConnection>
          data-testid="gateway-connections-table"
          size="small"
          rowKey="id"
          pagination={{ pageSize: 20, showSizeChanger: false }}
          dataSource={data.connections}
          columns={[
            { key: 'remote', title: t('monitoring.gateway.remoteAddress'), dataIndex: 'remoteAddress', render: (v: string) => <span className="mono">{v}</span> },
            { key: 'mn', title: t('monitoring.gateway.mn'), dataIndex: 'mn', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
            { key: 'connectedAt', title: t('monitoring.gateway.connectedAt'), render: (_, c) => formatBeijingTime(c.connectedAt) },
            { key: 'ok', title: t('monitoring.gateway.packetsOk'), dataIndex: 'packetsOk', align: 'right' },
            { key: 'bad', title: t('monitoring.gateway.packetsBad'), dataIndex: 'packetsBad', align: 'right' },
            { key: 'last', title: t('monitoring.gateway.lastPacketAt'), render: (_, c) => formatBeijingTime(c.lastPacketAt) },
            { key: 'paused', title: t('monitoring.gateway.paused'), render: (_, c) => (c.paused ? <Tag color="warning">{t('monitoring.gateway.paused')}</Tag> : '—') },
          ]}
        />
      </Card>

      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('monitoring.gateway.errorsByReason')}>
            <Table
              data-testid="gateway-errors"
              size="small"
              rowKey="reason"
              pagination={false}
              dataSource={errors}
              locale={{ emptyText: t('monitoring.gateway.noErrors') }}
              columns={[
                { key: 'reason', title: t('monitoring.gateway.reason'), render: (_, e) => <span title={e.reason}>{reasonLabel(e.reason)}</span> },
                { key: 'count', title: t('monitoring.gateway.count'), dataIndex: 'count', align: 'right' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('monitoring.gateway.badPackets')}>
            <Table<BadPacket>
              data-testid="gateway-bad-packets"
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={bad.data?.items ?? []}
              locale={{ emptyText: t('monitoring.gateway.noErrors') }}
              columns={[
                { key: 'at', title: t('monitoring.gateway.receivedAt'), width: 170, render: (_, p) => formatBeijingTime(p.receivedAt) },
                { key: 'reason', title: t('monitoring.gateway.reason'), width: 160, render: (_, p) => <Tag title={p.message}>{reasonLabel(p.reason)}</Tag> },
                { key: 'mn', title: t('monitoring.gateway.mn'), render: (_, p) => <span className="mono">{p.mn ?? '—'}</span> },
                { key: 'raw', title: t('monitoring.gateway.raw'), render: (_, p) => <code className="mono raw-packet">{p.raw ?? '—'}</code> },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

function QuarantineTab() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const english = i18n.language === 'en';
  const list = useApiQuery<ListQuarantineResponse>('/gateway/quarantine', { limit: 200 });
  const stations = useApiQuery<Page<Station>>('/stations', { limit: 500 });
  const [assigning, setAssigning] = useState<QuarantinedMn | null>(null);
  const [stationId, setStationId] = useState<string>();
  const [busy, setBusy] = useState(false);

  const stationOptions = (stations.data?.items ?? [])
    .filter((s) => s.status !== 'retired')
    .map((s) => ({ value: s.id, label: `${s.code} · ${english ? s.nameEn : s.name}` }));

  const confirmAssign = () => {
    const target = assigning;
    const station = stations.data?.items.find((s) => s.id === stationId);
    if (!target || !station) return;
    modal.confirm({
      title: t('monitoring.gateway.quarantine.confirmTitle'),
      content: t('monitoring.gateway.quarantine.confirmText', { mn: target.mn, station: english ? station.nameEn : station.name, count: target.storedPackets }),
      okButtonProps: { 'data-testid': 'assign-confirm-ok' } as Record<string, string>,
      onOk: async () => {
        setBusy(true);
        try {
          const result = await api.post<AssignQuarantineResponse>(`/gateway/quarantine/${target.id}/assign`, { stationId: station.id });
          void message.success(
            t('monitoring.gateway.quarantine.assigned', { inserted: result.readingsInserted, duplicates: result.readingsDuplicate, rejected: result.packetsRejected }),
          );
          setAssigning(null);
          setStationId(undefined);
          list.reload();
        } catch (failure) {
          const error = failure instanceof ApiError ? failure : ApiError.network(failure);
          void message.error(error.textFor(i18n.language));
        } finally {
          setBusy(false);
        }
      },
    });
  };

  if (list.error && !list.data) return <LoadFailedResult error={list.error} onRetry={list.reload} />;
  return (
    <>
      <Table<QuarantinedMn>
        data-testid="quarantine-table"
        size="small"
        rowKey="id"
        loading={list.loading && !list.data}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: <Empty description={t('monitoring.gateway.quarantine.empty')} /> }}
        columns={[
          { key: 'mn', title: t('monitoring.gateway.mn'), render: (_, q) => <span className="mono">{q.mn}</span> },
          {
            key: 'status',
            title: t('monitoring.gateway.quarantine.status'),
            render: (_, q) => <Tag color={q.status === 'pending' ? 'orange' : 'green'}>{t(`monitoring.gateway.quarantine.statuses.${q.status}`)}</Tag>,
          },
          { key: 'count', title: t('monitoring.gateway.quarantine.packetCount'), dataIndex: 'packetCount', align: 'right' },
          { key: 'stored', title: t('monitoring.gateway.quarantine.storedPackets'), dataIndex: 'storedPackets', align: 'right' },
          { key: 'first', title: t('monitoring.gateway.quarantine.firstSeenAt'), render: (_, q) => formatBeijingTime(q.firstSeenAt) },
          { key: 'last', title: t('monitoring.gateway.quarantine.lastSeenAt'), render: (_, q) => formatBeijingTime(q.lastSeenAt) },
          { key: 'raw', title: t('monitoring.gateway.quarantine.lastRaw'), render: (_, q) => <code className="mono raw-packet">{q.lastRaw}</code> },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, q) =>
              q.status === 'pending' ? (
                <Button size="small" onClick={() => setAssigning(q)} data-testid="quarantine-assign">
                  {t('monitoring.gateway.quarantine.assign')}
                </Button>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <Modal
        open={assigning !== null}
        destroyOnHidden
        title={assigning ? t('monitoring.gateway.quarantine.assignTitle', { mn: assigning.mn }) : ''}
        okText={t('monitoring.gateway.quarantine.assign')}
        okButtonProps={{ disabled: !stationId, loading: busy }}
        onOk={confirmAssign}
        onCancel={() => {
          setAssigning(null);
          setStationId(undefined);
        }}
      >
        <Form layout="vertical">
          <Form.Item label={t('monitoring.gateway.quarantine.station')}>
            <Select<string>
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('monitoring.gateway.quarantine.stationPlaceholder')}
              value={stationId}
              onChange={setStationId}
              options={stationOptions}
              data-testid="quarantine-station"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
