import { createHash } from 'node:crypto';

/**
 * Pure code of the audit hash chain: canonical JSON, digests and link hashes. No I/O, so the
 * exact bytes that are hashed can be tested (and re-implemented by an outside auditor) alone.
 */

/** `prev_hash` of event 1: 64 zeros. The migration seeds the chain head with the same value. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Canonical JSON of `value`: object keys sorted (by UTF-16 code units, as RFC 8785 does), no
 * whitespace, strings and numbers written as `JSON.stringify` writes them. Like JSON,
 * `toJSON()` is honoured (a Date becomes its ISO text), `undefined` members are left out and
 * `undefined` array elements become `null`. A bigint is written as its exact integer digits.
 * Throws a TypeError for cycles, Maps and Sets (which JSON would silently turn into `{}`) and
 * for a top-level value that has no JSON form (undefined, a function, a symbol).
 */
export function canonicalJson(value: unknown): string {
  const text = write(value, new Set());
  if (text === undefined) throw new TypeError(`canonicalJson: ${typeof value} has no JSON form`);
  return text;
}

function write(value: unknown, ancestors: Set<object>): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      // Same as JSON: non-finite numbers become null.
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  const object = value as object;
  if (typeof (object as { toJSON?: unknown }).toJSON === 'function') {
    return write((object as { toJSON(): unknown }).toJSON(), ancestors);
  }
  if (object instanceof Map || object instanceof Set) {
    throw new TypeError('canonicalJson: convert Maps and Sets to plain objects or arrays first');
  }
  if (ancestors.has(object)) throw new TypeError('canonicalJson: the value contains a cycle');
  ancestors.add(object);
  let text: string;
  if (Array.isArray(object)) {
    text = `[${object.map((item) => write(item, ancestors) ?? 'null').join(',')}]`;
  } else {
    const members: string[] = [];
    for (const key of Object.keys(object).sort()) {
      const member = write((object as Record<string, unknown>)[key], ancestors);
      if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
    }
    text = `{${members.join(',')}}`;
  }
  ancestors.delete(object);
  return text;
}

/** Lower-case hex SHA-256 of the UTF-8 bytes of `text`. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Digest of a before/after state: SHA-256 of its canonical JSON, or null when there is no state
 * (`undefined` or `null`, e.g. "before" of a create). Only the digest is ever stored, so the
 * audit trail proves what a record looked like without keeping a copy of it.
 */
export function stateDigest(state: unknown): string | null {
  return state === undefined || state === null ? null : sha256Hex(canonicalJson(state));
}

/** The fields of one event that its hash covers: everything in the row except the hashes. */
export interface ChainedEventFields {
  seq: number;
  id: string;
  /** UTC epoch milliseconds. */
  occurredAt: number;
  actorUserId: string | null;
  actorUsername: string | null;
  actorDisplayName: string | null;
  organisationId: string | null;
  targetOrganisationId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  requestId: string | null;
  ip: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
}

/**
 * `hash = sha256(prevHash || canonicalJson(fields))`, hex. `seq` is inside the hashed fields, so
 * moving an event to another position breaks its hash as surely as editing it does.
 */
export function eventHash(prevHash: string, fields: ChainedEventFields): string {
  const covered: ChainedEventFields = {
    seq: fields.seq,
    id: fields.id,
    occurredAt: fields.occurredAt,
    actorUserId: fields.actorUserId,
    actorUsername: fields.actorUsername,
    actorDisplayName: fields.actorDisplayName,
    organisationId: fields.organisationId,
    targetOrganisationId: fields.targetOrganisationId,
    action: fields.action,
    objectType: fields.objectType,
    objectId: fields.objectId,
    requestId: fields.requestId,
    ip: fields.ip,
    beforeDigest: fields.beforeDigest,
    afterDigest: fields.afterDigest,
  };
  return sha256Hex(prevHash + canonicalJson(covered));
}

/** One stored event as the verifier sees it. */
export interface StoredChainEvent extends ChainedEventFields {
  prevHash: string;
  hash: string;
}

/** Where the chain ends according to the chain-head row. */
export interface ChainHead {
  seq: number;
  hash: string;
}

export interface ChainBreak {
  seq: number;
  reason: string;
}

/**
 * Checks events page by page in seq order. Feed it every stored event with seq ≤ head.seq, in
 * ascending seq order, then call `finish()`. It keeps only the last link, so memory is constant.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private broken: ChainBreak | null = null;
  /** Events whose link and hash were found intact. */
  checked = 0;

  constructor(private readonly head: ChainHead) {}

  get firstBreak(): ChainBreak | null {
    return this.broken;
  }

  /** Returns false once the chain is broken; later events are then not worth reading. */
  accept(event: StoredChainEvent): boolean {
    if (this.broken) return false;
    if (event.seq < this.expectedSeq) {
      return this.fail(event.seq, `event ${event.seq} was given out of seq order`);
    }
    if (event.seq > this.expectedSeq) {
      const missing = event.seq - 1 === this.expectedSeq ? `event ${this.expectedSeq} is` : `events ${this.expectedSeq}–${event.seq - 1} are`;
      return this.fail(this.expectedSeq, `${missing} missing (deleted)`);
    }
    if (event.prevHash !== this.prevHash) {
      return this.fail(event.seq, `prev_hash of event ${event.seq} does not match the hash of the event before it (reordered, replaced or re-hashed)`);
    }
    if (eventHash(event.prevHash, event) !== event.hash) {
      return this.fail(event.seq, `hash of event ${event.seq} does not match its content (edited)`);
    }
    this.prevHash = event.hash;
    this.expectedSeq += 1;
    this.checked += 1;
    return true;
  }

  /** Compares the last intact event with the chain head: catches a removed tail. */
  finish(): ChainBreak | null {
    if (this.broken) return this.broken;
    const lastSeq = this.expectedSeq - 1;
    if (lastSeq < this.head.seq) {
      const missing = lastSeq + 1 === this.head.seq ? `event ${this.head.seq} is` : `events ${lastSeq + 1}–${this.head.seq} are`;
      this.fail(lastSeq + 1, `${missing} missing at the end of the chain (the chain head says ${this.head.seq})`);
    } else if (this.prevHash !== this.head.hash) {
      // Event head.seq is intact, so what cannot be trusted is the end: events after it may have
      // been removed and the head moved back, or the head itself was edited.
      this.fail(this.head.seq + 1, `the chain head's hash does not match event ${this.head.seq}: later events removed or the head edited`);
    }
    return this.broken;
  }

  private fail(seq: number, reason: string): false {
    this.broken = { seq, reason };
    return false;
  }
}
