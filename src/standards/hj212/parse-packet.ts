import { decodeHj212Packet, type DecodeError, type Hj212Message } from './decoder';
import { checkHj212Packet, type CheckedPacket, type PacketCheckError, type PacketCheckOptions } from './single-packet';

export type ParsePacketResult =
  | { readonly ok: true; readonly packet: CheckedPacket; readonly message: Hj212Message }
  | { readonly ok: false; readonly error: PacketCheckError | DecodeError };

/**
 * Checks and decodes one complete packet (framing, length, CRC, then header and CP).
 * Never throws; every failure is a typed error with a stable `code`.
 */
export function parseHj212Packet(bytes: Uint8Array, options: PacketCheckOptions = {}): ParsePacketResult {
  const checked = checkHj212Packet(bytes, options);
  if (!checked.ok) return checked;
  const decoded = decodeHj212Packet(checked.packet);
  if (!decoded.ok) return decoded;
  return { ok: true, packet: checked.packet, message: decoded.message };
}
