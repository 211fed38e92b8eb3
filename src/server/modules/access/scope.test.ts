import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseScope, scopeCovers, scopeWithin } from './scope';

describe('GB/T 2260 row scopes', () => {
  it('covers the divisions below a code', () => {
    expect(scopeCovers('320000', '320100')).toBe(true);
    expect(scopeCovers('320000', '320102')).toBe(true);
    expect(scopeCovers('320100', '320102')).toBe(true);
    expect(scopeCovers('320100', '320200')).toBe(false);
    expect(scopeCovers('320102', '320100')).toBe(false);
    expect(scopeCovers('000000', '340100')).toBe(true);
    expect(scopeCovers('340000', '320100')).toBe(false);
  });

  it('checks a narrowed scope against a requested one', () => {
    expect(scopeWithin(['320100'], ['320000'])).toBe(true);
    expect(scopeWithin(['320100', '330100'], ['320000'])).toBe(false);
    expect(scopeWithin(null, ['320000'])).toBe(false);
    expect(scopeWithin(['320100'], null)).toBe(true);
  });

  it('normalises: every code stays covered and nothing covers another', () => {
    const code = fc.constantFrom('320000', '320100', '320102', '320200', '330000', '330100', '340104', '000000');
    fc.assert(
      fc.property(fc.array(code, { minLength: 1, maxLength: 6 }), (codes) => {
        const normal = normaliseScope(codes);
        expect(scopeWithin(codes, normal)).toBe(true);
        expect(scopeWithin(normal, codes)).toBe(true);
        for (const a of normal) for (const b of normal) if (a !== b) expect(scopeCovers(a, b)).toBe(false);
      }),
    );
  });
});
