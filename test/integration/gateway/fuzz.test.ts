import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUpload, connectLogger, type LoggerClient } from '../../../src/server/modules/gateway';
import { testDialects } from '../../helpers/dialects';
import { startGatewayHarness, type GatewayHarness } from './gateway-harness';

const HOUR = 3_600_000;

for (const dialect of testDialects()) {
  describe(`gateway fuzz run (${dialect})`, () => {
    let h: GatewayHarness;
    beforeAll(async () => {
      h = await startGatewayHarness(dialect, { GATEWAY_MAX_PACKET_BYTES: '1500' });
      await h.registerStation('FUZZ00000001');
    });
    afterAll(async () => h?.close());

    it('survives random bytes and mutated packets on several connections, then still serves a valid packet', async () => {
      const now = Date.now();
      const base = Math.floor(now / HOUR) * HOUR;
      const valid = (i: number) =>
        Buffer.from(buildUpload({ mn: 'FUZZ00000001', st: '32', cn: '2061', qnAt: now + i, dataTime: base - (i + 1) * HOUR, values: { w01018: i, w21003: 1 } }).bytes);
      // Chunks: random bytes, random bytes around "##", mutated valid packets (byte flips, cuts,
      // duplicated spans), and valid packets, in random order — seeded, so a failure replays.
      const chunk = fc.oneof(
        fc.uint8Array({ minLength: 1, maxLength: 400 }),
        fc.tuple(fc.uint8Array({ maxLength: 50 }), fc.constantFrom('##', '##0', '##9999', '##0101QN=', '\r\n##00'), fc.uint8Array({ maxLength: 50 })).map(
          ([a, mark, b]) => Buffer.concat([Buffer.from(a), Buffer.from(mark, 'latin1'), Buffer.from(b)]),
        ),
        fc.tuple(fc.nat(200), fc.nat(400), fc.integer({ min: 0, max: 255 })).map(([i, at, byte]) => {
          const bytes = valid(i);
          bytes[at % bytes.length] = byte;
          return bytes;
        }),
        fc.tuple(fc.nat(200), fc.nat(400)).map(([i, cut]) => valid(i).subarray(0, cut % 180)),
        fc.nat(200).map((i) => valid(i)),
      );
      const streams = fc.sample(fc.array(chunk, { minLength: 20, maxLength: 80 }), { seed: 20261128, numRuns: 6 });
      const clients: LoggerClient[] = [];
      for (const stream of streams) {
        const client = await connectLogger('127.0.0.1', h.port);
        clients.push(client);
        for (const piece of stream) if (!client.socket.destroyed) client.send(piece);
      }
      await Promise.all(clients.map((client) => client.close()));

      // The gateway still works: a fresh connection gets its valid packet stored and acked.
      const probe = await connectLogger('127.0.0.1', h.port);
      const upload = buildUpload({ mn: 'FUZZ00000001', st: '32', cn: '2011', qnAt: now + 10_000, dataTime: now - 5000, values: { w01018: 42 } });
      probe.send(upload.bytes);
      const replies = await probe.waitForReplies(1);
      expect(replies.at(-1)).toMatchObject({ cn: '9014', qn: upload.qn });
      await probe.close();
      const status = await h.waitForStatus((s) => s.connectionCount === 0 && s.batch.pendingRows === 0);
      expect(status.totals.packetsOk).toBeGreaterThan(0);
      expect(status.totals.packetsBad + status.totals.garbageBytes).toBeGreaterThan(0);
      const rows = await h.t.ctx.database.db.selectFrom('monitoring_readings').select(['value', 'interval']).where('interval', '=', 'rt').execute();
      expect(rows).toEqual([{ value: 42, interval: 'rt' }]);
    }, 60_000);
  });
}
