import type { Command } from 'commander';
import type { CommandRegistration } from './index';

/** One simulated data logger: MN, system code and the parameters it reports. */
export interface SimulatedLogger {
  mn: string;
  st: string;
  codes: string[];
}

/** Typical parameters per system code (hj212.md §11) for loggers without a registered station. */
const CODES_BY_ST: Readonly<Record<string, string[]>> = {
  '22': ['a21026', 'a21004', 'a34002', 'a34004', 'a21005', 'a05024', 'a01001', 'a01002', 'a01007', 'a01008'],
  '21': ['w01001', 'w01009', 'w01019', 'w21003', 'w21011', 'w21001', 'w01010', 'w01014'],
  '31': ['a34013', 'a21026', 'a21002', 'a19001', 'a01011', 'a01012', 'a01013', 'a00000'],
  '32': ['w00000', 'w01018', 'w21003', 'w21011', 'w21001', 'w01001'],
};
const ST_OF_KIND: Readonly<Record<string, string>> = { air: '22', surface_water: '21', waste_gas: '31', waste_water: '32' };

/** A plausible value for a parameter at time `t` (diurnal wave plus noise); deterministic per logger. */
export function simulatedValue(code: string, t: number, seed: number): number {
  const base = 5 + ((code.charCodeAt(code.length - 1) * 37 + code.charCodeAt(code.length - 2) * 11) % 90);
  const wave = Math.sin((t / 86_400_000) * 2 * Math.PI + seed) * base * 0.3;
  const noise = (Math.sin(t / 7_000 + seed * 13) + Math.sin(t / 3_100 + seed)) * base * 0.05;
  return Math.max(0, base + wave + noise);
}

/** Synthetic loggers `prefix` + zero-padded index, system codes cycling air, water, gas, waste water. */
export function syntheticLoggers(count: number, prefix: string): SimulatedLogger[] {
  const sts = ['22', '21', '31', '32'];
  return Array.from({ length: count }, (_, i) => {
    const st = sts[i % sts.length]!;
    return { mn: `${prefix}${String(i + 1).padStart(Math.max(1, 24 - prefix.length), '0')}`.slice(0, 64), st, codes: CODES_BY_ST[st]! };
  });
}

/** Loggers of registered stations with an MN (reads the configured database), at most `count`. */
async function registeredLoggers(count: number): Promise<SimulatedLogger[]> {
  const [{ loadConfig }, { createDatabase }] = await Promise.all([import('../../server/config/config'), import('../../server/db/database')]);
  const database = createDatabase(loadConfig(process.env).database);
  try {
    const stations = await database.db
      .selectFrom('monitoring_stations')
      .select(['id', 'mn', 'kind', 'sub_kind'])
      .where('mn', 'is not', null)
      .where('status', '=', 'active')
      .orderBy('code')
      .limit(count)
      .execute();
    const ids = stations.map((station) => station.id);
    const parameters =
      ids.length === 0
        ? []
        : await database.db.selectFrom('monitoring_station_parameters').select(['station_id', 'parameter_code']).where('station_id', 'in', ids).execute();
    return stations.map((station) => {
      const st = ST_OF_KIND[station.kind === 'pollution_source' ? (station.sub_kind ?? 'waste_gas') : station.kind] ?? '22';
      const codes = parameters.filter((p) => p.station_id === station.id).map((p) => p.parameter_code);
      return { mn: station.mn!, st, codes: codes.length > 0 ? codes : CODES_BY_ST[st]! };
    });
  } finally {
    await database.close();
  }
}

export interface SimulateOptions {
  host: string;
  port: number;
  intervalSeconds: number;
  /** Stop after this many seconds; 0 = until interrupted. */
  durationSeconds: number;
  out: NodeJS.WritableStream;
}

/**
 * Plays the loggers: each connects, sends last hour's hourly data at once, then real-time data
 * (2011) every interval, the previous 10-minute period (2051) every 10th interval and the previous
 * hour (2061) every 60th, all HJ 212-2017 with Flag=5 (ack wanted). Prints one progress line per
 * second; resolves with the totals when the duration is over.
 */
export async function runSimulation(loggers: SimulatedLogger[], options: SimulateOptions): Promise<{ sent: number; acked: number; connections: number }> {
  const { buildUpload, connectLogger } = await import('../../server/modules/gateway');
  let sent = 0;
  let acked = 0;
  let lastSent = 0;
  let lastAcked = 0;
  const clients = await Promise.all(
    loggers.map(async (logger) => {
      const client = await connectLogger(options.host, options.port, (reply) => {
        if (reply.cn === '9014') acked++;
      });
      return { logger, client, qn: Date.now(), tick: 0 };
    }),
  );
  const send = (entry: (typeof clients)[number], cn: '2011' | '2051' | '2061', dataTime: number) => {
    const values: Record<string, number> = {};
    entry.logger.codes.forEach((code, i) => (values[code] = simulatedValue(code, dataTime, i + entry.logger.mn.length)));
    entry.qn = Math.max(entry.qn + 1, Date.now());
    entry.client.send(buildUpload({ mn: entry.logger.mn, st: entry.logger.st, cn, qnAt: entry.qn, dataTime, values }).bytes);
    sent++;
  };
  const hourMs = 3_600_000;
  const startNow = Date.now();
  for (const entry of clients) send(entry, '2061', Math.floor(startNow / hourMs) * hourMs - hourMs);

  const intervalMs = options.intervalSeconds * 1000;
  const timers = clients.map((entry, i) => {
    const fire = () => {
      const now = Date.now();
      send(entry, '2011', Math.floor(now / 1000) * 1000);
      entry.tick++;
      if (entry.tick % 10 === 0) send(entry, '2051', Math.floor(now / 600_000) * 600_000 - 600_000);
      if (entry.tick % 60 === 0) send(entry, '2061', Math.floor(now / hourMs) * hourMs - hourMs);
    };
    // Spread the loggers over the interval so the load is even.
    const first = setTimeout(() => {
      fire();
      timers[i] = setInterval(fire, intervalMs);
    }, (intervalMs * i) / Math.max(1, clients.length));
    return first as NodeJS.Timeout;
  });
  const progress = setInterval(() => {
    options.out.write(`sent ${sent} acked ${acked}  (${sent - lastSent} sent/s, ${acked - lastAcked} acked/s, ${clients.length} loggers)\n`);
    lastSent = sent;
    lastAcked = acked;
  }, 1000);

  await new Promise<void>((resolve) => {
    if (options.durationSeconds > 0) setTimeout(resolve, options.durationSeconds * 1000);
    process.once('SIGINT', () => resolve());
  });
  for (const timer of timers) clearTimeout(timer);
  for (const timer of timers) clearInterval(timer);
  clearInterval(progress);
  // Give the last acks a moment, then hang up.
  const deadline = Date.now() + 2000;
  while (acked < sent && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  await Promise.all(clients.map((entry) => entry.client.close()));
  return { sent, acked, connections: clients.length };
}

/** `yrd-eco simulate`: N data loggers over TCP (demo of live data and a load generator). */
export const registerSimulateCommand: CommandRegistration = (program: Command) => {
  program
    .command('simulate')
    .description('Play N HJ 212-2017 data loggers against the gateway / 模拟数采仪')
    .option('--stations <n>', 'number of loggers', '10')
    .option('--interval <seconds>', 'real-time data interval in seconds', '30')
    .option('--host <host>', 'gateway host', '127.0.0.1')
    .option('--port <port>', 'gateway port', '9212')
    .option('--duration <seconds>', 'stop after this many seconds (0 = until Ctrl-C)', '0')
    .option('--mn-prefix <prefix>', 'use synthetic MNs with this prefix instead of the registered stations')
    .action(async (options: { stations: string; interval: string; host: string; port: string; duration: string; mnPrefix?: string }) => {
      const count = positiveInt(options.stations, '--stations');
      const interval = positiveNumber(options.interval, '--interval');
      let loggers: SimulatedLogger[] = [];
      if (options.mnPrefix === undefined) {
        try {
          loggers = await registeredLoggers(count);
        } catch (error) {
          process.stderr.write(`could not read registered stations (${(error as Error).message}); using synthetic MNs\n`);
        }
        if (loggers.length > 0) process.stdout.write(`using ${loggers.length} registered station MN(s)\n`);
      }
      if (loggers.length < count) loggers = [...loggers, ...syntheticLoggers(count - loggers.length, options.mnPrefix ?? 'SIM')];
      const result = await runSimulation(loggers, {
        host: options.host,
        port: positiveInt(options.port, '--port'),
        intervalSeconds: interval,
        durationSeconds: Number(options.duration),
        out: process.stdout,
      });
      process.stdout.write(`done: ${result.connections} loggers, sent ${result.sent}, acked ${result.acked}\n`);
    });
};

function positiveInt(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer (got "${text}")`);
  return value;
}

function positiveNumber(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got "${text}")`);
  return value;
}
