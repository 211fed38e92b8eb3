import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Station } from '../../../src/contracts/monitoring';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV, makeOrganisation, makeSignedInUser } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { makeParty, makeStation, stationBody, type Party } from './monitoring-fixtures';

for (const dialect of testDialects()) {
  describe(`monitoring: stations (${dialect})`, () => {
    let t: TestApp;
    let nanjing: Party;
    let hangzhou: Party;

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV });
      nanjing = await makeParty(t.app, t.ctx, '320100');
      hangzhou = await makeParty(t.app, t.ctx, '330100');
    });
    afterAll(async () => t?.close());

    const post = (url: string, session: Party['steward'], payload: unknown) => t.app.inject({ method: 'POST', url, headers: session.headers(true), payload: payload as object });
    const patch = (url: string, session: Party['steward'], payload: unknown) => t.app.inject({ method: 'PATCH', url, headers: session.headers(true), payload: payload as object });
    const get = (url: string, session: Party['steward']) => t.app.inject({ method: 'GET', url, headers: session.headers() });

    it('creates, reads, searches, updates and retires a station; the directory follows each commit', async () => {
      const body = stationBody({ name: '长江南京段', nameEn: 'Yangtze at Nanjing' });
      const created = await post('/api/v1/stations', nanjing.steward, body);
      expect(created.statusCode, created.body).toBe(201);
      const station = created.json<Station>();
      expect(station).toMatchObject({
        code: body.code,
        mn: body.mn,
        kind: 'surface_water',
        subKind: 'automatic',
        waterBody: 'river',
        status: 'active',
        ownerOrganisationId: nanjing.organisation.id,
        provinceCode: '320000',
        cityCode: '320100',
      });
      expect(station.parameters).toContainEqual({ code: 'w21003', unit: 'mg/L', permitLimit: 1.5 });
      expect(station.stationKey).toBeGreaterThan(0);

      const ref = t.ctx.monitoring.stationDirectory.findByMn(body.mn!);
      expect(ref).toMatchObject({ id: station.id, stationKey: station.stationKey, code: body.code, ownerOrganisationId: nanjing.organisation.id });
      expect(ref!.parameters.get('w21003')).toEqual({ unit: 'mg/L', permitLimit: 1.5 });
      expect(t.ctx.monitoring.stationDirectory.findByKey(station.stationKey)?.id).toBe(station.id);

      // Every signed-in member reads stations, other organisations included.
      expect((await get(`/api/v1/stations/${station.id}`, hangzhou.analyst)).json().code).toBe(body.code);
      const search = await get(`/api/v1/stations?q=${encodeURIComponent('南京段')}&provinceCode=320000&kind=surface_water`, hangzhou.analyst);
      expect(search.statusCode).toBe(200);
      expect(search.json().items.map((s: Station) => s.id)).toEqual([station.id]);
      const byOwner = await get(`/api/v1/stations?ownerOrganisationId=${nanjing.organisation.id}&status=active`, nanjing.analyst);
      expect(byOwner.json().total).toBe(1);

      const updated = await patch(`/api/v1/stations/${station.id}`, nanjing.admin, {
        name: '长江南京段（新）',
        mn: 'NEWMN0001',
        parameters: [{ code: 'w01018', unit: 'mg/L', permitLimit: 30 }],
      });
      expect(updated.statusCode, updated.body).toBe(200);
      expect(updated.json().parameters).toEqual([{ code: 'w01018', unit: 'mg/L', permitLimit: 30 }]);
      expect(t.ctx.monitoring.stationDirectory.findByMn(body.mn!)).toBeUndefined();
      expect(t.ctx.monitoring.stationDirectory.findByMn('NEWMN0001')?.parameters.get('w01018')?.permitLimit).toBe(30);

      const map = await get('/api/v1/stations/map?provinceCode=320000', hangzhou.analyst);
      expect(map.json().items).toContainEqual({ id: station.id, code: body.code, name: '长江南京段（新）', nameEn: 'Yangtze at Nanjing', kind: 'surface_water', provinceCode: '320000', cityCode: '320100', lng: 118.8, lat: 32.05, status: 'active' });

      const retired = await post(`/api/v1/stations/${station.id}/retire`, nanjing.steward, undefined);
      expect(retired.statusCode, retired.body).toBe(200);
      expect(retired.json().status).toBe('retired');
      expect(t.ctx.monitoring.stationDirectory.findById(station.id)?.status).toBe('retired');
      expect((await get(`/api/v1/stations/${station.id}`, nanjing.analyst)).json().status).toBe('retired');
      expect((await get('/api/v1/stations/map?provinceCode=320000', nanjing.analyst)).json().items.map((s: Station) => s.id)).not.toContain(station.id);
      expect((await patch(`/api/v1/stations/${station.id}`, nanjing.admin, { name: 'x' })).statusCode).toBe(409);

      const trail = await t.ctx.audit.list(t.ctx.database.db, { objectType: 'station', objectId: station.id, limit: 10, offset: 0 });
      expect(trail.items.map((e) => e.action).sort()).toEqual(['station.create', 'station.retire', 'station.update']);
    });

    it('the map carries the latest AQI or water class once a provider is plugged in', async () => {
      const air = await makeStation(t.ctx, nanjing.organisation.id, { kind: 'air', subKind: null, parameters: [{ code: 'a34004', unit: 'µg/m³' }] });
      const water = await makeStation(t.ctx, nanjing.organisation.id);
      const at = '2026-11-28T02:00:00.000Z';
      t.ctx.monitoring.stations.useMapAssessment(async () => new Map([[air.id, { at, aqi: 87 }], [water.id, { at, waterClass: 'III' }]]));
      const items = (await get('/api/v1/stations/map', nanjing.analyst)).json().items as { id: string; latest?: unknown }[];
      expect(items.find((i) => i.id === air.id)?.latest).toEqual({ at: '2026-11-28T02:00:00.000Z', aqi: 87 });
      expect(items.find((i) => i.id === water.id)?.latest).toEqual({ at: '2026-11-28T02:00:00.000Z', waterClass: 'III' });
      expect(items.filter((i) => i.latest !== undefined)).toHaveLength(2);
    });

    it('refuses every write by another organisation (403) and by read-only roles', async () => {
      const station = await makeStation(t.ctx, nanjing.organisation.id);
      const attempts = [
        () => post('/api/v1/stations', hangzhou.steward, stationBody({ ownerOrganisationId: nanjing.organisation.id })),
        () => patch(`/api/v1/stations/${station.id}`, hangzhou.steward, { name: '越权' }),
        () => patch(`/api/v1/stations/${station.id}`, hangzhou.admin, { name: '越权' }),
        () => post(`/api/v1/stations/${station.id}/retire`, hangzhou.admin, undefined),
        () => post(`/api/v1/stations/${station.id}/readings/validate`, hangzhou.steward, { interval: 'hour', from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z', quality: 'validated' }),
        () => post(`/api/v1/stations/${station.id}/samples`, hangzhou.steward, { sampledAt: '2026-11-01T00:00:00Z', values: [{ parameterCode: 'w01018', value: 10 }] }),
        () => patch(`/api/v1/stations/${station.id}`, nanjing.analyst, { name: '只读' }),
        () => post('/api/v1/stations', nanjing.analyst, stationBody()),
      ];
      for (const attempt of attempts) {
        const response = await attempt();
        expect(response.statusCode, response.body).toBe(403);
      }
      expect((await get(`/api/v1/stations/${station.id}`, nanjing.analyst)).json().name).toBe(station.name);
      expect(t.ctx.monitoring.stationDirectory.findById(station.id)?.status).toBe('active');
    });

    it('rejects bad input: unknown fields, markup, a city of another province, coordinates outside the province, bad kinds, duplicates', async () => {
      const cases: [unknown, number][] = [
        [{ ...stationBody(), colour: 'red' }, 400],
        [stationBody({ name: '<script>alert(1)</script>' }), 400],
        [stationBody({ nameEn: 'a\u0000b' }), 400],
        [stationBody({ cityCode: '330100' }), 400],
        [stationBody({ provinceCode: '110000', cityCode: '110100' }), 400],
        [stationBody({ longitude: 121.5, latitude: 25.0 }), 400],
        [stationBody({ longitude: 200 }), 400],
        [stationBody({ kind: 'air', subKind: 'automatic' }), 400],
        [stationBody({ kind: 'pollution_source', subKind: null }), 400],
        [stationBody({ mn: 'MN with spaces' }), 400],
        [stationBody({ parameters: [{ code: 'w01018', unit: 'mg/L' }, { code: 'w01018', unit: 'mg/L' }] }), 400],
        [stationBody({ parameters: [{ code: 'w01018', unit: 'mg/L', extra: 1 } as never] }), 400],
      ];
      for (const [payload, status] of cases) {
        const response = await post('/api/v1/stations', nanjing.steward, payload);
        expect(response.statusCode, JSON.stringify(payload) + response.body).toBe(status);
        expect(response.json().error.code).toBe('VALIDATION_FAILED');
      }
      const first = stationBody();
      expect((await post('/api/v1/stations', nanjing.steward, first)).statusCode).toBe(201);
      expect((await post('/api/v1/stations', nanjing.steward, stationBody({ code: first.code }))).statusCode).toBe(409);
      expect((await post('/api/v1/stations', nanjing.steward, stationBody({ mn: first.mn }))).statusCode).toBe(409);
      const air = await post('/api/v1/stations', nanjing.steward, stationBody({ kind: 'air', subKind: null, parameters: [{ code: 'a34004', unit: 'µg/m³' }] }));
      expect(air.statusCode, air.body).toBe(201);
      expect(air.json().waterBody).toBeNull();
      const sh = await post('/api/v1/stations', nanjing.steward, stationBody({ provinceCode: '310000', cityCode: '310100', longitude: 121.47, latitude: 31.23 }));
      expect(sh.statusCode, sh.body).toBe(201);
      expect((await get('/api/v1/stations/00000000-0000-7000-8000-000000000000', nanjing.analyst)).statusCode).toBe(404);
      expect((await get('/api/v1/stations?limit=1000', nanjing.analyst)).statusCode).toBe(400);
    });

    it('takes only a monitoring institution as operator (运维机构), on create and on update', async () => {
      const centre = await makeOrganisation(t.ctx, { kind: 'monitoring_centre', divisionCode: '320100' });
      const bureau = await makeOrganisation(t.ctx, { kind: 'city_bureau', divisionCode: '320200' });
      const refused = await post('/api/v1/stations', nanjing.steward, stationBody({ operatorOrganisationId: bureau.id }));
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
      expect(refused.json().error.message).toContain('monitoring institution');
      expect(refused.json().error.messageZh).toContain('运维机构须为监测机构');
      const unknown = await post('/api/v1/stations', nanjing.steward, stationBody({ operatorOrganisationId: '00000000-0000-7000-8000-000000000000' }));
      expect(unknown.statusCode).toBe(400);

      const created = await post('/api/v1/stations', nanjing.steward, stationBody({ operatorOrganisationId: centre.id }));
      expect(created.statusCode, created.body).toBe(201);
      const station = created.json<Station>();
      expect(station.operatorOrganisationId).toBe(centre.id);
      const patched = await patch(`/api/v1/stations/${station.id}`, nanjing.admin, { operatorOrganisationId: bureau.id });
      expect(patched.statusCode).toBe(400);
      expect((await get(`/api/v1/stations/${station.id}`, nanjing.analyst)).json().operatorOrganisationId).toBe(centre.id);
    });

    it('lets only a platform administrator hand a station to another organisation (移交), audited for both', async () => {
      const station = await makeStation(t.ctx, nanjing.organisation.id);
      // The owner's own administrator cannot give it away.
      const refused = await patch(`/api/v1/stations/${station.id}`, nanjing.admin, { ownerOrganisationId: hangzhou.organisation.id });
      expect(refused.statusCode).toBe(403);
      const platform = await makeOrganisation(t.ctx, { kind: 'working_group', divisionCode: '000000' });
      const admin = (await makeSignedInUser(t.app, t.ctx, { organisationId: platform.id, roles: ['platform_admin'] })).session;
      const moved = await patch(`/api/v1/stations/${station.id}`, admin, { ownerOrganisationId: hangzhou.organisation.id });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json<Station>().ownerOrganisationId).toBe(hangzhou.organisation.id);
      expect(t.ctx.monitoring.stationDirectory.findById(station.id)?.ownerOrganisationId).toBe(hangzhou.organisation.id);
      // Now Hangzhou manages it and Nanjing no longer does.
      expect((await patch(`/api/v1/stations/${station.id}`, nanjing.admin, { name: '改名' })).statusCode).toBe(403);
      expect((await patch(`/api/v1/stations/${station.id}`, hangzhou.admin, { name: '杭州接管' })).statusCode).toBe(200);
      const entries = await t.ctx.database.db
        .selectFrom('audit_events')
        .select(['action', 'target_organisation_id'])
        .where('object_id', '=', station.id)
        .where('action', 'in', ['station.update', 'station.transfer'])
        .orderBy('seq')
        .execute();
      expect(entries.slice(0, 2)).toEqual([
        { action: 'station.update', target_organisation_id: nanjing.organisation.id },
        { action: 'station.transfer', target_organisation_id: hangzhou.organisation.id },
      ]);
      const nowhere = await patch(`/api/v1/stations/${station.id}`, admin, { ownerOrganisationId: '00000000-0000-7000-8000-000000000000' });
      expect(nowhere.statusCode).toBe(400);
    });
  });
}
