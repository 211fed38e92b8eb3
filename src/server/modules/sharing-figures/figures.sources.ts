import type { ListDatasetsQuery, ListDatasetsResponse, ListDutiesQuery } from '../../../contracts/catalog';
import type { DataDuty } from '../../../contracts/catalog';
import type { Organisation } from '../../../contracts/identity';
import type { AccessRequestFact, ExchangeDayFact } from '../access';
import type { Caller } from '../identity';
import type { Facts, ReleaseFact, ValidationFact } from './figures.compute';

/** What the figures read, each through the owning module's service. */
export interface FigureSources {
  catalog: {
    search(caller: Caller, query: ListDatasetsQuery): Promise<ListDatasetsResponse>;
    duties: { list(caller: Caller, query: ListDutiesQuery): Promise<{ items: DataDuty[]; total: number }> };
  };
  access: { requestFacts(): Promise<AccessRequestFact[]>; exchangeFacts(): Promise<ExchangeDayFact[]> };
  /** Releases and upload validations, with the dataset each belongs to. */
  releases: { releaseFacts(): Promise<(Omit<ReleaseFact, 'ownerProvinceCode'> & { datasetId: string })[]>; validationFacts(): Promise<(Omit<ValidationFact, 'ownerProvinceCode'> & { datasetId: string })[]> };
  organisations: { get(caller: Caller, id: string): Promise<Organisation> };
  system: Caller;
}

const PAGE = 500;

async function allPages<T>(load: (offset: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await load(offset);
    out.push(...page.items);
    if (page.items.length < PAGE || out.length >= page.total) return out;
  }
}

/** Gathers the facts of every part; datasets and organisations map each fact to its province. */
export async function loadFacts(sources: FigureSources): Promise<Facts> {
  const { system } = sources;
  const datasets = await allPages((offset) => sources.catalog.search(system, { status: 'published,deprecated', limit: PAGE, offset }));
  const provinceOfDataset = new Map(datasets.map((dataset) => [dataset.id, dataset.ownerProvinceCode]));
  const provinces = new Map<string, string>();
  const provinceOfOrganisation = async (id: string) => {
    if (!provinces.has(id)) provinces.set(id, (await sources.organisations.get(system, id)).provinceCode);
    return provinces.get(id)!;
  };
  const duties = await allPages((offset) => sources.catalog.duties.list(system, { status: 'active', limit: PAGE, offset }));
  const [requests, exchanges, releases, validations] = await Promise.all([
    sources.access.requestFacts(),
    sources.access.exchangeFacts(),
    sources.releases.releaseFacts(),
    sources.releases.validationFacts(),
  ]);
  // A fact about a dataset that is not (or no longer) in the published catalog counts for the region only.
  const provinceOf = (datasetId: string) => provinceOfDataset.get(datasetId) ?? '000000';
  return {
    datasets: datasets.map((d) => ({
      ownerProvinceCode: d.ownerProvinceCode,
      theme: d.theme,
      sharingType: d.sharing.type,
      status: d.status,
      publishedAt: d.publishedAt === null ? null : Date.parse(d.publishedAt),
      freshness: d.freshness,
    })),
    duties: await Promise.all(duties.map(async (duty) => ({ provinceCode: await provinceOfOrganisation(duty.organisationId), overdue: duty.overdue }))),
    requests: requests.map(({ datasetId, ...fact }) => ({ ...fact, ownerProvinceCode: provinceOf(datasetId) })),
    releases: releases.map(({ datasetId, ...fact }) => ({ ...fact, ownerProvinceCode: provinceOf(datasetId) })),
    validations: validations.map(({ datasetId, ...fact }) => ({ ...fact, ownerProvinceCode: provinceOf(datasetId) })),
    exchanges: await Promise.all(
      exchanges.map(async (fact) => ({
        ownerProvinceCode: await provinceOfOrganisation(fact.ownerOrganisationId),
        consumerOrganisationId: fact.consumerOrganisationId,
        at: fact.dayStart,
        exchanges: fact.exchanges,
        rows: fact.rows,
      })),
    ),
  };
}
