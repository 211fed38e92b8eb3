import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AqiQuery,
  AqiResponse,
  Alert,
  ListAlertsQuery,
  ListAlertsResponse,
  LatestAirQualityResponse,
  LatestWaterQualityResponse,
  RollupsQuery,
  RollupsResponse,
  StationIdParams,
  WaterClassQuery,
  WaterClassResponse,
} from '../../../contracts/assessment';
import { IdParams } from '../../../contracts/common';
import { actorOf } from '../../http/auth-guard';
import type { RouteRegistration } from '../../http/routes';
import { errors } from '../../platform/errors';
import { errorResponses, requestMeta } from '../identity/http-support';
import { DAY_MS } from './assessment.periods';
import { presentAlert, presentAqi, presentRollup, presentWater } from './assessment.presenter';

const DEFAULT_SPAN: Record<string, number> = {
  hour: 7 * DAY_MS,
  day: 366 * DAY_MS,
  sample: 3 * 366 * DAY_MS,
  month: 3 * 366 * DAY_MS,
  year: 20 * 366 * DAY_MS,
};

function range(query: { from?: string; to?: string }, period: string, now: number): { from: number; to: number } {
  const to = query.to === undefined ? now + DAY_MS : Date.parse(query.to);
  const from = query.from === undefined ? to - DEFAULT_SPAN[period]! : Date.parse(query.from);
  if (!(from < to)) throw errors.validation('`from` must be before `to`', '开始时间必须早于结束时间');
  return { from, to };
}

/** Roll-ups, AQI, water class, latest values for the map, and exceedance alerts. */
export const registerAssessmentRoutes: RouteRegistration = (api, ctx) => {
  const routes = api.withTypeProvider<TypeBoxTypeProvider>();
  const { assessment, clock } = ctx;
  // Statistics, AQI and classes are derived from readings: the same permission as the readings.
  const readReadings = { auth: { permission: 'readings:read' as const } };

  routes.get(
    '/stations/:id/rollups',
    {
      schema: {
        tags: ['assessment'],
        summary: 'Day/month/year statistics of a station with coverage · 统计值（日/月/年）',
        params: StationIdParams,
        querystring: RollupsQuery,
        response: { 200: RollupsResponse, ...errorResponses(400, 401, 403, 404) },
      },
      config: readReadings,
    },
    async (request) => {
      const { id } = request.params;
      const { period, parameter } = request.query;
      const { from, to } = range(request.query, period, clock.now());
      const { rows } = await assessment.rollups(id, { period, from, to, ...(parameter === undefined ? {} : { parameter }) });
      return { stationId: id, items: rows.map(presentRollup) };
    },
  );

  routes.get(
    '/stations/:id/aqi',
    {
      schema: {
        tags: ['assessment'],
        summary: 'Hourly or daily AQI of an air station (AQI calendar) · 空气质量指数',
        params: StationIdParams,
        querystring: AqiQuery,
        response: { 200: AqiResponse, ...errorResponses(400, 401, 403, 404) },
      },
      config: readReadings,
    },
    async (request) => {
      const { id } = request.params;
      const { period } = request.query;
      const { from, to } = range(request.query, period, clock.now());
      const { rows } = await assessment.aqi(id, { period, from, to });
      return { stationId: id, period, items: rows.map((r) => presentAqi(r)) };
    },
  );

  routes.get(
    '/stations/:id/water-class',
    {
      schema: {
        tags: ['assessment'],
        summary: 'GB 3838 class per sample or per section-month · 水质类别',
        params: StationIdParams,
        querystring: WaterClassQuery,
        response: { 200: WaterClassResponse, ...errorResponses(400, 401, 403, 404) },
      },
      config: readReadings,
    },
    async (request) => {
      const { id } = request.params;
      const { period } = request.query;
      const { from, to } = range(request.query, period, clock.now());
      const { rows } = await assessment.waterClass(id, { period, from, to });
      return { stationId: id, period, items: rows.map((r) => presentWater(r)) };
    },
  );

  routes.get(
    '/air-quality/latest',
    {
      schema: {
        tags: ['assessment'],
        summary: 'Latest hourly AQI of every air station (map colouring) · 最新空气质量',
        response: { 200: LatestAirQualityResponse, ...errorResponses(401, 403) },
      },
      config: readReadings,
    },
    async () => ({
      items: (await assessment.latestAirQuality()).map((r) => ({
        stationId: r.id,
        code: r.code,
        name: r.name,
        provinceCode: r.province_code,
        cityCode: r.city_code,
        at: new Date(Number(r.observed_at)).toISOString(),
        standard: r.standard,
        aqi: r.aqi,
        level: r.level,
        category: r.category,
        primaryPollutants: JSON.parse(r.primary_pollutants) as string[],
      })),
    }),
  );

  routes.get(
    '/water-quality/latest',
    {
      schema: {
        tags: ['assessment'],
        summary: 'Latest class of every surface-water station (map colouring) · 最新水质类别',
        response: { 200: LatestWaterQualityResponse, ...errorResponses(401, 403) },
      },
      config: readReadings,
    },
    async () => ({
      items: (await assessment.latestWaterQuality()).map((r) => ({
        stationId: r.id,
        code: r.code,
        name: r.name,
        provinceCode: r.province_code,
        cityCode: r.city_code,
        at: new Date(Number(r.sampled_at)).toISOString(),
        basis: r.basis,
        waterBody: r.water_body,
        class: r.class,
        grade: r.grade,
        mainPollutants: JSON.parse(r.main_pollutants) as never[],
      })),
    }),
  );

  routes.get(
    '/alerts',
    {
      schema: {
        tags: ['assessment'],
        summary: "Exceedance alerts: the own organisation's (working group and platform admins: all) · 超标告警",
        querystring: ListAlertsQuery,
        response: { 200: ListAlertsResponse, ...errorResponses(400, 401, 403) },
      },
      config: { auth: { permission: 'alerts:read' } },
    },
    async (request) => {
      const { limit, offset, status, kind, stationId } = request.query;
      const page = await assessment.listAlerts(actorOf(request), {
        limit: limit ?? 50,
        offset: offset ?? 0,
        ...(status === undefined ? {} : { status }),
        ...(kind === undefined ? {} : { kind }),
        ...(stationId === undefined ? {} : { stationId }),
      });
      return { items: page.items.map(presentAlert), total: page.total };
    },
  );

  for (const action of ['acknowledge', 'close'] as const) {
    routes.post(
      `/alerts/:id/${action}`,
      {
        schema: {
          tags: ['assessment'],
          summary: action === 'acknowledge' ? 'Acknowledge an alert (owner organisation) · 确认告警' : 'Close an alert (owner organisation) · 关闭告警',
          params: IdParams,
          response: { 200: Alert, ...errorResponses(401, 403, 404, 409) },
        },
        config: { auth: { permission: 'alerts:read' } },
      },
      async (request) => {
        const actor = actorOf(request);
        const alert =
          action === 'acknowledge'
            ? await assessment.acknowledgeAlert(actor, request.params.id, requestMeta(request))
            : await assessment.closeAlert(actor, request.params.id, requestMeta(request));
        return presentAlert(alert);
      },
    );
  }
};
