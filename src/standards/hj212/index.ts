// Public surface of the HJ 212 (2017, tolerating HJ/T 212-2005) library.
export { hj212Crc16, modbusCrc16, formatCrc16, swapCrcBytes } from './crc16';
export {
  STANDARD_MAX_DATA_LENGTH,
  DEFAULT_MAX_DATA_LENGTH,
  type CrcTolerance,
  type CrcAlgorithm,
  type FramedPacket,
} from './frame';
export { createHj212Framer, type Hj212Framer, type Hj212FramerOptions, type FramerEvent, type FramerError } from './framer';
export {
  checkHj212Packet,
  type CheckedPacket,
  type PacketCheckError,
  type PacketCheckOptions,
  type PacketCheckResult,
} from './single-packet';
export { parseHj212Packet, type ParsePacketResult } from './parse-packet';
export {
  decodeHj212Packet,
  decodeHj212DataSegment,
  decodeHj212Envelope,
  type Hj212Edition,
  type Hj212Message,
  type Hj212Envelope,
  type PollutantFieldSink,
  type DecodeError,
  type DecodeResult,
  type EnvelopeDecodeResult,
  type DecodeWarning,
} from './decoder';
export { tokenizeCp, type CpField, type CpTokens } from './cp-tokenizer';
export { CpFieldReader, CP_END, CP_FIELD, CP_MALFORMED, type CpToken } from './cp-reader';
export { unitsOf } from './text-scan';
export { decodeFlag, encodeFlag, FLAG_VERSION_2005, FLAG_VERSION_2017, type Hj212Flag } from './flag';
export { parseHj212Time, formatHj212Time, formatQn, isPlausibleQn, type BeijingTime } from './beijing-time';
export {
  encodeHj212Packet,
  encodeHj212DataSegment,
  frameHj212DataSegment,
  type Hj212PacketFields,
  type EncodeError,
  type EncodeResult,
  type EncodedPacket,
  type Terminator,
} from './encoder';
export { createDataAckEncoder, type DataAckEncoder } from './data-ack-encoder';
export {
  replyOwed,
  buildDataAck,
  buildNotificationAck,
  buildRequestAnswer,
  buildExecutionResult,
  buildCommand,
  buildSetSystemTime,
  buildSetRealtimeInterval,
  buildSetMinuteInterval,
  buildHistoryRequest,
  QN_RTN,
  EXE_RTN,
  ACK_FLAG,
  ST_SYSTEM_INTERACTION,
  type AckPolicy,
  type ReplyKind,
  type CommandTarget,
} from './replies';
export {
  pollutantCode2005To2017,
  pollutantCode2017To2005,
  normalizePollutantCode,
  AMBIENT_AIR_CODES,
  SURFACE_WATER_CODES,
} from './pollutant-codes';
export { describeDataFlag, dataFlagsOf, type DataFlagInfo } from './data-flags';
export { SYSTEM_CODES, COMMAND_CODES, VENDOR_KEEPALIVE_CODES, PERIOD_START_CNS } from './catalog';
export {
  createSplitAssembler,
  type SplitAssembler,
  type SplitAssemblerOptions,
  type SplitGrouping,
  type AssembledMessage,
} from './split-assembler';
