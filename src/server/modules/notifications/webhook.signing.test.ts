import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signatureHeader, verifyWebhook } from './webhook.signing';

const secret = newWebhookSecret();
const now = 1_800_000_000;

describe('webhook signatures', () => {
  it('accepts an authentic delivery once and reports the replay', () => {
    const body = JSON.stringify({ event: 'release.accepted', datasetId: 'd' });
    const headers = { signature: signatureHeader(secret, now, 'del-1', body), deliveryId: 'del-1' };
    const seen = new Set<string>();
    const remember = (id: string) => (seen.has(id) ? true : (seen.add(id), false));
    expect(verifyWebhook(secret, headers, body, { nowSeconds: now + 5, seen: remember })).toBeNull();
    expect(verifyWebhook(secret, headers, body, { nowSeconds: now + 6, seen: remember })).toBe('REPLAYED');
  });

  it('rejects a stale signature, another secret, another delivery id and missing headers', () => {
    const body = '{"a":1}';
    const signature = signatureHeader(secret, now, 'del-2', body);
    expect(verifyWebhook(secret, { signature, deliveryId: 'del-2' }, body, { nowSeconds: now + 301 })).toBe('STALE');
    expect(verifyWebhook(newWebhookSecret(), { signature, deliveryId: 'del-2' }, body, { nowSeconds: now })).toBe('MISMATCH');
    expect(verifyWebhook(secret, { signature, deliveryId: 'del-3' }, body, { nowSeconds: now })).toBe('MISMATCH');
    expect(verifyWebhook(secret, { signature: undefined, deliveryId: 'del-2' }, body, { nowSeconds: now })).toBe('MISSING');
    expect(verifyWebhook(secret, { signature: 't=x,v1=zz', deliveryId: 'del-2' }, body, { nowSeconds: now })).toBe('MALFORMED');
  });

  it('detects any change to the body', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (body, other) => {
        fc.pre(body !== other);
        const signature = signatureHeader(secret, now, 'd', body);
        return verifyWebhook(secret, { signature, deliveryId: 'd' }, other, { nowSeconds: now }) === 'MISMATCH';
      }),
    );
  });
});
