import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDataAckEncoder } from './data-ack-encoder';
import { buildDataAck } from './replies';

const text = (bytes: Uint8Array | null) => (bytes === null ? null : new TextDecoder().decode(bytes));

describe('createDataAckEncoder', () => {
  it('writes the data ack of hj212.md §8.4 exactly', () => {
    const encode = createDataAckEncoder();
    const upload = { qn: '20231008123340461', pw: '123456', mn: '010000A8900016F000169DC0' };
    expect(text(encode(upload))).toBe('##0087QN=20231008123340461;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&0F00\r\n');
    // The second ack on the connection reuses the encoded rest, with the new QN and CRC.
    const next = { ...upload, qn: '20231008123340462' };
    const expected = buildDataAck(next);
    expect(expected.ok && text(encode(next))).toBe(expected.ok && expected.packet.text);
  });

  it('sends nothing where buildDataAck refuses (a QN, PW or MN that cannot be written back)', () => {
    const encode = createDataAckEncoder();
    expect(encode({ qn: '1=2', pw: '1', mn: 'M' })).toBeNull();
    expect(encode({ qn: '1', pw: 'a;b', mn: 'M' })).toBeNull();
    expect(encode({ qn: '1', pw: '1', mn: 'M\r\nX' })).toBeNull();
    expect(encode({ qn: '1', pw: '1', mn: 'M'.repeat(10_000) })).toBeNull();
    expect(text(encode({ qn: null, pw: null, mn: 'M' }))).toMatch(/^##\d{4}ST=91;CN=9014;PW=;MN=M;Flag=4;CP=&&&&[0-9A-F]{4}\r\n$/);
  });

  it('gives the bytes of buildDataAck for any sequence of messages on one connection (property)', () => {
    const value = fc.oneof(
      fc.constantFrom('20231008123340461', '123456', 'LD130133000015', '', '仪器', 'a=b', 'a&b', ' a', 'a\nb', '\ud800', '😀'),
      fc.string({ maxLength: 12 }),
    );
    const message = fc.record({ qn: fc.option(value, { nil: null }), pw: fc.option(value, { nil: null }), mn: fc.option(value, { nil: null }) });
    fc.assert(
      fc.property(fc.constantFrom('CRLF' as const, 'LF' as const, 'none' as const), fc.array(message, { minLength: 1, maxLength: 8 }), (terminator, messages) => {
        const encode = createDataAckEncoder(terminator);
        for (const m of messages) {
          const expected = buildDataAck(m, terminator);
          expect(encode(m)).toEqual(expected.ok ? expected.packet.bytes : null);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
