import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

describe('shared rows cursor', () => {
  it('round-trips', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/), fc.nat(), (releaseId, table, afterRowNo) => {
        expect(decodeCursor(encodeCursor({ releaseId, table, afterRowNo }))).toEqual({ releaseId, table, afterRowNo });
      }),
    );
  });

  it('refuses anything else with a 400', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          decodeCursor(text);
        } catch (error) {
          expect((error as { status: number }).status).toBe(400);
          return;
        }
        // A string that happens to decode must be a well-formed cursor.
        expect(decodeCursor(text).afterRowNo).toBeGreaterThanOrEqual(0);
      }),
    );
    expect(() => decodeCursor(Buffer.from('{"v":1,"r":"x","t":"T","n":1}').toString('base64url'))).toThrow();
    expect(() => decodeCursor(Buffer.from('{"v":1,"r":"x","t":"t","n":-1}').toString('base64url'))).toThrow();
  });
});
