// The network state of one host as plain data: namespaces with their links, addresses,
// routes, neighbours and sysctls. Only netlink.ts (and the packet pipeline's counters and
// neighbour learning) change it; tools read it and print.
import type { Host } from '../host.ts';
import { subsystem } from '../host.ts';
import { type KernelLog, kernelLog } from '../kernel/log.ts';
import type { NfState } from '../netfilter/state.ts';
import type { Ipv6 } from './inet.ts';
import type { Mac } from './mac.ts';

export type LinkKind = 'loopback' | 'veth' | 'bridge' | 'dummy';

export interface LinkStats {
  rxPackets: number;
  rxBytes: number;
  txPackets: number;
  txBytes: number;
  rxDropped: number;
  txDropped: number;
}

export interface Ipv4Addr {
  family: 4;
  local: number;
  prefix: number;
  broadcast: number | null;
  label: string | null;
  /** rtnetlink scope: 0 global, 253 link, 254 host, or another number. */
  scope: number;
  secondary: boolean;
  /**
   * Whether its `local` route exists: fib_add_ifaddr() adds it even on a down link, and
   * fib_disable_ip() removes it when the link goes down (until the link is up again).
   */
  localRoute: boolean;
}

export interface Ipv6Addr {
  family: 6;
  local: Ipv6;
  prefix: number;
  scope: number;
  nodad: boolean;
  /** Simulated time at which DAD completes; the address is tentative before it. */
  dadDoneAt: number;
  dadFailed: boolean;
  /** Simulated time it was added, newest first within a scope. */
  addedAt: number;
}

export type Addr = Ipv4Addr | Ipv6Addr;

export interface Link {
  ifindex: number;
  name: string;
  kind: LinkKind;
  mtu: number;
  mac: Mac;
  /** True once an address was set explicitly (a bridge then stops following its ports). */
  macFixed: boolean;
  adminUp: boolean;
  /** Set once the link was first brought up: its qdisc is then noqueue instead of noop. */
  qdiscAttached: boolean;
  /** For veth: the other end. */
  peer: Link | null;
  /** For a bridge port: the bridge's ifindex in the same namespace. */
  master: number | null;
  ns: Netns;
  addrs: Addr[];
  stats: LinkStats;
  carrierChanges: number;
  promiscuity: number;
  allmulti: number;
  /** Whether the link had carrier at the last state change (for carrier-change counting). */
  hadCarrier: boolean;
  /** `addrgenmode none`: no IPv6 link-local address is generated. */
  addrGenNone?: boolean;
  /** MAC used for the IPv6 link-local address when the link first came up. */
  linkLocalMac: Mac | null;
  /** Bridge port STP state when enslaved. */
  portState: 'disabled' | 'forwarding';
  /** For a bridge: whether it ever had a port (its bridge id and TSO limit keep the port's). */
  hadPorts: boolean;
  /** Bridge forwarding database: learned MAC → port ifindex. */
  fdb: Map<string, number>;
}

export interface Route {
  family: 4 | 6;
  table: number;
  type: 'unicast' | 'local' | 'broadcast' | 'multicast' | 'unreachable' | 'blackhole' | 'prohibit';
  dst: number | Ipv6;
  prefix: number;
  gateway: number | Ipv6 | null;
  dev: number | null;
  proto: 'kernel' | 'boot' | 'static' | string;
  scope: number;
  src: number | Ipv6 | null;
  metric: number | null;
}

export type NudState =
  | 'PERMANENT'
  | 'REACHABLE'
  | 'STALE'
  | 'DELAY'
  | 'PROBE'
  | 'FAILED'
  | 'INCOMPLETE'
  | 'NOARP';

export interface Neigh {
  family: 4 | 6;
  dst: number | Ipv6;
  dev: number;
  lladdr: Mac | null;
  state: NudState;
  updatedAt: number;
}

export interface Netns {
  /** Unique identity within the host (not the nsid). */
  readonly uid: number;
  links: Map<number, Link>;
  /** Next ifindex to hand out; only moves forward (net/core/dev.c dev_index_reserve). */
  nextIfindex: number;
  /** nsid this namespace uses for other namespaces (net/core/net_namespace.c). */
  nsids: Map<number, number>;
  routes: Route[];
  neigh: Neigh[];
  /** sysctl values by /proc/sys path relative to /proc/sys (e.g. net/ipv4/ip_forward). */
  sysctl: Map<string, string>;
  /** iptables tables and connection tracking (engine/netfilter), created on first use. */
  netfilter?: NfState;
  /** The host's stack this namespace belongs to (its init_net, its kernel log). */
  readonly stack: NetStack;
}

export interface NetStack {
  root: Netns;
  /** Named namespaces as files under /run/netns, newest first (tmpfs readdir order). */
  named: Array<{ name: string; ns: Netns }>;
  nextUid: number;
  /** The host's kernel log, shared by all its namespaces. */
  readonly kmsg: KernelLog;
}

export const RT_TABLE_MAIN = 254;
export const RT_TABLE_LOCAL = 255;
export const SCOPE = { global: 0, site: 200, link: 253, host: 254, nowhere: 255 } as const;

export function netStack(host: Host): NetStack {
  return subsystem(host, 'net', () => {
    const stack: NetStack = {
      root: undefined as unknown as Netns,
      named: [],
      nextUid: 0,
      kmsg: kernelLog(host),
    };
    return stack;
  });
}

export function nameOf(stack: NetStack, ns: Netns): string | null {
  return stack.named.find((n) => n.ns === ns)?.name ?? null;
}

export function findNamed(stack: NetStack, name: string): Netns | null {
  return stack.named.find((n) => n.name === name)?.ns ?? null;
}

export function linkByName(ns: Netns, name: string): Link | null {
  for (const link of ns.links.values()) if (link.name === name) return link;
  return null;
}

export function sortedLinks(ns: Netns): Link[] {
  return [...ns.links.values()].sort((a, b) => a.ifindex - b.ifindex);
}
