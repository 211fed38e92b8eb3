import { formatHj212Time } from './beijing-time';
import type { Hj212Message } from './decoder';
import { encodeHj212Packet, type EncodeResult, type Hj212PacketFields, type Terminator } from './encoder';
import { encodeFlag } from './flag';

/** ST for system interaction; every ack uses it (hj212.md §8.4). */
export const ST_SYSTEM_INTERACTION = '91';
/** `Flag=4`: 2017, no answer wanted. Acks are never answered. */
export const ACK_FLAG = encodeFlag({ ackRequested: false });

/** CN codes that are answers themselves (9011–9014) and must never be answered. */
const ANSWER_CNS = new Set(['9011', '9012', '9013', '9014']);
/** Notifications from a field unit that the platform answers with 9013 (hj212.md §8.1). */
const NOTIFICATION_CNS = new Set(['1013']);

export interface AckPolicy {
  /**
   * Also ack uploads without any Flag (2005-style senders that expect an ack regardless).
   * Off by default; set it per device (hj212.md §8.4).
   */
  readonly ackWhenFlagAbsent?: boolean;
}

export type ReplyKind = 'data-ack' | 'notification-ack';

/**
 * Which reply the platform owes a message from a field unit, or null. Only the A bit asks for
 * an answer (hj212.md §8.1): 9013 for a notification (1013), 9014 for anything else. Answers
 * (9011–9014) are never answered. Split parts are acked one by one.
 */
export function replyOwed(message: Pick<Hj212Message, 'cn' | 'flag' | 'flagText'>, policy: AckPolicy = {}): ReplyKind | null {
  if (message.cn === null || ANSWER_CNS.has(message.cn)) return null;
  const wanted = message.flag === null ? message.flagText === null && policy.ackWhenFlagAbsent === true : message.flag.ackRequested;
  if (!wanted) return null;
  return NOTIFICATION_CNS.has(message.cn) ? 'notification-ack' : 'data-ack';
}

/** What an answer to `message` carries: its QN, PW and MN, `ST=91`, `Flag=4`, the given CN and CP (hj212.md §8.4). */
export function answerFields(message: Pick<Hj212Message, 'qn' | 'pw' | 'mn'>, cn: string, cp: Record<string, string>): Hj212PacketFields {
  return {
    // A 2005 sender without QN gets an ack without QN; vendors differ here (hj212.md §8.4).
    ...(message.qn === null ? {} : { qn: message.qn }),
    st: ST_SYSTEM_INTERACTION,
    cn,
    pw: message.pw ?? '',
    mn: message.mn ?? '',
    flag: ACK_FLAG,
    cp,
  };
}

function answer(message: Pick<Hj212Message, 'qn' | 'pw' | 'mn'>, cn: string, cp: Record<string, string>, terminator: Terminator): EncodeResult {
  return encodeHj212Packet(answerFields(message, cn, cp), terminator);
}

/**
 * The platform's data ack (CN 9014) to an upload: same QN, PW and MN, `ST=91`, `Flag=4`,
 * empty CP (hj212.md §8.4). E.g. for QN 20231008123340461 it yields
 * `##0087QN=20231008123340461;ST=91;CN=9014;PW=123456;MN=…;Flag=4;CP=&&&&0F00\r\n`.
 */
export function buildDataAck(message: Pick<Hj212Message, 'qn' | 'pw' | 'mn'>, terminator: Terminator = 'CRLF'): EncodeResult {
  return answer(message, '9014', {}, terminator);
}

/** Notification ack (CN 9013), e.g. to a 1013 time-calibration request; same layout as 9014. */
export function buildNotificationAck(message: Pick<Hj212Message, 'qn' | 'pw' | 'mn'>, terminator: Terminator = 'CRLF'): EncodeResult {
  return answer(message, '9013', {}, terminator);
}

/** `QnRtn` values of a 9011 request answer (hj212.md §8.3). */
export const QN_RTN = {
  ready: '1',
  refused: '2',
  wrongPassword: '3',
  wrongMn: '4',
  wrongSt: '5',
  wrongFlag: '6',
  wrongQn: '7',
  wrongCn: '8',
  crcError: '9',
  unknownError: '100',
} as const;

/** `ExeRtn` values of a 9012 execution result (hj212.md §8.3). */
export const EXE_RTN = {
  success: '1',
  failedUnknown: '2',
  badConditions: '3',
  timeout: '4',
  busy: '5',
  systemFault: '6',
  noData: '100',
} as const;

/**
 * A field unit's request answer (CN 9011, `QnRtn`) to a platform request, echoing its QN.
 * The platform never sends this; it is here for simulators and tests.
 */
export function buildRequestAnswer(request: Hj212Message, qnRtn: string, terminator: Terminator = 'CRLF'): EncodeResult {
  return answer(request, '9011', { QnRtn: qnRtn }, terminator);
}

/** A field unit's execution result (CN 9012, `ExeRtn`), echoing the request's QN. For simulators and tests. */
export function buildExecutionResult(request: Hj212Message, exeRtn: string, terminator: Terminator = 'CRLF'): EncodeResult {
  return answer(request, '9012', { ExeRtn: exeRtn }, terminator);
}

/** Addressing of one field unit for platform commands. */
export interface CommandTarget {
  readonly st: string;
  readonly pw: string;
  readonly mn: string;
}

/**
 * A platform → field unit request (hj212.md §8.1): new QN, `Flag=5` (2017, answer wanted)
 * unless `ackRequested` is false (`Flag=4`, e.g. notifications 2012/2022).
 */
export function buildCommand(
  target: CommandTarget,
  command: { qn: string; cn: string; cp?: Record<string, string>; ackRequested?: boolean },
  terminator: Terminator = 'CRLF',
): EncodeResult {
  return encodeHj212Packet(
    {
      qn: command.qn,
      st: target.st,
      cn: command.cn,
      pw: target.pw,
      mn: target.mn,
      flag: encodeFlag({ ackRequested: command.ackRequested ?? true }),
      cp: command.cp ?? {},
    },
    terminator,
  );
}

/** CN 1012: set the logger clock to `epochMs` (sent as Beijing time `SystemTime`). */
export function buildSetSystemTime(target: CommandTarget, qn: string, epochMs: number, polId?: string): EncodeResult {
  const cp: Record<string, string> = polId === undefined ? {} : { PolId: polId };
  cp.SystemTime = formatHj212Time(epochMs);
  return buildCommand(target, { qn, cn: '1012', cp });
}

/** CN 1062: set the real-time upload interval, in seconds (the standard allows 30–3600). */
export function buildSetRealtimeInterval(target: CommandTarget, qn: string, seconds: number): EncodeResult {
  return buildCommand(target, { qn, cn: '1062', cp: { RtdInterval: String(seconds) } });
}

/** CN 1064: set the minute-data interval, in minutes (one of 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30). */
export function buildSetMinuteInterval(target: CommandTarget, qn: string, minutes: number): EncodeResult {
  return buildCommand(target, { qn, cn: '1064', cp: { MinInterval: String(minutes) } });
}

/**
 * History request (CN 2051 minute, 2061 hour, 2031 day, 2041 daily running time) for
 * `[beginMs, endMs]`, sent as Beijing-time `BeginTime`/`EndTime`.
 */
export function buildHistoryRequest(
  target: CommandTarget,
  qn: string,
  cn: '2031' | '2041' | '2051' | '2061',
  beginMs: number,
  endMs: number,
): EncodeResult {
  return buildCommand(target, { qn, cn, cp: { BeginTime: formatHj212Time(beginMs), EndTime: formatHj212Time(endMs) } });
}
