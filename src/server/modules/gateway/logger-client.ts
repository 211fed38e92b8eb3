import { connect, type Socket } from 'node:net';
import {
  createHj212Framer,
  decodeHj212Packet,
  encodeFlag,
  encodeHj212Packet,
  formatHj212Time,
  formatQn,
  type Hj212Message,
} from '../../../standards/hj212';

/**
 * A data-logger side TCP client (the simulator, the replay command, tests and the benchmark):
 * sends raw bytes and collects the platform's replies, framed and decoded with the same library.
 */
export interface LoggerClient {
  readonly socket: Socket;
  /** Every decoded reply so far, in arrival order. */
  readonly replies: Hj212Message[];
  send(bytes: Uint8Array | string): boolean;
  /** Resolves once `count` replies have arrived in total (or rejects after `timeoutMs`). */
  waitForReplies(count: number, timeoutMs?: number): Promise<Hj212Message[]>;
  /** Resolves when the server closes the connection. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

export function connectLogger(host: string, port: number, onReply?: (reply: Hj212Message) => void): Promise<LoggerClient> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const framer = createHj212Framer();
    const replies: Hj212Message[] = [];
    let waiters: { count: number; resolve: () => void }[] = [];
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      for (const event of framer.push(chunk)) {
        if (event.kind !== 'packet') continue;
        const decoded = decodeHj212Packet(event.packet);
        if (!decoded.ok) continue;
        replies.push(decoded.message);
        onReply?.(decoded.message);
      }
      const ready = waiters.filter((waiter) => replies.length >= waiter.count);
      waiters = waiters.filter((waiter) => replies.length < waiter.count);
      for (const waiter of ready) waiter.resolve();
    });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.on('error', () => socket.destroy());
      resolve({
        socket,
        replies,
        send: (bytes) => socket.write(bytes),
        waitForReplies(count, timeoutMs = 10_000) {
          if (replies.length >= count) return Promise.resolve(replies.slice());
          return new Promise((done, fail) => {
            const timer = setTimeout(() => fail(new Error(`expected ${count} replies, got ${replies.length} within ${timeoutMs} ms`)), timeoutMs);
            waiters.push({
              count,
              resolve: () => {
                clearTimeout(timer);
                done(replies.slice());
              },
            });
          });
        },
        closed,
        async close() {
          socket.end();
          const timer = setTimeout(() => socket.destroy(), 1000);
          await closed;
          clearTimeout(timer);
        },
      });
    });
  });
}

export interface UploadSpec {
  mn: string;
  /** 22 ambient air, 21 surface water, 31 flue gas, 32 waste water. */
  st: string;
  cn: '2011' | '2051' | '2061' | '2031';
  /** Epoch ms of the QN (request number). */
  qnAt: number;
  /** Epoch ms of DataTime (sent as Beijing time). */
  dataTime: number;
  /** Code → value; sent as `code-Rtd` (2011) or `code-Min/Avg/Max` (others) with `code-Flag=N`. */
  values: Readonly<Record<string, number>>;
  /** Default true: Flag=5 (2017, answer wanted); false: Flag=4. */
  ackRequested?: boolean;
  pw?: string;
  /** Extra distinguishing digits are not needed: QN is the 17-digit Beijing time of `qnAt`. */
}

/** A valid HJ 212-2017 upload (real-time, minute, hour or day data) as bytes with CR LF. */
export function buildUpload(spec: UploadSpec): { bytes: Uint8Array; qn: string } {
  const values: Record<string, Record<string, string>> = {};
  for (const [code, value] of Object.entries(spec.values)) {
    const text = String(Math.round(value * 1000) / 1000);
    values[code] =
      spec.cn === '2011'
        ? { Rtd: text, Flag: 'N' }
        : { Min: String(Math.round(value * 900) / 1000), Avg: text, Max: String(Math.round(value * 1100) / 1000), Flag: 'N' };
  }
  const qn = formatQn(spec.qnAt);
  const encoded = encodeHj212Packet({
    qn,
    st: spec.st,
    cn: spec.cn,
    pw: spec.pw ?? '123456',
    mn: spec.mn,
    flag: encodeFlag({ ackRequested: spec.ackRequested ?? true }),
    cp: { DataTime: formatHj212Time(spec.dataTime) },
    values,
  });
  if (!encoded.ok) throw new Error(encoded.error.message);
  return { bytes: encoded.packet.bytes, qn };
}
