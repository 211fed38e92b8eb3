import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../../../src/contracts/errors';
import { seedDemoData } from '../../../src/server/modules/demo';
import { SYSTEM } from '../../../src/server/modules/identity';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { dcatViolations, toGraph } from './dcat-shacl';

type Node = Record<string, unknown> & { '@id': string; '@type': string | string[] };
interface DcatDocument {
  '@context': Record<string, string>;
  '@graph': Node[];
}

const SEEDED_AT = Date.parse('2026-11-20T02:00:00Z');
const HYDRA = 'http://www.w3.org/ns/hydra/core#';

const catalogOf = (document: DcatDocument) => document['@graph'].find((n) => n['@type'] === 'dcat:Catalog')!;
const datasetIds = (document: DcatDocument) => document['@graph'].filter((n) => n['@type'] === 'dcat:Dataset').map((n) => n['@id']);
const viewOf = (document: DcatDocument) => document['@graph'].find((n) => n['@type'] === 'hydra:PartialCollectionView');
const link = (view: Node | undefined, name: string) => (view?.[`hydra:${name}`] as { '@id': string } | undefined)?.['@id'];
/** An absolute link of the export as the path and query to inject. */
const pathOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

for (const dialect of testDialects()) {
  describe(`catalog: DCAT-AP export paging for harvesters (${dialect})`, () => {
    let t: TestApp;
    let now = SEEDED_AT;

    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV, context: { clock: { now: () => now } } });
      await seedDemoData(t.ctx);
    });
    afterAll(async () => t?.close());

    const fetchDcat = async (url: string) => {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<DcatDocument>();
    };

    it('answers without parameters as the first page of 100: the whole demo catalog, as before, plus its hydra view', async () => {
      const document = await fetchDcat('/api/v1/catalog/dcat');
      const catalog = catalogOf(document);
      const all = datasetIds(document);
      // The demo's eight published datasets that are shared and open to society.
      expect(all).toHaveLength(8);
      expect(catalog['dcat:dataset']).toEqual(all.map((id) => ({ '@id': id })));
      expect(catalog['hydra:totalItems']).toBe(8);
      expect(document['@context'].hydra).toBe(HYDRA);
      const view = viewOf(document)!;
      expect(catalog['hydra:view']).toEqual({ '@id': view['@id'] });
      expect(pathOf(view['@id'])).toBe('/api/v1/catalog/dcat?page=1&pageSize=100');
      expect(link(view, 'first')).toBe(view['@id']);
      expect(link(view, 'last')).toBe(view['@id']);
      expect(link(view, 'next')).toBeUndefined();
      expect(link(view, 'previous')).toBeUndefined();
      expect(await dcatViolations(document)).toEqual([]);
    });

    it('pages through the demo catalog by following hydra:next; every page conforms to the DCAT-AP 3.0.1 shapes', async () => {
      const everything = datasetIds(await fetchDcat('/api/v1/catalog/dcat'));
      const seen: string[] = [];
      const pages: string[] = [];
      let url: string | undefined = '/api/v1/catalog/dcat?pageSize=3';
      while (url !== undefined) {
        const document = await fetchDcat(url);
        const view = viewOf(document)!;
        pages.push(pathOf(view['@id']));
        expect(catalogOf(document)['hydra:totalItems']).toBe(8);
        expect(pathOf(link(view, 'last')!)).toBe('/api/v1/catalog/dcat?page=3&pageSize=3');
        if (pages.length > 1) expect(pathOf(link(view, 'previous')!)).toBe(pages[pages.length - 2]);
        const onPage = datasetIds(document);
        expect(onPage.length).toBeLessThanOrEqual(3);
        seen.push(...onPage);
        expect(await dcatViolations(document)).toEqual([]);
        url = link(view, 'next') === undefined ? undefined : pathOf(link(view, 'next')!);
      }
      expect(pages).toEqual(['/api/v1/catalog/dcat?page=1&pageSize=3', '/api/v1/catalog/dcat?page=2&pageSize=3', '/api/v1/catalog/dcat?page=3&pageSize=3']);
      // Every public dataset exactly once, in the same (code) order as the single page.
      expect(seen).toEqual(everything);

      // What an RDF harvester reads: the view typed hydra:PartialCollectionView, hydra:next an IRI.
      const graph = [...(await toGraph(await fetchDcat('/api/v1/catalog/dcat?pageSize=3')))];
      const view = graph.find((q) => q.predicate.value === `${HYDRA}view`)!.object;
      expect(graph.some((q) => q.subject.equals(view) && q.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type' && q.object.value === `${HYDRA}PartialCollectionView`)).toBe(true);
      const next = graph.find((q) => q.subject.equals(view) && q.predicate.value === `${HYDRA}next`)!.object;
      expect(next.termType).toBe('NamedNode');
      expect(pathOf(next.value)).toBe('/api/v1/catalog/dcat?page=2&pageSize=3');
      const total = graph.find((q) => q.predicate.value === `${HYDRA}totalItems`)!.object;
      expect([total.value, total.termType === 'Literal' ? total.datatype.value : '']).toEqual(['8', 'http://www.w3.org/2001/XMLSchema#integer']);
    });

    it('filters on modifiedSince, keeps the filter in the links, and relates datasets across pages', async () => {
      const find = async (titleZh: string) => (await t.ctx.catalog.search(SYSTEM, { q: titleZh })).items[0]!;
      const credit = await find('上海市企业环境信用评价结果');
      const chaohu = await find('安徽省巢湖水质月报');
      now = SEEDED_AT + 3_600_000;
      await t.ctx.catalog.datasets.update(SYSTEM, credit.id, { relatedCodes: [chaohu.code] });

      const since = encodeURIComponent('2026-11-20T10:30:00+08:00');
      const document = await fetchDcat(`/api/v1/catalog/dcat?modifiedSince=${since}&pageSize=1`);
      expect(datasetIds(document)).toEqual([expect.stringContaining(`${credit.id}#dataset`)]);
      expect(catalogOf(document)['hydra:totalItems']).toBe(1);
      const view = viewOf(document)!;
      expect(pathOf(view['@id'])).toBe('/api/v1/catalog/dcat?page=1&pageSize=1&modifiedSince=2026-11-20T10%3A30%3A00%2B08%3A00');
      // 巢湖 is not on this page, yet the relation points at it.
      const dataset = document['@graph'].find((n) => n['@type'] === 'dcat:Dataset')!;
      expect(dataset['dct:relation']).toEqual([{ '@id': expect.stringContaining(`${chaohu.id}#dataset`) }]);
      // The catalog's dct:modified is the latest change in the whole catalog.
      expect(catalogOf(document)['dct:modified']).toEqual({ '@value': new Date(now).toISOString(), '@type': 'xsd:dateTime' });
      expect(await dcatViolations(document)).toEqual([]);

      // An instant before the seed: everything; after the last change: an empty, still valid catalog.
      expect(catalogOf(await fetchDcat('/api/v1/catalog/dcat?modifiedSince=2026-11-01T00:00:00Z'))['hydra:totalItems']).toBe(8);
      const empty = await fetchDcat('/api/v1/catalog/dcat?modifiedSince=2026-12-01T00:00:00Z');
      expect(catalogOf(empty)).toMatchObject({ 'dcat:dataset': [], 'hydra:totalItems': 0 });
      expect(await dcatViolations(empty)).toEqual([]);
    });

    it('refuses bad parameters with 400 VALIDATION_FAILED and a page past the last with 404', async () => {
      for (const query of ['pageSize=0', 'pageSize=1001', 'page=0', 'page=x', 'modifiedSince=yesterday', 'modifiedSince=2026-11-20', 'limit=5']) {
        const response = await t.app.inject({ method: 'GET', url: `/api/v1/catalog/dcat?${query}` });
        expect(response.statusCode, query).toBe(400);
        expect(response.json<ErrorEnvelope>().error, query).toMatchObject({ code: 'VALIDATION_FAILED', messageZh: '请求参数不符合要求' });
      }
      const past = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/dcat?page=4&pageSize=3' });
      expect(past.statusCode).toBe(404);
      expect(past.json<ErrorEnvelope>().error).toMatchObject({ code: 'NOT_FOUND', messageZh: '第 4 页超出范围（共 3 页）', details: { lastPage: 3 } });
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/catalog/dcat?pageSize=1000' })).statusCode).toBe(200);
    });
  });
}
