import { describe, expect, it } from 'vitest';
import { composeCollection, countRows } from './collection';

const row = (sourceRow: number, code: string) => ({ sourceRow, cells: { code } });

describe('composeCollection', () => {
  it('starts from the base release and applies appends and replaces in order, per table', () => {
    const base = new Map([
      ['sections', [{ rowNo: 1, cells: { code: 'S1' } }]],
      ['samples', [{ rowNo: 1, cells: { code: 'A0' } }]],
    ]);
    const collection = composeCollection(base, [
      { uploadId: 'u1', mode: 'append', tables: new Map([['samples', [row(2, 'A1'), row(3, 'A2')]]]) },
      { uploadId: 'u2', mode: 'replace', tables: new Map([['sections', [row(2, 'S2')]]]) },
      { uploadId: 'u3', mode: 'append', tables: new Map([['sections', [row(1, 'S3')]]]) },
    ]);
    expect(collection.get('samples')!.map((r) => [r.uploadId, r.cells.code])).toEqual([
      [null, 'A0'],
      ['u1', 'A1'],
      ['u1', 'A2'],
    ]);
    expect(collection.get('sections')!.map((r) => [r.uploadId, r.sourceRow, r.cells.code])).toEqual([
      ['u2', 2, 'S2'],
      ['u3', 1, 'S3'],
    ]);
    expect(countRows(collection)).toEqual({ samples: 3, sections: 2 });
  });
  it('a replace with fewer tables leaves the others alone, and no base means empty tables', () => {
    const collection = composeCollection(new Map(), [{ uploadId: 'u1', mode: 'replace', tables: new Map([['samples', [row(2, 'A')]]]) }]);
    expect([...collection.keys()]).toEqual(['samples']);
  });
});
