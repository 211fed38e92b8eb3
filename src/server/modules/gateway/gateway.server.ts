import { createServer, type Server, type Socket } from 'node:net';
import {
  buildNotificationAck,
  buildSetSystemTime,
  createHj212Framer,
  formatQn,
  replyOwed,
  VENDOR_KEEPALIVE_CODES,
  type FramedPacket,
  type FramerError,
  type Hj212Framer,
  type Hj212Envelope,
} from '../../../standards/hj212';
import type { GatewayConfig } from '../../config/config';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import type { Batcher } from './batcher';
import { createConnectionCodec, type ConnectionCodec } from './connection-codec';
import type { BadPacketEntry, GatewayStationRef } from './gateway.types';
import { DATA_CNS } from './packet-mapper';
import { locateRefusedFrame, rawText } from './raw-text';

/** Answers (9011–9014) from a field unit: counted, never answered. */
const ANSWER_CNS = new Set(['9011', '9012', '9013', '9014']);
/** Time a partial frame may wait for its remaining bytes before the framer resynchronises (hj212.md §2.3 step 4, §8.5). */
const FRAME_TIMEOUT_MS = 10_000;
/** Per-MN counters kept for at most this many MNs. */
const MAX_TRACKED_MNS = 10_000;

export interface GatewayListenerDeps {
  config: GatewayConfig;
  clock: Clock;
  logger: Logger;
  batcher: Batcher;
  /** MN → station (registered MN or quarantine assignment); undefined = quarantine. */
  resolveStation(mn: string): GatewayStationRef | undefined;
}

export interface ConnectionInfo {
  id: number;
  remoteAddress: string;
  mn: string | null;
  connectedAt: number;
  packetsOk: number;
  packetsBad: number;
  lastPacketAt: number | null;
  paused: boolean;
}

export interface GatewayCounters {
  connectionsAccepted: number;
  connectionsClosedIdle: number;
  connectionsClosedGarbage: number;
  packetsOk: number;
  packetsBad: number;
  dataPackets: number;
  readingsQueued: number;
  valuesRejected: number;
  acksSent: number;
  acksWithheld: number;
  quarantinedPackets: number;
  heartbeats: number;
  answers: number;
  otherPackets: number;
  garbageBytes: number;
  overStandardLength: number;
}

export interface GatewayListener {
  listen(): Promise<{ host: string; port: number }>;
  /** Stops accepting, stops reading, commits what is pending and sends its acks, then closes every socket. */
  stop(): Promise<void>;
  address(): { host: string; port: number } | null;
  connections(): ConnectionInfo[];
  counters(): GatewayCounters;
  errorsByReason(): Record<string, number>;
  byMn(): { mn: string; packetsOk: number; packetsBad: number; lastPacketAt: number }[];
}

interface Connection {
  info: ConnectionInfo;
  socket: Socket;
  framer: Hj212Framer;
  codec: ConnectionCodec;
  /** The last chunks received (at least `recentWindow` bytes when available), kept by reference to locate refused frames. */
  recent: Buffer[];
  recentBytes: number;
  bytesSinceGoodFrame: number;
  frameTimer: NodeJS.Timeout | null;
}

/**
 * The HJ 212 TCP listener (hj212.md §1–2, §8). Each connection has its own byte framer;
 * accepted frames are decoded and routed: data uploads of known stations go to the group-commit
 * batcher and are acked (9014, with the packet's QN) only once committed and only when the
 * Flag's A bit asks; unknown MNs are quarantined (acked once stored); heartbeats and answers
 * are counted and never answered; a 1013 time-calibration request gets 9013 and a 1012.
 * Bad frames are counted, logged and skipped; the connection stays open. A connection that
 * sends more than `garbageLimit` bytes without a single valid frame is closed.
 */
export function createGatewayListener(deps: GatewayListenerDeps): GatewayListener {
  const { config, clock, logger, batcher } = deps;
  const recentWindow = 2 * (config.maxPacketBytes + 12);
  /** Bytes a connection may send without one valid frame before it is closed. */
  const garbageLimit = Math.max(64 * 1024, 4 * (config.maxPacketBytes + 12));
  /** Sockets are paused while more readings than this wait for a commit. */
  const pauseAbove = Math.max(config.batchMaxRows * 10, 50_000);
  const connections = new Map<number, Connection>();
  const paused = new Set<Connection>();
  const errors = new Map<string, number>();
  const mnCounters = new Map<string, { packetsOk: number; packetsBad: number; lastPacketAt: number }>();
  const counters: GatewayCounters = {
    connectionsAccepted: 0,
    connectionsClosedIdle: 0,
    connectionsClosedGarbage: 0,
    packetsOk: 0,
    packetsBad: 0,
    dataPackets: 0,
    readingsQueued: 0,
    valuesRejected: 0,
    acksSent: 0,
    acksWithheld: 0,
    quarantinedPackets: 0,
    heartbeats: 0,
    answers: 0,
    otherPackets: 0,
    garbageBytes: 0,
    overStandardLength: 0,
  };
  let nextId = 1;
  let stopping = false;
  let bound: { host: string; port: number } | null = null;

  const server: Server = createServer({ allowHalfOpen: false }, (socket) => accept(socket));
  server.maxConnections = config.maxConnections;
  server.on('error', (error) => logger.error({ err: error }, 'gateway listener error'));
  // Node closes a connection beyond maxConnections at once; say so instead of dropping it silently.
  server.on('drop', (dropped) => {
    countError('CONNECTION_LIMIT');
    logger.warn({ remoteAddress: dropped?.remoteAddress, maxConnections: config.maxConnections }, 'gateway refused a connection: connection limit reached');
  });

  batcher.onDrain(() => {
    if (batcher.pendingRows > pauseAbove) return;
    for (const connection of paused) if (!connection.socket.destroyed) connection.socket.resume();
    for (const connection of paused) connection.info.paused = false;
    paused.clear();
  });

  function countError(reason: string, by = 1): void {
    errors.set(reason, (errors.get(reason) ?? 0) + by);
  }

  function countMn(mn: string, ok: boolean, at: number): void {
    let entry = mnCounters.get(mn);
    if (entry === undefined) {
      if (mnCounters.size >= MAX_TRACKED_MNS) return;
      entry = { packetsOk: 0, packetsBad: 0, lastPacketAt: at };
      mnCounters.set(mn, entry);
    }
    if (ok) entry.packetsOk++;
    else entry.packetsBad++;
    entry.lastPacketAt = at;
  }

  function badPacket(connection: Connection, reason: string, message: string, raw: string | null, mn: string | null): void {
    const now = clock.now();
    connection.info.packetsBad++;
    connection.info.lastPacketAt = now;
    counters.packetsBad++;
    countError(reason);
    if (mn !== null) countMn(mn, false, now);
    logEntry({ receivedAt: now, remoteAddress: connection.info.remoteAddress, mn, reason, message, raw });
  }

  function logEntry(entry: BadPacketEntry): void {
    batcher.addBadPacket(entry);
  }

  function send(connection: Connection, bytes: Uint8Array): boolean {
    const socket = connection.socket;
    if (socket.destroyed || !socket.writable) return false;
    // Acks released by one commit leave in one write per connection, not one per packet.
    if (socket.writableCorked === 0) {
      socket.cork();
      process.nextTick(() => socket.uncork());
    }
    socket.write(bytes);
    return true;
  }

  function ack(connection: Connection, message: Hj212Envelope): void {
    const reply = connection.codec.dataAck(message);
    if (reply !== null && send(connection, reply)) counters.acksSent++;
  }

  function accept(socket: Socket): void {
    if (stopping) {
      socket.destroy();
      return;
    }
    counters.connectionsAccepted++;
    const connection: Connection = {
      info: {
        id: nextId++,
        remoteAddress: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`,
        mn: null,
        connectedAt: clock.now(),
        packetsOk: 0,
        packetsBad: 0,
        lastPacketAt: null,
        paused: false,
      },
      socket,
      framer: createHj212Framer({ maxDataLength: config.maxPacketBytes }),
      codec: createConnectionCodec(),
      recent: [],
      recentBytes: 0,
      bytesSinceGoodFrame: 0,
      frameTimer: null,
    };
    connections.set(connection.info.id, connection);
    socket.setNoDelay(true);
    socket.setTimeout(config.idleTimeoutMs);
    socket.on('timeout', () => {
      counters.connectionsClosedIdle++;
      countError('IDLE_TIMEOUT');
      socket.destroy();
    });
    socket.on('data', (chunk: Buffer) => onData(connection, chunk));
    socket.on('end', () => {
      handleEvents(connection, connection.framer.flush());
      socket.end();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (connection.frameTimer !== null) clearTimeout(connection.frameTimer);
      connections.delete(connection.info.id);
      paused.delete(connection);
    });
  }

  function onData(connection: Connection, chunk: Buffer): void {
    connection.recent.push(chunk);
    connection.recentBytes += chunk.length;
    while (connection.recent.length > 1 && connection.recentBytes - connection.recent[0]!.length >= recentWindow) {
      connection.recentBytes -= connection.recent.shift()!.length;
    }
    connection.bytesSinceGoodFrame += chunk.length;
    handleEvents(connection, connection.framer.push(chunk));
    if (connection.bytesSinceGoodFrame > garbageLimit) {
      counters.connectionsClosedGarbage++;
      badPacket(connection, 'GARBAGE_LIMIT', `closed: ${connection.bytesSinceGoodFrame} bytes without a valid frame`, null, connection.info.mn);
      connection.socket.destroy();
      return;
    }
    if (connection.frameTimer !== null) clearTimeout(connection.frameTimer);
    connection.frameTimer = null;
    if (connection.framer.bufferedBytes > 0) {
      connection.frameTimer = setTimeout(() => {
        connection.frameTimer = null;
        handleEvents(connection, connection.framer.resync());
      }, Math.min(FRAME_TIMEOUT_MS, config.idleTimeoutMs));
      connection.frameTimer.unref();
    }
    if (batcher.pendingRows > pauseAbove && !connection.info.paused) {
      connection.info.paused = true;
      paused.add(connection);
      connection.socket.pause();
    }
  }

  function handleEvents(connection: Connection, events: ReturnType<Hj212Framer['push']>): void {
    for (const event of events) {
      if (event.kind === 'packet') {
        connection.bytesSinceGoodFrame = 0;
        handlePacket(connection, event.packet);
      } else {
        handleFramerError(connection, event.error);
      }
    }
  }

  function handleFramerError(connection: Connection, error: FramerError): void {
    if (error.code === 'GARBAGE_SKIPPED') {
      // Bytes between frames (junk, foreign protocols, the body of a refused frame): counted only.
      counters.garbageBytes += error.bytes;
      countError('GARBAGE_SKIPPED');
      return;
    }
    const recent = connection.recent.length === 1 ? connection.recent[0]! : Buffer.concat(connection.recent);
    const raw = locateRefusedFrame(recent, error, connection.framer.bufferedBytes);
    badPacket(connection, error.code, error.message, raw, connection.info.mn);
  }

  function handlePacket(connection: Connection, packet: FramedPacket): void {
    const decoded = connection.codec.decode(packet);
    if (!decoded.ok) {
      badPacket(connection, decoded.error.code, decoded.error.message, rawText(packet.frame), connection.info.mn);
      return;
    }
    const message = decoded.message;
    if (message.mn === null || message.mn === '') {
      badPacket(connection, 'MISSING_MN', 'packet has no MN', rawText(packet.frame), null);
      return;
    }
    if (packet.overStandardLength) counters.overStandardLength++;
    const now = clock.now();
    const mn = message.mn;
    connection.info.mn = mn;
    const cn = message.cn ?? '';
    const owed = replyOwed(message);

    if (ANSWER_CNS.has(cn)) {
      accepted(connection, mn, now);
      counters.answers++;
      return;
    }
    if (cn in VENDOR_KEEPALIVE_CODES) {
      accepted(connection, mn, now);
      counters.heartbeats++;
      return;
    }
    if (cn === '1013') {
      // Time-calibration request: 9013 when asked, then set the logger's clock (hj212.md §8.1).
      accepted(connection, mn, now);
      counters.otherPackets++;
      if (owed === 'notification-ack') {
        const reply = buildNotificationAck(message);
        if (reply.ok && send(connection, reply.packet.bytes)) counters.acksSent++;
      }
      const set = buildSetSystemTime({ st: message.st ?? '91', pw: message.pw ?? '', mn }, formatQn(now), now);
      if (set.ok) send(connection, set.packet.bytes);
      return;
    }
    const dataKind = DATA_CNS[cn];
    if (dataKind === undefined) {
      // State, running time, power-on, 2005 alarms, command answers: accepted, nothing to store.
      accepted(connection, mn, now);
      counters.otherPackets++;
      if (owed !== null) ack(connection, message);
      return;
    }

    const station = deps.resolveStation(mn);
    if (station === undefined) {
      accepted(connection, mn, now);
      counters.quarantinedPackets++;
      void batcher
        .addQuarantine({ mn, receivedAt: now, raw: rawText(packet.frame), st: message.st, cn: message.cn, remoteAddress: connection.info.remoteAddress })
        .then((ok) => finishAck(connection, message, owed !== null, ok));
      return;
    }
    const mapped = connection.codec.mapData(message, station.stationKey, now, config.futureToleranceMs);
    if (!mapped.ok) {
      badPacket(connection, mapped.rejection.reason, mapped.rejection.message, rawText(packet.frame), mn);
      return;
    }
    accepted(connection, mn, now);
    counters.dataPackets++;
    for (const rejected of mapped.rejectedValues) {
      counters.valuesRejected++;
      countError(rejected.reason);
      logEntry({ receivedAt: now, remoteAddress: connection.info.remoteAddress, mn, reason: rejected.reason, message: rejected.message, raw: rawText(packet.frame) });
    }
    if (mapped.readings.length === 0) {
      if (owed !== null) ack(connection, message);
      return;
    }
    counters.readingsQueued += mapped.readings.length;
    void batcher.addReadings(mapped.readings).then((ok) => finishAck(connection, message, owed !== null, ok));
  }

  function finishAck(connection: Connection, message: Hj212Envelope, wanted: boolean, committed: boolean): void {
    if (!wanted) return;
    if (!committed) {
      counters.acksWithheld++;
      countError('COMMIT_FAILED');
      return;
    }
    ack(connection, message);
  }

  function accepted(connection: Connection, mn: string, now: number): void {
    connection.info.packetsOk++;
    connection.info.lastPacketAt = now;
    counters.packetsOk++;
    countMn(mn, true, now);
  }

  return {
    listen() {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port: config.port, host: config.host }, () => {
          server.off('error', reject);
          const address = server.address();
          bound = typeof address === 'object' && address !== null ? { host: address.address, port: address.port } : { host: config.host, port: config.port };
          logger.info(bound, 'HJ 212 gateway listening');
          resolve(bound);
        });
      });
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of connections.values()) connection.socket.pause();
      // Commit what was received and let the acks go out before the sockets close.
      await batcher.flush();
      for (const connection of connections.values()) {
        if (connection.frameTimer !== null) clearTimeout(connection.frameTimer);
        connection.socket.end();
      }
      const deadline = setTimeout(() => {
        for (const connection of connections.values()) connection.socket.destroy();
      }, 2000);
      deadline.unref();
      if (bound !== null) await closed;
      clearTimeout(deadline);
    },
    address: () => bound,
    connections: () => [...connections.values()].map((connection) => ({ ...connection.info })),
    counters: () => ({ ...counters }),
    errorsByReason: () => Object.fromEntries(errors),
    byMn: () => [...mnCounters.entries()].map(([mn, entry]) => ({ mn, ...entry })),
  };
}
