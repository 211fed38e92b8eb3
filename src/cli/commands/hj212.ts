import type { Command } from 'commander';
import { mapJsonLines } from '../line-io';
import { parseHj212Packet, type CrcTolerance } from '../../standards/hj212';
import type { CommandRegistration } from './index';

export interface Hj212DecodeOptions {
  /** Accept CRC-16/MODBUS (straight or byte-swapped) as well; per-device tolerance, off by default. */
  readonly crcTolerance?: CrcTolerance;
  /** Decode a packet whose length field is wrong when its CRC is right (a sender miscount). */
  readonly acceptLengthMismatch?: boolean;
}

const encoder = new TextEncoder();

/**
 * One output object for one input line holding one raw packet (`##…CRC`, terminator optional).
 * Values stay the exact strings of the packet; `dataTime` is Beijing time with `+08:00`.
 */
export function decodeHj212Line(line: string, options: Hj212DecodeOptions = {}): object {
  const result = parseHj212Packet(encoder.encode(line), {
    crcTolerance: options.crcTolerance ?? 'strict',
    acceptLengthMismatch: options.acceptLengthMismatch ?? false,
  });
  if (!result.ok) return { ok: false, error: { code: result.error.code, message: result.error.message } };
  const { packet, message } = result;
  return {
    ok: true,
    version: message.edition,
    crcValid: packet.crcValid,
    lengthValid: packet.lengthValid,
    qn: message.qn,
    st: message.st,
    cn: message.cn,
    pw: message.pw,
    mn: message.mn,
    flag: message.flag?.raw ?? null,
    pnum: message.pnum,
    pno: message.pno,
    dataTime: message.dataTime?.iso ?? null,
    values: message.values,
    cp: message.cp,
    warnings: message.warnings,
  };
}

/** `yrd-eco hj212 decode`: one raw packet per stdin line in, one JSON object per line out. */
export const registerHj212Commands: CommandRegistration = (program: Command) => {
  const hj212 = program.command('hj212').description('HJ 212 data-logger protocol tools / HJ 212 数据传输协议工具');
  hj212
    .command('decode')
    .description('Decode one raw packet per stdin line into one JSON object per line / 逐行解码报文')
    .option('--crc-modbus', 'also accept CRC-16/MODBUS, straight or byte-swapped (some loggers send it)')
    .option('--accept-length-mismatch', 'decode a packet with a wrong length field when its CRC is right')
    .action(async (options: { crcModbus?: boolean; acceptLengthMismatch?: boolean }) => {
      const decodeOptions: Hj212DecodeOptions = {
        crcTolerance: options.crcModbus === true ? 'modbus' : 'strict',
        acceptLengthMismatch: options.acceptLengthMismatch ?? false,
      };
      await mapJsonLines(process.stdin, process.stdout, (line) => decodeHj212Line(line, decodeOptions));
    });
};
