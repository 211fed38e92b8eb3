import { describe, expect, it } from 'vitest';
import { allocateBytes } from './byte-slab';

describe('allocateBytes', () => {
  it('hands out zero-filled arrays of the asked length that never overlap', () => {
    const arrays = Array.from({ length: 200 }, (_, i) => allocateBytes(1 + ((i * 37) % 300)));
    arrays.forEach((bytes, i) => {
      expect(bytes.length).toBe(1 + ((i * 37) % 300));
      expect(bytes.every((b) => b === 0)).toBe(true);
      bytes.fill(i % 256);
    });
    // Writing each array did not touch any other.
    arrays.forEach((bytes, i) => expect(bytes.every((b) => b === i % 256)).toBe(true));
  });

  it('gives large arrays a buffer of their own', () => {
    const large = allocateBytes(10_000);
    expect(large.byteOffset).toBe(0);
    expect(large.buffer.byteLength).toBe(10_000);
  });
});
