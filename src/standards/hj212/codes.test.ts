import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERIOD_START_CNS, VENDOR_KEEPALIVE_CODES } from './catalog';
import { dataFlagsOf, describeDataFlag } from './data-flags';
import { AMBIENT_AIR_CODES, normalizePollutantCode, pollutantCode2005To2017, pollutantCode2017To2005 } from './pollutant-codes';
import { parseHj212Time, formatHj212Time, formatQn, isPlausibleQn } from './beijing-time';
import { decodeFlag, encodeFlag } from './flag';

describe('pollutant codes 2005 ↔ 2017 (hj212.md §11)', () => {
  it('maps the water and flue-gas tables both ways', () => {
    const pairs: [string, string][] = [
      ['B01', 'w00000'], ['011', 'w01018'], ['060', 'w21003'], ['101', 'w21011'], ['065', 'w21001'], ['001', 'w01001'],
      ['B02', 'a00000'], ['01', 'a34013'], ['02', 'a21026'], ['03', 'a21002'], ['S01', 'a19001'], ['S08', 'a01013'],
    ];
    for (const [old, current] of pairs) {
      expect(pollutantCode2005To2017(old)).toBe(current);
      expect(pollutantCode2017To2005(current)).toBe(old);
    }
    expect(pollutantCode2005To2017('831')).toBeNull();
    expect(pollutantCode2017To2005('w01009')).toBeNull();
    expect(pollutantCode2005To2017('toString')).toBeNull();
  });

  it('normalises O3 aliases and leaves unknown codes alone', () => {
    expect(normalizePollutantCode('O3')).toBe('a05024');
    expect(normalizePollutantCode('a21030')).toBe('a05024');
    expect(normalizePollutantCode('02')).toBe('a21026');
    expect(normalizePollutantCode('a99948')).toBe('a99948');
    expect(AMBIENT_AIR_CODES[normalizePollutantCode('O3')]).toBe('O3');
  });
});

describe('data flags (hj212.md §7)', () => {
  it('knows both editions and that F changed meaning', () => {
    expect(dataFlagsOf('2017').sort()).toEqual(['B', 'C', 'D', 'F', 'M', 'N', 'S', 'T']);
    expect(dataFlagsOf('2005').sort()).toEqual(['0', '1', '2', '3', 'C', 'D', 'F', 'M', 'N', 'P', 'S', 'T']);
    expect(describeDataFlag('F', '2017').meaning).toBe('analyser stopped');
    expect(describeDataFlag('F', '2005').meaning).toBe('emission source stopped');
    expect(describeDataFlag('P', '2017').known).toBe(false);
    expect(describeDataFlag('B', '2005').known).toBe(false);
    expect(describeDataFlag('N', '2017').normal).toBe(true);
    expect(describeDataFlag('3', '2005').normal).toBe(true);
    expect(describeDataFlag('Md', '2017')).toMatchObject({ known: false, normal: false });
  });
});

describe('catalog', () => {
  it('lists vendor keep-alives and period-start CNs', () => {
    expect(Object.keys(VENDOR_KEEPALIVE_CODES).sort()).toEqual(['2073', '8013', '9015']);
    expect(PERIOD_START_CNS.has('2061')).toBe(true);
    expect(PERIOD_START_CNS.has('2011')).toBe(false);
  });
});

describe('Flag bits (hj212.md §5)', () => {
  it('decodes and encodes with explicit precedence', () => {
    expect(decodeFlag('4')).toEqual({ raw: 4, ackRequested: false, split: false, version: 1 });
    expect(decodeFlag('0')).toEqual({ raw: 0, ackRequested: false, split: false, version: 0 });
    expect(decodeFlag('8')).toEqual({ raw: 8, ackRequested: false, split: false, version: 2 });
    expect(decodeFlag('256')).toBeNull();
    expect(decodeFlag('-1')).toBeNull();
    expect(decodeFlag('')).toBeNull();
    expect(encodeFlag({ ackRequested: true })).toBe(5);
    expect(encodeFlag({ ackRequested: false })).toBe(4);
    expect(encodeFlag({ ackRequested: true, split: true })).toBe(7);
    expect(encodeFlag({ ackRequested: false, split: true })).toBe(6);
    expect(encodeFlag({ ackRequested: true, version: 0 })).toBe(1);
  });
});

describe('Beijing time', () => {
  it('parses, formats and round-trips', () => {
    const t = parseHj212Time('20160229235959');
    expect(t).toEqual({ iso: '2016-02-29T23:59:59+08:00', epochMs: Date.UTC(2016, 1, 29, 15, 59, 59) });
    expect(formatHj212Time(t!.epochMs)).toBe('20160229235959');
    expect(formatQn(Date.UTC(2016, 7, 1, 0, 58, 57, 223))).toBe('20160801085857223');
    expect(parseHj212Time('20150229000000')).toBeNull();
    expect(parseHj212Time('20160101240000')).toBeNull();
    expect(parseHj212Time('2016010100000')).toBeNull();
    expect(parseHj212Time('20000202000000000')?.iso).toBe('2000-02-02T00:00:00.000+08:00');
    expect(isPlausibleQn('2016082400501001')).toBe(true);
    expect(isPlausibleQn('2016')).toBe(false);
  });

  it('reads back every instant it formats, to the second and to the millisecond (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1, 8), max: Date.UTC(9999, 11, 31, 15) }), (epochMs) => {
        expect(parseHj212Time(formatQn(epochMs))?.epochMs).toBe(epochMs);
        expect(parseHj212Time(formatHj212Time(epochMs))?.epochMs).toBe(Math.floor(epochMs / 1000) * 1000);
      }),
    );
  });

  it('refuses what is not 14 or 17 digits of a calendar instant (property)', () => {
    const digitsAndMore = fc.array(fc.constantFrom('0', '1', '2', '3', '5', '9', ' ', 'x', '٣', '\n'), { minLength: 12, maxLength: 18 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(digitsAndMore, (text) => {
        const parsed = parseHj212Time(text);
        if (parsed === null) return;
        expect(text).toMatch(/^\d{14}(\d{3})?$/);
        // A calendar instant formats back to the same digits.
        expect(formatQn(parsed.epochMs).slice(0, text.length)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});
