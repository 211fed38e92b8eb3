import type { DatasetSchemaDefinition } from '../../../contracts/dataset-schema';
import type { CatalogService } from '../catalog';
import type { ReleasesModule } from '../releases';
import type { AccessReleases, SchemaOf } from './shared-data.service';
import { SYSTEM, type OrganisationService } from '../identity';
import type { AccessCatalog, AccessDirectory } from './access.deps';

/** The catalog service seen through the narrow port access uses. */
export function catalogPort(catalog: Pick<CatalogService, 'sharingFacts' | 'currentSchema' | 'recordActivity'>): AccessCatalog {
  return {
    async getDataset(executor, id) {
      const facts = await catalog.sharingFacts(executor, id);
      if (facts === undefined) return undefined;
      return { id: facts.id, title: facts.titleZh, titleEn: facts.titleEn, ownerOrganisationId: facts.ownerOrganisationId, sharingType: facts.sharingType, status: facts.status };
    },
    async currentTables(executor, datasetId) {
      const schema = await catalog.currentSchema(executor, datasetId);
      if (schema === undefined) return [];
      const definition = schema.definition as DatasetSchemaDefinition;
      return definition.tables.map((table) => ({ name: table.name, fields: table.fields.map((field) => field.name), scopeField: table.scopeField ?? null }));
    },
    recordActivity: (executor, entry) => catalog.recordActivity(executor, entry),
  };
}

/** Organisation names and the working group, from the identity module. */
export function directoryPort(organisations: Pick<OrganisationService, 'get' | 'list'>): AccessDirectory {
  return {
    async organisationNames(ids) {
      const names = new Map<string, string>();
      for (const id of ids) {
        try {
          names.set(id, (await organisations.get(SYSTEM, id)).name);
        } catch {
          // An organisation that no longer exists keeps its id in the record, without a name.
        }
      }
      return names;
    },
    async workingGroupId() {
      const { items } = await organisations.list(SYSTEM, { kind: 'working_group', limit: 1, offset: 0 });
      return items[0]?.id;
    },
  };
}

/** The releases part seen through the read path's port. */
export function releasesPort(releases: Pick<ReleasesModule, 'latestAccepted' | 'getRelease' | 'readRows'>): AccessReleases {
  return {
    latestAccepted: (executor, datasetId) => releases.latestAccepted(executor, datasetId),
    getRelease: (executor, releaseId) => releases.getRelease(executor, releaseId),
    async readRows(executor, input) {
      const rows = await releases.readRows(executor, {
        releaseId: input.releaseId,
        table: input.table,
        ...(input.scopeCodes === undefined ? {} : { scopeCodes: input.scopeCodes }),
        ...(input.afterRowNo === undefined ? {} : { afterRowNo: input.afterRowNo }),
        limit: input.limit,
      });
      return rows.map((row) => ({ rowNo: row.rowNo, data: row.data as Record<string, unknown> }));
    },
  };
}

/** A release's schema definition, from the catalog (a release always names a published version). */
export function schemaPort(catalog: Pick<CatalogService, 'publishedDefinition'>): SchemaOf {
  return (executor, schemaId) => catalog.publishedDefinition(executor, schemaId);
}
