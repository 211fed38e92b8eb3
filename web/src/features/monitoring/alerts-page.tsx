import { App, Button, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ALERT_KINDS, ALERT_STATUSES, type Alert } from '../../../../src/contracts/assessment';
import { api } from '../../app/api/api-client';
import { FIRST_PAGE, toLimitOffset, type Page, type Paging } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { useMe } from '../../app/auth/use-auth';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { useErrorText } from '../../app/format/use-error-text';
import { PageTitle } from '../../app/shell/page-title';
import { formatValue, useParameterLabelWithCode } from './parameters';

type AlertStatus = (typeof ALERT_STATUSES)[number];
type AlertKind = (typeof ALERT_KINDS)[number];

const STATUS_COLOURS: Record<AlertStatus, string> = { open: 'red', acknowledged: 'gold', closed: 'default' };

/** 超标告警: the exceedance alerts the user may see, filtered by status and kind; the owner organisation acknowledges and closes them. */
export function AlertsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const errorText = useErrorText();
  const parameterLabel = useParameterLabelWithCode();
  const [status, setStatus] = useState<AlertStatus>();
  const [kind, setKind] = useState<AlertKind>();
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const [busy, setBusy] = useState<string>();
  const alerts = useApiQuery<Page<Alert>>('/alerts', { status, kind, ...toLimitOffset(paging) });

  async function transition(alert: Alert, action: 'acknowledge' | 'close') {
    setBusy(alert.id);
    try {
      await api.post<Alert>(`/alerts/${alert.id}/${action}`);
      void message.success(t(action === 'acknowledge' ? 'monitoring.alerts.acknowledged' : 'monitoring.alerts.closed'));
      alerts.reload();
    } catch (error) {
      void message.error(errorText(error));
      alerts.reload();
    } finally {
      setBusy(undefined);
    }
  }

  // Only the owner organisation may handle an alert; the server has the last word (403/404/409).
  const mayHandle = (alert: Alert) => alert.organisationId === me.organisation.id && alert.status !== 'closed';

  return (
    <div data-testid="alerts-page">
      <PageTitle title={t('monitoring.alerts.title')} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<AlertStatus>
          data-testid="alerts-status-filter"
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('monitoring.alerts.allStatuses')}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPaging(FIRST_PAGE);
          }}
          options={ALERT_STATUSES.map((value) => ({ value, label: t(`monitoring.alerts.statuses.${value}`) }))}
        />
        <Select<AlertKind>
          data-testid="alerts-kind-filter"
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('monitoring.alerts.allKinds')}
          value={kind}
          onChange={(value) => {
            setKind(value);
            setPaging(FIRST_PAGE);
          }}
          options={ALERT_KINDS.map((value) => ({ value, label: t(`monitoring.alerts.kinds.${value}`) }))}
        />
      </Space>
      {alerts.error && <Typography.Paragraph type="danger">{errorText(alerts.error)}</Typography.Paragraph>}
      <Table<Alert>
        data-testid="alerts-table"
        rowKey="id"
        size="small"
        loading={alerts.loading}
        dataSource={alerts.data?.items ?? []}
        pagination={{
          current: paging.current,
          pageSize: paging.pageSize,
          total: alerts.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (count) => t('monitoring.alerts.total', { count }),
          onChange: (current, pageSize) => setPaging({ current, pageSize }),
        }}
        onRow={(alert) => ({ 'data-alert-id': alert.id }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: 'station',
            title: t('monitoring.alerts.station'),
            render: (_, alert) => (
              <Link to={`/monitoring/stations/${alert.stationId}`}>
                {alert.stationName} <Typography.Text type="secondary">{alert.stationCode}</Typography.Text>
              </Link>
            ),
          },
          { key: 'parameter', title: t('monitoring.alerts.parameter'), render: (_, alert) => parameterLabel(alert.parameterCode) },
          { key: 'observedAt', title: t('monitoring.alerts.observedAt'), render: (_, alert) => formatBeijingTime(alert.observedAt) },
          { key: 'value', title: t('monitoring.alerts.value'), align: 'right', render: (_, alert) => formatValue(alert.value) },
          { key: 'limit', title: t('monitoring.alerts.limit'), align: 'right', render: (_, alert) => formatValue(alert.limit) },
          { key: 'kind', title: t('monitoring.alerts.kind'), render: (_, alert) => t(`monitoring.alerts.kinds.${alert.kind}`) },
          {
            key: 'status',
            title: t('monitoring.alerts.status'),
            render: (_, alert) => (
              <Tag data-testid="alert-status" color={STATUS_COLOURS[alert.status]}>
                {t(`monitoring.alerts.statuses.${alert.status}`)}
              </Tag>
            ),
          },
          {
            key: 'actions',
            title: t('monitoring.alerts.actions'),
            render: (_, alert) =>
              mayHandle(alert) ? (
                <Space size="small">
                  {alert.status === 'open' && (
                    <Button size="small" data-testid="alert-acknowledge" loading={busy === alert.id} onClick={() => void transition(alert, 'acknowledge')}>
                      {t('monitoring.alerts.acknowledge')}
                    </Button>
                  )}
                  <Popconfirm title={t('monitoring.alerts.closeConfirm')} onConfirm={() => transition(alert, 'close')}>
                    <Button size="small" danger data-testid="alert-close" loading={busy === alert.id}>
                      {t('monitoring.alerts.close')}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]}
      />
    </div>
  );
}
