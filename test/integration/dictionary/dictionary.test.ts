import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeList, CodeListVersion, DataElement } from '../../../src/contracts/dictionary';
import { validateRows } from '../../../src/dataset-schema';
import { seedDictionary } from '../../../src/server/modules/dictionary';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV, makeOrganisation, makeSignedInUser, type Session } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';

for (const dialect of testDialects()) {
  describe(`dictionary (${dialect})`, () => {
    let t: TestApp;
    let wg: Session;
    let analyst: Session;
    let steward: Session;

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV });
      const group = await makeOrganisation(t.ctx, { kind: 'working_group', divisionCode: '000000', name: '字典测试工作专班' });
      const bureau = await makeOrganisation(t.ctx);
      wg = (await makeSignedInUser(t.app, t.ctx, { organisationId: group.id, roles: ['working_group_member'] })).session;
      analyst = (await makeSignedInUser(t.app, t.ctx, { organisationId: bureau.id, roles: ['analyst'] })).session;
      steward = (await makeSignedInUser(t.app, t.ctx, { organisationId: bureau.id, roles: ['data_steward'] })).session;
    });
    afterAll(async () => t?.close());

    const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, session: Session, payload?: unknown) =>
      t.app.inject({ method, url, headers: session.headers(true), ...(payload === undefined ? {} : { payload: payload as object }) });
    const get = (url: string, session: Session) => t.app.inject({ method: 'GET', url, headers: session.headers() });

    it('seeds the platform dictionary once, idempotently, and serves it to every member', async () => {
      const first = await seedDictionary(t.ctx.dictionary);
      expect(first.codeListsCreated).toBe(6);
      expect(first.elementsCreated).toBeGreaterThan(30);
      expect(await seedDictionary(t.ctx.dictionary)).toEqual({ codeListsCreated: 0, elementsCreated: 0 });

      const lists = await get('/api/v1/code-lists?limit=100', analyst);
      expect(lists.statusCode, lists.body).toBe(200);
      expect(lists.json().items.map((list: CodeList) => list.code)).toEqual(['GB2260_DIVISION', 'GB3838_WATER_CLASS', 'GB4754_INDUSTRY', 'HJ212_POLLUTANT', 'SECURITY_GRADE', 'SHARING_TYPE']);
      const industry = (await get('/api/v1/code-lists/GB4754_INDUSTRY', analyst)).json<CodeList>();
      expect(industry.currentVersion).toBe('2017');
      expect(industry.versions.map((version) => [version.version, version.status, version.replacedBy])).toEqual([
        ['2017', 'released', null],
        ['2011', 'retired', '2017'],
      ]);
      const water = (await get(`/api/v1/code-lists/GB3838_WATER_CLASS/versions/2002`, analyst)).json<CodeListVersion>();
      expect(water.entries.map((entry) => entry.code)).toEqual(['I', 'II', 'III', 'IV', 'V', '劣V']);
      const pollutants = (await get('/api/v1/code-lists/HJ212_POLLUTANT/versions/2017', analyst)).json<CodeListVersion>();
      expect(pollutants.entries.find((entry) => entry.code === 'a34004')?.nameZh).toBe('细颗粒物（PM2.5）');
      const divisions = (await get('/api/v1/code-lists/GB2260_DIVISION/versions/2024', analyst)).json<CodeListVersion>();
      expect(divisions.entries.find((entry) => entry.code === '320500')).toMatchObject({ nameZh: '苏州市', parentCode: '320000' });

      const search = await get(`/api/v1/data-elements?q=${encodeURIComponent('氨氮')}`, analyst);
      expect(search.json().items.map((element: DataElement) => element.code)).toEqual(['WATER_NH3N']);
      const byList = await get('/api/v1/data-elements?codeList=GB3838_WATER_CLASS', analyst);
      expect(byList.json().items.map((element: DataElement) => element.code)).toEqual(['TARGET_WATER_CLASS', 'WATER_CLASS']);
      expect((await get('/api/v1/data-elements/WATER_COD', analyst)).json()).toMatchObject({ type: 'decimal', unit: 'mg/L', min: 0, precision: 1, revision: 1 });
    });

    it('lets the working group create and revise data elements, checked against their type, and audits it', async () => {
      const created = await send('POST', '/api/v1/data-elements', wg, { code: 'NOISE_LEQ', nameZh: '等效声级', nameEn: 'Equivalent sound level', type: 'decimal', unit: 'dB(A)', min: 0, max: 200, precision: 1 });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ code: 'NOISE_LEQ', revision: 1 });

      const revised = await send('PATCH', '/api/v1/data-elements/NOISE_LEQ', wg, { revision: 1, nameEn: 'Equivalent continuous sound level', max: 150 });
      expect(revised.statusCode, revised.body).toBe(200);
      expect(revised.json()).toMatchObject({ revision: 2, max: 150, nameEn: 'Equivalent continuous sound level' });
      const stale = await send('PATCH', '/api/v1/data-elements/NOISE_LEQ', wg, { revision: 1, max: 120 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.messageZh).toContain('已被他人修改');

      const wrongAttribute = await send('POST', '/api/v1/data-elements', wg, { code: 'BAD_ONE', nameZh: '错误', nameEn: 'Bad', type: 'string', precision: 2 });
      expect(wrongAttribute.statusCode).toBe(400);
      expect(wrongAttribute.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(wrongAttribute.json().error.details[0].path).toBe('/precision');
      const unknownList = await send('POST', '/api/v1/data-elements', wg, { code: 'BAD_TWO', nameZh: '错误', nameEn: 'Bad', type: 'code', codeList: 'NO_SUCH_LIST' });
      expect(unknownList.statusCode).toBe(400);
      expect(unknownList.json().error.messageZh).toContain('不存在');
      const duplicate = await send('POST', '/api/v1/data-elements', wg, { code: 'NOISE_LEQ', nameZh: '重复', nameEn: 'Dup', type: 'integer' });
      expect(duplicate.statusCode).toBe(409);
      expect((await get('/api/v1/data-elements/BAD_ONE', analyst)).statusCode).toBe(404);

      const trail = await t.ctx.audit.list(t.ctx.database.db, { objectType: 'data_element', objectId: 'NOISE_LEQ', limit: 10, offset: 0 });
      expect(trail.items.map((event) => event.action).sort()).toEqual(['data_element.create', 'data_element.update']);
    });

    it('refuses writes without dictionary:manage and bad input with 4xx', async () => {
      expect((await send('POST', '/api/v1/data-elements', steward, { code: 'X_ONE', nameZh: 'x', nameEn: 'x', type: 'string' })).statusCode).toBe(403);
      expect((await send('POST', '/api/v1/code-lists', analyst, { code: 'X_LIST', nameZh: 'x', nameEn: 'x' })).statusCode).toBe(403);
      expect((await send('POST', '/api/v1/code-lists', wg, { code: 'lower-case', nameZh: 'x', nameEn: 'x' })).statusCode).toBe(400);
      expect((await send('POST', '/api/v1/code-lists', wg, { code: 'X_LIST', nameZh: '<b>x</b>', nameEn: 'x' })).statusCode).toBe(400);
      expect((await get('/api/v1/code-lists/NO_SUCH_LIST', analyst)).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/data-elements' })).statusCode).toBe(401);
    });

    it('runs a code list through draft → released → retired codes, and resolves it for validation', async () => {
      expect((await send('POST', '/api/v1/code-lists', wg, { code: 'BASIN', nameZh: '流域', nameEn: 'River basins' })).statusCode).toBe(201);
      const draft = await send('POST', '/api/v1/code-lists/BASIN/versions', wg, {
        version: 'v1',
        entries: [
          { code: 'YANGTZE', nameZh: '长江', nameEn: 'Yangtze' },
          { code: 'TAIHU', nameZh: '太湖', nameEn: 'Taihu', parentCode: 'YANGTZE' },
          { code: 'HUAI', nameZh: '淮河', nameEn: 'Huai' },
        ],
      });
      expect(draft.statusCode, draft.body).toBe(201);
      expect(draft.json()).toMatchObject({ status: 'draft', entryCount: 3 });
      expect(await t.ctx.dictionary.resolveCodeList(t.ctx.database.db, 'BASIN')).toBeUndefined();

      const badParent = await send('PUT', '/api/v1/code-lists/BASIN/versions/v1/entries', wg, { entries: [{ code: 'A', nameZh: 'a', nameEn: 'a', parentCode: 'B' }] });
      expect(badParent.statusCode).toBe(400);
      const twice = await send('PUT', '/api/v1/code-lists/BASIN/versions/v1/entries', wg, { entries: [{ code: 'A', nameZh: 'a', nameEn: 'a' }, { code: 'A', nameZh: 'b', nameEn: 'b' }] });
      expect(twice.statusCode).toBe(400);
      expect((await get('/api/v1/code-lists/BASIN/versions/v1', analyst)).json().entryCount).toBe(3);

      const edited = await send('PUT', '/api/v1/code-lists/BASIN/versions/v1/entries', wg, {
        entries: [
          { code: 'YANGTZE', nameZh: '长江', nameEn: 'Yangtze' },
          { code: 'TAIHU', nameZh: '太湖', nameEn: 'Taihu', parentCode: 'YANGTZE' },
          { code: 'HUAI', nameZh: '淮河', nameEn: 'Huai' },
          { code: 'QIANTANG', nameZh: '钱塘江', nameEn: 'Qiantang' },
        ],
      });
      expect(edited.statusCode, edited.body).toBe(200);
      const released = await send('POST', '/api/v1/code-lists/BASIN/versions/v1/release', wg);
      expect(released.statusCode, released.body).toBe(200);
      expect(released.json().status).toBe('released');
      expect((await send('PUT', '/api/v1/code-lists/BASIN/versions/v1/entries', wg, { entries: [] })).statusCode).toBe(409);
      expect((await send('POST', '/api/v1/code-lists/BASIN/versions/v1/release', wg)).statusCode).toBe(409);

      const badReplacement = await send('POST', '/api/v1/code-lists/BASIN/versions/v1/entries/HUAI/retire', wg, { replacementCode: 'NOPE' });
      expect(badReplacement.statusCode).toBe(400);
      const retired = await send('POST', '/api/v1/code-lists/BASIN/versions/v1/entries/HUAI/retire', wg, { replacementCode: 'YANGTZE' });
      expect(retired.statusCode, retired.body).toBe(200);
      expect(retired.json().entries.find((entry: { code: string }) => entry.code === 'HUAI')).toMatchObject({ replacementCode: 'YANGTZE' });
      expect((await send('POST', '/api/v1/code-lists/BASIN/versions/v1/entries/HUAI/retire', wg, {})).statusCode).toBe(409);

      const resolved = await t.ctx.dictionary.resolveCodeList(t.ctx.database.db, 'BASIN');
      expect(resolved).toMatchObject({ code: 'BASIN', version: 'v1', status: 'released' });
      const huai = resolved!.entries.find((entry) => entry.code === 'HUAI')!;
      expect(huai.replacementCode).toBe('YANGTZE');
      expect(typeof huai.retiredAt).toBe('number');

      // The resolved list drives validation: old data keeps the retired code, new data is warned.
      const definition = {
        format: 1 as const,
        tables: [{ name: 'sites', label: { zh: '点位', en: 'Sites' }, fields: [{ name: 'basin', label: { zh: '流域', en: 'Basin' }, type: 'code' as const, codeList: { code: 'BASIN' } }] }],
      };
      const validate = (at: number) => validateRows({ definition, tables: { sites: [{ basin: 'HUAI' }, { basin: 'taihu' }, { basin: 'NILE' }] }, codeLists: [{ ref: { code: 'BASIN' }, entries: resolved!.entries }], referenceDate: { at } });
      expect(validate(Date.UTC(2020, 0, 1)).results.map((result) => result.ruleCode)).toEqual(['CL-001']);
      expect(validate(huai.retiredAt! + 1).results.map((result) => result.ruleCode)).toEqual(['CL-002', 'CL-001']);

      // v2 copies the codes in force; releasing it and retiring v1 with it as the replacement.
      const v2 = await send('POST', '/api/v1/code-lists/BASIN/versions', wg, { version: 'v2', copyFrom: 'v1', note: '淮河并入长江片区' });
      expect(v2.statusCode, v2.body).toBe(201);
      expect(v2.json().entries.map((entry: { code: string }) => entry.code)).toEqual(['YANGTZE', 'TAIHU', 'QIANTANG']);
      expect((await send('POST', '/api/v1/code-lists/BASIN/versions/v1/retire', wg, { replacedBy: 'v2' })).statusCode).toBe(400);
      expect((await send('POST', '/api/v1/code-lists/BASIN/versions/v2/release', wg)).statusCode).toBe(200);
      const retiredVersion = await send('POST', '/api/v1/code-lists/BASIN/versions/v1/retire', wg, { replacedBy: 'v2' });
      expect(retiredVersion.statusCode, retiredVersion.body).toBe(200);
      expect(retiredVersion.json()).toMatchObject({ status: 'retired', replacedBy: 'v2' });
      expect((await t.ctx.dictionary.resolveCodeList(t.ctx.database.db, 'BASIN'))?.version).toBe('v2');
      const oldVersion = await t.ctx.dictionary.resolveCodeList(t.ctx.database.db, 'BASIN', 'v1');
      expect(oldVersion?.status).toBe('retired');
      expect(oldVersion?.entries.every((entry) => entry.retiredAt !== null)).toBe(true);
      expect(await t.ctx.dictionary.resolveCodeList(t.ctx.database.db, 'BASIN', 'v9')).toBeUndefined();
      expect((await get('/api/v1/code-lists/BASIN', analyst)).json().currentVersion).toBe('v2');

      const trail = await t.ctx.audit.list(t.ctx.database.db, { objectType: 'code_list', objectId: 'BASIN', limit: 50, offset: 0 });
      expect(new Set(trail.items.map((event) => event.action))).toEqual(
        new Set(['code_list.create', 'code_list_version.create', 'code_list_version.entries', 'code_list_version.release', 'code_list_entry.retire', 'code_list_version.retire']),
      );
    });

    it('back-dates a retirement to the Beijing day a code stopped being valid, never into the future', async () => {
      expect((await send('POST', '/api/v1/code-lists', wg, { code: 'COUNTY', nameZh: '县级区划', nameEn: 'Counties' })).statusCode).toBe(201);
      const entries = [
        { code: '320124', nameZh: '溧水县', nameEn: 'Lishui County' },
        { code: '320117', nameZh: '溧水区', nameEn: 'Lishui District' },
        { code: '320125', nameZh: '高淳县', nameEn: 'Gaochun County' },
        { code: '320118', nameZh: '高淳区', nameEn: 'Gaochun District' },
      ];
      expect((await send('POST', '/api/v1/code-lists/COUNTY/versions', wg, { version: '2012', entries })).statusCode).toBe(201);
      expect((await send('POST', '/api/v1/code-lists/COUNTY/versions/2012/release', wg)).statusCode).toBe(200);
      const retire = (code: string, body: object) => send('POST', `/api/v1/code-lists/COUNTY/versions/2012/entries/${code}/retire`, wg, body);

      // 溧水县 became 溧水区 on 28 February 2013 (国函〔2013〕37号), recorded here only now.
      const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
      const future = await retire('320124', { replacementCode: '320117', effectiveFrom: tomorrow });
      expect(future.statusCode).toBe(400);
      expect(future.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: '/effectiveFrom' }] });
      expect((await retire('320124', { effectiveFrom: '2013-02-30' })).statusCode).toBe(400);
      expect((await retire('320124', { effectiveFrom: '28/02/2013' })).statusCode).toBe(400);
      const backDated = await retire('320124', { replacementCode: '320117', effectiveFrom: '2013-02-28' });
      expect(backDated.statusCode, backDated.body).toBe(200);
      const lishui = backDated.json().entries.find((entry: { code: string }) => entry.code === '320124');
      // 00:00 Beijing time is 16:00 UTC the day before.
      expect(lishui.retiredAt).toBe('2013-02-27T16:00:00.000Z');

      const resolved = (await t.ctx.dictionary.resolveCodeList(t.ctx.database.db, 'COUNTY'))!;
      const definition = {
        format: 1 as const,
        tables: [{ name: 'sites', label: { zh: '点位', en: 'Sites' }, fields: [{ name: 'county', label: { zh: '区县', en: 'County' }, type: 'code' as const, codeList: { code: 'COUNTY' } }] }],
      };
      const warnings = (at: number) =>
        validateRows({ definition, tables: { sites: [{ county: '320124' }] }, codeLists: [{ ref: { code: 'COUNTY' }, entries: resolved.entries }], referenceDate: { at } }).results.map((result) => result.ruleCode);
      expect(warnings(Date.parse('2013-02-27T15:59:59Z'))).toEqual([]);
      expect(warnings(Date.parse('2013-02-27T16:00:00Z'))).toEqual(['CL-002']);

      // Without a date the retirement counts from now; a whole version can be back-dated too.
      const now = await retire('320125', { replacementCode: '320118' });
      expect(Date.now() - Date.parse(now.json().entries.find((entry: { code: string }) => entry.code === '320125').retiredAt)).toBeLessThan(60_000);
      expect((await send('POST', '/api/v1/code-lists/COUNTY/versions', wg, { version: '2013', copyFrom: '2012' })).statusCode).toBe(201);
      expect((await send('POST', '/api/v1/code-lists/COUNTY/versions/2013/release', wg)).statusCode).toBe(200);
      const version = await send('POST', '/api/v1/code-lists/COUNTY/versions/2012/retire', wg, { replacedBy: '2013', effectiveFrom: '2014-01-01' });
      expect(version.statusCode, version.body).toBe(200);
      expect(version.json().retiredAt).toBe('2013-12-31T16:00:00.000Z');
      const trail = await t.ctx.audit.list(t.ctx.database.db, { objectType: 'code_list', objectId: 'COUNTY', limit: 50, offset: 0 });
      expect(trail.items.filter((event) => event.action.endsWith('.retire')).map((event) => event.action).sort()).toEqual(['code_list_entry.retire', 'code_list_entry.retire', 'code_list_version.retire']);
    });
  });
}
