import { describe, expect, it } from 'vitest';
import { decodeHj212DataSegment, type Hj212Message } from './decoder';
import {
  buildCommand,
  buildDataAck,
  buildExecutionResult,
  buildHistoryRequest,
  buildNotificationAck,
  buildRequestAnswer,
  buildSetMinuteInterval,
  buildSetRealtimeInterval,
  buildSetSystemTime,
  replyOwed,
} from './replies';
import { parseHj212Packet } from './parse-packet';
import type { EncodeResult } from './encoder';

function message(segment: string): Hj212Message {
  const result = decodeHj212DataSegment(segment);
  if (!result.ok) throw new Error(result.error.message);
  return result.message;
}

function textOf(result: EncodeResult): string {
  if (!result.ok) throw new Error(result.error.message);
  return result.packet.text;
}

const UPLOAD = message('QN=20231008123340461;ST=22;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20231008123300;a34004-Rtd=35&&');
const TARGET = { st: '32', pw: '123456', mn: '010000A8900016F000169DC0' };

describe('platform replies', () => {
  it('builds the data ack of hj212.md §8.4 exactly', () => {
    expect(textOf(buildDataAck(UPLOAD))).toBe('##0087QN=20231008123340461;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&0F00\r\n');
  });

  it('builds a notification ack with the same layout and a valid frame', () => {
    const notification = message('QN=20231008123340462;ST=32;CN=1013;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&&&');
    expect(replyOwed(notification)).toBe('notification-ack');
    const ack = textOf(buildNotificationAck(notification));
    expect(ack).toContain('QN=20231008123340462;ST=91;CN=9013;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&');
    expect(parseHj212Packet(new TextEncoder().encode(ack)).ok).toBe(true);
  });

  it('owes a reply only when the A bit is set, never to answers, and per policy to Flag-less 2005 uploads', () => {
    expect(replyOwed(UPLOAD)).toBe('data-ack');
    expect(replyOwed(message('QN=1;ST=22;CN=2011;PW=1;MN=1;Flag=4;CP=&&&&'))).toBeNull();
    expect(replyOwed(message('QN=1;ST=22;CN=2061;PW=1;MN=1;Flag=7;PNUM=2;PNO=1;CP=&&&&'))).toBe('data-ack');
    expect(replyOwed(message('QN=1;ST=91;CN=9014;PW=1;MN=1;Flag=5;CP=&&&&'))).toBeNull();
    const legacy = message('ST=32;CN=2011;PW=1;MN=LD130133000015;CP=&&DataTime=20160824003817000&&');
    expect(replyOwed(legacy)).toBeNull();
    expect(replyOwed(legacy, { ackWhenFlagAbsent: true })).toBe('data-ack');
    expect(textOf(buildDataAck(legacy))).toContain('ST=91;CN=9014;PW=1;MN=LD130133000015;Flag=4;CP=&&&&');
    expect(replyOwed(message('ST=32;CN=2011;PW=1;MN=1;Flag=x;CP=&&&&'), { ackWhenFlagAbsent: true })).toBeNull();
  });

  it('builds field-unit answers 9011/9012 echoing the request QN (for simulators)', () => {
    const request = message('QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&');
    expect(textOf(buildRequestAnswer(request, '1'))).toContain('QN=20160801085857223;ST=91;CN=9011;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&QnRtn=1&&');
    expect(textOf(buildExecutionResult(request, '1'))).toContain('CN=9012;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&ExeRtn=1&&');
  });

  it('builds commands with Flag=5 and Beijing-time parameters', () => {
    // The Appendix A request is a 1062 command.
    expect(textOf(buildSetRealtimeInterval({ st: '32', pw: '100000', mn: '010000A8900016F000169DC0' }, '20160801085857223', 30))).toBe(
      '##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n',
    );
    const at = Date.UTC(2016, 7, 1, 0, 58, 57); // 2016-08-01 08:58:57 Beijing
    expect(textOf(buildSetSystemTime(TARGET, '20160801085857223', at))).toContain('CN=1012;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&SystemTime=20160801085857&&');
    expect(textOf(buildSetSystemTime(TARGET, '1', at, 'w01018'))).toContain('CP=&&PolId=w01018;SystemTime=20160801085857&&');
    expect(textOf(buildSetMinuteInterval(TARGET, '1', 10))).toContain('CN=1064;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&MinInterval=10&&');
    expect(textOf(buildHistoryRequest(TARGET, '1', '2061', at, at + 3_600_000))).toContain('CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&BeginTime=20160801085857;EndTime=20160801095857&&');
    expect(textOf(buildCommand(TARGET, { qn: '1', cn: '2012', ackRequested: false }))).toContain('CN=2012;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&');
  });
});
