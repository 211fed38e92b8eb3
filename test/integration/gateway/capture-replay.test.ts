import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHj212Framer,
  decodeHj212Packet,
  normalizePollutantCode,
  parseHj212Time,
  type Hj212Message,
} from '../../../src/standards/hj212';
import { connectLogger } from '../../../src/server/modules/gateway';
import { testDialects } from '../../helpers/dialects';
import { startGatewayHarness, type GatewayHarness } from './gateway-harness';
import { sharedDataPath } from '../../helpers/shared-data';

// Real 2016 traffic, one packet per line (shared data, see its README).
const CAPTURE_DIR = sharedDataPath('data', 'hj212-capture');
const files = existsSync(CAPTURE_DIR) ? readdirSync(CAPTURE_DIR).filter((name) => name.endsWith('.h212')).sort() : [];

/**
 * What the gateway must do with the capture, computed here with the pure library only and the
 * rules written out again (not the gateway's mapper): frames with a valid length and CRC are
 * accepted; data uploads store their Rtd (2011) or Avg (2051/2061/2031) values when numeric,
 * keyed by (MN, 2017 code, interval, DataTime); everything else is refused with a reason.
 */
function expectedOutcome(data: Buffer[]) {
  const intervals: Record<string, [string, string]> = { '2011': ['rt', 'Rtd'], '2051': ['min', 'Avg'], '2061': ['hour', 'Avg'], '2031': ['day', 'Avg'] };
  const framerErrors: Record<string, number> = {};
  const messages: Hj212Message[] = [];
  for (const file of data) {
    const framer = createHj212Framer();
    for (const event of [...framer.push(file), ...framer.flush()]) {
      if (event.kind === 'error') framerErrors[event.error.code] = (framerErrors[event.error.code] ?? 0) + 1;
      else {
        const decoded = decodeHj212Packet(event.packet);
        if (decoded.ok) messages.push(decoded.message);
        else framerErrors[decoded.error.code] = (framerErrors[decoded.error.code] ?? 0) + 1;
      }
    }
  }
  const keys = new Set<string>();
  const mns = new Set<string>();
  let submitted = 0;
  let rejectedPackets = 0;
  let dataPackets = 0;
  let nonNumeric = 0;
  let acks = 0;
  for (const message of messages) {
    const cn = message.cn ?? '';
    const answer = ['9011', '9012', '9013', '9014'].includes(cn);
    if (!answer && message.flag?.ackRequested === true) acks++;
    const kind = intervals[cn];
    if (kind === undefined) continue;
    mns.add(message.mn!);
    const time = message.cp.DataTime === undefined ? null : parseHj212Time(message.cp.DataTime);
    if (time === null || time.epochMs > Date.now() + 600_000) {
      rejectedPackets++;
      continue;
    }
    dataPackets++;
    const seen = new Set<string>();
    for (const [code, fields] of Object.entries(message.values)) {
      const text = fields[kind[1]];
      if (text === undefined) continue;
      const normalised = normalizePollutantCode(code);
      if (seen.has(normalised)) continue;
      seen.add(normalised);
      if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text.trim())) {
        nonNumeric++;
        continue;
      }
      submitted++;
      keys.add(`${message.mn}|${normalised}|${kind[0]}|${time.epochMs}`);
    }
  }
  return { accepted: messages.length, framerErrors, rejectedPackets, dataPackets, submitted, distinct: keys.size, nonNumeric, acks, mns: [...mns] };
}

for (const dialect of testDialects()) {
  describe.skipIf(files.length === 0)(`replaying the shared capture through the gateway (${dialect})`, () => {
    let h: GatewayHarness;
    const data = files.map((name) => readFileSync(join(CAPTURE_DIR, name)));
    const expected = expectedOutcome(data);

    beforeAll(async () => {
      h = await startGatewayHarness(dialect);
      for (const mn of expected.mns) await h.registerStation(mn);
    }, 120_000);
    afterAll(async () => h?.close());

    it('stores every packet with a valid CRC and length and rejects the rest with reasons', async () => {
      // Independent expectations first (they match the standards library's own capture test).
      expect(expected.accepted).toBe(26_761);
      expect(expected.framerErrors).toEqual({ CRC_MISMATCH: 11, BAD_LENGTH_FIELD: 2, GARBAGE_SKIPPED: 13 });

      // One connection per file, the bytes exactly as captured, sent in one go.
      const clients = await Promise.all(data.map(() => connectLogger('127.0.0.1', h.port)));
      data.forEach((bytes, i) => clients[i]!.send(bytes));
      const status = await h.waitForStatus(
        (s) => s.totals.packetsOk + s.totals.packetsBad >= expected.accepted + 13 && s.batch.pendingRows === 0 && s.totals.readingsCommitted >= expected.submitted,
        60_000,
      );
      await Promise.all(clients.map((client) => client.close()));

      expect(status.totals.packetsOk).toBe(expected.accepted - expected.rejectedPackets);
      expect(status.totals.packetsBad).toBe(13 + expected.rejectedPackets);
      expect(status.errorsByReason.CRC_MISMATCH).toBe(11);
      expect(status.errorsByReason.BAD_LENGTH_FIELD).toBe(2);
      expect(status.totals.dataPackets).toBe(expected.dataPackets);
      expect(status.totals.quarantinedPackets).toBe(0);
      expect(status.totals.readingsCommitted).toBe(expected.submitted);
      expect(status.totals.valuesRejected).toBe(expected.nonNumeric);
      expect(await h.readingCount()).toBe(expected.distinct);
      // 2005-style uploads ask for no ack; the capture's 30 alarms (2072, Flag=1) get a 9014 and
      // its 11 time-calibration requests (1013, Flag=1) a 9013.
      expect(expected.acks).toBe(41);
      expect(status.totals.acksSent).toBe(expected.acks);
      const replies = clients.flatMap((client) => client.replies);
      expect(replies.filter((reply) => reply.cn === '9014' || reply.cn === '9013')).toHaveLength(41);
      expect(replies.filter((reply) => reply.cn === '1012')).toHaveLength(11);
    }, 120_000);
  });
}
