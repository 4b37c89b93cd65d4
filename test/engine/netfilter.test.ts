// The netfilter engine on its own, for what the conformance corpus cannot pin: the statistic
// match's distribution over seeded draws, nth counting, conntrack directions and NAT reversal
// (replies and ICMP errors), the packet tracer, the getopt rules of the parser, counter
// formatting and iptables-restore's word splitting.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../engine/core/random.ts';
import { parseIpv4 } from '../../engine/net/inet.ts';
import type { HookPoint } from '../../engine/net/packet/hooks.ts';
import type { Ipv4Packet } from '../../engine/net/packet/types.ts';
import type { Link, Netns } from '../../engine/net/state.ts';
import { NO_RESOLVER } from '../../engine/netfilter/addr.ts';
import { doCommand, ruleKey } from '../../engine/netfilter/cli/exec.ts';
import { parseIptables } from '../../engine/netfilter/cli/parse.ts';
import { splitRuleLine } from '../../engine/netfilter/cli/restore.ts';
import { formatEntry } from '../../engine/netfilter/conntrack/cli.ts';
import { ParamError } from '../../engine/netfilter/errors.ts';
import { statisticMatch } from '../../engine/netfilter/matches/statistic.ts';
import type { PacketContext } from '../../engine/netfilter/packet/context.ts';
import { netfilterHook } from '../../engine/netfilter/packet/hook.ts';
import { setTraceListener, type TraceEvent } from '../../engine/netfilter/packet/trace.ts';
import { saveRuleBody } from '../../engine/netfilter/print/rule.ts';
import { Batch } from '../../engine/netfilter/ruleset.ts';
import { emptyConnTable, type NfState } from '../../engine/netfilter/state.ts';
import { printNum } from '../../engine/netfilter/xtables.ts';

const ip4 = (text: string): number => parseIpv4(text)!;

function parse(args: string): ReturnType<typeof parseIptables> {
  return parseIptables(['iptables', ...args.split(' ')], { resolver: NO_RESOLVER, warn: () => {} });
}

/** A namespace stand-in carrying just what the hook reads. */
function fakeNs(): Netns & { netfilter: NfState } {
  const state: NfState = { tables: {}, conntrack: emptyConnTable(), tracking: false, seed: 7 };
  return { netfilter: state, links: new Map(), routes: [], sysctl: new Map() } as unknown as Netns & {
    netfilter: NfState;
  };
}

function run(ns: Netns & { netfilter: NfState }, ...commands: string[]): void {
  for (const c of commands) {
    const batch = new Batch(ns.netfilter, ruleKey);
    doCommand(batch, parse(c), [], NO_RESOLVER);
    batch.commit();
  }
}

function echo(src: string, dst: string, type: 8 | 0, id = 4660): Ipv4Packet {
  return {
    src: ip4(src),
    dst: ip4(dst),
    ttl: 64,
    protocol: 1,
    tos: 0,
    df: false,
    icmp: { type, code: 0, id, seq: 1, dataLen: 56, info: 0, quoted: null },
    mark: 0,
    latencyUs: 0,
  };
}

const dev = (name: string) => ({ name, kind: 'veth', addrs: [] }) as unknown as Link;

function hook(ns: Netns, hookName: HookPoint, pkt: Ipv4Packet, inDev: Link | null, outDev: Link | null) {
  return netfilterHook(pkt, { hook: hookName, ns, inDev, outDev, now: 1000 });
}

describe('statistic match', () => {
  const data = (args: string) =>
    structuredClone(parse(`-A INPUT -m statistic ${args}`).rules[0].matches[0].data);
  const pc = (seed: number) => ({ random: createRandom(seed) }) as unknown as PacketContext;

  it('matches random mode with the stored probability over 10,000 seeded draws', () => {
    const d = data('--mode random --probability 0.3');
    const ctx = pc(42);
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (statisticMatch.match(d, ctx)) hits++;
    // Binomial(10000, 0.3): sigma is about 46.
    expect(Math.abs(hits - 3000)).toBeLessThan(200);
  });

  it('is deterministic for a seed and exactly complemented by !', () => {
    const d = data('--mode random --probability 0.5');
    const inv = data('--mode random ! --probability 0.5');
    const a = pc(9);
    const b = pc(9);
    for (let i = 0; i < 200; i++) expect(statisticMatch.match(d, a)).toBe(!statisticMatch.match(inv, b));
  });

  it('matches every nth packet starting at --packet', () => {
    const d = data('--mode nth --every 3 --packet 1');
    const hits = Array.from({ length: 9 }, () => statisticMatch.match(d, pc(1)));
    expect(hits).toEqual([false, true, false, false, true, false, false, true, false]);
  });
});

describe('conntrack and NAT', () => {
  it('DNATs the first packet, reverses the reply and lists both tuples', () => {
    const ns = fakeNs();
    run(ns, '-t nat -A PREROUTING -d 192.0.2.100 -j DNAT --to-destination 10.0.0.2');
    const v0 = dev('v1');
    const req = echo('10.0.0.1', '192.0.2.100', 8);
    expect(hook(ns, 'PREROUTING', req, v0, null).kind).toBe('accept');
    expect(req.dst).toBe(ip4('10.0.0.2'));
    hook(ns, 'INPUT', req, v0, null);
    const [entry] = ns.netfilter.conntrack.entries;
    expect(entry.dstNat).toBe(true);
    expect(entry.reply.src).toBe(ip4('10.0.0.2'));

    const reply = echo('10.0.0.2', '10.0.0.1', 0);
    hook(ns, 'OUTPUT', reply, null, v0);
    hook(ns, 'POSTROUTING', reply, null, v0);
    expect(reply.src).toBe(ip4('192.0.2.100'));
    expect(entry.seenReply).toBe(true);
    expect(formatEntry(entry, 1000, false)).toBe(
      'icmp     1 29 src=10.0.0.1 dst=192.0.2.100 type=8 code=0 id=4660 src=10.0.0.2 dst=10.0.0.1 type=0 code=0 id=4660 mark=0 use=1\n',
    );
    // The nat chain saw only the connection's first packet.
    const second = echo('10.0.0.1', '192.0.2.100', 8);
    hook(ns, 'PREROUTING', second, v0, null);
    expect(second.dst).toBe(ip4('10.0.0.2'));
    expect(ns.netfilter.tables.nat!.chains[0].rules[0].counters.packets).toBe(1n);
  });

  it('translates an ICMP error about a DNATed packet back to the original address', () => {
    const ns = fakeNs();
    run(ns, '-t nat -A OUTPUT -d 198.51.100.10 -j DNAT --to-destination 10.0.0.2');
    const v0 = dev('v0');
    const req = echo('10.0.0.1', '198.51.100.10', 8);
    hook(ns, 'OUTPUT', req, null, v0);
    hook(ns, 'POSTROUTING', req, null, v0);
    expect(req.dst).toBe(ip4('10.0.0.2'));
    const error: Ipv4Packet = {
      ...echo('10.0.0.2', '10.0.0.1', 0),
      icmp: { type: 3, code: 3, id: 0, seq: 0, dataLen: 84, info: 0, quoted: structuredClone(req) },
    };
    hook(ns, 'PREROUTING', error, v0, null);
    hook(ns, 'INPUT', error, v0, null);
    expect(error.src).toBe(ip4('198.51.100.10'));
    expect(error.icmp!.quoted!.dst).toBe(ip4('198.51.100.10'));
  });

  it('keeps replies ESTABLISHED and unanswered repeats NEW', () => {
    const ns = fakeNs();
    run(ns, '-A INPUT -m conntrack --ctstate NEW', '-A INPUT -m conntrack --ctstate ESTABLISHED');
    const v1 = dev('v1');
    for (let i = 0; i < 2; i++) {
      const p = echo('10.0.0.1', '10.0.0.2', 8);
      hook(ns, 'PREROUTING', p, v1, null);
      hook(ns, 'INPUT', p, v1, null);
    }
    const [isNew, established] = ns.netfilter.tables.filter!.chains[0].rules;
    expect(isNew.counters.packets).toBe(2n);
    expect(established.counters.packets).toBe(0n);
  });
});

describe('tracer', () => {
  it('records the hook, chain, rules and verdict a packet meets', () => {
    const ns = fakeNs();
    run(ns, '-A INPUT -p tcp -j ACCEPT', '-A INPUT -p icmp -j DROP');
    const events: TraceEvent[] = [];
    const previous = setTraceListener((e) => events.push(e));
    try {
      hook(ns, 'INPUT', echo('10.0.0.1', '10.0.0.2', 8), dev('v1'), null);
    } finally {
      setTraceListener(previous);
    }
    const summary = events.map((e) =>
      e.kind === 'rule'
        ? `rule ${e.chain}#${e.index} ${e.matched}`
        : e.kind === 'verdict'
          ? `verdict ${e.verdict}`
          : e.kind,
    );
    expect(summary).toEqual(['hook', 'chain', 'rule INPUT#1 false', 'rule INPUT#2 true', 'verdict drop']);
  });
});

describe('iptables parser', () => {
  it('accepts unique prefixes and gives an option to the newest extension that has it', () => {
    expect(saveRuleBody(parse('-A INPUT --so 1.1.1.1 -p tcp -m multiport --dport 22').rules[0])).toBe(
      ' -s 1.1.1.1/32 -p tcp -m multiport --dports 22',
    );
    expect(saveRuleBody(parse('-A INPUT -p 6 --dport 25 -m tcp --sport 7').rules[0])).toBe(
      ' -p tcp -m tcp --sport 7 --dport 25',
    );
  });

  it('rejects ambiguous prefixes and takes -s from argv like iptables does', () => {
    expect(() => parse('-A INPUT --d 1.1.1.1')).toThrow('unknown option "--d"');
    expect(() => parse('-A INPUT -s1.2.3.4')).toThrow(ParamError);
    expect(() => parse('-A INPUT -s1.2.3.4')).toThrow("host/network `-s1.2.3.4' not found");
  });

  it('makes one rule per source and destination address', () => {
    const rules = parse('-A INPUT -s 10.0.0.1,10.0.0.2 -d 10.1.0.0/16,10.2.0.0/255.255.0.0 -j ACCEPT').rules;
    expect(rules.map((r) => saveRuleBody(r))).toEqual([
      ' -s 10.0.0.1/32 -d 10.1.0.0/16 -j ACCEPT',
      ' -s 10.0.0.1/32 -d 10.2.0.0/16 -j ACCEPT',
      ' -s 10.0.0.2/32 -d 10.1.0.0/16 -j ACCEPT',
      ' -s 10.0.0.2/32 -d 10.2.0.0/16 -j ACCEPT',
    ]);
  });
});

describe('formatting helpers', () => {
  it('prints counters with K/M/G/T and the 2^64 wrap', () => {
    expect(printNum(99999n, false)).toBe('99999 ');
    expect(printNum(100000n, false)).toBe(' 100K ');
    expect(printNum(12345678901n, false)).toBe('  12G ');
    expect(printNum(2n ** 64n - 1n, false)).toBe('   0K ');
    expect(printNum(1234567n, true)).toBe(' 1234567 ');
  });

  it('splits restore lines with quotes and escapes', () => {
    expect(splitRuleLine('-A INPUT -m comment --comment "a \\"b\\" c" -j ACCEPT\n')).toEqual([
      '-A',
      'INPUT',
      '-m',
      'comment',
      '--comment',
      'a "b" c',
      '-j',
      'ACCEPT',
    ]);
    expect(splitRuleLine('--comment ""\n')).toEqual(['--comment', '']);
  });
});
