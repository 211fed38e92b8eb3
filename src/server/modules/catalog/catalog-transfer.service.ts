import { SYSTEM, type Caller } from '../identity';
import { draftScope } from './catalog.policy';
import type { CatalogInternals } from './catalog.types';
import { createCatalogImport, type Progress } from './catalog-import.service';
import type { DatasetService } from './dataset.service';
import { COLUMNS, toNationalRecord, type NationalRecord } from './national-format';
import { schemaRepository } from './schema.repository';

export type { ImportOptions, Progress } from './catalog-import.service';

/**
 * Import and export of a provincial catalog in the national metadata format (the CLI's
 * `yrd-eco catalog export|import` and the catalog page). Export writes every dataset the caller
 * may see (the CLI: all, drafts included) with its current schema, so an import into another
 * platform reproduces the same catalog.
 */
export function createCatalogTransfer(deps: CatalogInternals & { datasetService: DatasetService }) {
  const { database, organisations, datasets, datasetService } = deps;
  const { db } = database;

  async function exportRecords(onProgress?: Progress, caller: Caller = SYSTEM): Promise<NationalRecord[]> {
    const candidates = await datasets.candidates(db, { drafts: draftScope(caller) });
    const names = new Map<string, string>();
    const records: NationalRecord[] = [];
    for (const [index, candidate] of candidates.entries()) {
      const dataset = (await datasetService.getDataset(db, candidate.id))!;
      let custodian = names.get(dataset.custodianOrganisationId);
      if (custodian === undefined) {
        custodian = (await organisations.get(SYSTEM, dataset.custodianOrganisationId)).name;
        names.set(dataset.custodianOrganisationId, custodian);
      }
      const schema = dataset.currentSchemaId === null ? undefined : await schemaRepository.findById(db, dataset.currentSchemaId);
      records.push(toNationalRecord(dataset, custodian, schema === undefined ? undefined : JSON.parse(schema.definition)));
      onProgress?.(index + 1, candidates.length);
    }
    return records;
  }

  return { exportRecords, importRecords: createCatalogImport(deps), columns: COLUMNS };
}

export type CatalogTransfer = ReturnType<typeof createCatalogTransfer>;
