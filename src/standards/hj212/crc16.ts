/**
 * CRC16 as HJ 212-2017 Appendix A defines it (same algorithm in HJ/T 212-2005).
 *
 * It is NOT CRC-16/MODBUS: each step keeps only the register's high byte before XOR-ing the input
 * byte (`reg = (reg >> 8) ^ b`), so the old low byte is discarded. Only 256 results are possible.
 */

/** Reflected 0xA001 table (the CRC-16/ARC and MODBUS table). */
const TABLE: Uint16Array = (() => {
  const table = new Uint16Array(256);
  for (let x = 0; x < 256; x++) {
    let reg = x;
    for (let bit = 0; bit < 8; bit++) reg = reg & 1 ? (reg >>> 1) ^ 0xa001 : reg >>> 1;
    table[x] = reg;
  }
  return table;
})();

/**
 * HJ 212 CRC16 of `bytes[start, end)`: initial 0xFFFF, per byte `reg = T[(reg >> 8) ^ b]`,
 * no final XOR (HJ 212-2017 Appendix A). Pass exactly the data segment, i.e. the bytes counted
 * by the length field — never `##`, the length digits, the CRC text or CR LF.
 */
export function hj212Crc16(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let reg = 0xffff;
  for (let i = start; i < end; i++) reg = TABLE[(reg >>> 8) ^ bytes[i]!]!;
  return reg;
}

/**
 * CRC-16/MODBUS of `bytes[start, end)`. Only for the per-device tolerance option: some loggers
 * print this (often byte-swapped) instead of the HJ 212 CRC (hj212.md §3.6).
 */
export function modbusCrc16(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let reg = 0xffff;
  for (let i = start; i < end; i++) reg = (reg >>> 8) ^ TABLE[(reg ^ bytes[i]!) & 0xff]!;
  return reg;
}

/** The wire form of a CRC: 4 upper-case hex digits, high byte first, zero-padded. */
export function formatCrc16(crc: number): string {
  return (crc & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

/** Swaps the two bytes of a 16-bit value. */
export function swapCrcBytes(crc: number): number {
  return ((crc & 0xff) << 8) | ((crc >>> 8) & 0xff);
}
