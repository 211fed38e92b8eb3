import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCatalogExport, runCatalogImport } from '../../../src/cli/commands/catalog.run';
import type { CatalogImportReport } from '../../../src/contracts/catalog';
import { readCatalogJson, readCatalogXlsx, writeCatalogJson, writeCatalogXlsx } from '../../../src/server/modules/catalog';
import { SYSTEM } from '../../../src/server/modules/identity';
import { AppError } from '../../../src/server/platform/errors';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { makeDataset, makeProvince, simpleDefinition, type Province } from './catalog-fixtures';

function sink() {
  let text = '';
  return { stream: new Writable({ write: (chunk, _enc, done) => ((text += String(chunk)), done()) }), text: () => text };
}

for (const dialect of testDialects()) {
  describe(`catalog: national-format import and export (${dialect})`, () => {
    let source: TestApp;
    let target: TestApp;
    let shanghai: Province;
    const dir = mkdtempSync(join(tmpdir(), 'yrd-catalog-'));

    beforeAll(async () => {
      source = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV });
      target = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV });
      shanghai = await makeProvince(source.app, source.ctx, '310000');
      const o = shanghai.organisation;
      // The same member organisation exists on the receiving platform (matched by USCC).
      await target.ctx.identity.organisations.create(SYSTEM, { name: o.name, nameEn: o.nameEn, kind: o.kind, divisionCode: o.divisionCode, uscc: o.uscc! });

      const air = await makeDataset(source.ctx, o.id, { localCode: 'SH-AIR-1', classification: { lei: { code: '3', name: '部门' }, xiang: { code: '31', name: '上海市' }, mu: { code: '001', name: '生态环境局' }, ximu: { code: '02', name: '大气处' } }, relatedCodes: [], temporalEnd: '2026-10-31' });
      const schema = await source.ctx.catalog.schemas.create(SYSTEM, air.id, { definition: simpleDefinition() });
      await source.ctx.catalog.schemas.publish(SYSTEM, air.id, schema.id);
      await makeDataset(source.ctx, o.id, { titleZh: '行政处罚案件', theme: 'enforcement', sharing: { type: 'conditional', condition: '限执法协作使用', mode: 'platform', channel: 'database' }, openness: { type: 'closed' }, updateCycle: 'other', updateCycleNote: '按案件办结', relatedCodes: [air.code], keywords: ['处罚', '执法'] });
      await makeDataset(source.ctx, o.id, { titleZh: '核与辐射安全许可', sharing: { type: 'not_shared', condition: '《核安全法》相关规定', mode: 'media' }, openness: { type: 'closed' }, securityGrade: 'core' }, false);
      const old = await makeDataset(source.ctx, o.id, { titleZh: '旧版名录' });
      await source.ctx.catalog.datasets.deprecate(SYSTEM, old.id);
    });
    afterAll(async () => {
      await source?.close();
      await target?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('round-trips through XLSX and JSON without loss, with the guide\'s Chinese column names', async () => {
      const exported = await source.ctx.catalog.transfer.exportRecords();
      expect(exported).toHaveLength(4);
      const xlsx = await writeCatalogXlsx(exported);
      const fromXlsx = await readCatalogXlsx(xlsx);
      expect(fromXlsx).toEqual(exported);
      expect(Object.keys(fromXlsx[0]!)).toContain('共享条件/不予共享依据');
      expect(readCatalogJson(writeCatalogJson(exported))).toEqual(exported);

      const report = await target.ctx.catalog.transfer.importRecords(fromXlsx);
      expect(report.imported).toBe(4);
      const again = await target.ctx.catalog.transfer.exportRecords();
      expect(again).toEqual(exported);
      const withSchema = exported.find((r) => r.数据结构定义 !== '')!;
      expect(withSchema.信息项).toBe('站点编码(C,20)；监测时间(T)；PM2.5浓度(N)');
      const imported = await target.ctx.catalog.datasets.findByCode(target.ctx.database.db, withSchema.信息资源代码);
      expect(imported?.informationItems.length).toBe(3);
    });

    it('rejects the whole file with a per-row report (codes, enumerations, USCC, rules), importing nothing', async () => {
      const exported = await source.ctx.catalog.transfer.exportRecords();
      const rows = exported.map((r) => ({ ...r, 信息资源代码: r.信息资源代码.replace(/\/(\d+)$/, (_m, n: string) => `/${String(Number(n) + 500).padStart(4, '0')}`) }));
      rows[0] = { ...rows[0]!, 共享类型: '随便共享' };
      rows[1] = { ...rows[1]!, 信息资源提供方代码: '91310000MA1FL0000X' };
      rows[2] = { ...rows[2]!, 信息资源代码: rows[1]!.信息资源代码 };
      rows.push({ ...rows[3]!, 信息资源代码: `${rows[3]!.信息资源代码.split('/')[0]}/9999`, 共享类型: '有条件共享', '共享条件/不予共享依据': '' });
      const before = (await target.ctx.catalog.transfer.exportRecords()).length;
      const error = await target.ctx.catalog.transfer.importRecords(rows).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('CATALOG_IMPORT_REJECTED');
      const report = (error as AppError).details as CatalogImportReport;
      expect(report).toMatchObject({ total: 5, valid: 1, invalid: 4, imported: 0 });
      const bad = report.rows.filter((r) => r.status === 'invalid');
      expect(bad.map((r) => r.row)).toEqual([1, 2, 3, 5]);
      expect(bad[0]!.problems[0]).toMatchObject({ code: 'NOT_IN_LIST', column: '共享类型' });
      expect(bad[1]!.problems[0]).toMatchObject({ code: 'INVALID_USCC', column: '信息资源提供方代码' });
      expect(bad[2]!.problems[0]).toMatchObject({ code: 'DUPLICATE_CODE', messageZh: expect.stringContaining('与第 2 行重复') });
      expect(bad[3]!.problems).toContainEqual(expect.objectContaining({ code: 'METADATA_RULE', column: '共享条件/不予共享依据' }));
      expect((await target.ctx.catalog.transfer.exportRecords()).length).toBe(before);
    });

    it('runs as `yrd-eco catalog export|import FILE` with progress on stderr', async () => {
      const file = join(dir, 'catalog.json');
      const out = sink();
      const err = sink();
      expect(await runCatalogExport(source.ctx.config, { stdout: out.stream, stderr: err.stream }, file)).toBe(4);
      expect(out.text()).toContain(`4 resources written to ${file}`);
      expect(err.text()).toContain('resources: 4/4');
      const broken = JSON.parse(readFileSync(file, 'utf8'));
      broken.records[0].更新周期 = '每分钟';
      writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
      const err2 = sink();
      expect(await runCatalogImport(target.ctx.config, { stdout: sink().stream, stderr: err2.stream }, join(dir, 'broken.json'))).toBe(false);
      expect(err2.text()).toContain('[更新周期] NOT_IN_LIST: 更新周期应为');
      // --dry-run prints the same report, one line per row, and imports nothing.
      const dry = sink();
      const dryOut = sink();
      expect(await runCatalogImport(target.ctx.config, { stdout: dryOut.stream, stderr: dry.stream }, join(dir, 'broken.json'), { dryRun: true })).toBe(false);
      // (The target holds these resources since the first test: every code is taken.)
      expect(dry.text()).toMatch(/row 2 \d+\/\d+ \[信息资源代码\] CODE_TAKEN: /);
      expect(dry.text()).toContain('[更新周期] NOT_IN_LIST');
      expect(dryOut.text()).toContain('4 of 4 rows have problems (dry run, nothing imported)');
    });
  });
}
