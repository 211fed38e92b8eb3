import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataDuty, ListDatasetsResponse } from '../../../src/contracts/catalog';
import { seedDemoData } from '../../../src/server/modules/demo';
import { seedCatalogDemo } from '../../../src/server/modules/demo/catalog-demo';
import { SYSTEM } from '../../../src/server/modules/identity';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';

for (const dialect of testDialects()) {
  describe(`catalog: demo catalog (${dialect})`, () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV });
      await seedDemoData(t.ctx);
    });
    afterAll(async () => t?.close());

    it('has the four provinces and the working group publishing across themes and sharing types, with one overdue duty', async () => {
      const all: ListDatasetsResponse = await t.ctx.catalog.search(SYSTEM, { limit: 100 });
      expect(all.total).toBe(20);
      expect(all.facets.province.map((f) => f.value).sort()).toEqual(['000000', '310000', '320000', '330000', '340000']);
      expect(all.facets.sharingType.map((f) => f.value).sort()).toEqual(['conditional', 'not_shared', 'unconditional']);
      expect(all.facets.theme.length).toBeGreaterThanOrEqual(9);
      expect(all.facets.status).toContainEqual({ value: 'draft', count: 1 });
      const air = all.items.find((d) => d.titleZh === '上海市环境空气质量自动监测小时数据')!;
      expect(air).toMatchObject({ currentSchemaVersion: 2 });
      expect(air.informationItems.map((i) => i.name)).toContain('aqi');
      const duties: { items: DataDuty[]; overdue: number } = await t.ctx.catalog.duties.list(SYSTEM, {});
      expect(duties.items).toHaveLength(6);
      expect(duties.overdue).toBe(1);
      expect(duties.items[0]).toMatchObject({ overdue: true, datasetTitleZh: '安徽省巢湖水质月报' });
      // The public DCAT export carries only the open part.
      const dcat = JSON.stringify(await t.ctx.catalog.exportDcat('https://yrd-eco.example.cn'));
      expect(dcat).toContain('上海市建设项目环评审批信息');
      expect(dcat).not.toContain('辐射安全许可证');
    });

    it('is idempotent and fast', async () => {
      const started = performance.now();
      expect(await seedCatalogDemo(t.ctx)).toEqual({ datasetsCreated: 0, dutiesCreated: 0 });
      expect((await t.ctx.catalog.search(SYSTEM, { limit: 1 })).total).toBe(20);
      console.log(`catalog demo re-run: ${(performance.now() - started).toFixed(0)} ms`);
    });
  });
}
