import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, type ButtonProps, Card, DatePicker, Descriptions, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Static } from 'typebox';
import type { AqiResponse, RollupsResponse, WaterClassResponse } from '../../../../src/contracts/assessment';
import { READING_INTERVALS, type LatestResponse, type ReadingInterval, type SeriesResponse, type Station } from '../../../../src/contracts/monitoring';
import { api } from '../../app/api/api-client';
import { useApiQuery } from '../../app/api/use-api-query';
import { useErrorText } from '../../app/format/use-error-text';
import { beijingDayStart, formatBeijingTime } from '../../app/format/beijing-time';
import { useDivisions } from '../../app/reference/divisions';
import { useOrganisationDirectory } from '../../app/reference/organisations';
import { LoadFailedResult, PageLoading } from '../../app/shell/page-states';
import { PageTitle } from '../../app/shell/page-title';
import { AqiCalendar } from './aqi-calendar';
import { WaterClassBadge } from './badges';
import './monitoring.css';
import { formatValue, useParameterLabel, useParameterLabelWithCode } from './parameters';
import { SeriesChart } from './series-chart';
import { StationFormModal, useMayManageStation } from './station-form';

type Rollup = Static<typeof RollupsResponse>['items'][number];
type WaterMonth = Static<typeof WaterClassResponse>['items'][number];
type Range = [Dayjs, Dayjs];

/** Manual water sites are sampled monthly (stored as daily values); everything else reports hourly. */
function defaultInterval(station: Station): ReadingInterval {
  return station.subKind === 'manual' ? 'day' : 'hour';
}

function defaultRange(station: Station): Range {
  const today = dayjs().startOf('day');
  return station.subKind === 'manual' ? [today.subtract(26, 'month'), today] : [today.subtract(7, 'day'), today];
}

/** The longest range the API serves per interval, in days (real-time 7, minute 31). */
const MAX_DAYS: Partial<Record<ReadingInterval, number>> = { rt: 7, min: 31 };

/** Shortens the range to what the interval allows, keeping its end. */
function clampRange(range: Range, interval: ReadingInterval): Range {
  const max = MAX_DAYS[interval];
  if (max === undefined || range[1].diff(range[0], 'day') < max) return range;
  return [range[1].subtract(max - 1, 'day'), range[1]];
}

/** The picked calendar days as Beijing days: start of the first, start of the day after the last (exclusive). */
function toInstants([start, end]: Range): { from: string; to: string } {
  const after = end.add(1, 'day');
  return {
    from: beijingDayStart({ year: start.year(), month: start.month() + 1, day: start.date() }),
    to: beijingDayStart({ year: after.year(), month: after.month() + 1, day: after.date() }),
  };
}

/** 站点详情: facts, latest values, time series, AQI calendar or monthly water class, statistics, export. */
export function StationDetailPage() {
  const { id } = useParams<{ id: string }>();
  const station = useApiQuery<Station>(id ? `/stations/${id}` : null);
  if (station.error) return <LoadFailedResult error={station.error} onRetry={station.reload} />;
  if (!station.data) return <PageLoading />;
  return <StationDetail key={station.data.id} station={station.data} onChanged={station.reload} />;
}

function StationDetail({ station, onChanged }: { station: Station; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const divisions = useDivisions();
  const directory = useOrganisationDirectory();
  const paramLabel = useParameterLabel();
  const paramLabelWithCode = useParameterLabelWithCode();
  const units = useMemo(() => new Map(station.parameters.map((p) => [p.code, p.unit])), [station.parameters]);

  const [interval, setInterval] = useState<ReadingInterval>(defaultInterval(station));
  const [parameters, setParameters] = useState<string[]>(() => {
    const codes = station.parameters.map((p) => p.code);
    const preferred = ['a34004', 'a34002', 'a05024'].filter((c) => codes.includes(c));
    return preferred.length > 0 ? preferred : codes.slice(0, 3);
  });
  const [range, setRange] = useState<Range>(defaultRange(station));
  const [rollupPeriod, setRollupPeriod] = useState<'day' | 'month' | 'year'>('month');
  const [rollupParameter, setRollupParameter] = useState<string | undefined>(parameters[0]);
  const instants = toInstants(range);

  const latest = useApiQuery<LatestResponse>(`/stations/${station.id}/latest`, { interval });
  const series = useApiQuery<SeriesResponse>(parameters.length > 0 ? `/stations/${station.id}/readings` : null, {
    parameters: parameters.join(','),
    interval,
    ...instants,
  });
  const aqi = useApiQuery<Static<typeof AqiResponse>>(station.kind === 'air' ? `/stations/${station.id}/aqi` : null, { period: 'day' });
  const water = useApiQuery<Static<typeof WaterClassResponse>>(station.kind === 'surface_water' ? `/stations/${station.id}/water-class` : null, { period: 'month' });
  const rollups = useApiQuery<Static<typeof RollupsResponse>>(`/stations/${station.id}/rollups`, { period: rollupPeriod, parameter: rollupParameter });

  const exportHref = (format: 'csv' | 'xlsx') => {
    const query = new URLSearchParams({ stationIds: station.id, interval, ...instants, format });
    if (parameters.length > 0) query.set('parameters', parameters.join(','));
    return `/api/v1/readings/export?${query.toString()}`;
  };

  const parameterOptions = station.parameters.map((p) => ({ value: p.code, label: paramLabelWithCode(p.code) }));
  const kindText = `${t(`monitoring.kinds.${station.kind}`)}${station.subKind ? ` · ${t(`monitoring.subKinds.${station.subKind}`)}` : ''}`;

  return (
    <div data-testid="station-detail">
      <PageTitle
        title={`${english ? station.nameEn : station.name}`}
        extra={
          <Space>
            <StationActions station={station} onChanged={onChanged} />
            <Link to="/monitoring">{t('monitoring.detail.back')}</Link>
          </Space>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('monitoring.detail.facts')}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            data-testid="station-facts"
            items={[
              { key: 'code', label: t('monitoring.detail.code'), children: <span className="mono">{station.code}</span> },
              { key: 'mn', label: t('monitoring.detail.mn'), children: <span className="mono">{station.mn ?? '—'}</span> },
              { key: 'kind', label: t('monitoring.detail.kind'), children: kindText },
              { key: 'owner', label: t('monitoring.detail.owner'), children: directory.nameOf(station.ownerOrganisationId) },
              { key: 'operator', label: t('monitoring.detail.operator'), children: directory.nameOf(station.operatorOrganisationId) },
              {
                key: 'status',
                label: t('monitoring.detail.status'),
                children: (
                  <Tag color={station.status === 'active' ? 'green' : station.status === 'suspended' ? 'orange' : 'default'}>{t(`monitoring.statuses.${station.status}`)}</Tag>
                ),
              },
              { key: 'coordinates', label: t('monitoring.detail.coordinates'), children: `${station.longitude.toFixed(4)}°E, ${station.latitude.toFixed(4)}°N` },
              { key: 'area', label: t('monitoring.detail.area'), children: `${divisions.nameOf(station.provinceCode)} · ${divisions.nameOf(station.cityCode)}` },
              ...(station.waterBody ? [{ key: 'waterBody', label: t('monitoring.detail.waterBody'), children: t(`monitoring.detail.waterBodies.${station.waterBody}`) }] : []),
            ]}
          />
        </Card>

        <Card title={t('monitoring.detail.latest')}>
          <Table
            data-testid="latest-values"
            size="small"
            rowKey="parameterCode"
            loading={latest.loading}
            pagination={false}
            dataSource={latest.data?.items ?? []}
            columns={[
              { key: 'parameter', title: t('monitoring.detail.parameter'), render: (_, item) => paramLabelWithCode(item.parameterCode) },
              { key: 'value', title: t('monitoring.detail.value'), align: 'right', render: (_, item) => item.value ?? '—' },
              { key: 'unit', title: t('monitoring.detail.unit'), render: (_, item) => item.unit ?? units.get(item.parameterCode) ?? '—' },
              { key: 'flag', title: t('monitoring.detail.flag'), render: (_, item) => (item.flag ? <Tag>{item.flag}</Tag> : '—') },
              { key: 'quality', title: t('monitoring.detail.quality'), render: (_, item) => t(`monitoring.qualities.${item.quality}`) },
              { key: 't', title: t('monitoring.detail.time'), render: (_, item) => formatBeijingTime(item.t) },
            ]}
          />
        </Card>

        <Card
          title={t('monitoring.detail.series')}
          extra={
            <Space>
              <Button size="small" icon={<DownloadOutlined />} href={exportHref('csv')} data-testid="export-csv">
                {t('monitoring.detail.exportCsv')}
              </Button>
              <Button size="small" icon={<DownloadOutlined />} href={exportHref('xlsx')} data-testid="export-xlsx">
                {t('monitoring.detail.exportXlsx')}
              </Button>
            </Space>
          }
        >
          <Space wrap className="filter-bar">
            <Select<string[]>
              mode="multiple"
              aria-label={t('monitoring.detail.parameters')}
              placeholder={t('monitoring.detail.parameters')}
              value={parameters}
              onChange={setParameters}
              options={parameterOptions}
              style={{ minWidth: 320 }}
              maxTagCount="responsive"
              data-testid="series-parameters"
            />
            <Select<ReadingInterval>
              aria-label={t('monitoring.detail.interval')}
              value={interval}
              onChange={(next) => {
                setInterval(next);
                setRange((current) => clampRange(current, next));
              }}
              options={READING_INTERVALS.map((value) => ({ value, label: t(`monitoring.intervals.${value}`) }))}
              style={{ width: 110 }}
              data-testid="series-interval"
            />
            <DatePicker.RangePicker
              aria-label={t('monitoring.detail.range')}
              value={range}
              allowClear={false}
              onChange={(dates) => dates?.[0] && dates[1] && setRange(clampRange([dates[0], dates[1]], interval))}
            />
            <Typography.Text type="secondary">{t('monitoring.detail.range')}</Typography.Text>
          </Space>
          {series.error && <LoadFailedResult error={series.error} onRetry={series.reload} />}
          {series.data?.truncated && (
            <Alert type="warning" showIcon title={t('monitoring.detail.truncated', { count: series.data.series.reduce((n, s) => n + s.points.length, 0) })} />
          )}
          {series.data && <SeriesChart data={series.data} />}
        </Card>

        {station.kind === 'air' && (
          <Card title={t('monitoring.detail.aqiCalendar')} data-testid="aqi-calendar-card">
            {aqi.error ? <LoadFailedResult error={aqi.error} onRetry={aqi.reload} /> : aqi.data ? <AqiCalendar days={aqi.data.items} /> : <PageLoading />}
          </Card>
        )}

        {station.kind === 'surface_water' && (
          <Card title={t('monitoring.detail.waterMonths')}>
            <Table<WaterMonth>
              data-testid="water-months"
              size="small"
              rowKey="at"
              loading={water.loading}
              pagination={{ pageSize: 12, showSizeChanger: false }}
              dataSource={[...(water.data?.items ?? [])].reverse()}
              columns={[
                { key: 'month', title: t('monitoring.detail.month'), render: (_, item) => formatBeijingTime(item.at).slice(0, 7) },
                { key: 'class', title: t('monitoring.detail.waterClass'), render: (_, item) => <WaterClassBadge cls={item.class} /> },
                {
                  key: 'main',
                  title: t('monitoring.detail.mainPollutants'),
                  render: (_, item) => (item.mainPollutants.length === 0 ? '—' : item.mainPollutants.map((p) => `${paramLabel(p.item)} ${p.exceedanceMultiple}`).join('、')),
                },
              ]}
            />
          </Card>
        )}

        <Card title={t('monitoring.detail.rollups')}>
          <Space wrap className="filter-bar">
            <Select
              aria-label={t('monitoring.detail.period')}
              value={rollupPeriod}
              onChange={setRollupPeriod}
              options={(['day', 'month', 'year'] as const).map((value) => ({ value, label: t(`monitoring.detail.periods.${value}`) }))}
              style={{ width: 100 }}
            />
            <Select<string>
              allowClear
              aria-label={t('monitoring.detail.parameter')}
              placeholder={t('monitoring.detail.parameter')}
              value={rollupParameter}
              onChange={setRollupParameter}
              options={parameterOptions}
              style={{ width: 280 }}
            />
          </Space>
          <Table<Rollup>
            data-testid="rollups"
            size="small"
            rowKey={(item) => `${item.parameterCode}/${item.periodStart}`}
            loading={rollups.loading}
            pagination={{ pageSize: 15, showSizeChanger: false }}
            dataSource={[...(rollups.data?.items ?? [])].reverse()}
            columns={[
              { key: 'parameter', title: t('monitoring.detail.parameter'), render: (_, item) => paramLabel(item.parameterCode) },
              {
                key: 'periodStart',
                title: t('monitoring.detail.periodStart'),
                render: (_, item) => formatBeijingTime(item.periodStart).slice(0, rollupPeriod === 'day' ? 10 : rollupPeriod === 'month' ? 7 : 4),
              },
              { key: 'mean', title: t('monitoring.detail.mean'), align: 'right', render: (_, item) => formatValue(item.mean) },
              { key: 'min', title: t('monitoring.detail.min'), align: 'right', render: (_, item) => formatValue(item.min) },
              { key: 'max', title: t('monitoring.detail.max'), align: 'right', render: (_, item) => formatValue(item.max) },
              { key: 'unit', title: t('monitoring.detail.unit'), render: (_, item) => units.get(item.parameterCode) ?? '—' },
              {
                key: 'coverage',
                title: t('monitoring.detail.coverage'),
                align: 'right',
                render: (_, item) => (
                  <Space size={4}>
                    {`${Math.round(item.coverage * 100)}% (${item.count}/${item.expected})`}
                    {!item.complete && <Tag color="warning">{t('monitoring.detail.incomplete')}</Tag>}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      </Space>
    </div>
  );
}

/** Edit and retire (with confirmation) for the owner organisation's station managers. */
function StationActions({ station, onChanged }: { station: Station; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const mayManage = useMayManageStation();
  const [editing, setEditing] = useState(false);
  if (!mayManage(station)) return null;

  const retire = () =>
    modal.confirm({
      title: t('monitoring.stationForm.retireTitle', { name: i18n.language === 'en' ? station.nameEn : station.name }),
      content: t('monitoring.stationForm.retireText'),
      okText: t('monitoring.stationForm.retire'),
      okButtonProps: { danger: true, 'data-testid': 'station-retire-ok' } as ButtonProps,
      cancelText: t('monitoring.stationForm.cancel'),
      onOk: async () => {
        try {
          await api.post<Station>(`/stations/${station.id}/retire`);
          void message.success(t('monitoring.stationForm.retired'));
          onChanged();
        } catch (error) {
          void message.error(errorText(error));
        }
      },
    });

  return (
    <>
      <Button data-testid="station-edit" onClick={() => setEditing(true)}>
        {t('monitoring.stationForm.edit')}
      </Button>
      <Button danger data-testid="station-retire" onClick={retire}>
        {t('monitoring.stationForm.retire')}
      </Button>
      <StationFormModal
        station={station}
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          void message.success(t('monitoring.stationForm.saved'));
          onChanged();
        }}
      />
    </>
  );
}
