import { describe, expect, it } from 'vitest';
import { checkPasswordRules, createPasswordHasher, generatePassword } from './password';

const rules = (password: string, username = 'someone') => checkPasswordRules(password, username).map((problem) => problem.rule);

describe('password rules', () => {
  it('accepts 10+ characters with 3 of 4 classes that do not contain the username', () => {
    expect(rules('Demo#2026-yrd')).toEqual([]);
    expect(rules('abcdefgh12X')).toEqual([]); // lower, digit, upper
    expect(rules('abcdefgh1#')).toEqual([]); // lower, digit, other
    expect(rules('生态环境保护协作Ab1')).toEqual([]); // CJK counts as "other"
  });

  it('names every broken rule', () => {
    expect(rules('Ab1#')).toEqual(['min_length']);
    expect(rules('abcdefghijk')).toEqual(['character_classes']);
    expect(rules('ABCDEFGH1234')).toEqual(['character_classes']);
    expect(rules('Someone#2026', 'someone')).toEqual(['contains_username']);
    expect(rules('xSOMEONEx#1', 'someone')).toEqual(['contains_username']);
    expect(rules('abc', 'abc')).toEqual(['min_length', 'character_classes', 'contains_username']);
    expect(rules(`Aa1#${'x'.repeat(253)}`)).toEqual(['max_length']);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(rules('😀😀😀😀😀Ab1')).toEqual(['min_length']);
  });

  it('generates passwords that satisfy the rules', () => {
    for (let i = 0; i < 200; i++) {
      const password = generatePassword('js-admin');
      expect(password).toHaveLength(20);
      expect(rules(password, 'js-admin')).toEqual([]);
    }
  });
});

describe('scrypt hasher', () => {
  const hasher = createPasswordHasher(10);

  it('hashes with a per-user salt and verifies', async () => {
    const a = await hasher.hash('Demo#2026-yrd');
    const b = await hasher.hash('Demo#2026-yrd');
    expect(a).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await hasher.verify('Demo#2026-yrd', a)).toBe(true);
    expect(await hasher.verify('Demo#2026-yrX', a)).toBe(false);
  });

  it('normalises Unicode so the same password typed differently still matches', async () => {
    const composed = 'Café#2026-pass';
    const decomposed = 'Cafe\u0301#2026-pass';
    expect(await hasher.verify(decomposed, await hasher.hash(composed))).toBe(true);
  });

  it('never throws on a malformed stored hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$10$8$1$$', 'scrypt$99$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==', 'bcrypt$x']) {
      expect(await hasher.verify('anything', stored)).toBe(false);
    }
    await expect(hasher.verifyDummy('anything')).resolves.toBeUndefined();
  });

  it('asks for a rehash only when the stored cost is lower than the configured one', async () => {
    const weak = await createPasswordHasher(10).hash('Demo#2026-yrd');
    const strong = await createPasswordHasher(11).hash('Demo#2026-yrd');
    expect(createPasswordHasher(11).needsRehash(weak)).toBe(true);
    expect(createPasswordHasher(11).needsRehash(strong)).toBe(false);
    expect(createPasswordHasher(10).needsRehash(strong)).toBe(false);
    expect(await createPasswordHasher(10).verify('Demo#2026-yrd', strong)).toBe(true);
  });
});
