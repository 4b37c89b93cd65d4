// Mermaid diagrams drawn from worlds built by real commands: the two-namespace bridge lab as a
// topology (whole and restricted to one namespace), a nat table with a user chain and its
// counters after a ping, the trace of that ping through a DNAT rule, determinism, escaping of
// odd names, and the limits that keep large worlds and huge chains legible.
import { describe, expect, it } from 'vitest';
import {
  chainsDiagram,
  edgeText,
  escapeText,
  IdRegistry,
  quoteLabel,
  recordTrace,
  safeId,
  topologyDiagram,
  traceDiagram,
} from '../../engine/diagram/index.ts';
import { setTraceListener, type TraceEvent } from '../../engine/netfilter/packet/trace.ts';
import { Session } from '../../engine/session.ts';
import { createWorld, type World } from '../../engine/world.ts';

/** The classic walkthrough: red and blue behind br0 on the host, 10.0.0.0/24, default routes. */
const BRIDGE_LAB = `
ip netns add red
ip netns add blue
ip link add br0 type bridge
ip addr add 10.0.0.1/24 dev br0
ip link set br0 up
ip link add veth-red type veth peer name ceth-red
ip link add veth-blue type veth peer name ceth-blue
ip link set ceth-red netns red
ip link set ceth-blue netns blue
ip link set veth-red master br0
ip link set veth-blue master br0
ip link set veth-red up
ip link set veth-blue up
ip -n red addr add 10.0.0.2/24 dev ceth-red
ip -n blue addr add 10.0.0.3/24 dev ceth-blue
ip -n red link set lo up
ip -n red link set ceth-red up
ip -n blue link set ceth-blue up
ip netns exec red ip route add default via 10.0.0.1
ip netns exec blue ip route add default via 10.0.0.1
`;

/** A service address 192.0.2.10 DNATed to red through a user chain, and a filter rule in red. */
const NAT_RULES = `
ip route add 192.0.2.0/24 dev br0
iptables -t nat -N SVC
iptables -t nat -A OUTPUT -d 192.0.2.0/24 -j SVC
iptables -t nat -A SVC -d 192.0.2.20 -j DNAT --to-destination 10.0.0.3
iptables -t nat -A SVC -d 192.0.2.30 -j DNAT --to-destination 10.0.0.3
iptables -t nat -A SVC -p tcp -j RETURN
iptables -t nat -A SVC -d 192.0.2.10 -j DNAT --to-destination 10.0.0.2
ip netns exec red iptables -A INPUT -p icmp -j ACCEPT
`;

interface Lab {
  world: World;
  session: Session;
  run(script: string): string;
}

function lab(...scripts: string[]): Lab {
  const world = createWorld({ hostname: 'labbook' });
  const session = new Session(world);
  const run = (script: string) => {
    let output = '';
    for (const line of script.split('\n').filter((l) => l.trim() !== '')) {
      const r = session.run(line);
      if (r.status !== 0) throw new Error(`${line}: exit ${r.status}\n${r.output}`);
      output += r.output;
    }
    return output;
  };
  for (const s of scripts) run(s);
  return { world, session, run };
}

/** The bridge lab with NAT rules, a ping to the service address traced while it runs. */
function tracedPing(): { l: Lab; events: TraceEvent[]; output: string } {
  const l = lab(BRIDGE_LAB, NAT_RULES);
  let output = '';
  const events = recordTrace(() => {
    output = l.run('ping -c1 192.0.2.10');
  });
  return { l, events, output };
}

describe('topologyDiagram', () => {
  it('draws the bridge walkthrough: namespaces, veth pairs, bridge ports, default routes', async () => {
    const text = topologyDiagram(lab(BRIDGE_LAB).world.mainHost);
    expect(text.startsWith('flowchart LR\n  accTitle: Network topology of labbook\n  accDescr: ')).toBe(true);
    expect(text).toContain('  subgraph ns0["labbook (host)"]\n');
    expect(text).toContain('  subgraph ns1["netns red"]\n');
    expect(text).toContain('    ns0_if2["br0<br/>10.0.0.1/24<br/>bridge · UP"]\n');
    expect(text).toContain('    ns1_if3["ceth-red<br/>10.0.0.2/24<br/>veth · UP"]\n');
    // The veth pairs cross namespaces (the moved ends kept their ifindex); the host ends are
    // ports of br0, and red's default route leads to br0's address.
    expect(text).toContain('  ns0_if4 ---|veth| ns1_if3\n');
    expect(text).toContain('  ns0_if6 ---|veth| ns2_if5\n');
    expect(text).toContain('  ns0_if4 -->|master| ns0_if2\n');
    expect(text).toContain('  ns1_if3 -.->|default via 10.0.0.1| ns0_if2\n');
    // lo is left out, even where it is up.
    expect(text).not.toContain('lo<br/>');
    await expect(text).toMatchFileSnapshot('./__snapshots__/diagram/topology.mmd');
  });

  it('restricts the view to named namespaces and shows peers outside it', async () => {
    const text = topologyDiagram(lab(BRIDGE_LAB).world.mainHost, { netns: ['red'] });
    expect(text).toContain('accTitle: Network topology of labbook: netns red\n');
    expect(text).not.toContain('blue');
    expect(text).not.toContain('subgraph ns0');
    expect(text).toContain('  ns0_if4["veth-red<br/>in labbook (host)"]\n');
    expect(text).toContain('  ns1_if3 ---|veth| ns0_if4\n');
    // The gateway is outside the view: the route becomes a node of its own.
    expect(text).toContain('    ns1_default1["default via 10.0.0.1"]\n');
    await expect(text).toMatchFileSnapshot('./__snapshots__/diagram/topology-red.mmd');
  });

  it('shows state as ip link does and summarises namespaces with many interfaces', () => {
    const l = lab('ip netns add big', 'for i in $(seq 1 15); do ip -n big link add d$i type dummy; done');
    l.run('ip -n big link set d1 up');
    const text = topologyDiagram(l.world.mainHost, { netns: ['big'], maxInterfaces: 12 });
    expect(text).toContain('["d1<br/>dummy · UNKNOWN"]');
    expect(text).toContain('["d2<br/>dummy · DOWN"]');
    expect(text).toContain('["d12<br/>dummy · DOWN"]');
    expect(text).not.toContain('d13');
    expect(text).toContain('    ns1_more["… and 3 more interfaces"]\n');
    // A namespace with nothing but lo still shows it.
    const only = topologyDiagram(lab('ip netns add empty').world.mainHost, { netns: ['empty'] });
    expect(only).toContain('["lo<br/>loopback · DOWN"]');
  });
});

describe('chainsDiagram', () => {
  it('draws a nat table with a user chain, policies, counters and the jump', async () => {
    const { l, output } = tracedPing();
    expect(output).toContain('1 received');
    const text = chainsDiagram(l.world.mainHost, 'nat');
    expect(text).toContain('  chain_OUTPUT["OUTPUT<br/>policy ACCEPT · 0 packets, 0 bytes<br/>1 rule"]\n');
    expect(text).toContain(
      '  chain_SVC["SVC<br/>user chain · 1 reference<br/>4 rules<br/>targets: DNAT ×3, RETURN ×1"]\n',
    );
    expect(text).toContain('  chain_OUTPUT -->|-j rule 1<br/>1 packet| chain_SVC\n');
    await expect(text).toMatchFileSnapshot('./__snapshots__/diagram/chains-nat.mmd');
    // The same table seen from a namespace, and a table that was never created.
    const red = chainsDiagram(l.world.mainHost, 'filter', { netns: 'red' });
    expect(red).toContain('accTitle: iptables filter table in netns red\n');
    expect(red).toContain(
      'chain_INPUT["INPUT<br/>policy ACCEPT · 0 packets, 0 bytes<br/>1 rule<br/>targets: ACCEPT ×1"]',
    );
    expect(chainsDiagram(l.world.mainHost, 'raw')).toContain(
      'chain_PREROUTING["PREROUTING<br/>policy ACCEPT',
    );
  });

  it('draws gotos dotted, groups rules on one edge and cuts very large tables', () => {
    const l = lab(
      'iptables -N A',
      'iptables -N B',
      'iptables -A INPUT -j A',
      'iptables -A INPUT -p tcp -j A',
      'iptables -A INPUT -g B',
      'for i in $(seq 1 8); do iptables -N C$i; done',
    );
    const text = chainsDiagram(l.world.mainHost, 'filter', { maxChains: 6 });
    expect(text).toContain('  chain_INPUT -->|-j rules 1, 2<br/>0 packets| chain_A\n');
    expect(text).toContain('  chain_INPUT -.->|-g rule 3<br/>0 packets| chain_B\n');
    expect(text).toContain('  more_chains["… and 7 more chains"]\n');
    expect(chainsDiagram(l.world.mainHost, 'filter', { maxRuleNumbers: 1 })).toContain(
      '  chain_INPUT -->|-j rules 1 and 1 more<br/>0 packets| chain_A\n',
    );
  });
});

describe('traceDiagram', () => {
  it('follows a ping through the DNAT rule and back', async () => {
    const { l, events } = tracedPing();
    const text = traceDiagram(events, { host: l.world.mainHost });
    expect(text.startsWith('sequenceDiagram\n  accTitle: Packet trace through netfilter\n')).toBe(true);
    expect(text).toContain('  participant p0 as labbook (host)\n  participant p1 as netns red\n');
    expect(text).toContain('  p0->>p0: OUTPUT\n  Note over p0: ICMP echo-request 10.0.0.1 → 192.0.2.10\n');
    expect(text).toContain('  Note over p0: conntrack NEW (entry 1)\n');
    // The unmatched rules before the DNAT collapse into one line; the rule is printed as -S does.
    expect(text).toContain(
      '  Note over p0: nat SVC\n  Note over p0: 3 rules did not match (rules 1–3)\n' +
        '  Note over p0: rule 4 matched: -A SVC -d 192.0.2.10/32 -j DNAT --to-destination 10.0.0.2\n',
    );
    expect(text).toContain('  Note over p0: DNAT 192.0.2.10 → 10.0.0.2\n');
    // The packet crossed into red with its rewritten destination; the reply is translated back.
    expect(text).toContain('  p0->>p1: PREROUTING\n  Note over p1: ICMP echo-request 10.0.0.1 → 10.0.0.2\n');
    expect(text).toContain('  p1->>p0: PREROUTING\n  Note over p0: ICMP echo-reply 10.0.0.2 → 10.0.0.1\n');
    expect(text).toContain('  Note over p0: reverse DNAT: source 10.0.0.2 → 192.0.2.10\n');
    expect(text).toContain('  Note over p1: verdict ACCEPT\n');
    await expect(text).toMatchFileSnapshot('./__snapshots__/diagram/trace-dnat.mmd');
  });

  it('keeps a huge chain to one note line and shows drops', () => {
    const l = lab(BRIDGE_LAB);
    const rules = Array.from(
      { length: 2000 },
      (_, i) => `-A INPUT -s 198.18.${i >> 8}.${i & 255}/32 -j ACCEPT`,
    );
    l.session.writeFile('/root/rules', `*filter\n${rules.join('\n')}\n-A INPUT -p icmp -j DROP\nCOMMIT\n`);
    l.run('ip netns exec red iptables-restore /root/rules');
    const events = recordTrace(() => l.run('ping -c1 -W1 10.0.0.2 || true'));
    const text = traceDiagram(events, { host: l.world.mainHost });
    expect(text).toContain(
      'Note over p0: filter INPUT\n  Note over p0: 2000 rules did not match (rules 1–2000)\n' +
        '  Note over p0: rule 2001 matched: -A INPUT -p icmp -j DROP\n',
    );
    expect(text).toContain('Note over p0: verdict DROP\n');
    expect(text.split('\n').length).toBeLessThan(20);
  });

  it('continues the calling chain after a user chain returns', () => {
    const l = lab(BRIDGE_LAB);
    l.run(`ip netns exec red iptables -N CHECK
ip netns exec red iptables -A INPUT -j CHECK
ip netns exec red iptables -A INPUT -p udp -j DROP
ip netns exec red iptables -A CHECK -p tcp -j DROP`);
    const events = recordTrace(() => l.run('ping -c1 10.0.0.2'));
    const text = traceDiagram(events, { host: l.world.mainHost });
    expect(text).toContain(
      '  Note over p0: filter INPUT\n  Note over p0: rule 1 matched: -A INPUT -j CHECK\n' +
        '  Note over p0: filter CHECK\n  Note over p0: rule 1 did not match\n' +
        '  Note over p0: filter INPUT (continued)\n  Note over p0: rule 2 did not match\n' +
        '  Note over p0: end of chain: policy ACCEPT\n',
    );
  });

  it('restores the previous listener, passes events on, and survives a throwing fn', () => {
    const outer: TraceEvent[] = [];
    const mine = (e: TraceEvent) => outer.push(e);
    const before = setTraceListener(mine);
    try {
      const { l } = tracedPing();
      const events = recordTrace(() => l.run('ping -c1 192.0.2.10'));
      expect(events.length).toBeGreaterThan(0);
      expect(outer.length).toBeGreaterThanOrEqual(events.length);
      expect(() =>
        recordTrace(() => {
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(setTraceListener(mine)).toBe(mine);
    } finally {
      setTraceListener(before);
    }
    expect(traceDiagram([])).toContain('Note over none: nothing was traced');
  });
});

describe('determinism', () => {
  it('draws the same text for the same commands', () => {
    const draw = () => {
      const { l, events } = tracedPing();
      const host = l.world.mainHost;
      return [
        topologyDiagram(host),
        topologyDiagram(host, { netns: ['blue', 'red'], includeHost: true }),
        chainsDiagram(host, 'nat'),
        traceDiagram(events, { host }),
      ];
    };
    expect(draw()).toEqual(draw());
  });
});

describe('escaping', () => {
  it('writes odd names with entity codes so they cannot break the syntax', async () => {
    const l = lab(
      `ip netns add 'odd "ns" [x];#1'`,
      `ip -n 'odd "ns" [x];#1' link add 'a"b[c]|d#e;f<g>' type dummy`,
      `iptables -N 'we"ird|c#'`,
      `iptables -N 'we-ird|c#'`,
      `iptables -A INPUT -j 'we"ird|c#'`,
      `iptables -A INPUT -j 'we-ird|c#'`,
    );
    const topo = topologyDiagram(l.world.mainHost);
    expect(topo).toContain('  subgraph ns1["netns odd #quot;ns#quot; #91;x#93;#59;#35;1"]\n');
    expect(topo).toContain('    ns1_if2["a#quot;b#91;c#93;#124;d#35;e#59;f#lt;g#gt;<br/>dummy · DOWN"]\n');
    // accDescr stays readable text, on one line, without semicolons.
    expect(topo).toContain('netns odd "ns" [x],#1)');
    await expect(topo).toMatchFileSnapshot('./__snapshots__/diagram/escaping.mmd');
    // Every label's quotes are balanced, and ids are plain words.
    for (const line of topo.split('\n')) {
      expect((line.match(/"/g) ?? []).length % 2).toBe(0);
      const id = line.trim().match(/^(?:subgraph )?([^[\s]+)\[/)?.[1];
      if (id) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    }
    const chains = chainsDiagram(l.world.mainHost, 'filter');
    expect(chains).toContain(
      '  chain_we_ird_c_["we#quot;ird#124;c#35;<br/>user chain · 1 reference<br/>0 rules"]\n',
    );
    expect(chains).toContain('  chain_we_ird_c__2["we-ird#124;c#35;<br/>');
    expect(chains).toContain('  chain_INPUT -->|-j rule 2<br/>0 packets| chain_we_ird_c__2\n');
  });

  it('escapes text, quotes labels and makes unique ids', () => {
    expect(escapeText('a "b" <c> & d|e #f; `g` [h]')).toBe(
      'a #quot;b#quot; #lt;c#gt; #amp; d#124;e #35;f#59; #96;g#96; #91;h#93;',
    );
    expect(quoteLabel(['one', 'two "2"'])).toBe('"one<br/>two #quot;2#quot;"');
    expect(edgeText(['default dev e(1)', '{x}|y'])).toBe('default dev e#40;1#41;<br/>#123;x#125;#124;y');
    expect(safeId('end')).toBe('n_end');
    const ids = new IdRegistry('c');
    expect([ids.id('a-b'), ids.id('a.b'), ids.id('a-b'), ids.id('a_b')]).toEqual([
      'c_a_b',
      'c_a_b_2',
      'c_a_b',
      'c_a_b_3',
    ]);
  });
});
