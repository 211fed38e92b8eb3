import { buildDataAck, decodeHj212Packet, type DecodeResult, type FramedPacket, type Hj212Message } from '../../../standards/hj212';
import { mapDataPacket, type MapResult } from './packet-mapper';

/**
 * The protocol work the gateway does for each accepted frame of one connection: decode it, map a
 * data upload to readings, encode the 9014 ack. One per connection, so that what repeats on a
 * connection can be kept between packets. `bench/gateway-protocol.ts` measures exactly this.
 */
export interface ConnectionCodec {
  decode(packet: FramedPacket): DecodeResult;
  /** Readings of a decoded data upload (see {@link mapDataPacket}). */
  mapData(message: Hj212Message, stationKey: number, nowMs: number, futureToleranceMs: number): MapResult;
  /** The 9014 data ack for `message`, or null when its QN, PW or MN cannot be sent back. */
  dataAck(message: Hj212Message): Uint8Array | null;
}

export function createConnectionCodec(): ConnectionCodec {
  return {
    decode: (packet) => decodeHj212Packet(packet),
    mapData: (message, stationKey, nowMs, futureToleranceMs) => mapDataPacket(message, stationKey, nowMs, futureToleranceMs),
    dataAck(message) {
      const reply = buildDataAck(message);
      return reply.ok ? reply.packet.bytes : null;
    },
  };
}
