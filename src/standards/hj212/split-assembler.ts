import type { BeijingTime } from './beijing-time';
import type { Hj212Message } from './decoder';

/**
 * How parts of one split transmission are recognised. `mn-cn-datatime` (default) follows
 * hj212.md §9: in the standard's own example every part has its own QN, so parts are grouped
 * by (MN, CN, DataTime, PNUM). `qn` groups by (MN, QN, PNUM), for senders that repeat the QN.
 */
export type SplitGrouping = 'mn-cn-datatime' | 'qn';

export interface SplitAssemblerOptions {
  readonly groupBy?: SplitGrouping;
  /** Give up on a group this long after its first part arrived. Default 5 minutes (not set by the standard). */
  readonly timeoutMs?: number;
  /** At most this many groups wait at once; the oldest is given up first. Default 1000. */
  readonly maxPending?: number;
}

/** One logical message rebuilt from its parts (or a single unsplit message). */
export interface AssembledMessage {
  readonly key: string;
  readonly mn: string | null;
  readonly cn: string | null;
  readonly dataTime: BeijingTime | null;
  /** Declared total (PNUM); 1 for an unsplit message. */
  readonly partCount: number;
  /** Received parts ordered by PNO. */
  readonly parts: readonly Hj212Message[];
  /** PNO values not received (empty when complete). */
  readonly missing: readonly number[];
  readonly complete: boolean;
  /** CP keys of all parts; the first part that carries a key wins. */
  readonly cp: Readonly<Record<string, string>>;
  /** Pollutant fields of all parts; the first part that carries a field wins. */
  readonly values: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface SplitAssembler {
  /**
   * Adds a decoded message at time `nowMs` (epoch ms). Returns the completed message, if this
   * part completed one (an unsplit message completes at once), and any groups evicted because
   * `maxPending` was reached. Parts are never needed for ingestion: each part can also be stored
   * on its own (hj212.md §9), so never block on a missing part.
   */
  add(message: Hj212Message, nowMs: number): { complete: AssembledMessage | null; evicted: AssembledMessage[] };
  /** Groups whose first part is older than the timeout, given up and returned as incomplete. */
  expire(nowMs: number): AssembledMessage[];
  readonly pendingGroups: number;
}

interface Group {
  readonly key: string;
  readonly firstAt: number;
  readonly partCount: number;
  readonly parts: Map<number, Hj212Message>;
}

/**
 * Creates a reassembler for split transmissions (Flag bit D, `PNUM`/`PNO`; hj212.md §9). Pure:
 * the caller passes the current time, so timeouts are deterministic in tests.
 */
export function createSplitAssembler(options: SplitAssemblerOptions = {}): SplitAssembler {
  const groupBy = options.groupBy ?? 'mn-cn-datatime';
  const timeoutMs = options.timeoutMs ?? 5 * 60 * 1000;
  const maxPending = options.maxPending ?? 1000;
  // Map iteration order is insertion order, i.e. oldest group first.
  const groups = new Map<string, Group>();

  function keyOf(message: Hj212Message): string {
    const id = groupBy === 'qn' ? [message.mn, message.qn] : [message.mn, message.cn, message.cp.DataTime ?? null];
    return JSON.stringify([...id, message.pnum]);
  }

  return {
    add(message, nowMs) {
      const evicted: AssembledMessage[] = [];
      if (message.pnum === null || message.pno === null || message.pnum <= 1) {
        return { complete: assemble(keyOf(message), 1, new Map([[1, message]])), evicted };
      }
      const key = keyOf(message);
      let group = groups.get(key);
      if (group === undefined) {
        while (groups.size >= maxPending) {
          const [oldestKey, oldest] = groups.entries().next().value as [string, Group];
          groups.delete(oldestKey);
          evicted.push(assemble(oldest.key, oldest.partCount, oldest.parts));
        }
        group = { key, firstAt: nowMs, partCount: message.pnum, parts: new Map() };
        groups.set(key, group);
      }
      if (!group.parts.has(message.pno)) group.parts.set(message.pno, message);
      const assembled = assemble(group.key, group.partCount, group.parts);
      if (!assembled.complete) return { complete: null, evicted };
      groups.delete(key);
      return { complete: assembled, evicted };
    },
    expire(nowMs) {
      const expired: AssembledMessage[] = [];
      for (const [key, group] of groups) {
        if (nowMs - group.firstAt < timeoutMs) continue;
        groups.delete(key);
        expired.push(assemble(group.key, group.partCount, group.parts));
      }
      return expired;
    },
    get pendingGroups() {
      return groups.size;
    },
  };
}

function assemble(key: string, partCount: number, partsByNumber: ReadonlyMap<number, Hj212Message>): AssembledMessage {
  const numbers = [...partsByNumber.keys()].sort((a, b) => a - b);
  const parts = numbers.map((n) => partsByNumber.get(n)!);
  const missing: number[] = [];
  for (let n = 1; n <= partCount; n++) if (!partsByNumber.has(n)) missing.push(n);
  const cp: Record<string, string> = Object.create(null) as Record<string, string>;
  const values: Record<string, Record<string, string>> = Object.create(null) as Record<string, Record<string, string>>;
  for (const part of parts) {
    for (const [k, v] of Object.entries(part.cp)) if (!(k in cp)) cp[k] = v;
    for (const [code, suffixes] of Object.entries(part.values)) {
      const entry = (values[code] ??= Object.create(null) as Record<string, string>);
      for (const [suffix, v] of Object.entries(suffixes)) if (!(suffix in entry)) entry[suffix] = v;
    }
  }
  const first = parts[0];
  return {
    key,
    mn: first?.mn ?? null,
    cn: first?.cn ?? null,
    dataTime: first?.dataTime ?? null,
    partCount,
    parts,
    missing,
    complete: missing.length === 0,
    cp,
    values,
  };
}
