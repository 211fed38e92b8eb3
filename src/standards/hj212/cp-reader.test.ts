import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CP_END, CP_FIELD, CpFieldReader } from './cp-reader';
import { tokenizeCp } from './cp-tokenizer';
import { unitsOf } from './text-scan';

/** Every field and malformed token the reader reports, as strings. */
function readAll(text: string, start?: number, end?: number) {
  const reader = new CpFieldReader().reset(text, start, end);
  const seen: { kind: 'field' | 'malformed'; key: string; value?: string; item: number; code?: string; suffix?: string }[] = [];
  for (let token = reader.next(); token !== CP_END; token = reader.next()) {
    if (token !== CP_FIELD) seen.push({ kind: 'malformed', key: reader.key(), item: reader.item });
    else if (reader.isPollutant()) seen.push({ kind: 'field', key: reader.key(), value: reader.value(), item: reader.item, code: reader.code(), suffix: reader.suffix() });
    else seen.push({ kind: 'field', key: reader.key(), value: reader.value(), item: reader.item });
  }
  return seen;
}

/**
 * The splitting rules of hj212.md §6.1 written out with split/indexOf/trim, as a second opinion
 * on the offset-based reader: items on `;`, fields on `,`, key and value on the first `=`, a
 * value starting (after spaces) with `//` runs to the next `//` and anything up to the next
 * separator after it is dropped.
 */
function referenceFields(body: string) {
  const fields: { key: string; value: string; item: number }[] = [];
  const malformed: string[] = [];
  const separatorIn = (text: string) => text.search(/[;,]/);
  let item = 0;
  let rest = body;
  for (;;) {
    const separator = separatorIn(rest);
    const eq = rest.indexOf('=');
    /** Index in `rest` of the separator that ends this token, or -1 at the end of the body. */
    let ends: number;
    if (eq < 0 || (separator >= 0 && separator < eq)) {
      const token = (separator < 0 ? rest : rest.slice(0, separator)).trim();
      if (token !== '') malformed.push(token);
      ends = separator;
    } else {
      const key = rest.slice(0, eq).trim();
      const valueText = rest.slice(eq + 1);
      const open = /^ *\/\//.exec(valueText);
      const close = open === null ? -1 : valueText.indexOf('//', open[0].length);
      if (open !== null && close >= 0) {
        fields.push({ key, value: valueText.slice(open[0].length, close), item });
        const after = separatorIn(valueText.slice(close + 2));
        ends = after < 0 ? -1 : eq + 1 + close + 2 + after;
      } else {
        const end = separatorIn(valueText);
        fields.push({ key, value: (end < 0 ? valueText : valueText.slice(0, end)).trim(), item });
        ends = end < 0 ? -1 : eq + 1 + end;
      }
    }
    if (ends < 0) return { fields, malformed };
    if (rest[ends] === ';') item++;
    rest = rest.slice(ends + 1);
  }
}

const cpText = fc
  .array(fc.constantFrom('a', 'B0', '1', '-', '=', ';', ',', ' ', '/', '//', '\t', '\u3000', '仪', 'Rtd', 'w01018-Avg=1.5', ' LA-Rtd=50.1'), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('CpFieldReader', () => {
  it('reads fields, items, codes and suffixes as offsets', () => {
    expect(readAll('DataTime=20160801085857; LA-Rtd=50.1;011-Rtd=231.0,011-Flag=N;S08-Rtd=-0.4,junk;;')).toEqual([
      { kind: 'field', key: 'DataTime', value: '20160801085857', item: 0 },
      { kind: 'field', key: 'LA-Rtd', value: '50.1', item: 1, code: 'LA', suffix: 'Rtd' },
      { kind: 'field', key: '011-Rtd', value: '231.0', item: 2, code: '011', suffix: 'Rtd' },
      { kind: 'field', key: '011-Flag', value: 'N', item: 2, code: '011', suffix: 'Flag' },
      { kind: 'field', key: 'S08-Rtd', value: '-0.4', item: 3, code: 'S08', suffix: 'Rtd' },
      { kind: 'malformed', key: 'junk', item: 3 },
    ]);
  });

  it('keeps //…// values opaque and drops what follows the closing //', () => {
    expect(readAll('i11001-Info=  //仪器故障; 请检查,谢谢//tail,x=1')).toEqual([
      { kind: 'field', key: 'i11001-Info', value: '仪器故障; 请检查,谢谢', item: 0, code: 'i11001', suffix: 'Info' },
      { kind: 'field', key: 'x', value: '1', item: 0 },
    ]);
    // An unclosed wrapper is an ordinary value.
    expect(readAll('a=//x;b=1')).toEqual([
      { kind: 'field', key: 'a', value: '//x', item: 0 },
      { kind: 'field', key: 'b', value: '1', item: 1 },
    ]);
  });

  it('does not call a key starting with "-" a pollutant field', () => {
    const reader = new CpFieldReader().reset('-Rtd=1');
    expect(reader.next()).toBe(CP_FIELD);
    expect(reader.isPollutant()).toBe(false);
  });

  it('compares codes and suffixes without slicing', () => {
    const reader = new CpFieldReader().reset('w01018-Avg=1');
    reader.next();
    expect(['w01018', 'w0101', 'w01019'].map((code) => reader.codeIs(unitsOf(code))).concat(['Avg', 'Av', 'Rtd'].map((suffix) => reader.suffixIs(unitsOf(suffix))))).toEqual([
      true,
      false,
      false,
      true,
      false,
      false,
    ]);
  });

  it('splits like the written-out rules, and tokenizeCp reports the same (property)', () => {
    fc.assert(
      fc.property(cpText, (body) => {
        expect(tokenizeCp(body)).toEqual(referenceFields(body));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a body inside a longer text exactly as the body alone (property)', () => {
    fc.assert(
      fc.property(cpText, cpText, cpText, (before, body, after) => {
        expect(readAll(before + body + after, before.length, before.length + body.length)).toEqual(readAll(body));
      }),
      { numRuns: 1000 },
    );
  });
});
