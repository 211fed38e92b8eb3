import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  ChainVerifier,
  eventHash,
  GENESIS_HASH,
  sha256Hex,
  stateDigest,
  type ChainedEventFields,
  type StoredChainEvent,
} from './audit.chain';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same text for the same data whatever the key order', () => {
    expect(canonicalJson({ name: '上海市生态环境局', code: '310000', tags: ['a', 'b'] })).toBe(
      canonicalJson({ tags: ['a', 'b'], code: '310000', name: '上海市生态环境局' }),
    );
  });

  it('keeps array order, because order is data', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('sorts keys by UTF-16 code units, not by locale', () => {
    expect(canonicalJson({ b: 1, B: 2, 中: 3, a: 4 })).toBe('{"B":2,"a":4,"b":1,"中":3}');
  });

  it('follows JSON for strings, numbers, undefined and toJSON', () => {
    expect(canonicalJson('line\n"quoted" \u0001')).toBe('"line\\n\\"quoted\\" \\u0001"');
    expect(canonicalJson({ n: 1e21, f: 0.1, neg: -0, nan: Number.NaN })).toBe('{"f":0.1,"n":1e+21,"nan":null,"neg":0}');
    expect(canonicalJson({ gone: undefined, fn: () => 1, kept: 1 })).toBe('{"kept":1}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    expect(canonicalJson({ at: new Date(Date.UTC(2026, 10, 28, 6)) })).toBe('{"at":"2026-11-28T06:00:00.000Z"}');
  });

  it('writes a bigint as its exact digits', () => {
    expect(canonicalJson({ big: 12345678901234567890n })).toBe('{"big":12345678901234567890}');
  });

  it('refuses values JSON would silently mangle or cannot write', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
    expect(() => canonicalJson({ m: new Map([['a', 1]]) })).toThrow(/Map/);
    expect(() => canonicalJson(new Set([1]))).toThrow(/Set/);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });
});

describe('stateDigest', () => {
  it('is the SHA-256 of the canonical JSON', () => {
    const expected = createHash('sha256').update('{"a":1,"b":"二"}').digest('hex');
    expect(stateDigest({ b: '二', a: 1 })).toBe(expected);
  });

  it('is null when there is no state', () => {
    expect(stateDigest(undefined)).toBeNull();
    expect(stateDigest(null)).toBeNull();
  });

  it('changes with any change of the state', () => {
    expect(stateDigest({ roles: ['analyst'] })).not.toBe(stateDigest({ roles: ['org_admin'] }));
  });
});

function fields(seq: number, overrides: Partial<ChainedEventFields> = {}): ChainedEventFields {
  return {
    seq,
    id: `0190c8a0-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    occurredAt: 1_795_000_000_000 + seq,
    actorUserId: '0190c8a0-0000-7000-8000-00000000aaaa',
    actorUsername: 'admin',
    actorDisplayName: '平台管理员',
    organisationId: '0190c8a0-0000-7000-8000-00000000bbbb',
    targetOrganisationId: null,
    action: 'user.update',
    objectType: 'user',
    objectId: `u-${seq}`,
    requestId: `req-${seq}`,
    ip: '127.0.0.1',
    beforeDigest: null,
    afterDigest: stateDigest({ seq }),
    ...overrides,
  };
}

function chain(length: number): StoredChainEvent[] {
  const events: StoredChainEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq++) {
    const event = fields(seq);
    const hash = eventHash(prevHash, event);
    events.push({ ...event, prevHash, hash });
    prevHash = hash;
  }
  return events;
}

function verify(events: StoredChainEvent[], head: { seq: number; hash: string }) {
  const verifier = new ChainVerifier(head);
  for (const event of events) if (!verifier.accept(event)) break;
  return { broken: verifier.finish(), checked: verifier.checked };
}

const headOf = (events: StoredChainEvent[]) => ({ seq: events.length, hash: events[events.length - 1]!.hash });

describe('eventHash', () => {
  it('is sha256(prevHash || canonical JSON of the fields)', () => {
    const event = fields(1);
    expect(eventHash(GENESIS_HASH, event)).toBe(sha256Hex(GENESIS_HASH + canonicalJson(event)));
  });

  it('covers every field, the position and the previous hash', () => {
    const base = eventHash(GENESIS_HASH, fields(1));
    const variants: Partial<ChainedEventFields>[] = [
      { seq: 2 },
      { id: '0190c8a0-0000-7000-8000-ffffffffffff' },
      { occurredAt: 1 },
      { actorUserId: null },
      { actorUsername: 'root' },
      { actorDisplayName: null },
      { organisationId: null },
      { targetOrganisationId: '0190c8a0-0000-7000-8000-00000000cccc' },
      { action: 'user.delete' },
      { objectType: 'token' },
      { objectId: null },
      { requestId: null },
      { ip: '10.0.0.1' },
      { beforeDigest: stateDigest({}) },
      { afterDigest: null },
    ];
    for (const variant of variants) expect(eventHash(GENESIS_HASH, fields(1, variant)), JSON.stringify(variant)).not.toBe(base);
    expect(eventHash('f'.repeat(64), fields(1))).not.toBe(base);
  });

  it('ignores extra properties of the object it is given', () => {
    const event = chain(1)[0]!;
    expect(eventHash(GENESIS_HASH, event)).toBe(event.hash);
  });
});

describe('ChainVerifier', () => {
  it('accepts an intact chain and an empty one', () => {
    const events = chain(5);
    expect(verify(events, headOf(events))).toEqual({ broken: null, checked: 5 });
    expect(verify([], { seq: 0, hash: GENESIS_HASH })).toEqual({ broken: null, checked: 0 });
  });

  it('finds an edited event', () => {
    const events = chain(5);
    events[2] = { ...events[2]!, action: 'user.read' };
    expect(verify(events, headOf(chain(5)))).toMatchObject({ broken: { seq: 3, reason: expect.stringMatching(/edited/) }, checked: 2 });
  });

  it('finds an edited event whose hash was recomputed at the next link', () => {
    const events = chain(5);
    const edited = { ...events[2]!, action: 'user.read' };
    edited.hash = eventHash(edited.prevHash, edited);
    events[2] = edited;
    expect(verify(events, headOf(chain(5))).broken?.seq).toBe(4);
  });

  it('finds a deleted event as a gap', () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verify(events, headOf(chain(5)))).toMatchObject({ broken: { seq: 2, reason: 'event 2 is missing (deleted)' }, checked: 1 });
    const fewer = chain(6);
    fewer.splice(2, 2);
    expect(verify(fewer, headOf(chain(6))).broken).toEqual({ seq: 3, reason: 'events 3–4 are missing (deleted)' });
  });

  it('finds a removed tail by comparing with the head', () => {
    const events = chain(5);
    expect(verify(events.slice(0, 4), headOf(events))).toMatchObject({ broken: { seq: 5 }, checked: 4 });
    expect(verify([], headOf(events))).toMatchObject({ broken: { seq: 1 }, checked: 0 });
  });

  it('finds a head whose hash does not match the last event', () => {
    const events = chain(3);
    expect(verify(events, { seq: 3, hash: 'e'.repeat(64) })).toMatchObject({ broken: { seq: 4 }, checked: 3 });
  });

  it('finds two events whose contents were swapped at the lower seq', () => {
    const events = chain(6);
    const [a, b] = [events[1]!, events[4]!];
    events[1] = { ...b, seq: 2 };
    events[4] = { ...a, seq: 5 };
    expect(verify(events, headOf(chain(6)))).toMatchObject({ broken: { seq: 2 }, checked: 1 });
  });

  it('finds a first event that does not start from the genesis hash', () => {
    const events = chain(2).slice(1).map((event) => ({ ...event, seq: 1 }));
    expect(verify(events, { seq: 1, hash: events[0]!.hash }).broken?.seq).toBe(1);
  });

  it('stops accepting after the first break', () => {
    const events = chain(3);
    const verifier = new ChainVerifier(headOf(events));
    expect(verifier.accept({ ...events[0]!, ip: null })).toBe(false);
    expect(verifier.accept(events[1]!)).toBe(false);
    expect(verifier.finish()?.seq).toBe(1);
  });
});
