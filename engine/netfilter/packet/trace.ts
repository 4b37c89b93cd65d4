// A record of what a packet met on its way through netfilter: each hook, table, chain and rule
// (matched or not) and the verdict, for diagrams and explanations. Off unless a listener is set;
// the simulated kernel calls it synchronously as packets move.
import type { HookPoint } from '../../net/packet/hooks.ts';
import type { Ipv4Packet } from '../../net/packet/types.ts';
import type { Netns } from '../../net/state.ts';
import type { TableName } from '../state.ts';

export type TraceEvent =
  | { kind: 'hook'; ns: Netns; hook: HookPoint; packet: Ipv4Packet }
  | { kind: 'chain'; ns: Netns; hook: HookPoint; table: TableName; chain: string }
  /** `index` is 1-based as -L --line-numbers shows it. */
  | {
      kind: 'rule';
      ns: Netns;
      hook: HookPoint;
      table: TableName;
      chain: string;
      index: number;
      matched: boolean;
    }
  | { kind: 'policy'; ns: Netns; hook: HookPoint; table: TableName; chain: string; policy: string }
  | { kind: 'conntrack'; ns: Netns; hook: HookPoint; state: string; id: number | null }
  | { kind: 'nat'; ns: Netns; hook: HookPoint; manip: 'SRC' | 'DST'; from: number; to: number }
  | { kind: 'verdict'; ns: Netns; hook: HookPoint; verdict: string };

export type TraceListener = (event: TraceEvent) => void;

let listener: TraceListener | null = null;

/** Starts (or with null, stops) recording; returns the previous listener. */
export function setTraceListener(fn: TraceListener | null): TraceListener | null {
  const previous = listener;
  listener = fn;
  return previous;
}

export function trace(event: TraceEvent): void {
  listener?.(event);
}

export function tracing(): boolean {
  return listener !== null;
}
