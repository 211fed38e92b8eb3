import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Server-side request forgery guard: a webhook URL is typed by a user, so without this check the
 * platform could be made to POST into its own private network (databases, metadata services).
 * Addresses are checked after DNS resolution, at subscription time and again before every
 * delivery (a name may be re-pointed later). Redirects are never followed by the dispatcher.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    return mapped ? PRIVATE.check(mapped[1]!, 'ipv4') : PRIVATE.check(address, 'ipv6');
  }
  return true;
}

export type TargetProblem = 'SCHEME' | 'CREDENTIALS' | 'UNRESOLVABLE' | 'PRIVATE_ADDRESS';

/** Null when the URL may receive webhooks. `allowPrivate` is for closed networks and tests. */
export async function checkWebhookTarget(url: string, allowPrivate: boolean): Promise<TargetProblem | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'SCHEME';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'SCHEME';
  if (parsed.username !== '' || parsed.password !== '') return 'CREDENTIALS';
  if (allowPrivate) return null;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
  } catch {
    return 'UNRESOLVABLE';
  }
  if (addresses.length === 0) return 'UNRESOLVABLE';
  return addresses.some(isPrivateAddress) ? 'PRIVATE_ADDRESS' : null;
}
