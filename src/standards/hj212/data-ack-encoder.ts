import { allocateBytes } from './byte-slab';
import type { Hj212Message } from './decoder';
import { encodeHj212DataSegment, FRAME_DATA_OFFSET, frameLength, isSendableHeaderValue, sealFrame, type Terminator } from './encoder';
import { DEFAULT_MAX_DATA_LENGTH } from './frame';
import { answerFields } from './replies';

export type DataAckEncoder = (message: Pick<Hj212Message, 'qn' | 'pw' | 'mn'>) => Uint8Array | null;

const utf8 = new TextEncoder();
const QN_PREFIX = 'QN=';
const SEPARATOR = 0x3b;

/**
 * A data-ack (CN 9014) encoder for one sender: the same bytes as `buildDataAck`, or null where
 * that fails, but everything after the QN (`ST=91;CN=9014;PW=…;MN=…;Flag=4;CP=&&&&`) is
 * encoded once per PW and MN, which a connection's logger repeats in every packet. Per ack only
 * the QN is written and the CRC computed.
 */
export function createDataAckEncoder(terminator: Terminator = 'CRLF'): DataAckEncoder {
  // Null until the first ack: message PW and MN are always strings here.
  let pw: string | null = null;
  let mn: string | null = null;
  /** The segment after `QN=…;`, or null when PW or MN cannot be sent back. */
  let rest: Uint8Array | null = null;

  function restFor(nextPw: string, nextMn: string): Uint8Array | null {
    if (nextPw !== pw || nextMn !== mn) {
      pw = nextPw;
      mn = nextMn;
      // The QN is left out here: it comes first in the segment, so the rest never depends on it.
      const segment = encodeHj212DataSegment(answerFields({ qn: null, pw, mn }, '9014', {}));
      rest = segment.ok ? utf8.encode(segment.segment) : null;
    }
    return rest;
  }

  return (message) => {
    const tail = restFor(message.pw ?? '', message.mn ?? '');
    if (tail === null) return null;
    const qn = message.qn;
    if (qn !== null && !isSendableHeaderValue(qn)) return null;
    const qnBytes = qn === null || isAscii(qn) ? null : utf8.encode(qn);
    const qnLength = qn === null ? 0 : QN_PREFIX.length + (qnBytes?.length ?? qn.length) + 1;
    const dataLength = qnLength + tail.length;
    if (dataLength > DEFAULT_MAX_DATA_LENGTH) return null;
    const frame = allocateBytes(frameLength(dataLength, terminator));
    let at = FRAME_DATA_OFFSET;
    if (qn !== null) {
      for (let i = 0; i < QN_PREFIX.length; i++) frame[at++] = QN_PREFIX.charCodeAt(i);
      if (qnBytes === null) for (let i = 0; i < qn.length; i++) frame[at++] = qn.charCodeAt(i);
      else {
        frame.set(qnBytes, at);
        at += qnBytes.length;
      }
      frame[at++] = SEPARATOR;
    }
    frame.set(tail, at);
    sealFrame(frame, dataLength, terminator);
    return frame;
  };
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}
