// What a match or target sees of a packet while a chain is traversed (struct xt_action_param
// plus the skb's conntrack), and what a target answers (the XT_CONTINUE/NF_* verdicts).
import type { Random } from '../../core/random.ts';
import type { HookPoint, RejectWith } from '../../net/packet/hooks.ts';
import type { Ipv4Packet } from '../../net/packet/types.ts';
import type { Link, Netns } from '../../net/state.ts';
import type { ConnEntry } from '../conntrack/table.ts';
import type { NfState, TableName } from '../state.ts';

/** enum ip_conntrack_info, plus "untracked" and "invalid" (no conntrack attached). */
export type CtInfo = 'new' | 'established' | 'related' | 'established-reply' | 'related-reply';

export interface PacketContext {
  pkt: Ipv4Packet;
  hook: HookPoint;
  table: TableName;
  ns: Netns;
  state: NfState;
  inDev: Link | null;
  outDev: Link | null;
  /** The connection the packet belongs to, or null (invalid or untracked). */
  ct: ConnEntry | null;
  ctinfo: CtInfo | null;
  untracked: boolean;
  random: Random;
  /** Simulated time, ms. */
  now: number;
}

export type TargetResult =
  | { kind: 'continue' }
  | { kind: 'accept' }
  | { kind: 'drop' }
  | { kind: 'reject'; with: RejectWith }
  | { kind: 'return' }
  | { kind: 'jump'; chain: string; goto: boolean };

export const CONTINUE: TargetResult = { kind: 'continue' };
export const ACCEPT_RESULT: TargetResult = { kind: 'accept' };
