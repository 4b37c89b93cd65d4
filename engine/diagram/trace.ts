// A packet's way through netfilter as a Mermaid sequence diagram, from the tracer's events:
// namespaces are the participants, each hook a packet passes is a message (to itself within a
// namespace, across when it moved), and notes show the conntrack state, each table and chain
// with the rules that matched (as `iptables -S` prints them; runs of rules that did not match
// collapse into one line), NAT rewrites and each hook's verdict. recordTrace() collects events.
import type { Host } from '../host.ts';
import { formatIpv4 } from '../net/inet.ts';
import { clonePacket, type Ipv4Packet } from '../net/packet/types.ts';
import { type Netns, type NetStack, netStack } from '../net/state.ts';
import { setTraceListener, type TraceEvent } from '../netfilter/packet/trace.ts';
import { saveRuleBody } from '../netfilter/print/rule.ts';
import { accessibilityLines, escapeText, plural, prose } from './mermaid-text.ts';
import { namespaceLabel } from './topology.ts';

export interface TraceOptions {
  /** The host whose own namespace is named after it ("labbook (host)"); "host" otherwise. */
  host?: Host;
  /** Every host of the world: namespaces of other hosts (kind nodes) are labelled with theirs. */
  hosts?: Iterable<Host>;
  /** Replaces the accessibility title. */
  title?: string;
  /** Lines one note holds before the rest are counted (default 12). */
  maxNoteLines?: number;
}

export const DEFAULT_MAX_NOTE_LINES = 12;

/** Matched rules' `-A CHAIN ...` text as it was when recordTrace() saw the rule match. */
const ruleTexts = new WeakMap<TraceEvent, string>();

/** The rule a `rule` event is about, printed as `iptables -S` does; null if it is gone. */
function lookupRule(e: Extract<TraceEvent, { kind: 'rule' }>): string | null {
  const chain = e.ns.netfilter?.tables[e.table]?.chains.find((c) => c.name === e.chain);
  const rule = chain?.rules[e.index - 1];
  return rule ? `-A ${e.chain}${saveRuleBody(rule)}` : null;
}

/**
 * Runs `fn` with a trace listener installed and returns the events it caused (also passed on
 * to the listener that was set before, which is restored afterwards, even when `fn` throws).
 * Packets are copied as each hook saw them, and matched rules' text is kept for the diagram.
 */
export function recordTrace(fn: () => unknown): TraceEvent[] {
  const events: TraceEvent[] = [];
  const previous = setTraceListener((e) => {
    const copy: TraceEvent = e.kind === 'hook' ? { ...e, packet: clonePacket(e.packet) } : { ...e };
    if (copy.kind === 'rule' && copy.matched) {
      const text = lookupRule(copy);
      if (text !== null) ruleTexts.set(copy, text);
    }
    events.push(copy);
    previous?.(e);
  });
  try {
    fn();
  } finally {
    setTraceListener(previous);
  }
  return events;
}

const ICMP_NAMES: Record<number, string> = {
  0: 'echo-reply',
  3: 'destination-unreachable',
  5: 'redirect',
  8: 'echo-request',
  11: 'time-exceeded',
  12: 'parameter-problem',
};

/** One line about a packet: protocol, addresses and ports. */
export function describePacket(p: Ipv4Packet): string {
  const src = formatIpv4(p.src);
  const dst = formatIpv4(p.dst);
  if (p.icmp) {
    const name = ICMP_NAMES[p.icmp.type] ?? `type ${p.icmp.type}`;
    return `ICMP ${name}${p.icmp.code ? ` code ${p.icmp.code}` : ''} ${src} → ${dst}`;
  }
  if (p.tcp) return `TCP ${src}:${p.tcp.srcPort} → ${dst}:${p.tcp.dstPort} [${p.tcp.flags}]`;
  if (p.udp) return `UDP ${src}:${p.udp.srcPort} → ${dst}:${p.udp.dstPort}`;
  return `protocol ${p.protocol} ${src} → ${dst}`;
}

interface OpenNote {
  who: string;
  table: string;
  chain: string;
  lines: string[];
}

/** Mermaid `sequenceDiagram` text for recorded trace events. */
export function traceDiagram(events: readonly TraceEvent[], options: TraceOptions = {}): string {
  const hostname = options.host?.hostname ?? 'host';
  const maxLines = Math.max(2, options.maxNoteLines ?? DEFAULT_MAX_NOTE_LINES);
  const participants = new Map<Netns, string>();
  for (const e of events) if (!participants.has(e.ns)) participants.set(e.ns, `p${participants.size}`);
  const hostnames = new Map<NetStack, string>();
  for (const h of options.hosts ?? []) hostnames.set(netStack(h), h.hostname);
  if (options.host) hostnames.set(netStack(options.host), options.host.hostname);
  const labels = [...participants.keys()].map((ns) => {
    const own = hostnames.get(ns.stack);
    const label = namespaceLabel(ns, own ?? hostname);
    // a pod's namespace on a node: say which node
    return own && own !== hostname && ns !== ns.stack.root ? `${label} on ${own}` : label;
  });

  const body: string[] = [];
  const noteLines = (lines: string[]) =>
    lines.length <= maxLines
      ? lines
      : [...lines.slice(0, maxLines - 1), `… ${lines.length - maxLines + 1} more lines`];
  // One note per line: multi-line notes are drawn too short by some renderers.
  const say = (who: string, lines: string[]) => {
    for (const line of noteLines(lines)) body.push(`  Note over ${who}: ${escapeText(line)}`);
  };
  const described = new Map<string, string>();

  let current: string | null = null;
  let note: OpenNote | null = null;
  let miss: { first: number; last: number } | null = null;
  const ctState = new Map<string, string>();
  let hooks = 0;
  let matched = 0;
  let rewrites = 0;
  let lastVerdict: string | null = null;

  const flushMiss = () => {
    if (miss && note) {
      const n = miss.last - miss.first + 1;
      const which = n === 1 ? `rule ${miss.first}` : `rules ${miss.first}–${miss.last}`;
      note.lines.push(n === 1 ? `${which} did not match` : `${n} rules did not match (${which})`);
    }
    miss = null;
  };
  const flushNote = () => {
    flushMiss();
    if (note) say(note.who, note.lines);
    note = null;
  };
  /** The note for a chain, opening a "(continued)" one when a user chain returned to it. */
  const noteFor = (who: string, table: string, chain: string): OpenNote => {
    if (note && note.who === who && note.table === table && note.chain === chain) return note;
    flushNote();
    note = { who, table, chain, lines: [`${table} ${chain} (continued)`] };
    return note;
  };

  for (const e of events) {
    const who = participants.get(e.ns)!;
    switch (e.kind) {
      case 'hook': {
        flushNote();
        // The message names the hook; the packet is described when it changed since the last hook.
        body.push(`  ${current ?? who}->>${who}: ${e.hook}`);
        const packet = describePacket(e.packet);
        if (described.get(who) !== packet) say(who, [packet]);
        described.set(who, packet);
        current = who;
        hooks++;
        break;
      }
      case 'conntrack':
        flushNote();
        ctState.set(who, e.state);
        say(who, [`conntrack ${e.state}${e.id !== null ? ` (entry ${e.id})` : ''}`]);
        break;
      case 'chain':
        flushNote();
        note = { who, table: e.table, chain: e.chain, lines: [`${e.table} ${e.chain}`] };
        break;
      case 'rule': {
        const open = noteFor(who, e.table, e.chain);
        if (!e.matched) {
          if (miss && miss.last === e.index - 1) miss.last = e.index;
          else {
            flushMiss();
            miss = { first: e.index, last: e.index };
          }
          break;
        }
        flushMiss();
        matched++;
        open.lines.push(
          `rule ${e.index} matched: ${ruleTexts.get(e) ?? lookupRule(e) ?? `(no longer in ${e.chain})`}`,
        );
        break;
      }
      case 'policy': {
        const open = noteFor(who, e.table, e.chain);
        flushMiss();
        open.lines.push(`end of chain: policy ${e.policy}`);
        break;
      }
      case 'nat': {
        flushNote();
        rewrites++;
        const reply = ctState.get(who)?.endsWith('-REPLY') ?? false;
        const field = e.manip === 'DST' ? 'destination' : 'source';
        const what = reply
          ? `reverse ${e.manip === 'DST' ? 'SNAT' : 'DNAT'}: ${field}`
          : e.manip === 'DST'
            ? 'DNAT'
            : 'SNAT';
        say(who, [`${what} ${formatIpv4(e.from)} → ${formatIpv4(e.to)}`]);
        break;
      }
      case 'verdict':
        flushNote();
        lastVerdict = e.verdict.toUpperCase();
        say(who, [`verdict ${lastVerdict}`]);
        break;
    }
  }
  flushNote();

  const title = options.title ?? 'Packet trace through netfilter';
  const description =
    events.length === 0
      ? 'No packet met a netfilter hook.'
      : `${plural(hooks, 'hook traversal')} in ${prose(labels)}: ${plural(matched, 'rule')} matched, ` +
        `${plural(rewrites, 'address rewrite')}, last verdict ${lastVerdict ?? 'none'}.`;
  const out = ['sequenceDiagram', ...accessibilityLines(title, description)];
  for (const [i, id] of [...participants.values()].entries())
    out.push(`  participant ${id} as ${escapeText(labels[i])}`);
  if (participants.size === 0)
    out.push('  participant none as no packets', '  Note over none: nothing was traced');
  out.push(...body);
  return `${out.join('\n')}\n`;
}
