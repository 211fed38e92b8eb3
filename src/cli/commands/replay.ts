import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { encodeHj212Packet, formatHj212Time, formatQn } from '../../standards/hj212';
import type { CommandRegistration } from './index';

export interface ReplayFileResult {
  file: string;
  /** Non-empty lines sent (one raw packet or junk line each). */
  linesSent: number;
  bytesSent: number;
  /** 9014 data acks and 9013 notification acks received on this connection. */
  acks: number;
  /** Other packets the server sent (e.g. 1012 time setting after a 1013). */
  otherReplies: number;
}

/** Counts non-empty lines (LF-separated) of a capture. */
export function countLines(data: Uint8Array): number {
  let lines = 0;
  let start = 0;
  while (start < data.length) {
    let end = data.indexOf(0x0a, start);
    if (end < 0) end = data.length;
    const length = end - start - (end > start && data[end - 1] === 0x0d ? 1 : 0);
    if (length > 0) lines++;
    start = end + 1;
  }
  return lines;
}

/** MN of the end-of-file marker: a 2081 (power-on time) upload with Flag=5, acked at once and storing nothing. */
export const REPLAY_MARKER_MN = 'YRDREPLAYEND';

function markerPacket(fileIndex: number): Uint8Array {
  const now = Date.now();
  const encoded = encodeHj212Packet({
    qn: formatQn(now + fileIndex),
    st: '91',
    cn: '2081',
    pw: '000000',
    mn: REPLAY_MARKER_MN,
    flag: 5,
    cp: { RestartTime: formatHj212Time(now) },
  });
  if (!encoded.ok) throw new Error(encoded.error.message);
  return encoded.packet.bytes;
}

/**
 * Sends each file's bytes unchanged over its own TCP connection (at most `concurrency` at once),
 * then one marker packet (see REPLAY_MARKER_MN). The server handles a connection's packets in
 * order, so once the marker's ack is back every line has been handled; acks that wait for a
 * commit follow within `settleMs`. The marker's own ack is not counted.
 */
export async function replayFiles(
  files: string[],
  options: { host: string; port: number; settleMs: number; concurrency: number },
): Promise<ReplayFileResult[]> {
  const { connectLogger } = await import('../../server/modules/gateway');
  const results: ReplayFileResult[] = [];
  const queue = [...files];
  async function worker(): Promise<void> {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const data = await readFile(file);
      const client = await connectLogger(options.host, options.port);
      for (let offset = 0; offset < data.length; offset += 64 * 1024) {
        if (!client.send(data.subarray(offset, offset + 64 * 1024))) await new Promise((resolve) => client.socket.once('drain', resolve));
      }
      const marker = markerPacket(files.indexOf(file));
      client.send(marker);
      const deadline = Date.now() + 10 * 60_000;
      while (!client.replies.some((reply) => reply.mn === REPLAY_MARKER_MN) && !client.socket.destroyed && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      let seen = -1;
      while (seen !== client.replies.length) {
        seen = client.replies.length;
        await new Promise((resolve) => setTimeout(resolve, options.settleMs));
      }
      await client.close();
      const replies = client.replies.filter((reply) => reply.mn !== REPLAY_MARKER_MN);
      const acks = replies.filter((reply) => reply.cn === '9014' || reply.cn === '9013').length;
      results.push({ file, linesSent: countLines(data), bytesSent: data.length, acks, otherReplies: replies.length - acks });
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, () => worker()));
  return results.sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file));
}

type StatusTotals = Record<string, number>;

async function fetchTotals(api: string, token: string): Promise<StatusTotals> {
  const response = await fetch(new URL('/api/v1/gateway/status', api), { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET /api/v1/gateway/status answered ${response.status}`);
  const body = (await response.json()) as { totals: StatusTotals };
  return body.totals;
}

/** `yrd-eco replay FILE…`: raw captured lines over TCP; prints lines sent, acks and (with --token) what the server stored. */
export const registerReplayCommand: CommandRegistration = (program: Command) => {
  program
    .command('replay')
    .description('Send raw captured HJ 212 lines to the gateway and count acks / 回放报文')
    .argument('<files...>', 'capture files, one raw packet per line (e.g. *.h212)')
    .option('--host <host>', 'gateway host', '127.0.0.1')
    .option('--port <port>', 'gateway port', '9212')
    .option('--concurrency <n>', 'files sent at once, one connection each', '4')
    .option('--settle <ms>', 'after the end-of-file marker is acked, hang up once no reply came for this long', '500')
    .option('--api <url>', 'platform URL for the stored-packet counts', 'http://127.0.0.1:3000')
    .option('--token <token>', 'API token with gateway:manage (or env YRD_TOKEN); without it only acks are reported')
    .action(async (files: string[], options: { host: string; port: string; concurrency: string; settle: string; api: string; token?: string }) => {
      const token = options.token ?? process.env.YRD_TOKEN;
      const before = token === undefined ? null : await fetchTotals(options.api, token);
      const results = await replayFiles(files, {
        host: options.host,
        port: Number(options.port),
        settleMs: Number(options.settle),
        concurrency: Number(options.concurrency),
      });
      let lines = 0;
      let acks = 0;
      for (const result of results) {
        lines += result.linesSent;
        acks += result.acks;
        process.stdout.write(`${basename(result.file)}: sent ${result.linesSent} lines (${result.bytesSent} bytes), acked ${result.acks}\n`);
      }
      process.stdout.write(`total: sent ${lines} lines, acked ${acks}\n`);
      if (before !== null && token !== undefined) {
        const after = await fetchTotals(options.api, token);
        // The end-of-file markers are not part of the capture.
        const markers: Record<string, number> = { packetsOk: files.length, otherPackets: files.length, acksSent: files.length };
        const delta = (key: string) => (after[key] ?? 0) - (before[key] ?? 0) - (markers[key] ?? 0);
        process.stdout.write(
          `server: packets ok ${delta('packetsOk')} (data ${delta('dataPackets')}, quarantined ${delta('quarantinedPackets')}, heartbeats ${delta('heartbeats')}, answers ${delta('answers')}, other ${delta('otherPackets')}), ` +
            `bad ${delta('packetsBad')}, readings committed ${delta('readingsCommitted')} (new ${delta('readingsInserted')}, duplicate ${delta('readingsDuplicate')}), values rejected ${delta('valuesRejected')}\n`,
        );
      } else {
        process.stdout.write('(pass --token or YRD_TOKEN to also report what the server stored)\n');
      }
    });
};
