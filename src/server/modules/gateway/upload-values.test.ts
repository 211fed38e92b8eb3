import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CpFieldReader, CP_FIELD } from '../../../standards/hj212';
import { isArrayIndex, UploadValueCollector } from './upload-values';

function collect(collector: UploadValueCollector, codes: readonly string[]): string[] {
  collector.reset();
  const reader = new CpFieldReader();
  for (const code of codes) {
    reader.reset(`${code}-Avg=1`);
    if (reader.next() === CP_FIELD && reader.isPollutant()) collector.pollutantField(reader);
  }
  return Array.from({ length: collector.size }, (_, index) => collector.code(index));
}

describe('UploadValueCollector', () => {
  it('lists codes in the order an object keyed by them lists its keys, packet after packet (property)', () => {
    const code = fc.oneof(fc.constantFrom('0', '1', '01', '10', '100000', '4294967294', '4294967295', 'w01018', 'a', '1.5', '00', '__proto__'), fc.nat().map(String));
    fc.assert(
      fc.property(fc.array(fc.array(code, { maxLength: 12 }), { minLength: 1, maxLength: 5 }), (packets) => {
        const collector = new UploadValueCollector();
        for (const codes of packets) {
          const record = Object.create(null) as Record<string, true>;
          for (const c of codes) record[c] = true;
          expect(collect(collector, codes)).toEqual(Object.keys(record));
        }
      }),
    );
  });

  it('knows which keys objects treat as array indices', () => {
    expect(['0', '7', '4294967294'].map(isArrayIndex)).toEqual([true, true, true]);
    expect(['', '01', '-1', '1.0', '4294967295', '99999999999', 'a1'].map(isArrayIndex)).toEqual([false, false, false, false, false, false, false]);
  });
});
