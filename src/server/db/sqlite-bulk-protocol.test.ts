import { describe, expect, it } from 'vitest';
import { decodeBuckets, encodeInsertRequest, ROW_NUMBERS, ROW_REFS } from './sqlite-bulk-protocol';

describe('SQLite writer-thread messages', () => {
  const rows = [
    { stationKey: 7, parameterCode: 'w01018', interval: 'hour', observedAt: 1_700_000_000_000, value: 12.5, flag: 'N', source: 'gateway' },
    { stationKey: 7, parameterCode: 'w01018', interval: 'min', observedAt: 1_700_000_600_000, value: null, flag: null, source: 'gateway', institutionId: 'inst-1' },
  ];

  it('packs rows into typed arrays and one table of distinct strings (null = -1, NaN)', () => {
    const request = encodeInsertRequest(3, 'insert', rows, 99, {
      keys: [{ stationKey: 7, parameterCode: 'w01018', dayStart: 1_699_977_600_000, enqueuedAt: 5 }],
      keysOfRow: Int32Array.from([0, -1, 0, -1]),
    });
    expect(request.id).toBe(3);
    expect(request.strings).toEqual(['w01018', 'hour', 'N', 'gateway', 'min', 'inst-1']);
    expect([...request.numbers.subarray(0, ROW_NUMBERS)]).toEqual([7, 1_700_000_000_000, 12.5]);
    expect(Number.isNaN(request.numbers[ROW_NUMBERS + 2])).toBe(true);
    expect([...request.refs.subarray(ROW_REFS)]).toEqual([0, 4, -1, 3, 5]);
    expect([...request.keyNumbers]).toEqual([7, 1_699_977_600_000, 5]);
    expect([...request.keyRefs]).toEqual([0]);
    expect([...request.keysOfRow]).toEqual([0, -1, 0, -1]);
  });

  it('sends no keys without a plan and reads buckets back by string index', () => {
    const request = encodeInsertRequest(1, 'accept', rows, 99, undefined);
    expect(request.keysOfRow.length).toBe(0);
    expect(request.keyRefs.length).toBe(0);
    expect(decodeBuckets(request.strings, Float64Array.from([7, 1_699_999_200_000]), Int32Array.from([0, 4]))).toEqual([
      { stationKey: 7, hourStart: 1_699_999_200_000, parameterCode: 'w01018', interval: 'min' },
    ]);
  });
});
