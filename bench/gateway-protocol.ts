/**
 * `npx tsx bench/gateway-protocol.ts` — main-thread CPU of the HJ 212 gateway per packet, without
 * sockets or storage: bytes in → framer → decode → route by CN → readings → 9014 ack bytes, with
 * one framer and one connection codec per logger as the listener has them.
 *
 * Two inputs:
 *  - BENCH_PACKETS (default 30,000) pre-encoded HJ 212-2017 hour packets of BENCH_VALUES (default
 *    15) values, Flag=5, from 200 loggers, built with `buildUpload` like `bench/ingest.ts`;
 *  - the real capture in shared/data/hj212-capture (YRD_SHARED_DIR or shared/ beside the checkout) (mostly 2005-style uploads, heartbeats and a
 *    few broken lines), one connection per MN, one line per chunk; skipped when absent.
 * Each input runs BENCH_ROUNDS (default 7) times after one warm-up round; the median round is
 * printed as µs/packet and packets/s. BENCH_INPUT=synthetic|capture runs one input only.
 * Figures only; nothing is asserted.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHj212Framer, replyOwed, type FramedPacket, type Hj212Framer } from '../src/standards/hj212';
import { buildUpload, DATA_CNS } from '../src/server/modules/gateway';
import { createConnectionCodec, type ConnectionCodec } from '../src/server/modules/gateway/connection-codec';
import { sharedDataPath } from '../test/helpers/shared-data';

const env = process.env;
const PACKETS = Number(env.BENCH_PACKETS ?? 30_000);
const VALUES = Number(env.BENCH_VALUES ?? 15);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 7);
const INPUT = env.BENCH_INPUT ?? 'both';
const LOGGERS = 200;
const FUTURE_TOLERANCE_MS = 600_000;
const CAPTURE_DIR = sharedDataPath('data', 'hj212-capture');
const HOUR = 3_600_000;

/** One logger's connection: the chunks it sends, in order. */
interface Stream {
  chunks: Uint8Array[];
}

interface Tally {
  packets: number;
  readings: number;
  acks: number;
  ackBytes: number;
  refused: number;
}

function syntheticStreams(): Stream[] {
  const now = Date.now();
  const base = Math.floor(now / HOUR) * HOUR;
  const streams: Stream[] = Array.from({ length: LOGGERS }, () => ({ chunks: [] }));
  for (let p = 0; p < PACKETS; p++) {
    const logger = p % LOGGERS;
    const values: Record<string, number> = {};
    for (let v = 0; v < VALUES; v++) values[`w${10001 + v}`] = ((logger * 31 + p * 7 + v) % 1000) / 10;
    const mn = `BENCH${String(logger).padStart(8, '0')}`;
    const dataTime = base - (Math.floor(p / LOGGERS) + 1) * HOUR;
    streams[logger]!.chunks.push(buildUpload({ mn, st: '32', cn: '2061', qnAt: now + p, dataTime, values }).bytes);
  }
  return streams;
}

/** The capture's lines grouped into one stream per MN (a logger keeps its own connection). */
function captureStreams(): Stream[] {
  if (!existsSync(CAPTURE_DIR)) return [];
  const byMn = new Map<string, Stream>();
  for (const name of readdirSync(CAPTURE_DIR).filter((file) => file.endsWith('.h212')).sort()) {
    const bytes = readFileSync(join(CAPTURE_DIR, name));
    let start = 0;
    while (start < bytes.length) {
      const newline = bytes.indexOf(0x0a, start);
      const end = newline < 0 ? bytes.length : newline + 1;
      const line = bytes.subarray(start, end);
      start = end;
      const mn = /MN=([^;]*)/.exec(line.toString('latin1'))?.[1] ?? '';
      let stream = byMn.get(mn);
      if (stream === undefined) byMn.set(mn, (stream = { chunks: [] }));
      stream.chunks.push(line);
    }
  }
  return [...byMn.values()];
}

/** What the listener does with one framed packet, minus counters, sockets and the batcher. */
function handlePacket(codec: ConnectionCodec, packet: FramedPacket, now: number, tally: Tally): void {
  const decoded = codec.decode(packet);
  if (!decoded.ok || decoded.message.mn === null || decoded.message.mn === '') {
    tally.refused++;
    return;
  }
  const message = decoded.message;
  const owed = replyOwed(message);
  tally.packets++;
  if (message.cn !== null && DATA_CNS[message.cn] !== undefined) {
    // Every MN is a known station here: the bench measures the stored path.
    const mapped = codec.mapData(message, 1, now, FUTURE_TOLERANCE_MS);
    if (!mapped.ok) {
      tally.refused++;
      return;
    }
    tally.readings += mapped.readings.length;
  }
  if (owed === 'data-ack') {
    const ack = codec.dataAck(message);
    if (ack !== null) {
      tally.acks++;
      tally.ackBytes += ack.length;
    }
  }
}

/** Feeds every stream's chunks, interleaved across loggers, through fresh connections; returns wall ms. */
function round(streams: Stream[], tally: Tally): number {
  const connections = streams.map((stream) => ({ stream, framer: createHj212Framer() as Hj212Framer, codec: createConnectionCodec() }));
  const longest = Math.max(...streams.map((stream) => stream.chunks.length));
  const started = performance.now();
  const now = Date.now();
  for (let i = 0; i < longest; i++) {
    for (const connection of connections) {
      const chunk = connection.stream.chunks[i];
      if (chunk === undefined) continue;
      for (const event of connection.framer.push(chunk)) {
        if (event.kind === 'packet') handlePacket(connection.codec, event.packet, now, tally);
        else tally.refused++;
      }
    }
  }
  return performance.now() - started;
}

function measure(label: string, streams: Stream[]): void {
  if (streams.length === 0) {
    process.stdout.write(`${label}: no input, skipped\n`);
    return;
  }
  round(streams, { packets: 0, readings: 0, acks: 0, ackBytes: 0, refused: 0 });
  const times: number[] = [];
  let tally: Tally = { packets: 0, readings: 0, acks: 0, ackBytes: 0, refused: 0 };
  const cpuBefore = process.cpuUsage();
  for (let r = 0; r < ROUNDS; r++) {
    tally = { packets: 0, readings: 0, acks: 0, ackBytes: 0, refused: 0 };
    times.push(round(streams, tally));
  }
  const cpu = process.cpuUsage(cpuBefore);
  const perPacket = (ms: number) => (ms * 1000) / tally.packets;
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  // Process CPU includes V8's background GC threads; on a busy shared machine it is steadier than wall time.
  const cpuPerPacket = (cpu.user + cpu.system) / ROUNDS / tally.packets;
  process.stdout.write(
    `${label}: ${tally.packets.toLocaleString('en-US')} packets, ${tally.readings.toLocaleString('en-US')} readings, ${tally.acks.toLocaleString('en-US')} acks, ` +
      `${tally.refused} refused per round\n` +
      `  wall, median of ${ROUNDS}: ${perPacket(median).toFixed(1)} µs/packet = ${Math.round(tally.packets / (median / 1000)).toLocaleString('en-US')} packets/s ` +
      `(best ${perPacket(times[0]!).toFixed(1)}, worst ${perPacket(times.at(-1)!).toFixed(1)}); process CPU ${cpuPerPacket.toFixed(1)} µs/packet\n`,
  );
}

process.stdout.write(`HJ 212 gateway protocol path, Node ${process.version}\n`);
if (INPUT !== 'capture') measure(`synthetic 2017 hour data, ${VALUES} values`, syntheticStreams());
if (INPUT !== 'synthetic') measure('real capture 2016-08-24', captureStreams());
