import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReadingValue } from './reading-value';

describe('parseReadingValue', () => {
  it('reads plain decimals and refuses everything else', () => {
    expect(['35.20', '-0.408594', '5.', '.5', '+1e3', ' 2 ', '1E-2', '0'].map(parseReadingValue)).toEqual([35.2, -0.408594, 5, 0.5, 1000, 2, 0.01, 0]);
    expect(['', '.', '-', 'e5', '1e', '1e+', '0x1F', 'Infinity', 'NaN', '1_000', '1.2.3', '--1', '1e400', 'N', '１'].map(parseReadingValue)).toEqual(
      Array.from({ length: 15 }, () => null),
    );
  });

  it('accepts exactly what the grammar /^[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?$/ accepts (property)', () => {
    const grammar = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
    const text = fc.array(fc.constantFrom('0', '1', '9', '.', '-', '+', 'e', 'E', ' ', 'x', '\t', '٣'), { maxLength: 10 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (value) => {
        const trimmed = value.trim();
        const expected = grammar.test(trimmed) && Number.isFinite(Number(trimmed)) ? Number(trimmed) : null;
        expect(parseReadingValue(value)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });
});
