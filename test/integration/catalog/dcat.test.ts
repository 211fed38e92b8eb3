import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { makeDataset, makeProvince, simpleDefinition, type Province } from './catalog-fixtures';
import { SYSTEM } from '../../../src/server/modules/identity';
import { dcatViolations as violations, toGraph } from './dcat-shacl';

for (const dialect of testDialects()) {
  describe(`catalog: DCAT-AP 3 export (${dialect})`, () => {
    let t: TestApp;
    let zhejiang: Province;

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV });
      zhejiang = await makeProvince(t.app, t.ctx, '330000');
    });
    afterAll(async () => t?.close());

    it('is public JSON-LD that parses as RDF and conforms to the official DCAT-AP 3.0.1 SHACL shapes', async () => {
      const open = await makeDataset(t.ctx, zhejiang.organisation.id, { titleZh: '浙江省环评审批公示', theme: 'eia', temporalEnd: '2026-06-30', relatedCodes: [] });
      const schema = await t.ctx.catalog.schemas.create(SYSTEM, open.id, { definition: simpleDefinition() });
      await t.ctx.catalog.schemas.publish(SYSTEM, open.id, schema.id);
      const related = await makeDataset(t.ctx, zhejiang.organisation.id, { titleZh: '浙江省建设项目环评文件', format: { category: 'electronic_file', type: 'pdf' }, relatedCodes: [open.code], openness: { type: 'conditional', condition: '注册用户' } });
      const conditional = await makeDataset(t.ctx, zhejiang.organisation.id, { titleZh: '执法检查记录', sharing: { type: 'conditional', condition: '限执法协作', mode: 'platform', channel: 'api' }, openness: { type: 'closed' } });
      const secret = await makeDataset(t.ctx, zhejiang.organisation.id, { titleZh: '不予共享资源', sharing: { type: 'not_shared', condition: '法律依据', mode: 'platform', channel: 'file' }, openness: { type: 'closed' } });
      const draft = await makeDataset(t.ctx, zhejiang.organisation.id, { titleZh: '草稿资源' }, false);

      const response = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/dcat' });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toContain('application/ld+json');
      const document = response.json();
      const text = response.body;
      expect(text).toContain(open.code);
      expect(text).toContain(related.code);
      for (const hidden of [conditional, secret, draft]) expect(text).not.toContain(hidden.id);

      expect(await violations(document)).toEqual([]);

      const graph = await toGraph(document);
      const objects = (subjectEnd: string, predicate: string) =>
        [...graph].filter((q) => q.subject.value.endsWith(subjectEnd) && q.predicate.value === predicate).map((q) => q.object.value);
      expect(objects(`${open.id}#dataset`, 'http://purl.org/dc/terms/identifier')).toEqual([open.code]);
      expect(objects(`${related.id}#dataset`, 'http://purl.org/dc/terms/relation')).toEqual([expect.stringContaining(`${open.id}#dataset`)]);
      expect(objects(`${open.id}#distribution`, 'http://purl.org/dc/terms/conformsTo')).toEqual([expect.stringContaining(schema.id)]);
      expect(objects(`${open.id}#dataset`, 'http://purl.org/dc/terms/accrualPeriodicity')).toEqual(['http://publications.europa.eu/resource/authority/frequency/DAILY']);
    });

    it('reports the missing mandatory properties when they are absent (the check is real)', async () => {
      const document = (await t.app.inject({ method: 'GET', url: '/api/v1/catalog/dcat' })).json();
      const graph = document['@graph'] as Record<string, unknown>[];
      const catalog = graph.find((n) => n['@type'] === 'dcat:Catalog')!;
      delete catalog['dct:publisher'];
      const dataset = graph.find((n) => n['@type'] === 'dcat:Dataset')!;
      delete dataset['dct:description'];
      const distribution = graph.find((n) => n['@type'] === 'dcat:Distribution')!;
      delete distribution['dcat:accessURL'];
      const found = await violations(document);
      expect(found.some((v) => v.includes('http://purl.org/dc/terms/publisher'))).toBe(true);
      expect(found.some((v) => v.includes('http://purl.org/dc/terms/description'))).toBe(true);
      expect(found.some((v) => v.includes('http://www.w3.org/ns/dcat#accessURL'))).toBe(true);
    });
  });
}
