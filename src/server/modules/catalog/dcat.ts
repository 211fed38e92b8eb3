import type { Dataset } from '../../../contracts/catalog';
import type { UpdateCycle } from '../../../contracts/sharing';
import { hydraView, type DcatPaging } from './dcat-paging';

/**
 * DCAT-AP 3.0.1 JSON-LD of the public part of the catalog (catalog-standards.md §3). Prefixed
 * compact IRIs with an inline context (no remote context: harvesters inside a government network
 * cannot reach one). Every node a SHACL `sh:class` constraint points at is typed explicitly,
 * because SHACL does not infer types (§3.3 gotchas): languages, frequencies, access rights,
 * themes, file types, media types, licences, locations, periods and contact points.
 */
export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcatap: 'http://data.europa.eu/r5r/',
  hydra: 'http://www.w3.org/ns/hydra/core#',
} as const;

const EU = 'http://publications.europa.eu/resource/authority';
const ZHO = `${EU}/language/ZHO`;
const ENVI = `${EU}/data-theme/ENVI`;

/** 更新周期 → EU Frequency NAL (§1.5.6). */
const FREQUENCY: Record<UpdateCycle, string> = {
  realtime: 'UPDATE_CONT',
  daily: 'DAILY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  quarterly: 'QUARTERLY',
  semiannual: 'ANNUAL_2',
  annual: 'ANNUAL',
  irregular: 'IRREG',
  other: 'OTHER',
};

/** 格式类型 → EU File Type NAL and IANA media type, where one exists. */
const FILE_TYPES: Record<string, { eu: string; iana: string | null }> = {
  csv: { eu: 'CSV', iana: 'text/csv' },
  xlsx: { eu: 'XLSX', iana: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  xls: { eu: 'XLS', iana: 'application/vnd.ms-excel' },
  json: { eu: 'JSON', iana: 'application/json' },
  geojson: { eu: 'GEOJSON', iana: 'application/geo+json' },
  xml: { eu: 'XML', iana: 'application/xml' },
  pdf: { eu: 'PDF', iana: 'application/pdf' },
  shp: { eu: 'SHP', iana: null },
  txt: { eu: 'TXT', iana: 'text/plain' },
  html: { eu: 'HTML', iana: 'text/html' },
  docx: { eu: 'DOCX', iana: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  parquet: { eu: 'PARQUET', iana: null },
};

export interface DcatAgent {
  id: string;
  name: string;
  nameEn: string;
  uscc: string | null;
}

export interface DcatInput {
  /** Absolute origin of the platform, e.g. https://yrd-eco.example.cn */
  baseUrl: string;
  datasets: readonly Dataset[];
  /** Owner organisations by id (publishers). */
  organisations: ReadonlyMap<string, DcatAgent>;
  /**
   * Ids of every public dataset by code, so 关联资源代码 link to datasets on other pages too
   * (default: the datasets given).
   */
  relationTargets?: ReadonlyMap<string, string>;
  /** The catalog's dct:modified: the latest change of any public dataset (default: of the datasets given). */
  catalogModified?: string;
  /** Which page this is; the catalog then carries hydra:totalItems and hydra:view. */
  paging?: DcatPaging;
}

/** Only what may leave the government network: published, not 不予共享, and opened to society. */
export function isPublicEntry(dataset: Dataset): boolean {
  return dataset.status === 'published' && dataset.sharing.type !== 'not_shared' && dataset.openness.type !== 'closed';
}

type Node = Record<string, unknown>;
const text = (value: string, language: string) => ({ '@value': value, '@language': language });
const ref = (id: string) => ({ '@id': id });
const date = (iso: string) => ({ '@value': iso, '@type': 'xsd:date' });
const dateTime = (iso: string) => ({ '@value': iso, '@type': 'xsd:dateTime' });

export function buildDcatCatalog(input: DcatInput): Node {
  const base = input.baseUrl.replace(/\/$/, '');
  const datasets = input.datasets.filter(isPublicEntry);
  // The web page of a dataset is its landing page; the dataset itself is a fragment of it.
  const pageUri = (d: Pick<Dataset, 'id'>) => `${base}/catalog/datasets/${d.id}`;
  const datasetUri = (d: Pick<Dataset, 'id'>) => `${pageUri(d)}#dataset`;
  const agentUri = (organisationId: string) => `${base}/organisations/${organisationId}`;
  const relationTargets = input.relationTargets ?? new Map(datasets.map((d) => [d.code, d.id]));
  const nodes = new Map<string, Node>();
  const add = (node: Node) => {
    if (!nodes.has(node['@id'] as string)) nodes.set(node['@id'] as string, node);
  };

  const platformAgent = `${base}/catalog#publisher`;
  const modified = input.catalogModified ?? datasets.reduce((latest, d) => (d.updatedAt > latest ? d.updatedAt : latest), '1970-01-01T00:00:00.000Z');
  const view = input.paging === undefined ? undefined : hydraView(base, input.paging);
  add({
    '@id': `${base}/catalog`,
    '@type': 'dcat:Catalog',
    'dct:title': [text('长三角生态环境数据共享目录', 'zh'), text('Yangtze River Delta eco-environment data catalogue', 'en')],
    'dct:description': [
      text('上海市、江苏省、浙江省、安徽省生态环境部门向社会开放的数据资源目录', 'zh'),
      text('Datasets of the eco-environment departments of Shanghai, Jiangsu, Zhejiang and Anhui that are open to the public', 'en'),
    ],
    'dct:publisher': ref(platformAgent),
    'dct:language': ref(ZHO),
    'foaf:homepage': ref(`${base}/`),
    'dct:modified': dateTime(modified),
    'dcat:dataset': datasets.map((d) => ref(datasetUri(d))),
    // hydra:totalItems makes the catalog a hydra:Collection (its RDFS domain); the explicit type is
    // left out so the node's @type stays the plain "dcat:Catalog" earlier clients matched on.
    ...(view === undefined ? {} : { 'hydra:totalItems': input.paging!.totalItems, 'hydra:view': ref(view['@id'] as string) }),
  });
  if (view !== undefined) add(view);
  add({ '@id': platformAgent, '@type': 'foaf:Agent', 'foaf:name': [text('长三角生态环境协同平台', 'zh'), text('Yangtze River Delta Eco-Environment Collaboration Platform', 'en')] });
  add({ '@id': `${base}/`, '@type': 'foaf:Document' });
  add({ '@id': ZHO, '@type': 'dct:LinguisticSystem' });
  add({ '@id': ENVI, '@type': 'skos:Concept', 'skos:prefLabel': text('Environment', 'en') });

  for (const d of datasets) {
    const uri = datasetUri(d);
    const page = pageUri(d);
    const owner = input.organisations.get(d.ownerOrganisationId);
    const publisher = agentUri(d.ownerOrganisationId);
    add({
      '@id': publisher,
      '@type': 'foaf:Agent',
      'foaf:name': [text(owner?.name ?? d.providerName, 'zh'), ...(owner ? [text(owner.nameEn, 'en')] : [])],
      ...(d.providerCode ? { 'dct:identifier': d.providerCode } : {}),
    });
    const contact = `${page}#contact`;
    add({ '@id': contact, '@type': ['vcard:Kind', 'vcard:Organization'], 'vcard:fn': d.providerName });
    const frequency = `${EU}/frequency/${FREQUENCY[d.updateCycle]}`;
    add({ '@id': frequency, '@type': 'dct:Frequency' });
    const access = `${EU}/access-right/${d.openness.type === 'open' ? 'PUBLIC' : 'RESTRICTED'}`;
    add({ '@id': access, '@type': 'dct:RightsStatement' });
    const spatial = d.spatialCoverage.map((code) => `${base}/divisions/${code}`);
    for (const [i, place] of spatial.entries()) add({ '@id': place, '@type': 'dct:Location', 'rdfs:label': d.spatialCoverage[i] });
    const related = d.relatedCodes.flatMap((code) => {
      const otherId = relationTargets.get(code);
      return otherId === undefined ? [] : [ref(datasetUri({ id: otherId }))];
    });
    const node: Node = {
      '@id': uri,
      '@type': 'dcat:Dataset',
      'dct:title': [text(d.titleZh, 'zh'), text(d.titleEn, 'en')],
      'dct:description': [text(d.descriptionZh, 'zh'), text(d.descriptionEn, 'en')],
      'dct:identifier': d.code,
      'dct:publisher': ref(publisher),
      'dcat:contactPoint': ref(contact),
      'dcat:keyword': d.keywords.map((k) => text(k, 'zh')),
      'dcat:theme': ref(ENVI),
      'dct:accrualPeriodicity': ref(frequency),
      'dct:accessRights': ref(access),
      'dct:language': ref(ZHO),
      'dcat:landingPage': ref(pageUri(d)),
      'dct:spatial': spatial.map(ref),
      'dct:modified': dateTime(d.updatedAt),
      'dcat:distribution': [ref(`${page}#distribution`)],
    };
    add({ '@id': pageUri(d), '@type': 'foaf:Document' });
    if (d.publishedAt !== null) node['dct:issued'] = date(d.publishedAt.slice(0, 10));
    if (related.length > 0) node['dct:relation'] = related;
    if (d.temporalStart !== null || d.temporalEnd !== null) {
      const period = `${page}#temporal`;
      add({ '@id': period, '@type': 'dct:PeriodOfTime', ...(d.temporalStart ? { 'dcat:startDate': date(d.temporalStart) } : {}), ...(d.temporalEnd ? { 'dcat:endDate': date(d.temporalEnd) } : {}) });
      node['dct:temporal'] = ref(period);
    }
    nodes.set(uri, node);

    const licence = `${page}#licence`;
    add({ '@id': licence, '@type': 'dct:LicenseDocument', 'rdfs:label': d.licence });
    const rights = `${page}#rights`;
    add({ '@id': rights, '@type': 'dct:RightsStatement', 'rdfs:label': [text(d.useTerms, 'zh'), ...(d.sharing.condition ? [text(d.sharing.condition, 'zh')] : [])] });
    const distribution: Node = {
      '@id': `${page}#distribution`,
      '@type': 'dcat:Distribution',
      // Access goes through the platform's request workflow on the dataset page.
      'dcat:accessURL': ref(pageUri(d)),
      'dct:description': text(`${d.titleZh}（${d.format.type}）`, 'zh'),
      'dct:license': ref(licence),
      'dct:rights': ref(rights),
    };
    const fileType = FILE_TYPES[d.format.type.toLowerCase()];
    if (fileType !== undefined) {
      const format = `${EU}/file-type/${fileType.eu}`;
      add({ '@id': format, '@type': 'dct:MediaTypeOrExtent' });
      distribution['dct:format'] = ref(format);
      if (fileType.iana !== null) {
        const media = `http://www.iana.org/assignments/media-types/${fileType.iana}`;
        add({ '@id': media, '@type': 'dct:MediaType' });
        distribution['dcat:mediaType'] = ref(media);
      }
    }
    if (d.currentSchemaId !== null) {
      const schema = `${base}/api/v1/datasets/${d.id}/schemas/${d.currentSchemaId}`;
      add({ '@id': schema, '@type': 'dct:Standard' });
      distribution['dct:conformsTo'] = ref(schema);
    }
    add(distribution);
  }
  return { '@context': DCAT_CONTEXT, '@graph': [...nodes.values()] };
}
