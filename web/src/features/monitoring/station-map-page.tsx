import { Button, Card, Input, Segmented, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { STATION_KINDS, STATION_STATUSES, type StationKind, type StationMapItem, type StationStatus } from '../../../../src/contracts/monitoring';
import { useApiQuery } from '../../app/api/use-api-query';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { useDivisions } from '../../app/reference/divisions';
import { usePlatformMeta } from '../../app/reference/meta';
import { useAuth } from '../../app/auth/use-auth';
import { LoadFailedResult } from '../../app/shell/page-states';
import { PageTitle } from '../../app/shell/page-title';
import { useGeoJson } from '../home/use-geojson';
import { AqiBadge, WaterClassBadge } from './badges';
import { StationFormModal } from './station-form';
import { AQI_LEVEL_COLOURS, aqiLevelOf, NEUTRAL_COLOURS, WATER_CLASS_COLOURS } from './colours';
import { StationLegend } from './map-legend';
import './monitoring.css';
import { StationMap, type MapStation } from './station-map';
import { useParameterLabel } from './parameters';

interface Filter {
  q?: string;
  kind?: StationKind;
  provinceCode?: string;
  cityCode?: string;
  status?: StationStatus;
}

function markerColour(station: StationMapItem): string {
  const latest = station.latest;
  if (station.kind === 'pollution_source') return NEUTRAL_COLOURS.source;
  if (station.kind === 'air') {
    if (latest?.aqi === null || latest?.aqi === undefined) return NEUTRAL_COLOURS.noData;
    return AQI_LEVEL_COLOURS[latest.level ?? aqiLevelOf(latest.aqi)] ?? NEUTRAL_COLOURS.noData;
  }
  return (latest?.waterClass && WATER_CLASS_COLOURS[latest.waterClass]) ?? NEUTRAL_COLOURS.noData;
}

/** 监测数据: all stations on the region map (or as a table), coloured by the latest AQI or water class. */
export function StationMapPage() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const navigate = useNavigate();
  const [filter, setFilter] = useState<Filter>({});
  const [view, setView] = useState<'map' | 'table'>('map');
  const divisions = useDivisions();
  const meta = usePlatformMeta();
  const provinces = useGeoJson('/geo/yrd-provinces.geojson');
  // One request: the stations with their latest AQI or water class (retired ones included, marked).
  const stations = useApiQuery<{ items: StationMapItem[] }>('/stations/map', { ...filter, includeRetired: true });
  const paramLabel = useParameterLabel();
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);

  const cityOptions = useMemo(() => {
    const list = divisions.data?.provinces.filter((p) => !filter.provinceCode || p.code === filter.provinceCode).flatMap((p) => p.cities) ?? [];
    return list.map((c) => ({ value: c.code, label: english ? c.nameEn : c.name }));
  }, [divisions.data, filter.provinceCode, english]);

  const items = useMemo(() => stations.data?.items ?? [], [stations.data]);

  const markers = useMemo<MapStation[]>(
    () =>
      items.map((station) => {
        const latest = station.latest;
        const name = english ? station.nameEn : station.name;
        return {
          id: station.id,
          lat: station.lat,
          lng: station.lng,
          kind: station.kind,
          fill: markerColour(station),
          title: name,
          popup: () => {
            const root = document.createElement('div');
            root.className = 'station-popup';
            root.dataset.testid = 'station-popup';
            const title = document.createElement('div');
            title.className = 'station-popup__title';
            title.textContent = `${name}（${station.code}）`;
            root.append(title);
            const line = (text: string) => {
              const div = document.createElement('div');
              div.textContent = text;
              root.append(div);
            };
            line(`${t(`monitoring.kinds.${station.kind}`)} · ${divisions.nameOf(station.cityCode)} · ${t(`monitoring.statuses.${station.status}`)}`);
            if (station.kind === 'air' && latest) {
              const aqi = latest.aqi ?? null;
              const level = latest.level ?? (aqi === null ? null : aqiLevelOf(aqi));
              const category = level === null ? '—' : t(`monitoring.aqiCategories.${level}` as 'monitoring.aqiCategories.1');
              line(aqi === null ? t('monitoring.noData') : t('monitoring.map.latestAqi', { aqi, category }));
              const primary = latest.primaryPollutants ?? [];
              if (primary.length > 0) line(`${t('monitoring.map.primaryPollutant')}：${primary.join('、')}`);
              line(t('monitoring.map.at', { time: formatBeijingTime(latest.at) }));
            } else if (station.kind === 'surface_water' && latest?.waterClass) {
              line(t('monitoring.map.latestClass', { cls: latest.waterClass }));
              const main = latest.mainPollutants ?? [];
              if (main.length > 0) {
                line(`${t('monitoring.map.mainPollutants')}：${main.map((p) => `${paramLabel(p.item)} ×${p.exceedanceMultiple}`).join('、')}`);
              }
              line(t('monitoring.map.at', { time: formatBeijingTime(latest.at) }));
            } else if (station.kind !== 'pollution_source') {
              line(t('monitoring.noData'));
            }
            const link = document.createElement('a');
            const href = `/monitoring/stations/${station.id}`;
            link.href = href;
            link.textContent = t('monitoring.map.openDetail');
            link.dataset.testid = 'station-popup-link';
            link.addEventListener('click', (event) => {
              event.preventDefault();
              void navigate(href);
            });
            root.append(link);
            return root;
          },
        };
      }),
    [items, english, t, divisions, navigate, paramLabel],
  );

  return (
    <div data-testid="station-map-page">
      <PageTitle
        title={t('monitoring.map.title')}
        extra={
          <Space>
            {can('stations:manage') && (
              <Button type="primary" data-testid="station-new" onClick={() => setCreating(true)}>
                {t('monitoring.stationForm.newStation')}
              </Button>
            )}
            <Segmented
              data-testid="view-toggle"
              value={view}
              onChange={(value) => setView(value as 'map' | 'table')}
              options={[
                { value: 'map', label: t('monitoring.map.viewMap') },
                { value: 'table', label: t('monitoring.map.viewTable') },
              ]}
            />
          </Space>
        }
      />
      <StationFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(station) => {
          setCreating(false);
          void navigate(`/monitoring/stations/${station.id}`);
        }}
      />
      <Space wrap className="filter-bar">
        <Input.Search
          allowClear
          placeholder={t('monitoring.map.search')}
          aria-label={t('monitoring.map.search')}
          onSearch={(q) => setFilter({ ...filter, q: q.trim() || undefined })}
          style={{ width: 240 }}
          data-testid="station-search"
        />
        <Select<StationKind>
          allowClear
          placeholder={t('monitoring.map.kind')}
          aria-label={t('monitoring.map.kind')}
          value={filter.kind}
          onChange={(kind) => setFilter({ ...filter, kind })}
          options={STATION_KINDS.map((kind) => ({ value: kind, label: t(`monitoring.kinds.${kind}`) }))}
          style={{ width: 140 }}
        />
        <Select<string>
          allowClear
          placeholder={t('monitoring.map.province')}
          aria-label={t('monitoring.map.province')}
          value={filter.provinceCode}
          onChange={(provinceCode) => setFilter({ ...filter, provinceCode, cityCode: undefined })}
          options={(divisions.data?.provinces ?? []).map((p) => ({ value: p.code, label: english ? p.nameEn : p.name }))}
          style={{ width: 140 }}
        />
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('monitoring.map.city')}
          aria-label={t('monitoring.map.city')}
          value={filter.cityCode}
          onChange={(cityCode) => setFilter({ ...filter, cityCode })}
          options={cityOptions}
          style={{ width: 160 }}
        />
        <Select<StationStatus>
          allowClear
          placeholder={t('monitoring.map.status')}
          aria-label={t('monitoring.map.status')}
          value={filter.status}
          onChange={(status) => setFilter({ ...filter, status })}
          options={STATION_STATUSES.map((status) => ({ value: status, label: t(`monitoring.statuses.${status}`) }))}
          style={{ width: 120 }}
        />
        <Typography.Text type="secondary" data-testid="station-count">
          {t('monitoring.map.stationCount', { count: items.length })}
        </Typography.Text>
      </Space>
      {stations.error ? (
        <LoadFailedResult error={stations.error} onRetry={stations.reload} />
      ) : view === 'map' ? (
        <Card>
          {provinces.failed && <Typography.Text type="warning">{t('monitoring.map.mapUnavailable')}</Typography.Text>}
          <StationMap provinces={provinces.data} stations={markers} english={english} tileUrl={meta?.mapTileUrl ?? ''} label={t('monitoring.map.mapLabel')} />
          <StationLegend />
        </Card>
      ) : (
        <Table<StationMapItem>
          data-testid="station-table"
          rowKey="id"
          size="middle"
          loading={stations.loading}
          dataSource={items}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { key: 'code', title: t('monitoring.map.columns.code'), dataIndex: 'code', render: (code: string) => <span className="mono">{code}</span> },
            {
              key: 'name',
              title: t('monitoring.map.columns.name'),
              render: (_, station) => <Link to={`/monitoring/stations/${station.id}`}>{english ? station.nameEn : station.name}</Link>,
            },
            { key: 'kind', title: t('monitoring.map.columns.kind'), render: (_, station) => t(`monitoring.kinds.${station.kind}`) },
            {
              key: 'area',
              title: t('monitoring.map.columns.area'),
              render: (_, station) => `${divisions.nameOf(station.provinceCode)} · ${divisions.nameOf(station.cityCode)}`,
            },
            { key: 'status', title: t('monitoring.map.columns.status'), render: (_, station) => t(`monitoring.statuses.${station.status}`) },
            {
              key: 'latest',
              title: t('monitoring.map.columns.latest'),
              render: (_, station) => {
                if (station.kind === 'air') return <AqiBadge aqi={station.latest?.aqi ?? null} level={station.latest?.level ?? null} />;
                if (station.kind === 'surface_water') return <WaterClassBadge cls={station.latest?.waterClass ?? null} />;
                return '—';
              },
            },
            {
              key: 'latestAt',
              title: t('monitoring.map.columns.latestAt'),
              render: (_, station) => formatBeijingTime(station.latest?.at),
            },
          ]}
        />
      )}
    </div>
  );
}
