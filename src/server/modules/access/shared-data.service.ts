import { compileRowMasker } from '../../../dataset-schema/mask';
import type { DatasetSchemaDefinition } from '../../../contracts/dataset-schema';
import type { SharedRowsQuery } from '../../../contracts/access';
import type { Executor } from '../../db/database';
import type { Actor, RequestMeta } from '../../platform/actor';
import { errors } from '../../platform/errors';
import type { AccessDeps } from './access.deps';
import { accessErrors } from './access.errors';
import { decodeCursor, encodeCursor } from './cursor';
import type { ExchangeService } from './exchange.service';
import type { GrantService } from './grant.service';

/** A release as the read path needs it (from the releases part). */
export interface SharedRelease {
  id: string;
  datasetId: string;
  schemaId: string;
  sequence: number;
  status: string;
}

/** The releases part, narrowed to what the read path uses (wired in context.ts). */
export interface AccessReleases {
  latestAccepted(executor: Executor, datasetId: string): Promise<SharedRelease | undefined>;
  getRelease(executor: Executor, releaseId: string): Promise<SharedRelease | undefined>;
  readRows(executor: Executor, input: { releaseId: string; table: string; scopeCodes?: readonly string[] | undefined; afterRowNo?: number; limit: number }): Promise<{ rowNo: number; data: Record<string, unknown> }[]>;
}

/** The schema definition of a release (from the catalog). */
export type SchemaOf = (executor: Executor, schemaId: string) => Promise<Readonly<DatasetSchemaDefinition> | undefined>;

export interface SharedRowsPage {
  datasetId: string;
  releaseId: string;
  releaseSequence: number;
  table: string;
  fields: string[];
  items: Record<string, unknown>[];
  nextCursor: string | null;
}

export interface SharedDataServiceDeps extends Pick<AccessDeps, 'database'> {
  grants: Pick<GrantService, 'readAccess'>;
  exchanges: Pick<ExchangeService, 'record'>;
  releases: AccessReleases;
  schemaOf: SchemaOf;
}

const READABLE_RELEASE_STATUSES = new Set(['accepted', 'superseded']);

/**
 * The shared-data read path: default deny; rows filtered by the grant's GB/T 2260 scope, fields
 * not granted removed, sensitive fields masked for anyone but the owner, and every read by
 * another organisation written to the exchange log in the same transaction as the read.
 */
export function createSharedDataService(deps: SharedDataServiceDeps) {
  const { database, grants, exchanges, releases, schemaOf } = deps;
  const { db } = database;

  async function releaseFor(executor: Executor, datasetId: string, releaseId: string | undefined): Promise<SharedRelease> {
    if (releaseId === undefined) {
      const latest = await releases.latestAccepted(executor, datasetId);
      if (latest === undefined) throw errors.notFound('Accepted release', '已接收的发布版本');
      return latest;
    }
    const release = await releases.getRelease(executor, releaseId);
    if (release === undefined || release.datasetId !== datasetId || !READABLE_RELEASE_STATUSES.has(release.status)) {
      throw errors.notFound('Accepted release', '已接收的发布版本', releaseId);
    }
    return release;
  }

  return {
    async readRows(actor: Actor, datasetId: string, query: SharedRowsQuery, format: string, meta?: RequestMeta): Promise<SharedRowsPage> {
      return db.transaction().execute(async (trx) => {
        const access = await grants.readAccess(trx, actor, datasetId);
        const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
        if (cursor !== undefined && (cursor.table !== query.table || (query.releaseId !== undefined && cursor.releaseId !== query.releaseId))) {
          throw accessErrors.invalid('/cursor', 'The cursor belongs to another table or release', '分页游标与数据表或版本不符');
        }
        // A cursor pins the release it started on, so a new release mid-paging changes nothing.
        const release = await releaseFor(trx, datasetId, cursor?.releaseId ?? query.releaseId);
        const definition = await schemaOf(trx, release.schemaId);
        const table = definition?.tables.find((candidate) => candidate.name === query.table);
        if (definition === undefined || table === undefined) {
          throw accessErrors.invalid('/table', `The release has no table ${query.table}`, `该版本没有数据表 ${query.table}`);
        }
        const grantedFields = access.kind === 'granted' ? access.fields : null;
        const fields = table.fields.map((field) => field.name).filter((name) => grantedFields === null || grantedFields.includes(`${table.name}.${name}`));
        const bound = actor.tokenId !== null && access.kind === 'granted';
        if (fields.length === 0) {
          throw bound ? accessErrors.tokenBeyondGrant(`table ${table.name}`, `数据表 ${table.name}`) : errors.forbidden('Your grant covers no field of this table', '授权不包括该数据表的任何字段');
        }
        const scopeCodes = access.kind === 'granted' ? access.scopeCodes : null;
        // Rows of a table without a scope field cannot be narrowed to a division: default deny.
        if (scopeCodes !== null && table.scopeField === undefined) {
          throw bound ? accessErrors.tokenBeyondGrant(`table ${table.name} (it has no division field)`, `数据表 ${table.name}（无行政区划字段）`) : errors.forbidden('Your grant is limited to some divisions, and this table has no division field', '授权限定了行政区划范围，而该数据表没有行政区划字段');
        }
        const rows = await releases.readRows(trx, { releaseId: release.id, table: table.name, scopeCodes: scopeCodes ?? undefined, afterRowNo: cursor?.afterRowNo ?? 0, limit: query.limit });
        const mask = compileRowMasker(definition, table.name, access.kind === 'owner' ? new Set(table.fields.map((field) => field.name)) : new Set());
        const items = rows.map((row) => {
          const masked = mask(row.data);
          const projected: Record<string, unknown> = {};
          for (const name of fields) projected[name] = masked[name] ?? null;
          return projected;
        });
        if (access.kind !== 'owner') {
          await exchanges.record(trx, {
            datasetId,
            releaseId: release.id,
            tableName: table.name,
            ownerOrganisationId: access.dataset.ownerOrganisationId,
            consumer: actor,
            grantId: access.kind === 'granted' ? access.grant.id : null,
            accessKind: access.kind,
            purpose: access.kind === 'granted' ? access.grant.purpose : null,
            fields: fields.map((name) => `${table.name}.${name}`),
            scopeCodes,
            rowCount: items.length,
            format,
            requestId: meta?.requestId ?? null,
          });
        }
        const last = rows[rows.length - 1];
        return {
          datasetId,
          releaseId: release.id,
          releaseSequence: release.sequence,
          table: table.name,
          fields,
          items,
          nextCursor: rows.length === query.limit && last !== undefined ? encodeCursor({ releaseId: release.id, table: table.name, afterRowNo: last.rowNo }) : null,
        };
      });
    },
  };
}

export type SharedDataService = ReturnType<typeof createSharedDataService>;
