// The packet pipeline and its tools on topologies built through netlink.ts: ARP learning and
// neighbour states, forwarding (TTL 63, silent drop without ip_forward), ICMP errors, bridge
// learning, link counters, the netfilter hook points, ping, tracepath and `ip neigh`.
import { afterEach, describe, expect, it } from 'vitest';
import { registerCommands } from '../../engine/commands/table.ts';
import { parseIpv4 } from '../../engine/net/inet.ts';
import { formatMac } from '../../engine/net/mac.ts';
import { addAddress, createNamespace, hostNet, linkAdd, setMaster, setUp } from '../../engine/net/netlink.ts';
import { registerNetfilter } from '../../engine/net/packet/hooks.ts';
import { netRuntime, settleNet } from '../../engine/net/packet/runtime.ts';
import { type Link, linkByName, type Netns } from '../../engine/net/state.ts';
import { NET_TOOLS } from '../../engine/net/tools/index.ts';
import { initialProc, Session } from '../../engine/session.ts';
import { createWorld, type World } from '../../engine/world.ts';

registerCommands(NET_TOOLS);

function ip4(text: string): number {
  return parseIpv4(text)!;
}

interface Lab {
  world: World;
  root: Netns;
  ns(name: string): Netns;
  veth(a: Netns, aName: string, b: Netns, bName: string): [Link, Link];
  addr(ns: Netns, dev: string, cidr: string): void;
  up(ns: Netns, dev: string): void;
  route(ns: Netns, dst: string, prefix: number, gw: string): void;
  run(ns: Netns, script: string): { output: string; status: number };
}

function lab(): Lab {
  const world = createWorld({ hostname: 'labbook' });
  const stack = hostNet(world, world.mainHost);
  const named = new Map<string, Netns>();
  return {
    world,
    root: stack.root,
    ns(name) {
      let ns = named.get(name);
      if (!ns) {
        ns = createNamespace(world, stack);
        stack.named.unshift({ name, ns });
        named.set(name, ns);
      }
      return ns;
    },
    veth(a, aName, b, bName) {
      const link = linkAdd(world, { name: aName, kind: 'veth', ns: a, peer: { name: bName, ns: b } });
      return [link, link.peer!];
    },
    addr(ns, dev, cidr) {
      const [addr, prefix] = cidr.split('/');
      addAddress(world, linkByName(ns, dev)!, {
        family: 4,
        local: ip4(addr),
        prefix: Number(prefix),
        broadcast: null,
        label: null,
        scope: 0,
        secondary: false,
        localRoute: true,
      });
    },
    up(ns, dev) {
      setUp(world, linkByName(ns, dev)!, true);
    },
    route(ns, dst, prefix, gw) {
      const dev = [...ns.links.values()].find((l) =>
        l.addrs.some((a) => a.family === 4 && a.local >>> (32 - a.prefix) === ip4(gw) >>> (32 - a.prefix)),
      )!;
      ns.routes.push({
        family: 4,
        table: 254,
        type: 'unicast',
        dst: ip4(dst),
        prefix,
        gateway: ip4(gw),
        dev: dev.ifindex,
        proto: 'boot',
        scope: 0,
        src: null,
        metric: null,
      });
    },
    run(ns, script) {
      const session = new Session(world, { ...initialProc(world), netns: ns === stack.root ? null : ns });
      return session.run(script);
    },
  };
}

/** root veth0 10.0.0.1/24 <-> red ceth0 10.0.0.2/24, both up. */
function pair() {
  const l = lab();
  const red = l.ns('red');
  const [veth0, ceth0] = l.veth(l.root, 'veth0', red, 'ceth0');
  l.addr(l.root, 'veth0', '10.0.0.1/24');
  l.addr(red, 'ceth0', '10.0.0.2/24');
  l.up(l.root, 'veth0');
  l.up(red, 'ceth0');
  return { ...l, red, veth0, ceth0 };
}

/** left l0 10.0.1.2 — mid m0 10.0.1.1 / m1 10.0.2.1 — right r0 10.0.2.2, default routes via mid. */
function chain(forward: boolean) {
  const l = lab();
  const [left, mid, right] = [l.ns('left'), l.ns('mid'), l.ns('right')];
  l.veth(left, 'l0', mid, 'm0');
  l.veth(right, 'r0', mid, 'm1');
  l.addr(left, 'l0', '10.0.1.2/24');
  l.addr(mid, 'm0', '10.0.1.1/24');
  l.addr(mid, 'm1', '10.0.2.1/24');
  l.addr(right, 'r0', '10.0.2.2/24');
  for (const [ns, dev] of [
    [left, 'l0'],
    [mid, 'm0'],
    [mid, 'm1'],
    [right, 'r0'],
  ] as const)
    l.up(ns, dev);
  l.route(left, '0.0.0.0', 0, '10.0.1.1');
  l.route(right, '0.0.0.0', 0, '10.0.2.1');
  const on = forward ? '1' : '0';
  for (const key of mid.sysctl.keys())
    if (/^net\/ipv4\/conf\/.*\/forwarding$/.test(key)) mid.sysctl.set(key, on);
  mid.sysctl.set('net/ipv4/ip_forward', on);
  return { ...l, left, mid, right };
}

function neighOf(ns: Netns, addr: string) {
  return ns.neigh.find((n) => n.dst === ip4(addr)) ?? null;
}

describe('ARP and neighbour states', () => {
  it('learns both sides of one ping: REACHABLE where it was asked, DELAY where it answered', () => {
    const l = pair();
    const r = l.run(l.root, 'ping -c1 -W1 10.0.0.2');
    expect(r.status).toBe(0);
    expect(r.output).toContain('64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=');
    const mine = neighOf(l.root, '10.0.0.2')!;
    expect(mine.state).toBe('REACHABLE');
    expect(formatMac(mine.lladdr!)).toBe(formatMac(l.ceth0.mac));
    const theirs = neighOf(l.red, '10.0.0.1')!;
    expect(theirs.state).toBe('DELAY');
    expect(formatMac(theirs.lladdr!)).toBe(formatMac(l.veth0.mac));
  });

  it('turns DELAY into REACHABLE with a unicast probe after 5 s, and REACHABLE into STALE after 30 s', () => {
    const l = pair();
    l.run(l.root, 'ping -c1 -W1 10.0.0.2');
    const before = l.veth0.stats.rxPackets;
    l.world.clock.advance(5_500);
    settleNet(l.world, l.world.mainHost);
    expect(neighOf(l.red, '10.0.0.1')!.state).toBe('REACHABLE');
    // The probe (42 bytes) went out of ceth0 and its reply came back.
    expect(l.veth0.stats.rxPackets).toBe(before + 1);
    expect(l.veth0.stats.txBytes).toBe(42 + 98 + 42);
    l.world.clock.advance(40_000);
    settleNet(l.world, l.world.mainHost);
    expect(neighOf(l.root, '10.0.0.2')!.state).toBe('STALE');
    expect(l.run(l.root, 'ip neigh show dev veth0').output).toBe(
      `10.0.0.2 lladdr ${formatMac(l.ceth0.mac)} STALE \n`,
    );
  });

  it('keeps an unanswered address INCOMPLETE for 3 s of broadcast probes, then FAILED', () => {
    const l = pair();
    const r = l.run(l.root, 'ping -c1 -W1 10.0.0.9');
    expect(r.status).toBe(1);
    expect(r.output).toContain('1 packets transmitted, 0 received, 100% packet loss');
    expect(l.run(l.root, 'ip neigh').output).toBe('10.0.0.9 dev veth0 INCOMPLETE \n');
    l.world.clock.advance(2_500);
    expect(l.run(l.root, 'ip neigh').output).toBe('10.0.0.9 dev veth0 FAILED \n');
    // Three ARP requests of 42 bytes.
    expect(l.veth0.stats.txPackets).toBe(3);
    expect(l.veth0.stats.txBytes).toBe(126);
  });

  it('reports Destination Host Unreachable when resolution fails within the linger time', () => {
    const l = pair();
    const r = l.run(l.root, 'ping -c1 10.0.0.99');
    expect(r.status).toBe(1);
    expect(r.output).toContain('From 10.0.0.1 icmp_seq=1 Destination Host Unreachable\n');
    expect(r.output).toContain('1 packets transmitted, 0 received, +1 errors, 100% packet loss');
  });
});

describe('forwarding', () => {
  it('forwards with ip_forward=1 and decrements the TTL', () => {
    const l = chain(true);
    const r = l.run(l.left, 'ping -c2 -i0.2 -W1 10.0.2.2');
    expect(r.status).toBe(0);
    expect(r.output).toMatch(/64 bytes from 10\.0\.2\.2: icmp_seq=1 ttl=63 time=/);
    expect(r.output).toMatch(/icmp_seq=2 ttl=63/);
  });

  it('drops silently with ip_forward=0: no reply, no ICMP error', () => {
    const l = chain(false);
    const r = l.run(l.left, 'ping -c1 -W1 10.0.2.2');
    expect(r.status).toBe(1);
    expect(r.output).not.toContain('From');
    expect(r.output).toContain('1 packets transmitted, 0 received, 100% packet loss');
    // The request reached mid and went no further.
    const m1 = linkByName(l.mid, 'm1')!;
    expect(m1.stats.txPackets).toBe(0);
  });

  it('answers TTL 1 with Time to live exceeded from the router', () => {
    const l = chain(true);
    const r = l.run(l.left, 'ping -c1 -W1 -t 1 10.0.2.2');
    expect(r.status).toBe(1);
    expect(r.output).toContain('From 10.0.1.1 icmp_seq=1 Time to live exceeded\n');
    expect(r.output).toContain('+1 errors');
  });

  it('sends Destination Net Unreachable from a forwarding router without a route', () => {
    const l = chain(true);
    const r = l.run(l.left, 'ping -c1 -W1 192.0.2.7');
    expect(r.output).toContain('From 10.0.1.1 icmp_seq=1 Destination Net Unreachable\n');
  });

  it('prints "connect: Network is unreachable" without a route', () => {
    const l = pair();
    const r = l.run(l.red, 'ping -c1 8.8.8.8');
    expect(r).toEqual({ status: 2, output: 'ping: connect: Network is unreachable\n' });
  });

  it('traces the path with tracepath -n', () => {
    const l = chain(true);
    const r = l.run(l.left, 'tracepath -n 10.0.2.2');
    const lines = r.output.split('\n');
    expect(lines[0]).toBe(' 1?: [LOCALHOST]                      pmtu 1500');
    expect(lines[1]).toMatch(/^ 1: {2}10\.0\.1\.1 {44} {2}0\.\d{3}ms $/);
    expect(lines[2]).toMatch(/^ 1: {2}10\.0\.1\.1 /);
    expect(lines[3]).toMatch(/^ 2: {2}10\.0\.2\.2 +0\.\d{3}ms reached$/);
    expect(lines[4]).toBe('     Resume: pmtu 1500 hops 2 back 2 ');
  });
});

describe('bridges', () => {
  it('learns the MACs behind its ports and forwards between them', () => {
    const l = lab();
    const [a, b] = [l.ns('a'), l.ns('b')];
    const br = linkAdd(l.world, { name: 'br0', kind: 'bridge', ns: l.root });
    const [veth0, ceth0] = l.veth(l.root, 'veth0', a, 'ceth0');
    const [veth1, ceth1] = l.veth(l.root, 'veth1', b, 'ceth1');
    setUp(l.world, br, true);
    for (const port of [veth0, veth1]) {
      setMaster(l.world, port, br);
      setUp(l.world, port, true);
    }
    l.addr(a, 'ceth0', '10.0.0.1/24');
    l.addr(b, 'ceth1', '10.0.0.2/24');
    l.up(a, 'ceth0');
    l.up(b, 'ceth1');
    expect(br.fdb.size).toBe(0);
    const r = l.run(a, 'ping -c1 -W1 10.0.0.2');
    expect(r.status).toBe(0);
    expect(r.output).toContain('ttl=64');
    expect(br.fdb.get(formatMac(ceth0.mac))).toBe(veth0.ifindex);
    expect(br.fdb.get(formatMac(ceth1.mac))).toBe(veth1.ifindex);
    // The ARP broadcast also reached the bridge's own stack; the unicast echo did not.
    expect(br.stats.rxPackets).toBe(1);
    expect(br.stats.rxBytes).toBe(28);
    // Learned entries age out 300 s after they were last seen (the last ARP probe was at 5 s).
    l.world.clock.advance(320_000);
    settleNet(l.world, l.world.mainHost);
    expect(br.fdb.size).toBe(0);
    l.run(a, 'ping -c1 -W1 10.0.0.2');
    expect(br.fdb.size).toBe(2);
  });
});

describe('counters', () => {
  it('counts 3 packets / 238 bytes each way on a veth for ping -c2 (one ARP, two echoes)', () => {
    const l = pair();
    l.run(l.root, 'ping -c2 -i0.2 -W1 10.0.0.2');
    expect([
      l.veth0.stats.txPackets,
      l.veth0.stats.txBytes,
      l.veth0.stats.rxPackets,
      l.veth0.stats.rxBytes,
    ]).toEqual([3, 238, 3, 238]);
    expect([l.ceth0.stats.txPackets, l.ceth0.stats.txBytes]).toEqual([3, 238]);
  });

  it('counts 4 packets / 336 bytes each way on lo for ping -c2 127.0.0.1', () => {
    const l = lab();
    const lo = l.root.links.get(1)!;
    l.run(l.root, 'ping -c2 -i0.2 -q 127.0.0.1');
    expect([lo.stats.txPackets, lo.stats.txBytes, lo.stats.rxPackets, lo.stats.rxBytes]).toEqual([
      4, 336, 4, 336,
    ]);
  });

  it('moves the simulated clock, never real time', () => {
    const l = pair();
    const start = l.world.clock.now();
    l.run(l.root, 'ping -c3 -i0.5 -W1 10.0.0.2');
    expect(l.world.clock.now() - start).toBe(1000);
    l.run(l.root, 'ping -c1 -W2 10.0.0.77');
    expect(l.world.clock.now() - start).toBe(3000);
  });
});

describe('netfilter hook points', () => {
  let unplug: (() => void) | null = null;
  afterEach(() => {
    unplug?.();
    unplug = null;
  });

  it('passes every hook in the kernel order for a forwarded ping', () => {
    const l = chain(true);
    const seen: string[] = [];
    unplug = registerNetfilter((p, s) => {
      if (s.ns === l.mid && p.icmp?.type === 8)
        seen.push(`${s.hook}:${s.inDev?.name ?? '-'}>${s.outDev?.name ?? '-'}`);
      return { kind: 'accept' };
    });
    l.run(l.left, 'ping -c1 -W1 10.0.2.2');
    expect(seen).toEqual(['PREROUTING:m0>-', 'FORWARD:m0>m1', 'POSTROUTING:m0>m1']);
  });

  it('DROP in INPUT silences ping; REJECT answers with port unreachable from the target', () => {
    const l = pair();
    let verdict: 'drop' | 'reject' = 'drop';
    unplug = registerNetfilter((p, s) =>
      s.ns === l.red && s.hook === 'INPUT' && p.icmp
        ? verdict === 'drop'
          ? { kind: 'drop' }
          : { kind: 'reject', with: { icmpCode: 3 } }
        : { kind: 'accept' },
    );
    expect(l.run(l.root, 'ping -c1 -W1 10.0.0.2').output).toContain('1 received'.replace('1', '0'));
    verdict = 'reject';
    expect(l.run(l.root, 'ping -c1 -W1 10.0.0.2').output).toContain(
      'From 10.0.0.2 icmp_seq=1 Destination Port Unreachable\n',
    );
  });

  it('routes again after a DNAT rewrite in OUTPUT', () => {
    const l = pair();
    l.route(l.root, '198.51.100.0', 24, '10.0.0.2');
    unplug = registerNetfilter((p, s) => {
      if (s.ns === l.root && s.hook === 'OUTPUT' && p.dst === ip4('198.51.100.10')) p.dst = ip4('10.0.0.2');
      if (s.ns === l.root && s.hook === 'INPUT' && p.src === ip4('10.0.0.2')) p.src = ip4('198.51.100.10');
      return { kind: 'accept' };
    });
    const r = l.run(l.root, 'ping -c1 -W1 198.51.100.10');
    expect(r.output).toContain('64 bytes from 198.51.100.10: icmp_seq=1 ttl=64');
  });
});

describe('IPv6', () => {
  function v6pair() {
    const l = pair();
    for (const [ns, dev, addr, scope] of [
      [l.root, 'veth0', [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1], 0],
      [l.red, 'ceth0', [0x2001, 0xdb8, 0, 0, 0, 0, 0, 2], 0],
      [l.root, 'veth0', [0xfe80, 0, 0, 0, 0, 0, 0, 1], 253],
      [l.red, 'ceth0', [0xfe80, 0, 0, 0, 0, 0, 0, 2], 253],
    ] as const)
      addAddress(l.world, linkByName(ns, dev)!, {
        family: 6,
        local: [...addr],
        prefix: 64,
        scope,
        nodad: true,
        dadDoneAt: 0,
        dadFailed: false,
        addedAt: 0,
      });
    return l;
  }

  it('pings ::1, a global address over neighbour discovery, and a link-local one with -I', () => {
    const l = v6pair();
    expect(l.run(l.root, 'ping -c1 ::1').output).toContain(
      'PING ::1(::1) 56 data bytes\n64 bytes from ::1: icmp_seq=1 ttl=64',
    );
    const global = l.run(l.root, 'ping -6 -c1 -W2 2001:db8::2');
    expect(global.status).toBe(0);
    expect(global.output).toContain('64 bytes from 2001:db8::2: icmp_seq=1 ttl=64');
    expect(neighOf(l.root, '10.0.0.2')).toBeNull();
    expect(l.root.neigh.find((n) => n.family === 6)?.state).toBe('REACHABLE');
    const ll = l.run(l.root, 'ping -c1 -W2 -I veth0 fe80::2');
    expect(ll.output).toContain(
      'ping: Warning: source address might be selected on device other than: veth0\n',
    );
    expect(ll.output).toContain(
      'PING fe80::2(fe80::2) from :: veth0: 56 data bytes\n64 bytes from fe80::2%veth0: icmp_seq=1',
    );
    expect(l.run(l.root, 'ping -c1 -W1 2001:db8:9::1')).toEqual({
      status: 2,
      output: 'ping: connect: Network is unreachable\n',
    });
  });
});

describe('ip neigh', () => {
  it('adds, replaces, lists, flushes and deletes entries with iproute2 errors', () => {
    const l = pair();
    const out = (s: string) => l.run(l.root, s).output;
    expect(out('ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev veth0; ip neigh show')).toBe(
      '10.0.0.7 dev veth0 lladdr 02:00:00:00:00:07 PERMANENT \n',
    );
    expect(l.run(l.root, 'ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:17 dev veth0')).toEqual({
      status: 2,
      output: 'RTNETLINK answers: File exists\n',
    });
    expect(
      out(
        'ip neigh replace 10.0.0.8 lladdr 02:00:00:00:00:08 dev veth0 nud reachable; ip neigh show 10.0.0.8',
      ),
    ).toBe('10.0.0.8 dev veth0 lladdr 02:00:00:00:00:08 REACHABLE \n');
    expect(out('ip -j neigh show 10.0.0.8')).toBe(
      '[{"dst":"10.0.0.8","dev":"veth0","lladdr":"02:00:00:00:00:08","state":["REACHABLE"]}]\n',
    );
    expect(out('ip neigh flush dev veth0; ip neigh show')).toBe(
      '10.0.0.7 dev veth0 lladdr 02:00:00:00:00:07 PERMANENT \n',
    );
    expect(l.run(l.root, 'ip neigh del 10.0.0.99 dev veth0')).toEqual({
      status: 2,
      output: 'RTNETLINK answers: No such file or directory\n',
    });
    expect(l.run(l.root, 'ip neigh add 10.0.0.9 lladdr zz dev veth0')).toEqual({
      status: 1,
      output: '"zz" is invalid lladdr.\n',
    });
    expect(l.run(l.root, 'ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09')).toEqual({
      status: 255,
      output: 'Device and destination are required arguments.\n',
    });
    expect(out('ip neigh del 10.0.0.7 dev veth0; ip neigh show')).toBe('');
  });

  it('uses a static entry without ARP', () => {
    const l = pair();
    l.run(l.root, `ip neigh add 10.0.0.2 lladdr ${formatMac(l.ceth0.mac)} dev veth0`);
    expect(l.run(l.root, 'ping -c1 -W1 10.0.0.2').status).toBe(0);
    // veth0 sent the echo request and answered red's ARP request; it never asked itself.
    expect(l.veth0.stats.txPackets).toBe(2);
    expect(neighOf(l.root, '10.0.0.2')!.state).toBe('PERMANENT');
    expect(neighOf(l.red, '10.0.0.1')!.state).toBe('REACHABLE');
    expect(netRuntime(l.world, l.world.mainHost).stack.root).toBe(l.root);
  });
});
