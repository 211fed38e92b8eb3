import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillCodeUnits, isDigits, isTrimmedSpace, trimmedEnd, trimmedStart } from './text-scan';

describe('text-scan', () => {
  it('treats exactly the code units that String.prototype.trim removes as space (all 65,536)', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const trimmed = String.fromCharCode(code).trim() === '';
      if (isTrimmedSpace(code) !== trimmed) throw new Error(`U+${code.toString(16).padStart(4, '0')}: expected ${trimmed}`);
    }
  });

  it('gives the offsets of slice(start, end).trim() (property)', () => {
    const text = fc.array(fc.constantFrom('a', ' ', '\t', '\r\n', '\u3000', '\u0085', '\ufeff', '仪', '-'), { maxLength: 20 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (value, a, b) => {
        const start = Math.min(a, b) % (value.length + 1);
        const end = Math.max(start, Math.max(a, b) % (value.length + 1));
        const units = fillCodeUnits(value, null);
        const from = trimmedStart(units, start, end);
        expect(value.slice(from, trimmedEnd(units, from, end))).toBe(value.slice(start, end).trim());
      }),
    );
  });

  it('fills code units from the text, or from the bytes of ASCII text, reusing a long enough array', () => {
    const into = new Uint16Array(300);
    expect(fillCodeUnits('a仪\u3000', into)).toBe(into);
    expect([...into.subarray(0, 3)]).toEqual([0x61, 0x4eea, 0x3000]);
    const ascii = new TextEncoder().encode('QN=1;CP=&&&&');
    expect([...fillCodeUnits('QN=1;CP=&&&&', null, ascii).subarray(0, ascii.length)]).toEqual([...ascii]);
    expect(fillCodeUnits('x'.repeat(400), into)).not.toBe(into);
  });

  it('checks digit runs like /^\\d{min,max}$/', () => {
    expect(isDigits('0002', 1, 4)).toBe(true);
    expect(isDigits('', 1, 4)).toBe(false);
    expect(isDigits('12345', 1, 4)).toBe(false);
    expect(isDigits('1a', 1, 4)).toBe(false);
    expect(isDigits('١٢', 1, 4)).toBe(false);
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), (value) => {
        expect(isDigits(value, 1, 3)).toBe(/^\d{1,3}$/.test(value));
      }),
    );
  });
});
