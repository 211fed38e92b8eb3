import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IAQI_LEVELS, breakpointsOf, type AqiIndicator, type AqiStandard } from './breakpoints';
import { computeIaqi } from './iaqi';
import { ceilIndex, roundGbt8170 } from './rounding';

const INDICATORS: AqiIndicator[] = ['SO2_24H', 'SO2_1H', 'NO2_24H', 'NO2_1H', 'PM10_24H', 'CO_24H', 'CO_1H', 'O3_1H', 'O3_8H', 'PM25_24H'];
const STANDARDS: AqiStandard[] = ['2012', '2026'];

function iaqi(indicator: AqiIndicator, c: number, standard: AqiStandard): number | string {
  const outcome = computeIaqi(indicator, c, standard);
  return outcome.ok ? outcome.iaqi : outcome.reason;
}

describe('computeIaqi (HJ 633 formula (1), Table 1)', () => {
  it('gives exactly the level at every breakpoint of both tables', () => {
    for (const standard of STANDARDS) {
      for (const indicator of INDICATORS) {
        breakpointsOf(indicator, standard).forEach((bp, i) => {
          if (bp !== null) expect(iaqi(indicator, bp, standard)).toBe(IAQI_LEVELS[i]);
        });
      }
    }
  });

  it('uses the real SO2 24 h column, not the 1 h one copied by caiyunapp (domain-standards.md §1.6)', () => {
    expect(iaqi('SO2_24H', 150, '2012')).toBe(100);
    expect(iaqi('SO2_24H', 500, '2012')).toBe(154);
    expect(iaqi('SO2_24H', 650, '2012')).toBe(177);
  });

  it('differs between 2012 and 2026 only in the PM rows at IAQI 100', () => {
    expect(iaqi('PM25_24H', 50, '2026')).toBe(80);
    expect(iaqi('PM25_24H', 50, '2012')).toBe(69);
    expect(iaqi('PM25_24H', 60, '2026')).toBe(100);
    expect(iaqi('PM25_24H', 75, '2012')).toBe(100);
    expect(iaqi('PM25_24H', 35, '2026')).toBe(50);
    expect(iaqi('PM10_24H', 120, '2026')).toBe(100);
    expect(iaqi('PM10_24H', 150, '2012')).toBe(100);
    for (const indicator of INDICATORS.filter((i) => i !== 'PM10_24H' && i !== 'PM25_24H')) {
      expect(breakpointsOf(indicator, '2026')).toEqual(breakpointsOf(indicator, '2012'));
    }
  });

  it('applies the SO2 1 h and O3 8 h over-800 notes per edition', () => {
    expect(iaqi('SO2_1H', 800, '2012')).toBe(200);
    expect(iaqi('SO2_1H', 801, '2012')).toBe('OVER_800_NOT_DEFINED');
    expect(iaqi('SO2_1H', 801, '2026')).toBe(200);
    expect(iaqi('O3_8H', 800, '2012')).toBe(300);
    expect(iaqi('O3_8H', 801, '2012')).toBe('OVER_800_NOT_DEFINED');
    expect(iaqi('O3_8H', 801, '2026')).toBe(300);
    expect(computeIaqi('O3_8H', 900, '2026')).toMatchObject({ ok: true, rule: 'O3_8H_OVER_800_IS_300' });
  });

  it('reports 500 above the table', () => {
    expect(computeIaqi('PM25_24H', 501, '2012')).toMatchObject({ ok: true, iaqi: 500, rule: 'ABOVE_TABLE_500' });
    expect(iaqi('CO_1H', 1000, '2026')).toBe(500);
  });

  it('rounds up, and rejects invalid concentrations', () => {
    expect(iaqi('PM25_24H', 35.01, '2012')).toBe(51);
    expect(iaqi('NO2_1H', 1, '2012')).toBe(1);
    expect(iaqi('NO2_1H', -1, '2012')).toBe('INVALID_CONCENTRATION');
    expect(iaqi('NO2_1H', Number.NaN, '2012')).toBe('INVALID_CONCENTRATION');
  });

  it('never decreases as the concentration rises (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...INDICATORS), fc.constantFrom(...STANDARDS), fc.double({ min: 0, max: 5000, noNaN: true }), fc.double({ min: 0, max: 5000, noNaN: true }), (indicator, standard, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const x = computeIaqi(indicator, lo, standard);
        const y = computeIaqi(indicator, hi, standard);
        if (x.ok && y.ok) expect(x.iaqi).toBeLessThanOrEqual(y.iaqi);
      }),
    );
  });
});

describe('rounding', () => {
  it('ceils with a float guard', () => {
    expect(ceilIndex(100.00000000001)).toBe(100);
    expect(ceilIndex(99.99999999999)).toBe(100);
    expect(ceilIndex(100.0001)).toBe(101);
    expect(ceilIndex(0)).toBe(0);
    // (50 / 40) * (75 - 35) + 50 is computed with binary noise; it must still be 100.
    expect(ceilIndex((50 / 40) * (75 - 35) + 50)).toBe(100);
  });

  it('rounds half to even per GB/T 8170', () => {
    expect(roundGbt8170(75.5, 0)).toBe(76);
    expect(roundGbt8170(74.5, 0)).toBe(74);
    expect(roundGbt8170(74.51, 0)).toBe(75);
    expect(roundGbt8170(74.49, 0)).toBe(74);
    expect(roundGbt8170(0.25, 1)).toBe(0.2);
    expect(roundGbt8170(0.35, 1)).toBe(0.4);
    expect(roundGbt8170(1.05, 1)).toBe(1.0);
    expect(roundGbt8170(1.15, 1)).toBe(1.2);
    expect(roundGbt8170(2.36, 1)).toBe(2.4);
  });
});
