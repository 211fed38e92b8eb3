import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classificationPrefix, resourceCode, sequenceOf } from './dataset-code';
import { COLUMNS, fromNationalRecord } from './national-format';

describe('信息资源代码', () => {
  it('joins the classification code and a zero-padded sequence', () => {
    const prefix = classificationPrefix({ lei: { code: '2', name: '主题' }, xiang: { code: '11', name: '生态环保' }, mu: { code: '001', name: '大气' }, ximu: { code: '03', name: '细目' } });
    expect(prefix).toBe('21100103');
    expect(resourceCode(prefix, 7)).toBe('21100103/0007');
    expect(sequenceOf('21100103/0007', prefix)).toBe(7);
    expect(sequenceOf('211001/0007', prefix)).toBeUndefined();
  });
});

describe('national-format record parser', () => {
  it('never throws: any record is either an entry or a list of problems naming known columns', () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom('无条件共享', '每日', '2026-01-01', '211001/0001', '1', '11', '001', '<b>', ''), fc.integer(), fc.constant(null));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...COLUMNS, 'extra'), cell), (record) => {
        const result = fromNationalRecord(record);
        if (result.entry === null) {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const problem of result.problems) expect(['', ...COLUMNS]).toContain(problem.column);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reports every problem of a row, not only the first', () => {
    const result = fromNationalRecord({ 信息资源代码: 'abc', 共享类型: '随便', 更新周期: '每分钟' });
    expect(result.entry).toBeNull();
    const columns = result.problems.map((p) => p.column);
    expect(columns).toEqual(expect.arrayContaining(['信息资源代码', '共享类型', '更新周期', '信息资源名称', '信息资源提供方代码']));
  });
});
