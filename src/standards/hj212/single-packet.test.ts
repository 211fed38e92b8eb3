import { describe, expect, it } from 'vitest';
import { parseHj212Packet } from './parse-packet';
import { checkHj212Packet } from './single-packet';
import { ascii } from './test-helpers';

const SEGMENT = 'QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&';

describe('checkHj212Packet', () => {
  it('accepts a correct packet with or without terminator', () => {
    for (const tail of ['\r\n', '\n', '\r', '']) {
      const result = checkHj212Packet(ascii(`##0101${SEGMENT}1C80${tail}`));
      expect(result).toMatchObject({ ok: true, packet: { lengthField: 101, lengthValid: true, crcValid: true, crcText: '1C80' } });
    }
  });

  it('tells a wrong length from a wrong CRC', () => {
    expect(checkHj212Packet(ascii(`##0101${SEGMENT}1C81`))).toMatchObject({ ok: false, error: { code: 'CRC_MISMATCH', expected: '1C80', received: '1C81' } });
    expect(checkHj212Packet(ascii(`##0100${SEGMENT}1C80`))).toMatchObject({
      ok: false,
      error: { code: 'LENGTH_MISMATCH', declared: 100, actual: 101, crcValid: true },
    });
    // Bytes lost on the link: both wrong, reported as a length mismatch.
    expect(checkHj212Packet(ascii(`##0101${SEGMENT.slice(1)}1C80`))).toMatchObject({
      ok: false,
      error: { code: 'LENGTH_MISMATCH', declared: 101, actual: 100, crcValid: false },
    });
  });

  it('optionally accepts a sender miscount when the CRC is right', () => {
    const result = checkHj212Packet(ascii(`##0100${SEGMENT}1C80`), { acceptLengthMismatch: true });
    expect(result).toMatchObject({ ok: true, packet: { lengthField: 100, lengthValid: false, crcValid: true } });
    expect(result.ok && result.packet.data.length).toBe(101);
  });

  it('rejects lines that are not packets', () => {
    expect(checkHj212Packet(ascii('2BC0'))).toMatchObject({ ok: false, error: { code: 'MISSING_HEADER' } });
    expect(checkHj212Packet(ascii(''))).toMatchObject({ ok: false, error: { code: 'MISSING_HEADER' } });
    expect(checkHj212Packet(ascii('##01'))).toMatchObject({ ok: false, error: { code: 'TOO_SHORT' } });
    expect(checkHj212Packet(ascii('##test13912345678\u0000'))).toMatchObject({ ok: false, error: { code: 'BAD_LENGTH_FIELD', field: 'test' } });
    expect(checkHj212Packet(ascii(`##0101${SEGMENT}1C80`), { maxDataLength: 100 })).toMatchObject({ ok: false, error: { code: 'LENGTH_OVER_CAP' } });
  });
});

describe('parseHj212Packet', () => {
  it('checks and decodes in one step', () => {
    const result = parseHj212Packet(ascii(`##0101${SEGMENT}1C80\r\n`));
    expect(result).toMatchObject({ ok: true, message: { cn: '1062', cp: { RtdInterval: '30' } } });
  });

  it('reports decode errors after a valid frame', () => {
    // A valid CRC over a CP that is not closed (sCair forwarder output, hj212.md §6.5).
    const result = parseHj212Packet(ascii('##0022ST=32;CN=2011;CP=&&a=15B40'));
    expect(result).toMatchObject({ ok: false, error: { code: 'CP_NOT_CLOSED' } });
  });
});
