// The five IPv4 netfilter hook points of the packet pipeline (include/uapi/linux/netfilter.h
// NF_INET_*), where a firewall plugs in: every packet the pipeline handles passes the hooks the
// kernel would run for it, and a hook answers with a verdict. A hook may rewrite the packet in
// place (NAT): after PREROUTING the pipeline routes on the rewritten destination, and after
// OUTPUT it routes again if the destination changed (ip_route_me_harder, net/ipv4/netfilter.c).
import type { Link, Netns } from '../state.ts';
import type { Ipv4Packet } from './types.ts';

export type HookPoint = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

export interface HookState {
  hook: HookPoint;
  /** The namespace whose tables apply. */
  ns: Netns;
  /** Device the packet came in on (PREROUTING, INPUT, FORWARD); lo for local traffic. */
  inDev: Link | null;
  /** Device the packet leaves by (FORWARD, OUTPUT, POSTROUTING). */
  outDev: Link | null;
  /** Simulated time in milliseconds. */
  now: number;
}

/** What REJECT sends back: an ICMP destination-unreachable code, or a TCP reset. */
export type RejectWith = { icmpCode: number } | 'tcp-reset';

export type Verdict = { kind: 'accept' } | { kind: 'drop' } | { kind: 'reject'; with: RejectWith };

export type NetfilterHook = (packet: Ipv4Packet, state: HookState) => Verdict;

export const ACCEPT: Verdict = { kind: 'accept' };

/**
 * Where a hook runs among the others: netfilter's own tables (every priority from raw to conntrack
 * confirm) register at 0; another ruleset whose base chain the kernel runs before all of them at
 * a hook point registers below 0, one it runs after all of them above 0. Equal orders keep the
 * order of registration.
 */
export type HookOrder = number;

const hooks: Array<{ hook: NetfilterHook; order: HookOrder }> = [];

/**
 * Plugs a firewall into every pipeline (module-wide, so it must answer ACCEPT for namespaces
 * it has no rules for). Returns a function that unplugs it.
 */
export function registerNetfilter(hook: NetfilterHook, order: HookOrder = 0): () => void {
  const entry = { hook, order };
  const at = hooks.findIndex((h) => h.order > order);
  if (at < 0) hooks.push(entry);
  else hooks.splice(at, 0, entry);
  return () => {
    const i = hooks.indexOf(entry);
    if (i >= 0) hooks.splice(i, 1);
  };
}

/** Runs the registered hooks in order; the first verdict other than ACCEPT wins. */
export function runHook(packet: Ipv4Packet, state: HookState): Verdict {
  for (const { hook } of hooks) {
    const verdict = hook(packet, state);
    if (verdict.kind !== 'accept') return verdict;
  }
  return ACCEPT;
}
