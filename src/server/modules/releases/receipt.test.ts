import { describe, expect, it } from 'vitest';
import { receiptText, signReceipt, snapshotDigest, verifyReceipt, type ReleaseReceipt } from './receipt';

describe('snapshotDigest', () => {
  it('depends on content, not on row order or key order', () => {
    const a = snapshotDigest([
      { table: 'b', rowNo: 1, data: { x: '1', y: '太湖' } },
      { table: 'a', rowNo: 2, data: { z: null } },
      { table: 'a', rowNo: 1, data: { z: '0' } },
    ]);
    const b = snapshotDigest([
      { table: 'a', rowNo: 1, data: { z: '0' } },
      { table: 'a', rowNo: 2, data: { z: null } },
      { table: 'b', rowNo: 1, data: { y: '太湖', x: '1' } },
    ]);
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshotDigest([{ table: 'a', rowNo: 1, data: { z: '1' } }])).not.toBe(snapshotDigest([{ table: 'a', rowNo: 1, data: { z: '0' } }]));
    // The empty snapshot is the hash of nothing.
    expect(snapshotDigest([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('receipt signature', () => {
  const receipt: ReleaseReceipt = {
    receiptVersion: 1,
    releaseId: 'r1',
    datasetId: 'd1',
    datasetCode: '320000/ABC',
    sequence: 1,
    schemaId: 's1',
    schemaVersion: 1,
    submittedBy: { userId: 'u1', name: '张三', organisationId: 'o1' },
    submittedAt: '2026-11-28T10:00:00.000Z',
    rowCount: 2,
    rowCounts: { samples: 2 },
    digestAlgorithm: 'SHA-256',
    digest: 'ab',
  };
  it('signs with HMAC-SHA-256 and verifies only the untouched text', () => {
    const text = receiptText(receipt);
    const signature = signReceipt(text, 'secret-key');
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyReceipt(text, signature!, 'secret-key')).toBe(true);
    expect(verifyReceipt(text.replace('"rowCount":2', '"rowCount":3'), signature!, 'secret-key')).toBe(false);
    expect(verifyReceipt(text, signature!, 'other-key')).toBe(false);
    expect(signReceipt(text, null)).toBeNull();
  });
});
