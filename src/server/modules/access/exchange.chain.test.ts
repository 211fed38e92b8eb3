import { describe, expect, it } from 'vitest';
import { createExchangeVerifier, exchangeHash, receiptSignatureValid, signReceipt, EXCHANGE_GENESIS_HASH, type ReceiptBody, type StoredExchange } from './exchange.chain';

function chain(count: number): StoredExchange[] {
  const out: StoredExchange[] = [];
  let prev = EXCHANGE_GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const fields = {
      seq,
      id: `id-${seq}`,
      occurredAt: 1_790_000_000_000 + seq,
      datasetId: 'd',
      releaseId: 'r',
      tableName: 't',
      ownerOrganisationId: 'o',
      consumerOrganisationId: 'c',
      consumerUserId: 'u',
      tokenId: null,
      grantId: 'g',
      accessKind: 'granted',
      purpose: '水质联合评估',
      fields: ['t.a', 't.b'],
      scopeCodes: ['320100'],
      rowCount: seq * 10,
      format: 'json',
      requestId: null,
    };
    const hash = exchangeHash(prev, fields);
    out.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

function verify(entries: StoredExchange[], head: { seq: number; hash: string }) {
  const verifier = createExchangeVerifier(head);
  for (const entry of entries) if (!verifier.accept(entry)) break;
  return verifier.finish();
}

describe('exchange log chain', () => {
  const entries = chain(5);
  const head = { seq: 5, hash: entries[4]!.hash };

  it('accepts an intact chain', () => {
    expect(verify(entries, head)).toEqual({ ok: true, checked: 5, firstBrokenSeq: null, reason: null });
  });

  it('finds an edited row count', () => {
    const edited = entries.map((e) => (e.seq === 3 ? { ...e, rowCount: 1 } : e));
    expect(verify(edited, head)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });

  it('finds a deleted entry and a removed tail', () => {
    expect(verify(entries.filter((e) => e.seq !== 2), head)).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    expect(verify(entries.slice(0, 4), head)).toMatchObject({ ok: false, firstBrokenSeq: 5 });
  });
});

describe('exchange receipts', () => {
  const body: ReceiptBody = {
    kind: 'yrd-eco.exchange-receipt',
    version: 1,
    exchangeId: 'x',
    seq: 1,
    hash: 'a'.repeat(64),
    occurredAt: '2026-11-28T06:00:00.000Z',
    datasetId: 'd',
    releaseId: 'r',
    table: 't',
    ownerOrganisationId: 'o',
    consumerOrganisationId: 'c',
    consumerUserId: 'u',
    grantId: null,
    purpose: null,
    fields: ['t.a'],
    scopeCodes: null,
    rowCount: 3,
  };
  const key = 'k'.repeat(32);

  it('verifies its own signature and rejects a changed body or another key', () => {
    const signature = signReceipt(key, body);
    expect(receiptSignatureValid(key, body, signature)).toBe(true);
    expect(receiptSignatureValid(key, { ...body, rowCount: 4 }, signature)).toBe(false);
    expect(receiptSignatureValid('z'.repeat(32), body, signature)).toBe(false);
    expect(receiptSignatureValid(key, body, 'not hex')).toBe(false);
  });
});
