import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countLines, replayFiles } from '../../../src/cli/commands/replay';
import { runSimulation, syntheticLoggers } from '../../../src/cli/commands/simulate';
import { testDialects } from '../../helpers/dialects';
import { startGatewayHarness, type GatewayHarness } from './gateway-harness';
import { sharedDataPath } from '../../helpers/shared-data';

const CAPTURE = sharedDataPath('data', 'hj212-capture', '2016-08-24-05.h212');

for (const dialect of testDialects()) {
  describe(`simulate and replay commands against the gateway (${dialect})`, () => {
    let h: GatewayHarness;
    beforeAll(async () => {
      h = await startGatewayHarness(dialect);
    });
    afterAll(async () => h?.close());

    it('simulate: registered loggers get every packet acked and stored', async () => {
      const loggers = syntheticLoggers(3, 'SIMTEST');
      for (const logger of loggers) await h.registerStation(logger.mn, { parameters: logger.codes });
      const out = new PassThrough();
      let printed = '';
      out.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      const result = await runSimulation(loggers, { host: '127.0.0.1', port: h.port, intervalSeconds: 0.5, durationSeconds: 2.2, out });
      expect(result.connections).toBe(3);
      // One hourly packet at start plus real-time packets every 0.5 s for each logger.
      expect(result.sent).toBeGreaterThanOrEqual(3 * 4);
      expect(result.acked).toBe(result.sent);
      expect(printed).toMatch(/sent \d+ acked \d+/);
      const status = await h.waitForStatus((s) => s.batch.pendingRows === 0);
      expect(status.totals.quarantinedPackets).toBe(0);
      expect(await h.readingCount()).toBeGreaterThan(0);
    });

    it.skipIf(!existsSync(CAPTURE))('replay: sends a capture file unchanged and counts the acks', async () => {
      const [result] = await replayFiles([CAPTURE], { host: '127.0.0.1', port: h.port, settleMs: 300, concurrency: 1 });
      expect(result!.linesSent).toBe(countLines(new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(CAPTURE)))));
      expect(result!.linesSent).toBeGreaterThan(8000);
      // Its alarms and time-calibration requests carry Flag=1; everything else asks for no ack.
      expect(result!.acks).toBeGreaterThan(0);
      const status = await h.status();
      expect(status.totals.quarantinedPackets).toBeGreaterThan(0); // its MNs are not registered here
    }, 60_000);
  });
}
