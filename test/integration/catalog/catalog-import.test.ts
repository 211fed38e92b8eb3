import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogImportReport } from '../../../src/contracts/catalog';
import type { ErrorEnvelope } from '../../../src/contracts/errors';
import { readCatalogXlsx } from '../../../src/server/modules/catalog';
import { MAX_IMPORT_BYTES } from '../../../src/server/modules/catalog/national-files';
import { SYSTEM } from '../../../src/server/modules/identity';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV, makeSignedInUser, type Session } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { makeDataset, makeProvince, makeWorkingGroup, simpleDefinition, type Province } from './catalog-fixtures';
import { catalogJson, catalogRecord, catalogWorkbook, NATIONAL_COLUMNS, XLSX_TYPE } from '../../helpers/catalog-files';

for (const dialect of testDialects()) {
  describe(`catalog: import and export over HTTP (${dialect})`, () => {
    let t: TestApp;
    let shanghai: Province;
    let jiangsu: Province;
    let platformAdmin: Session;
    let uscc: string;

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV });
      shanghai = await makeProvince(t.app, t.ctx, '310000');
      jiangsu = await makeProvince(t.app, t.ctx, '320000');
      const wg = await makeWorkingGroup(t.app, t.ctx);
      platformAdmin = (await makeSignedInUser(t.app, t.ctx, { organisationId: wg.organisation.id, roles: ['platform_admin'] })).session;
      uscc = shanghai.organisation.uscc!;
    });
    afterAll(async () => t?.close());

    const upload = (session: Session | null, body: Buffer | string, contentType: string, dryRun?: boolean) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/catalog/import${dryRun === undefined ? '' : `?dryRun=${dryRun}`}`,
        headers: { ...(session ? session.headers(true) : {}), 'content-type': contentType },
        payload: body,
      });
    const inCatalog = async (code: string) => (await t.ctx.catalog.findByCode(t.ctx.database.db, code)) !== undefined;
    const auditCount = async () => (await t.ctx.audit.list(t.ctx.database.db, { limit: 1, offset: 0 })).total;

    it('checks a workbook on a dry run, row by row with the sheet rows, and writes nothing', async () => {
      const records = [catalogRecord(uscc, 1), catalogRecord(uscc, 2, { 状态: '草稿', 发布日期: '' })];
      const before = await auditCount();
      const response = await upload(shanghai.steward, await catalogWorkbook([records[0]!, null, records[1]!]), XLSX_TYPE, true);
      expect(response.statusCode, response.body).toBe(200);
      const report = response.json<CatalogImportReport>();
      expect(report).toMatchObject({ dryRun: true, total: 2, valid: 2, invalid: 0, imported: 0 });
      // The blank worksheet row is skipped; the report points at the rows as the spreadsheet numbers them.
      expect(report.rows.map((r) => [r.row, r.sourceRow, r.code, r.status])).toEqual([
        [1, 2, '211001/7001', 'valid'],
        [2, 4, '211001/7002', 'valid'],
      ]);
      expect(report.rows[0]!.titleZh).toBe('导入的空气质量数据1');
      expect(await inCatalog('211001/7001')).toBe(false);
      expect(await auditCount()).toBe(before);
    });

    it('rejects a file with one bad row as a whole: the dry run and the import report it, nothing is imported', async () => {
      const records = [catalogRecord(uscc, 11), catalogRecord(uscc, 12, { 共享类型: '随便共享' }), catalogRecord(uscc, 13)];
      const file = await catalogWorkbook(records);

      const checked = (await upload(shanghai.steward, file, XLSX_TYPE, true)).json<CatalogImportReport>();
      expect(checked).toMatchObject({ dryRun: true, total: 3, valid: 2, invalid: 1 });
      const bad = checked.rows[1]!;
      expect(bad).toMatchObject({ row: 2, sourceRow: 3, code: '211001/7012', status: 'invalid' });
      expect(bad.problems).toContainEqual(expect.objectContaining({ code: 'NOT_IN_LIST', column: '共享类型', messageZh: expect.stringContaining('无条件共享') }));

      const response = await upload(shanghai.steward, file, XLSX_TYPE);
      expect(response.statusCode, response.body).toBe(422);
      const envelope = response.json<ErrorEnvelope>();
      expect(envelope.error).toMatchObject({ code: 'CATALOG_IMPORT_REJECTED', messageZh: '3 行中有 1 行有误，未导入任何资源' });
      const report = envelope.error.details as CatalogImportReport;
      expect(report).toMatchObject({ dryRun: false, invalid: 1, imported: 0 });
      expect(report.rows.filter((r) => r.status === 'invalid').map((r) => r.row)).toEqual([2]);
      for (const code of ['211001/7011', '211001/7012', '211001/7013']) expect(await inCatalog(code)).toBe(false);
    });

    it('imports a good JSON file for the own organisation, audited and in the activity history', async () => {
      const records = [
        catalogRecord(uscc, 21, { 数据结构定义: JSON.stringify(simpleDefinition()) }),
        catalogRecord(uscc, 22, { 共享类型: '有条件共享', '共享条件/不予共享依据': '限生态环境部门使用', 开放类型: '不予开放', 是否向社会开放: '否', 状态: '草稿', 发布日期: '' }),
      ];
      const response = await upload(shanghai.steward, catalogJson(records), 'application/json');
      expect(response.statusCode, response.body).toBe(200);
      const report = response.json<CatalogImportReport>();
      expect(report).toMatchObject({ dryRun: false, total: 2, valid: 2, invalid: 0, imported: 2 });
      expect(report.rows.map((r) => r.status)).toEqual(['imported', 'imported']);

      const published = (await t.ctx.catalog.findByCode(t.ctx.database.db, '211001/7021'))!;
      expect(published).toMatchObject({ status: 'published', ownerOrganisationId: shanghai.organisation.id, publishedAt: '2026-01-04T16:00:00.000Z', currentSchemaVersion: 1 });
      const draft = (await t.ctx.catalog.findByCode(t.ctx.database.db, '211001/7022'))!;
      expect(draft).toMatchObject({ status: 'draft', sharing: { type: 'conditional', condition: '限生态环境部门使用' } });

      const steward = shanghai.steward.me.user;
      const { items: imports } = await t.ctx.audit.list(t.ctx.database.db, { action: 'catalog.import', limit: 10, offset: 0 });
      expect(imports[0]).toMatchObject({ actorUserId: steward.id, objectId: shanghai.organisation.id, targetOrganisationId: null });
      const { items: creates } = await t.ctx.audit.list(t.ctx.database.db, { action: 'dataset.create', objectId: published.id, limit: 10, offset: 0 });
      expect(creates).toHaveLength(1);
      expect(creates[0]).toMatchObject({ actorUserId: steward.id });
      const activity = await t.ctx.catalog.activity.list(SYSTEM, published.id, {});
      expect(activity.items.map((a) => a.kind)).toContain('dataset.imported');

      // The same file again: every code is taken now.
      const again = (await upload(shanghai.steward, catalogJson(records), 'application/json', true)).json<CatalogImportReport>();
      expect(again.rows.map((r) => r.problems.map((p) => p.code))).toEqual([['CODE_TAKEN'], ['CODE_TAKEN']]);
    });

    it('refuses callers without the right to catalogue for the provider: 401, 403, and per row for another organisation', async () => {
      const file = catalogJson([catalogRecord(uscc, 31)]);
      expect((await upload(null, file, 'application/json')).statusCode).toBe(401);
      const analyst = await upload(shanghai.analyst, file, 'application/json');
      expect(analyst.statusCode, analyst.body).toBe(403);
      expect(analyst.json<ErrorEnvelope>().error.code).toBe('FORBIDDEN');

      // Jiangsu's steward may catalogue only Jiangsu's datasets.
      const foreign = await upload(jiangsu.steward, file, 'application/json');
      expect(foreign.statusCode, foreign.body).toBe(422);
      const row = (foreign.json<ErrorEnvelope>().error.details as CatalogImportReport).rows[0]!;
      expect(row.problems).toEqual([expect.objectContaining({ code: 'NOT_PERMITTED', column: '信息资源提供方代码', messageZh: `无权为“${shanghai.organisation.name}”编目数据资源` })]);
      expect(await inCatalog('211001/7031')).toBe(false);
    });

    it("lets a platform admin import another organisation's catalog, recorded with the organisation written for", async () => {
      const response = await upload(platformAdmin, catalogJson([catalogRecord(uscc, 41)]), 'application/json');
      expect(response.statusCode, response.body).toBe(200);
      const created = (await t.ctx.catalog.findByCode(t.ctx.database.db, '211001/7041'))!;
      const { items } = await t.ctx.audit.list(t.ctx.database.db, { action: 'dataset.create', objectId: created.id, limit: 10, offset: 0 });
      expect(items[0]).toMatchObject({ actorUserId: platformAdmin.me.user.id, targetOrganisationId: shanghai.organisation.id });
      const { items: imports } = await t.ctx.audit.list(t.ctx.database.db, { action: 'catalog.import', limit: 1, offset: 0 });
      expect(imports[0]).toMatchObject({ actorUserId: platformAdmin.me.user.id, targetOrganisationId: shanghai.organisation.id });
    });

    it('answers a file that is not a catalog with a clear 4xx and a stable reason', async () => {
      const refusal = async (body: Buffer | string, contentType: string) => {
        const response = await upload(shanghai.steward, body, contentType, true);
        const { error } = response.json<ErrorEnvelope>();
        return { status: response.statusCode, code: error.code, reason: (error.details as { reason?: string } | undefined)?.reason, error };
      };
      expect(await refusal('a,b\n1,2\n', 'text/csv')).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(await refusal(Buffer.from('%PDF-1.7 not a workbook'), XLSX_TYPE)).toMatchObject({ status: 400, code: 'CATALOG_FILE_INVALID', reason: 'NOT_XLSX' });
      expect(await refusal(Buffer.alloc(0), XLSX_TYPE)).toMatchObject({ status: 400, code: 'CATALOG_FILE_INVALID', reason: 'NOT_XLSX' });

      const emptyBook = new ExcelJS.Workbook();
      emptyBook.addWorksheet('信息资源目录');
      expect(await refusal(Buffer.from(await emptyBook.xlsx.writeBuffer()), XLSX_TYPE)).toMatchObject({ status: 400, reason: 'NO_ROWS' });
      expect(await refusal(await catalogWorkbook([]), XLSX_TYPE)).toMatchObject({ status: 400, reason: 'NO_ROWS' });

      const wrongHeader = NATIONAL_COLUMNS.map((c) => (c === '共享类型' ? 'sharing type' : c));
      const missing = await refusal(await catalogWorkbook([catalogRecord(uscc, 51)], wrongHeader), XLSX_TYPE);
      expect(missing).toMatchObject({ status: 400, reason: 'MISSING_COLUMNS', error: { messageZh: '表头缺少列：共享类型', details: { missingColumns: ['共享类型'] } } });

      expect(await refusal('{"format": "yrd-eco-catalog", "records": [', 'application/json')).toMatchObject({ status: 400, reason: 'NOT_JSON' });
      expect(await refusal(JSON.stringify({ items: [] }), 'application/json')).toMatchObject({ status: 400, reason: 'NOT_CATALOG_JSON' });
      expect(await refusal(catalogJson([]), 'application/json')).toMatchObject({ status: 400, reason: 'NO_ROWS' });
      expect(await refusal(JSON.stringify({ format: 'yrd-eco-catalog', records: [catalogRecord(uscc, 52), 'x'] }), 'application/json')).toMatchObject({ status: 400, reason: 'NOT_A_RECORD' });

      expect(await refusal(Buffer.alloc(MAX_IMPORT_BYTES + 1), XLSX_TYPE)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });

      const noBody = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/import', headers: shanghai.steward.headers(true) });
      expect(noBody.statusCode).toBe(415);
      expect(await inCatalog('211001/7051')).toBe(false);
    });

    it('exports what the caller sees as XLSX and JSON, own drafts included', async () => {
      const jiangsuDraft = await makeDataset(t.ctx, jiangsu.organisation.id, { titleZh: '江苏省未发布资源' }, false);
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/export.xlsx', headers: shanghai.analyst.headers() });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(XLSX_TYPE);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="yrd-eco-catalog-\d{8}\.xlsx"$/);
      const codes = (await readCatalogXlsx(response.rawPayload)).map((r) => r.信息资源代码);
      expect(codes).toEqual(expect.arrayContaining(['211001/7021', '211001/7022', '211001/7041']));
      expect(codes).not.toContain(jiangsuDraft.code);

      const json = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/export.json', headers: jiangsu.analyst.headers() });
      expect(json.statusCode).toBe(200);
      const jsonCodes = (json.json<{ records: { 信息资源代码: string }[] }>()).records.map((r) => r.信息资源代码);
      expect(jsonCodes).toContain(jiangsuDraft.code);
      expect(jsonCodes).not.toContain('211001/7022');
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/catalog/export.json' })).statusCode).toBe(401);
    });

    it('documents the import in the OpenAPI with both file types and the report', async () => {
      const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> }; responses: Record<string, unknown> }>> }>();
      const operation = spec.paths['/api/v1/catalog/import']!.post!;
      expect(Object.keys(operation.requestBody!.content).sort()).toEqual(['application/json', XLSX_TYPE]);
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '403', '415', '422']));
    });
  });
}
