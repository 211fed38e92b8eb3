import { describe, expect, it } from 'vitest';
import { decodeHj212DataSegment, type Hj212Message } from './decoder';
import { createSplitAssembler } from './split-assembler';

function message(segment: string): Hj212Message {
  const result = decodeHj212DataSegment(segment);
  if (!result.ok) throw new Error(result.error.message);
  return result.message;
}

// Shaped like the standard's split example: each part has its own QN and repeats DataTime.
const PART_1 = message('QN=20160801085000534;ST=32;CN=2061;PW=1;MN=M1;Flag=7;PNUM=2;PNO=1;CP=&&DataTime=20160801080000;w01018-Avg=10,w01018-Flag=N&&');
const PART_2 = message('QN=20160801085000535;ST=32;CN=2061;PW=1;MN=M1;Flag=7;PNO=2;PNUM=2;CP=&&DataTime=20160801080000;w21003-Avg=0.5,w21003-Flag=N&&');

describe('createSplitAssembler', () => {
  it('merges parts with different QNs by (MN, CN, DataTime, PNUM), in any order', () => {
    const assembler = createSplitAssembler();
    expect(assembler.add(PART_2, 0).complete).toBeNull();
    expect(assembler.pendingGroups).toBe(1);
    const done = assembler.add(PART_1, 10).complete;
    expect(done).toMatchObject({ complete: true, partCount: 2, missing: [], mn: 'M1', cn: '2061' });
    expect(done?.values).toEqual({ w01018: { Avg: '10', Flag: 'N' }, w21003: { Avg: '0.5', Flag: 'N' } });
    expect(done?.parts.map((p) => p.pno)).toEqual([1, 2]);
    expect(assembler.pendingGroups).toBe(0);
  });

  it('can group by QN instead, for senders that repeat it', () => {
    const assembler = createSplitAssembler({ groupBy: 'qn' });
    assembler.add(PART_1, 0);
    expect(assembler.add(PART_2, 0).complete).toBeNull();
    expect(assembler.pendingGroups).toBe(2);
  });

  it('passes unsplit messages straight through', () => {
    const single = message('QN=1;ST=32;CN=2011;PW=1;MN=M1;Flag=5;CP=&&a-Rtd=1&&');
    expect(createSplitAssembler().add(single, 0).complete).toMatchObject({ complete: true, partCount: 1, missing: [] });
  });

  it('gives up incomplete groups after the timeout and when too many are pending', () => {
    const assembler = createSplitAssembler({ timeoutMs: 1000, maxPending: 1 });
    assembler.add(PART_1, 0);
    expect(assembler.expire(999)).toEqual([]);
    const expired = assembler.expire(1000);
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ complete: false, missing: [2] });
    assembler.add(PART_1, 2000);
    const other = message('QN=2;ST=32;CN=2061;PW=1;MN=M2;Flag=7;PNUM=3;PNO=1;CP=&&DataTime=20160801080000&&');
    const { evicted } = assembler.add(other, 2001);
    expect(evicted.map((e) => e.mn)).toEqual(['M1']);
    expect(assembler.pendingGroups).toBe(1);
  });
});
