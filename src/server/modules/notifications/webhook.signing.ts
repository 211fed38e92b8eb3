import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, in the style receivers already know (Stripe, GitHub): the signed text is
 * `<timestamp>.<delivery id>.<body>`, so neither the body nor its time nor its identity can be
 * changed, and a receiver that remembers delivery ids within the tolerance window rejects replays.
 *
 * Headers sent with every delivery:
 * - `X-YRD-Delivery`: the delivery id (the same on every retry of one delivery);
 * - `X-YRD-Event`: e.g. `release.accepted`;
 * - `X-YRD-Signature`: `t=<unix seconds>,v1=<hex HMAC-SHA256>`.
 */
export const SIGNATURE_HEADER = 'x-yrd-signature';
export const DELIVERY_HEADER = 'x-yrd-delivery';
export const EVENT_HEADER = 'x-yrd-event';

/** 32 random bytes, URL-safe: the per-subscription HMAC key. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function mac(secret: string, timestampSeconds: number, deliveryId: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${deliveryId}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, timestampSeconds: number, deliveryId: string, body: string): string {
  return `t=${timestampSeconds},v1=${mac(secret, timestampSeconds, deliveryId, body)}`;
}

export type SignatureProblem = 'MISSING' | 'MALFORMED' | 'MISMATCH' | 'STALE' | 'REPLAYED';

export interface VerifyOptions {
  nowSeconds: number;
  /** Accepted age of a signature (default 300 s). */
  toleranceSeconds?: number;
  /** Returns true when this delivery id was already accepted (the receiver's memory). */
  seen?: (deliveryId: string) => boolean;
}

/**
 * What a receiver runs on each request (exported for receivers written in TypeScript and used by
 * our own tests as the reference receiver). Returns null when the delivery is authentic and new.
 */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; deliveryId: string | undefined },
  body: string,
  options: VerifyOptions,
): SignatureProblem | null {
  if (!headers.signature || !headers.deliveryId) return 'MISSING';
  const parts = new Map(headers.signature.split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isInteger(timestamp) || !given || !/^[0-9a-f]{64}$/.test(given)) return 'MALFORMED';
  const expected = mac(secret, timestamp, headers.deliveryId, body);
  if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'))) return 'MISMATCH';
  if (Math.abs(options.nowSeconds - timestamp) > (options.toleranceSeconds ?? 300)) return 'STALE';
  if (options.seen?.(headers.deliveryId)) return 'REPLAYED';
  return null;
}
