import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson, stateDigest } from '../audit';

/**
 * Pure code of the exchange log's hash chain and of exchange receipts. The canonical JSON and
 * the SHA-256 digest are the audit trail's (one definition of "the bytes that are hashed").
 */

export const EXCHANGE_GENESIS_HASH = '0'.repeat(64);

/** The fields of one exchange that its hash covers: everything stored except the hashes. */
export interface ExchangeFields {
  seq: number;
  id: string;
  occurredAt: number;
  datasetId: string;
  releaseId: string;
  tableName: string;
  ownerOrganisationId: string;
  consumerOrganisationId: string;
  consumerUserId: string;
  tokenId: string | null;
  grantId: string | null;
  accessKind: string;
  purpose: string | null;
  fields: string[];
  scopeCodes: string[] | null;
  rowCount: number;
  format: string;
  requestId: string | null;
}

/** `hash = sha256(canonicalJson({ prevHash, entry }))`: seq is inside, so moving an entry breaks it. */
export function exchangeHash(prevHash: string, fields: ExchangeFields): string {
  const entry: ExchangeFields = {
    seq: fields.seq,
    id: fields.id,
    occurredAt: fields.occurredAt,
    datasetId: fields.datasetId,
    releaseId: fields.releaseId,
    tableName: fields.tableName,
    ownerOrganisationId: fields.ownerOrganisationId,
    consumerOrganisationId: fields.consumerOrganisationId,
    consumerUserId: fields.consumerUserId,
    tokenId: fields.tokenId,
    grantId: fields.grantId,
    accessKind: fields.accessKind,
    purpose: fields.purpose,
    fields: fields.fields,
    scopeCodes: fields.scopeCodes,
    rowCount: fields.rowCount,
    format: fields.format,
    requestId: fields.requestId,
  };
  return stateDigest({ prevHash, entry })!;
}

export interface StoredExchange extends ExchangeFields {
  prevHash: string;
  hash: string;
}

export interface ExchangeVerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
}

/** Walks stored exchanges in seq order (feed every one up to the head, then `finish`). */
export function createExchangeVerifier(head: { seq: number; hash: string }) {
  let expected = 1;
  let prev = EXCHANGE_GENESIS_HASH;
  let broken: { seq: number; reason: string } | null = null;
  let checked = 0;
  return {
    accept(entry: StoredExchange): boolean {
      if (broken !== null) return false;
      if (entry.seq !== expected) broken = { seq: expected, reason: entry.seq > expected ? `exchange ${expected} is missing (deleted)` : `exchange ${entry.seq} out of order` };
      else if (entry.prevHash !== prev) broken = { seq: entry.seq, reason: `prev_hash of exchange ${entry.seq} does not match the exchange before it` };
      else if (exchangeHash(entry.prevHash, entry) !== entry.hash) broken = { seq: entry.seq, reason: `hash of exchange ${entry.seq} does not match its content (edited)` };
      if (broken !== null) return false;
      prev = entry.hash;
      expected += 1;
      checked += 1;
      return true;
    },
    finish(): ExchangeVerifyResult {
      if (broken === null && expected - 1 < head.seq) broken = { seq: expected, reason: `exchanges ${expected}–${head.seq} are missing at the end (the head says ${head.seq})` };
      else if (broken === null && prev !== head.hash) broken = { seq: head.seq + 1, reason: `the head's hash does not match exchange ${head.seq}: later exchanges removed or the head edited` };
      return broken === null ? { ok: true, checked, firstBrokenSeq: null, reason: null } : { ok: false, checked, firstBrokenSeq: broken.seq, reason: broken.reason };
    },
  };
}

/** The body of a receipt: what was exchanged, and the chain hash that fixes it in the log. */
export interface ReceiptBody {
  kind: 'yrd-eco.exchange-receipt';
  version: 1;
  exchangeId: string;
  seq: number;
  hash: string;
  occurredAt: string;
  datasetId: string;
  releaseId: string;
  table: string;
  ownerOrganisationId: string;
  consumerOrganisationId: string;
  consumerUserId: string;
  grantId: string | null;
  purpose: string | null;
  fields: string[];
  scopeCodes: string[] | null;
  rowCount: number;
}

/** HMAC-SHA256 (hex) over the receipt body's canonical JSON. */
export function signReceipt(key: string, body: ReceiptBody): string {
  return createHmac('sha256', key).update(canonicalJson(body), 'utf8').digest('hex');
}

export function receiptSignatureValid(key: string, body: ReceiptBody, signature: string): boolean {
  const expected = Buffer.from(signReceipt(key, body), 'hex');
  const given = /^[0-9a-f]{64}$/.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
