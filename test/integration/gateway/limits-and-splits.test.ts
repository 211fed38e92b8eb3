import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeFlag, encodeHj212Packet, formatHj212Time, formatQn, frameHj212DataSegment } from '../../../src/standards/hj212';
import { buildUpload, connectLogger, type LoggerClient } from '../../../src/server/modules/gateway';
import { testDialects } from '../../helpers/dialects';
import { startGatewayHarness, type GatewayHarness } from './gateway-harness';

const HOUR = 3_600_000;
const SECOND = 1000;

for (const dialect of testDialects()) {
  describe(`HJ 212 gateway: connection cap, back-pressure, split packets (${dialect})`, () => {
    let h: GatewayHarness;
    const clients: LoggerClient[] = [];
    const connect = async () => {
      const client = await connectLogger('127.0.0.1', h.port);
      clients.push(client);
      return client;
    };

    beforeAll(async () => {
      h = await startGatewayHarness(dialect, { GATEWAY_MAX_CONNECTIONS: '2' });
    });
    afterEach(async () => {
      await Promise.all(clients.splice(0).map((client) => client.close()));
    });
    afterAll(async () => h?.close());

    it('closes a connection beyond GATEWAY_MAX_CONNECTIONS at once, logs and counts it, and keeps serving the others', async () => {
      const warn = vi.spyOn(h.t.ctx.logger, 'warn');
      await h.registerStation('CAPTEST0001');
      const first = await connect();
      const second = await connect();
      await h.waitForStatus((s) => s.connections.length === 2);
      const third = await connect();
      await third.closed;
      const status = await h.waitForStatus((s) => (s.errorsByReason.CONNECTION_LIMIT ?? 0) === 1);
      expect(status.connections).toHaveLength(2);
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ maxConnections: 2 }), expect.stringContaining('connection limit'));
      warn.mockRestore();

      // The connections inside the cap still work.
      const upload = buildUpload({ mn: 'CAPTEST0001', st: '32', cn: '2061', qnAt: Date.now(), dataTime: Math.floor(Date.now() / HOUR) * HOUR - HOUR, values: { w01018: 12 } });
      second.send(upload.bytes);
      expect((await second.waitForReplies(1))[0]).toMatchObject({ cn: '9014', qn: upload.qn });
      await first.close();
      // A slot is free again.
      await h.waitForStatus((s) => s.connections.length === 1);
      const again = await connect();
      again.send(upload.bytes);
      expect((await again.waitForReplies(1))[0]).toMatchObject({ cn: '9014', qn: upload.qn });
    });

    it('pauses reading while the commit queue is over its limit and resumes (acking everything) once commits drain', async () => {
      await h.registerStation('BPTEST00001');
      const committedBefore = (await h.status()).totals.readingsCommitted;
      // Hold every commit until released, so the queue fills (the limit is 50 000 readings here).
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const monitoring = h.t.ctx.monitoring;
      const accept = monitoring.acceptReadings;
      monitoring.acceptReadings = async (readings) => {
        await released;
        return accept(readings);
      };
      try {
        const client = await connect();
        // 160 real-time packets of 330 values each: 52 800 readings, beyond the 50 000 limit.
        const codes = Array.from({ length: 330 }, (_, i) => `x${String(i).padStart(4, '0')}`);
        const start = Math.floor(Date.now() / SECOND) * SECOND - 10 * 60 * SECOND;
        const packets = Array.from({ length: 160 }, (_, i) =>
          buildUpload({ mn: 'BPTEST00001', st: '22', cn: '2011', qnAt: start + i, dataTime: start + i * SECOND, values: Object.fromEntries(codes.map((code, j) => [code, (i + j) % 97])) }),
        );
        for (const packet of packets) client.send(packet.bytes);
        const paused = await h.waitForStatus((s) => s.connections.some((c) => c.mn === 'BPTEST00001' && c.paused));
        expect(paused.totals.readingsCommitted).toBe(committedBefore);
        expect(client.replies).toHaveLength(0);

        release();
        const replies = await client.waitForReplies(160, 60_000);
        expect(replies.map((reply) => reply.qn)).toEqual(packets.map((packet) => packet.qn));
        const resumed = await h.waitForStatus((s) => s.connections.some((c) => c.mn === 'BPTEST00001' && !c.paused));
        expect(resumed.connections.find((c) => c.mn === 'BPTEST00001')?.packetsOk).toBe(160);
        // Acked means durable; batches this large may still wait in the SQLite readings inbox.
        await monitoring.settleAccepted();
        const stored = await h.t.ctx.database.db
          .selectFrom('monitoring_readings')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('interval', '=', 'rt')
          .where('observed_at', '>=', start)
          .where('observed_at', '<', start + 160 * SECOND)
          .executeTakeFirstOrThrow();
        expect(Number(stored.n)).toBe(160 * 330);
      } finally {
        monitoring.acceptReadings = accept;
        release();
      }
    }, 120_000);

    it('stores a split transmission (PNUM/PNO, Flag D) as one record of all its parts, acks each part by its own QN, and a resent part adds nothing', async () => {
      const stationId = await h.registerStation('SPLITTEST01', { parameters: ['w01018', 'w21003', 'w21011', 'w01001'] });
      const station = h.t.ctx.monitoring.stationDirectory.findById(stationId)!;
      const client = await connect();
      const dataTime = Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR;
      const flag = encodeFlag({ ackRequested: true, split: true });
      const part = (pno: number, qnAt: number, values: Record<string, string>) => {
        const encoded = encodeHj212Packet({
          qn: formatQn(qnAt),
          st: '32',
          cn: '2061',
          pw: '123456',
          mn: 'SPLITTEST01',
          flag,
          pnum: 2,
          pno,
          cp: { DataTime: formatHj212Time(dataTime) },
          values: Object.fromEntries(Object.entries(values).map(([code, avg]) => [code, { Avg: avg, Flag: 'N' }])),
        });
        if (!encoded.ok) throw new Error(encoded.error.message);
        return { bytes: encoded.packet.bytes, qn: formatQn(qnAt) };
      };
      // Each part has its own QN (hj212.md §9); the sender waits for each ack before the next part.
      const first = part(1, Date.now(), { w01018: '21.5', w21003: '0.82' });
      client.send(first.bytes);
      expect((await client.waitForReplies(1))[0]).toMatchObject({ cn: '9014', qn: first.qn });
      // The second part written the way real loggers do: PNO before PNUM, zero-padded.
      const secondQn = formatQn(Date.now() + 1);
      const cp = `DataTime=${formatHj212Time(dataTime)};w21011-Avg=0.12,w21011-Flag=N;w01001-Avg=7.4,w01001-Flag=N`;
      const framed = frameHj212DataSegment(`QN=${secondQn};ST=32;CN=2061;PW=123456;MN=SPLITTEST01;Flag=${flag};PNO=0002;PNUM=0002;CP=&&${cp}&&`);
      if (!framed.ok) throw new Error(framed.error.message);
      client.send(framed.packet.bytes);
      expect((await client.waitForReplies(2))[1]).toMatchObject({ cn: '9014', qn: secondQn });

      const rows = () =>
        h.t.ctx.database.db
          .selectFrom('monitoring_readings')
          .select(['parameter_code', 'interval', 'observed_at', 'value'])
          .where('station_key', '=', station.stationKey)
          .orderBy('parameter_code')
          .execute();
      const expected = [
        { parameter_code: 'w01001', interval: 'hour', observed_at: dataTime, value: 7.4 },
        { parameter_code: 'w01018', interval: 'hour', observed_at: dataTime, value: 21.5 },
        { parameter_code: 'w21003', interval: 'hour', observed_at: dataTime, value: 0.82 },
        { parameter_code: 'w21011', interval: 'hour', observed_at: dataTime, value: 0.12 },
      ];
      expect((await rows()).map((r) => ({ ...r, observed_at: Number(r.observed_at) }))).toEqual(expected);

      // A logger that missed the ack resends the first part: acked again, nothing stored twice.
      client.send(first.bytes);
      expect((await client.waitForReplies(3))[2]).toMatchObject({ cn: '9014', qn: first.qn });
      await sleep(50);
      expect((await rows()).map((r) => ({ ...r, observed_at: Number(r.observed_at) }))).toEqual(expected);
    });
  });
}
