/**
 * The releases part's only public surface (validated releases): uploads and their validation
 * reports, releases frozen from the draft collection with receipts, custodian review, and the
 * rows of releases for the access part (latestAccepted, readRows).
 */
import type { CodeListRef } from '../../../contracts/dataset-schema';
import type { Executor } from '../../db/database';
import type { TemplateCodeEntry } from './parse/template';
import { createReleaseService, type ReleaseRow, type ReleaseService } from './release.service';
import type { ReleasesDeps } from './releases.ports';
import { createReleasesRepository } from './releases.repository';
import { presentRelease } from './releases.presenter';
import { createUploadService, type UploadService } from './upload.service';
import type { ReleaseSchemaDefinition } from './validation';
import type { Release } from '../../../contracts/releases';

export interface ReleasesModuleDeps extends ReleasesDeps {
  /** Code list entries with labels, for the template's readme sheet (undefined when unknown). */
  codeListEntries: (executor: Executor, ref: CodeListRef) => Promise<readonly TemplateCodeEntry[] | undefined>;
}

export interface ReleasesModule {
  uploads: UploadService;
  releases: ReleaseService;
  /** The dataset's current accepted release; undefined before the first acceptance. No authorisation. */
  latestAccepted(executor: Executor, datasetId: string): Promise<Release | undefined>;
  /** One release by id (any status), for reading an earlier accepted release. No authorisation. */
  getRelease(executor: Executor, releaseId: string): Promise<Release | undefined>;
  /**
   * Keyset page of a release's rows of one table (row_no > afterRowNo, ascending), optionally
   * limited to rows whose scope code lies within the given GB/T 2260 divisions. No authorisation:
   * the access part enforces grants and masking.
   */
  readRows(executor: Executor, input: { releaseId: string; table: string; scopeCodes?: readonly string[]; afterRowNo?: number; limit: number }): Promise<ReleaseRow[]>;
  /** Every row of a dataset's latest accepted release of one table (reference tables of other schemas). */
  acceptedRowsByCode(executor: Executor, datasetCode: string, table: string): Promise<Record<string, unknown>[]>;
  templateCodeLists(definition: ReleaseSchemaDefinition): Promise<Map<string, readonly TemplateCodeEntry[]>>;
}

export function createReleasesModule(deps: ReleasesModuleDeps): ReleasesModule {
  const repository = createReleasesRepository(deps.database.dialect);
  const internals = { ...deps, repository };
  const releases = createReleaseService(internals);
  return {
    uploads: createUploadService(internals),
    releases,
    latestAccepted: releases.latestAccepted,
    async getRelease(executor, releaseId) {
      const release = await repository.findRelease(executor, releaseId);
      return release ? presentRelease(release) : undefined;
    },
    readRows: releases.readRows,
    async acceptedRowsByCode(executor, datasetCode, table) {
      const dataset = await deps.catalog.datasetByCode(executor, datasetCode);
      const release = dataset ? await repository.latestAccepted(executor, dataset.id) : undefined;
      if (!release) return [];
      const rows: Record<string, unknown>[] = [];
      let after = 0;
      for (;;) {
        const page = await releases.readRows(executor, { releaseId: release.id, table, afterRowNo: after, limit: 5000 });
        for (const row of page) rows.push(row.data);
        if (page.length < 5000) return rows;
        after = page[page.length - 1]!.rowNo;
      }
    },
    async templateCodeLists(definition) {
      const lists = new Map<string, readonly TemplateCodeEntry[]>();
      for (const table of definition.tables) {
        for (const field of table.fields) {
          if (!field.codeList || lists.has(field.codeList.code)) continue;
          const entries = await deps.codeListEntries(deps.database.db, field.codeList);
          if (entries) lists.set(field.codeList.code, entries);
        }
      }
      return lists;
    },
  };
}

export { registerReleasesRoutes } from './releases.routes';
export { scopeRange, type ReleaseRow, type ReleaseService } from './release.service';
export type { UploadService } from './upload.service';
export type { CatalogPort, DatasetView, SchemaView } from './releases.ports';
export { createEngineValidator, type CodeListSource, type ReferenceRowSource } from './engine-validator';
export { neutraliseFormula, toCsv } from './parse/csv-write';
export { releaseFacts, uploadValidationFacts, type ReleaseFact, type UploadValidationFact } from './releases.figures';
