import type { Command } from 'commander';
import { presentHj212Packet, type Hj212DecodeOptions } from '../../server/modules/standards/standards.presenter';
import type { CommandRegistration } from './index';

export type { Hj212DecodeOptions };

/**
 * One output object for one input line holding one raw packet (`##…CRC`, terminator optional).
 * The object is built by the standards presenter, shared with `POST /api/v1/standards/hj212/decode`.
 */
export function decodeHj212Line(line: string, options: Hj212DecodeOptions = {}): object {
  return presentHj212Packet(line, options);
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
      const { mapJsonLines } = await import('../line-io');
      const decodeOptions: Hj212DecodeOptions = {
        crcTolerance: options.crcModbus === true ? 'modbus' : 'strict',
        acceptLengthMismatch: options.acceptLengthMismatch ?? false,
      };
      await mapJsonLines(process.stdin, process.stdout, (line) => decodeHj212Line(line, decodeOptions));
    });
};
