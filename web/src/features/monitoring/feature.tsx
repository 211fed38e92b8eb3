import { AlertOutlined, ApiOutlined, ExperimentOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { defineFeature } from '../../app/features/feature-registry';

/** 监测数据: station map, station detail, exceedance alerts, the HJ 212 gateway's status and quarantine, manual samples. */
export default defineFeature({
  id: 'monitoring',
  routes: [
    { path: '/monitoring', page: async () => (await import('./station-map-page')).StationMapPage, permission: 'stations:read' },
    { path: '/monitoring/stations/:id', page: async () => (await import('./station-detail-page')).StationDetailPage, permission: 'stations:read' },
    { path: '/monitoring/alerts', page: async () => (await import('./alerts-page')).AlertsPage, permission: 'alerts:read' },
    { path: '/monitoring/gateway', page: async () => (await import('./gateway-page')).GatewayPage, permission: 'gateway:manage' },
    { path: '/monitoring/samples', page: async () => (await import('./samples-page')).SamplesPage, permission: 'readings:write' },
  ],
  menu: [
    { path: '/monitoring', label: 'monitoring.nav.map', icon: <EnvironmentOutlined />, section: 'collaboration', order: 110, permission: 'stations:read' },
    { path: '/monitoring/alerts', label: 'monitoring.nav.alerts', icon: <AlertOutlined />, section: 'collaboration', order: 112, permission: 'alerts:read' },
    { path: '/monitoring/samples', label: 'monitoring.nav.samples', icon: <ExperimentOutlined />, section: 'collaboration', order: 111, permission: 'readings:write' },
    { path: '/monitoring/gateway', label: 'monitoring.nav.gateway', icon: <ApiOutlined />, section: 'admin', order: 150, permission: 'gateway:manage' },
  ],
});
