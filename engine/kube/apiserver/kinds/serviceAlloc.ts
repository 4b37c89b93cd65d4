// The Service ClusterIP and NodePort allocators of a kind cluster
// (pkg/registry/core/service/ipallocator and portallocator): 10.96.0.0/12 and 30000-32767, with
// dynamic picks from the upper band (randomScanStrategyWithOffset) and the allocators' errors.
import type { StrategyContext } from '../strategy.ts';

export const SERVICE_CIDR = '10.96.0.0/12';
export const NODE_PORT_RANGE = '30000-32767';
const CIDR_BASE = (10 << 24) | (96 << 16);
/** Usable addresses: the network and broadcast addresses are excluded. */
const IP_MAX = 2 ** 20 - 2;
/** calculateRangeOffset: min(max(16, size/16), 256) addresses kept for static assignment. */
const IP_OFFSET = 256;
const PORT_BASE = 30000;
const PORT_SIZE = 2768;
/** The port allocator's offset: min(max(16, size/32), 128). */
const PORT_OFFSET = 86;

interface Allocations {
  ips: Set<number>;
  ports: Set<number>;
}

/** One allocation state per cluster, keyed by the store's random source. */
const clusters = new WeakMap<object, Allocations>();

function allocations(ctx: StrategyContext): Allocations {
  let a = clusters.get(ctx.random);
  if (!a) {
    a = { ips: new Set(), ports: new Set() };
    clusters.set(ctx.random, a);
  }
  return a;
}

function ipToIndex(ip: string): number | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return null;
  const n = ((+m[1] << 24) | (+m[2] << 16) | (+m[3] << 8) | +m[4]) >>> 0;
  const offset = n - (CIDR_BASE >>> 0) - 1;
  return offset >= 0 && offset < IP_MAX ? offset : null;
}

function indexToIP(i: number): string {
  const n = ((CIDR_BASE >>> 0) + 1 + i) >>> 0;
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Picks a free slot at random in [offset, size), scanning forward (then the lower band). */
function pickFree(
  used: Set<number>,
  size: number,
  offset: number,
  random: StrategyContext['random'],
): number | null {
  const upper = size - offset;
  const start = random.int(upper);
  for (let k = 0; k < upper; k++) {
    const i = offset + ((start + k) % upper);
    if (!used.has(i)) return i;
  }
  for (let i = 0; i < offset; i++) if (!used.has(i)) return i;
  return null;
}

/** Allocates a specific ClusterIP: null on success, else the allocator's error text. */
export function allocateIP(ctx: StrategyContext, ip: string): string | null {
  const i = ipToIndex(ip);
  if (i === null)
    return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`;
  const a = allocations(ctx);
  if (a.ips.has(i)) return 'provided IP is already allocated';
  a.ips.add(i);
  return null;
}

/** AllocateNext for ClusterIPs. */
export function allocateNextIP(ctx: StrategyContext): string | null {
  const a = allocations(ctx);
  const i = pickFree(a.ips, IP_MAX, IP_OFFSET, ctx.random);
  if (i === null) return null;
  a.ips.add(i);
  return indexToIP(i);
}

export function releaseIP(ctx: StrategyContext, ip: string): void {
  const i = ipToIndex(ip);
  if (i !== null) allocations(ctx).ips.delete(i);
}

/** Allocates a specific node port: null on success, else the allocator's error text. */
export function allocatePort(ctx: StrategyContext, port: number): string | null {
  const i = port - PORT_BASE;
  if (i < 0 || i >= PORT_SIZE)
    return `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE}`;
  const a = allocations(ctx);
  if (a.ports.has(i)) return 'provided port is already allocated';
  a.ports.add(i);
  return null;
}

export function allocateNextPort(ctx: StrategyContext): number | null {
  const a = allocations(ctx);
  const i = pickFree(a.ports, PORT_SIZE, PORT_OFFSET, ctx.random);
  if (i === null) return null;
  a.ports.add(i);
  return PORT_BASE + i;
}

export function releasePort(ctx: StrategyContext, port: number): void {
  allocations(ctx).ports.delete(port - PORT_BASE);
}
