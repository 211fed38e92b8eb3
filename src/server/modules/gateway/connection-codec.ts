import { createDataAckEncoder, decodeHj212Envelope, type EnvelopeDecodeResult, type FramedPacket, type Hj212Envelope } from '../../../standards/hj212';
import { mapUpload, type MapResult } from './packet-mapper';
import { UploadValueCollector } from './upload-values';

/**
 * The protocol work the gateway does for each accepted frame of one connection: decode it, map a
 * data upload to readings, encode the 9014 ack. One per connection, so that what repeats on a
 * connection is kept between packets: the pollutant values are collected into reused arrays
 * while decoding (the `values` record is never built) and the ack bytes after the QN are
 * encoded once per PW and MN. `bench/gateway-protocol.ts` measures exactly this.
 */
export interface ConnectionCodec {
  decode(packet: FramedPacket): EnvelopeDecodeResult;
  /**
   * Readings of the data upload this codec decoded last (see `mapDataPacket` for the rules);
   * call it before the next `decode`.
   */
  mapData(message: Hj212Envelope, stationKey: number, nowMs: number, futureToleranceMs: number): MapResult;
  /** The 9014 data ack for `message`, or null when its QN, PW or MN cannot be sent back. */
  dataAck(message: Pick<Hj212Envelope, 'qn' | 'pw' | 'mn'>): Uint8Array | null;
}

export function createConnectionCodec(): ConnectionCodec {
  const values = new UploadValueCollector();
  const dataAck = createDataAckEncoder();
  let decodedLast: Hj212Envelope | null = null;
  return {
    decode(packet) {
      values.reset();
      const decoded = decodeHj212Envelope(packet, values);
      decodedLast = decoded.ok ? decoded.message : null;
      return decoded;
    },
    mapData(message, stationKey, nowMs, futureToleranceMs) {
      // The values belong to the last decode; mapping another message with them would mix packets.
      if (message !== decodedLast) throw new Error('mapData: the message is not the one this codec decoded last');
      return mapUpload(message, values, stationKey, nowMs, futureToleranceMs);
    },
    dataAck,
  };
}
