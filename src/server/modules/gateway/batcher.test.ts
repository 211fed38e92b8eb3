import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config';
import { createLogger } from '../../platform/logger';
import { createBatcher } from './batcher';
import { createGatewayListener, type GatewayListener } from './gateway.server';
import type { NewReading } from './gateway.types';
import { buildUpload, connectLogger } from './logger-client';

function reading(i: number): NewReading {
  return { stationKey: 1, parameterCode: 'a34004', interval: 'hour', observedAt: i * 3_600_000, value: i, flag: 'N', source: 'gateway' };
}

/** An ingest stub whose commits wait until the test releases them. */
function heldIngest() {
  const calls: { rows: NewReading[]; release: (fail?: boolean) => void }[] = [];
  const ingestReadings = (rows: NewReading[]) =>
    new Promise<{ inserted: number; duplicates: number }>((resolve, reject) => {
      calls.push({ rows, release: (fail) => (fail ? reject(new Error('disk full')) : resolve({ inserted: rows.length, duplicates: 0 })) });
    });
  return { calls, ingestReadings };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('group-commit batcher', () => {
  it('resolves a packet only after its commit, and false when the commit fails', async () => {
    const ingest = heldIngest();
    const batcher = createBatcher({ ingestReadings: ingest.ingestReadings, writeGatewayRecords: async () => {}, maxRows: 100, maxDelayMs: 1 });
    const results: boolean[] = [];
    void batcher.addReadings([reading(1), reading(2)]).then((ok) => results.push(ok));
    await tick();
    expect(ingest.calls).toHaveLength(1);
    expect(results).toEqual([]);
    expect(batcher.pendingRows).toBe(2);
    ingest.calls[0]!.release();
    await tick();
    expect(results).toEqual([true]);

    void batcher.addReadings([reading(3)]).then((ok) => results.push(ok));
    await tick();
    ingest.calls[1]!.release(true);
    await tick();
    expect(results).toEqual([true, false]);
    expect(batcher.stats().failedBatches).toBe(1);
  });

  it('groups what arrives during a commit into the next commit and never splits a packet', async () => {
    const ingest = heldIngest();
    const batcher = createBatcher({ ingestReadings: ingest.ingestReadings, writeGatewayRecords: async () => {}, maxRows: 5, maxDelayMs: 1000 });
    void batcher.addReadings([reading(1), reading(2), reading(3), reading(4), reading(5)]);
    await tick();
    expect(ingest.calls).toHaveLength(1); // size trigger, no waiting for the delay
    for (let i = 0; i < 4; i++) void batcher.addReadings([reading(10 + i * 2), reading(11 + i * 2)]);
    await tick();
    expect(ingest.calls).toHaveLength(1);
    ingest.calls[0]!.release();
    await tick();
    // 8 pending rows, max 5, packets of 2: next commit takes 2 packets (4 rows), then the rest.
    expect(ingest.calls[1]!.rows).toHaveLength(4);
    ingest.calls[1]!.release();
    await tick();
    expect(ingest.calls[2]!.rows).toHaveLength(4);
    ingest.calls[2]!.release();
    const flushed = batcher.flush();
    await flushed;
    expect(batcher.pendingRows).toBe(0);
    expect(batcher.stats().batches).toBe(3);
  });
});

describe('group-commit batcher with two commits in flight (a writer that commits in order)', () => {
  it('hands over a full batch while the previous one commits, and resolves each after its own commit', async () => {
    const ingest = heldIngest();
    const batcher = createBatcher({ ingestReadings: ingest.ingestReadings, writeGatewayRecords: async () => {}, maxRows: 4, maxDelayMs: 1000, maxCommitsInFlight: 2 });
    const results: string[] = [];
    void batcher.addReadings([reading(1), reading(2), reading(3), reading(4)]).then((ok) => results.push(`a:${ok}`));
    await tick();
    expect(ingest.calls).toHaveLength(1);
    // A full batch while the first commits: it goes at once.
    void batcher.addReadings([reading(5), reading(6), reading(7), reading(8)]).then((ok) => results.push(`b:${ok}`));
    await tick();
    expect(ingest.calls).toHaveLength(2);
    // A third full batch waits: two are in flight.
    void batcher.addReadings([reading(9), reading(10), reading(11), reading(12)]).then((ok) => results.push(`c:${ok}`));
    await tick();
    expect(ingest.calls).toHaveLength(2);
    expect(batcher.pendingRows).toBe(12);
    ingest.calls[1]!.release(true);
    await tick();
    expect(results).toEqual(['b:false']);
    expect(ingest.calls).toHaveLength(3);
    ingest.calls[0]!.release();
    ingest.calls[2]!.release();
    await batcher.flush();
    expect(results).toEqual(['b:false', 'a:true', 'c:true']);
    expect(batcher.pendingRows).toBe(0);
  });

  it('keeps one commit at a time for less than a full batch, gathering what arrives meanwhile', async () => {
    const ingest = heldIngest();
    const batcher = createBatcher({ ingestReadings: ingest.ingestReadings, writeGatewayRecords: async () => {}, maxRows: 10, maxDelayMs: 1, maxCommitsInFlight: 2 });
    void batcher.addReadings([reading(1)]);
    await tick();
    expect(ingest.calls).toHaveLength(1);
    void batcher.addReadings([reading(2)]);
    void batcher.addReadings([reading(3)]);
    await tick();
    expect(ingest.calls).toHaveLength(1);
    ingest.calls[0]!.release();
    await tick();
    expect(ingest.calls[1]!.rows.map((row) => row.value)).toEqual([2, 3]);
    ingest.calls[1]!.release();
    await batcher.flush();
  });
});

describe('gateway listener with a held commit', () => {
  let listener: GatewayListener | undefined;
  afterEach(async () => {
    await listener?.stop();
    listener = undefined;
  });

  it('writes the 9014 ack only after the commit resolved, and none when it failed', async () => {
    const ingest = heldIngest();
    const config = loadConfig({ LOG_LEVEL: 'silent', GATEWAY_PORT: '0', GATEWAY_HOST: '127.0.0.1', GATEWAY_BATCH_MAX_DELAY_MS: '1' });
    const batcher = createBatcher({ ingestReadings: ingest.ingestReadings, writeGatewayRecords: async () => {}, maxRows: 100, maxDelayMs: 1 });
    listener = createGatewayListener({
      config: config.gateway,
      clock: { now: () => Date.now() },
      logger: createLogger(config),
      batcher,
      resolveStation: (mn) => (mn === 'MN-KNOWN' ? { id: 'station', stationKey: 7 } : undefined),
    });
    const { port } = await listener.listen();
    const client = await connectLogger('127.0.0.1', port);
    const now = Date.now();
    const first = buildUpload({ mn: 'MN-KNOWN', st: '22', cn: '2061', qnAt: now, dataTime: now - 3_600_000, values: { a34004: 35.2, a21026: 8 } });
    client.send(first.bytes);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ingest.calls).toHaveLength(1);
    expect(ingest.calls[0]!.rows.map((row) => [row.stationKey, row.parameterCode, row.interval, row.value])).toEqual([
      [7, 'a34004', 'hour', 35.2],
      [7, 'a21026', 'hour', 8],
    ]);
    expect(client.replies).toHaveLength(0); // committed? not yet — so no ack
    ingest.calls[0]!.release();
    const [ack] = await client.waitForReplies(1);
    expect(ack).toMatchObject({ cn: '9014', qn: first.qn, st: '91', mn: 'MN-KNOWN', flagText: '4' });

    const second = buildUpload({ mn: 'MN-KNOWN', st: '22', cn: '2061', qnAt: now + 1, dataTime: now - 7_200_000, values: { a34004: 1 } });
    client.send(second.bytes);
    await new Promise((resolve) => setTimeout(resolve, 100));
    ingest.calls[1]!.release(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.replies).toHaveLength(1);
    expect(listener.counters().acksWithheld).toBe(1);
    await client.close();
  });
});
