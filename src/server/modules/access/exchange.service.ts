import type { Exchange, ExchangeReceipt, ExchangeSummary, ListExchangesQuery } from '../../../contracts/access';
import type { Executor } from '../../db/database';
import type { Actor } from '../../platform/actor';
import { toIso } from '../../platform/clock';
import { errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { AccessDeps, SharedDataset } from './access.deps';
import { createExchangeVerifier, exchangeHash, receiptSignatureValid, signReceipt, type ExchangeVerifyResult, type ReceiptBody, type StoredExchange } from './exchange.chain';
import { exchangeRepository as repo, type ExchangeRow } from './exchange.repository';

export interface ExchangeServiceDeps extends Pick<AccessDeps, 'clock' | 'database' | 'catalog' | 'directory'> {
  receiptKey: string;
}

/** One read of shared rows by another organisation, as the read path reports it. */
export interface ExchangeEntry {
  datasetId: string;
  releaseId: string;
  tableName: string;
  ownerOrganisationId: string;
  consumer: Pick<Actor, 'organisationId' | 'userId' | 'tokenId'>;
  grantId: string | null;
  accessKind: 'unconditional' | 'granted';
  purpose: string | null;
  fields: string[];
  scopeCodes: string[] | null;
  rowCount: number;
  format: string;
  requestId: string | null;
}

function list(json: string | null): string[] | null {
  return json === null ? null : (JSON.parse(json) as string[]);
}

function stored(row: ExchangeRow): StoredExchange {
  return {
    seq: Number(row.seq),
    id: row.id,
    occurredAt: Number(row.occurred_at),
    datasetId: row.dataset_id,
    releaseId: row.release_id,
    tableName: row.table_name,
    ownerOrganisationId: row.owner_organisation_id,
    consumerOrganisationId: row.consumer_organisation_id,
    consumerUserId: row.consumer_user_id,
    tokenId: row.token_id,
    grantId: row.grant_id,
    accessKind: row.access_kind,
    purpose: row.purpose,
    fields: list(row.fields) ?? [],
    scopeCodes: list(row.scope_codes),
    rowCount: Number(row.row_count),
    format: row.format,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Walks the whole exchange log in seq order (pages of 1000) and reports the first broken link. */
export async function verifyExchangeLog(executor: Executor, onProgress?: (checked: number, total: number) => void): Promise<ExchangeVerifyResult> {
  const head = await repo.readHead(executor);
  if (head === undefined) return { ok: false, checked: 0, firstBrokenSeq: 1, reason: 'the exchange log head row is missing (deleted)' };
  const verifier = createExchangeVerifier(head);
  let after = 0;
  let checked = 0;
  while (after < head.seq) {
    const rows = await repo.chainPage(executor, after, head.seq, 1000);
    if (rows.length === 0) break;
    let intact = true;
    for (const row of rows) {
      if (!verifier.accept(stored(row))) {
        intact = false;
        break;
      }
      checked += 1;
    }
    onProgress?.(checked, head.seq);
    if (!intact) break;
    after = Number(rows[rows.length - 1]!.seq);
  }
  return verifier.finish();
}

function receiptBody(row: ExchangeRow): ReceiptBody {
  const entry = stored(row);
  return {
    kind: 'yrd-eco.exchange-receipt',
    version: 1,
    exchangeId: entry.id,
    seq: entry.seq,
    hash: entry.hash,
    occurredAt: toIso(entry.occurredAt),
    datasetId: entry.datasetId,
    releaseId: entry.releaseId,
    table: entry.tableName,
    ownerOrganisationId: entry.ownerOrganisationId,
    consumerOrganisationId: entry.consumerOrganisationId,
    consumerUserId: entry.consumerUserId,
    grantId: entry.grantId,
    purpose: entry.purpose,
    fields: entry.fields,
    scopeCodes: entry.scopeCodes,
    rowCount: entry.rowCount,
  };
}

/**
 * The exchange log (交换日志): every read of shared rows by another organisation, hash-chained
 * like the audit trail and serialised by its one-row head; receipts signed with the platform key.
 */
export function createExchangeService(deps: ExchangeServiceDeps) {
  const { clock, database, catalog, directory, receiptKey } = deps;
  const { db } = database;

  async function append(executor: Executor, entry: ExchangeEntry): Promise<StoredExchange> {
    const occurredAt = clock.now();
    const id = newId(occurredAt);
    const { seq, prevHash } = await repo.advanceHead(executor);
    const fields = {
      seq,
      id,
      occurredAt,
      datasetId: entry.datasetId,
      releaseId: entry.releaseId,
      tableName: entry.tableName,
      ownerOrganisationId: entry.ownerOrganisationId,
      consumerOrganisationId: entry.consumer.organisationId,
      consumerUserId: entry.consumer.userId,
      tokenId: entry.consumer.tokenId,
      grantId: entry.grantId,
      accessKind: entry.accessKind,
      purpose: entry.purpose,
      fields: entry.fields,
      scopeCodes: entry.scopeCodes,
      rowCount: entry.rowCount,
      format: entry.format,
      requestId: entry.requestId,
    };
    const hash = exchangeHash(prevHash, fields);
    await repo.insert(executor, {
      seq,
      id,
      occurred_at: occurredAt,
      dataset_id: fields.datasetId,
      release_id: fields.releaseId,
      table_name: fields.tableName,
      owner_organisation_id: fields.ownerOrganisationId,
      consumer_organisation_id: fields.consumerOrganisationId,
      consumer_user_id: fields.consumerUserId,
      token_id: fields.tokenId,
      grant_id: fields.grantId,
      access_kind: fields.accessKind,
      purpose: fields.purpose,
      fields: JSON.stringify(fields.fields),
      scope_codes: fields.scopeCodes === null ? null : JSON.stringify(fields.scopeCodes),
      row_count: fields.rowCount,
      format: fields.format,
      request_id: fields.requestId,
      prev_hash: prevHash,
      hash,
    });
    await repo.setHeadHash(executor, seq, hash);
    return { ...fields, prevHash, hash };
  }

  async function datasetsOf(ids: Iterable<string>): Promise<Map<string, SharedDataset | undefined>> {
    const datasets = new Map<string, SharedDataset | undefined>();
    for (const id of new Set(ids)) datasets.set(id, await catalog.getDataset(db, id));
    return datasets;
  }

  async function loadVisible(actor: Actor, id: string): Promise<ExchangeRow> {
    const row = await repo.findById(db, id);
    const visible = row !== undefined && (actor.roles.includes('platform_admin') || row.owner_organisation_id === actor.organisationId || row.consumer_organisation_id === actor.organisationId);
    if (!visible) throw errors.notFound('Exchange', '交换记录', id);
    return row;
  }

  return {
    /** Appends inside the caller's transaction (the read it describes). Opens one when given the database. */
    async record(executor: Executor, entry: ExchangeEntry): Promise<StoredExchange> {
      if (executor.isTransaction) return append(executor, entry);
      return executor.transaction().execute((trx) => append(trx, entry));
    },

    async list(actor: Actor, query: ListExchangesQuery): Promise<{ items: Exchange[]; total: number }> {
      const { rows, total } = await repo.list(
        db,
        { side: query.side, organisationId: actor.organisationId, ...(query.datasetId === undefined ? {} : { datasetId: query.datasetId }) },
        { limit: query.limit ?? 50, offset: query.offset ?? 0 },
      );
      const datasets = await datasetsOf(rows.map((row) => row.dataset_id));
      const names = await directory.organisationNames([...new Set(rows.map((row) => row.consumer_organisation_id))]);
      return {
        items: rows.map((row) => {
          const entry = stored(row);
          return {
            id: entry.id,
            seq: entry.seq,
            occurredAt: toIso(entry.occurredAt),
            datasetId: entry.datasetId,
            datasetTitle: datasets.get(entry.datasetId)?.title ?? '',
            releaseId: entry.releaseId,
            table: entry.tableName,
            ownerOrganisationId: entry.ownerOrganisationId,
            consumerOrganisationId: entry.consumerOrganisationId,
            consumerOrganisationName: names.get(entry.consumerOrganisationId) ?? '',
            consumerUserId: entry.consumerUserId,
            viaToken: entry.tokenId !== null,
            grantId: entry.grantId,
            accessKind: entry.accessKind,
            purpose: entry.purpose,
            fields: entry.fields,
            scopeCodes: entry.scopeCodes,
            rowCount: entry.rowCount,
            format: entry.format,
            hash: entry.hash,
          };
        }),
        total,
      };
    },

    /** The owner's aggregates: per consumer organisation and dataset, how often and how many rows. */
    async summary(actor: Actor, datasetId?: string): Promise<ExchangeSummary> {
      const rows = await repo.perConsumer(db, { side: 'owner', organisationId: actor.organisationId, ...(datasetId === undefined ? {} : { datasetId }) });
      const datasets = await datasetsOf(rows.map((row) => row.datasetId));
      const names = await directory.organisationNames([...new Set(rows.map((row) => row.consumerOrganisationId))]);
      return {
        items: rows.map((row) => ({
          ...row,
          consumerOrganisationName: names.get(row.consumerOrganisationId) ?? '',
          datasetTitle: datasets.get(row.datasetId)?.title ?? '',
          lastAt: toIso(row.lastAt),
        })),
      };
    },

    async receipt(actor: Actor, id: string): Promise<ExchangeReceipt> {
      const body = receiptBody(await loadVisible(actor, id));
      return { body, signature: signReceipt(receiptKey, body), algorithm: 'HMAC-SHA256' };
    },

    /** Checks a receipt's signature and that the log still holds the exchange with the same hash. */
    async verifyReceipt(receipt: ExchangeReceipt): Promise<{ signatureValid: boolean; inLog: boolean }> {
      const signatureValid = receiptSignatureValid(receiptKey, receipt.body, receipt.signature);
      const row = await repo.findById(db, receipt.body.exchangeId);
      const inLog = row !== undefined && row.hash === receipt.body.hash && Number(row.seq) === receipt.body.seq;
      return { signatureValid, inLog };
    },

    verify: verifyExchangeLog,
  };
}

export type ExchangeService = ReturnType<typeof createExchangeService>;
