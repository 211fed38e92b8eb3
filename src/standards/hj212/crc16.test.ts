import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCrc16, hj212Crc16, modbusCrc16, swapCrcBytes } from './crc16';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const hex = (crc: number): string => formatCrc16(crc);

// HJ 212-2017 Appendix A worked example (hj212.md §3.3).
const APPENDIX_A_SEGMENT = 'QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&';

describe('hj212Crc16 (HJ 212-2017 Appendix A)', () => {
  it('matches the check-value table of hj212.md §3.3', () => {
    expect(hex(hj212Crc16(ascii('123456789')))).toBe('2F80');
    expect(hex(modbusCrc16(ascii('123456789')))).toBe('4B37');
    expect(hex(hj212Crc16(ascii(APPENDIX_A_SEGMENT)))).toBe('1C80');
    expect(hex(modbusCrc16(ascii(APPENDIX_A_SEGMENT)))).toBe('0759');
    const withSpace =
      'QN=20160801085857223;ST=23;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20160801085857; LA-Rtd=50.1&&';
    expect(hex(hj212Crc16(ascii(withSpace)))).toBe('1E00');
    expect(hex(modbusCrc16(ascii(withSpace)))).toBe('25FB');
    expect(hex(hj212Crc16(new Uint8Array()))).toBe('FFFF');
    expect(hex(modbusCrc16(new Uint8Array()))).toBe('FFFF');
  });

  it('follows the register trace of the worked example', () => {
    const bytes = ascii(APPENDIX_A_SEGMENT);
    expect(bytes.length).toBe(101);
    expect(hex(hj212Crc16(bytes, 0, 1))).toBe('BC81');
    expect(hex(hj212Crc16(bytes, 0, 2))).toBe('8581');
    expect(hex(hj212Crc16(bytes, 0, 3))).toBe('7200');
    expect(hex(hj212Crc16(bytes, 0, 99))).toBe('3840');
    expect(hex(hj212Crc16(bytes, 0, 100))).toBe('0880');
    expect(hex(hj212Crc16(bytes, 0, 101))).toBe('1C80');
  });

  it('is not the "1C08" of the standard prose (a typo)', () => {
    expect(hex(hj212Crc16(ascii(APPENDIX_A_SEGMENT)))).not.toBe('1C08');
  });

  it('can only produce low bytes 00/01/40/41/80/81/C0/C1 (hj212.md §3.4)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), (bytes) => {
        expect([0x00, 0x01, 0x40, 0x41, 0x80, 0x81, 0xc0, 0xc1]).toContain(hj212Crc16(bytes) & 0xff);
      }),
    );
  });

  it('covers only the requested byte range', () => {
    const framed = ascii(`##0101${APPENDIX_A_SEGMENT}1C80`);
    expect(hex(hj212Crc16(framed, 6, 107))).toBe('1C80');
  });

  it('formats zero-padded upper-case hex and swaps bytes', () => {
    expect(formatCrc16(0x18c)).toBe('018C');
    expect(formatCrc16(0xeca6)).toBe('ECA6');
    expect(swapCrcBytes(0xeca6)).toBe(0xa6ec);
  });
});
