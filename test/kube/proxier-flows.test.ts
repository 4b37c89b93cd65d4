// The packet-flow tables of Kubernetes' pkg/proxy/iptables/proxier_test.go (runPacketFlowTests),
// played through the engine: syncProxyRules' payload is loaded with the engine's iptables-restore
// into a simulated node, and each flow is a real packet through its netfilter hooks (PREROUTING
// when it comes from outside, OUTPUT when its source is one of the node's own addresses).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../engine/commands/types.ts';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { JUMP_RULES, type ProxierConfig, syncProxyRules } from '../../engine/kube/proxy/iptables-proxier.ts';
import { formatIpv4, parseIpv4 } from '../../engine/net/inet.ts';
import { addAddress, createNamespace, hostNet, linkAdd, setUp } from '../../engine/net/netlink.ts';
import { ipLocalOut, ipRcv } from '../../engine/net/packet/ipv4.ts';
import { RouteError, routeOutput } from '../../engine/net/packet/route.ts';
import { netRuntime } from '../../engine/net/packet/runtime.ts';
import { clonePacket, IPPROTO_TCP, IPPROTO_UDP, type Ipv4Packet } from '../../engine/net/packet/types.ts';
import type { Link, Netns } from '../../engine/net/state.ts';
import { iptables } from '../../engine/netfilter/cli/iptables.ts';
import { iptablesRestore } from '../../engine/netfilter/cli/restore.ts';
import { iptablesSave } from '../../engine/netfilter/cli/save.ts';
import { setTraceListener, type TraceEvent } from '../../engine/netfilter/packet/trace.ts';
import { saveRuleBody } from '../../engine/netfilter/print/rule.ts';
import { BufferOutput, Input } from '../../engine/shell/io.ts';
import { createWorld, type World } from '../../engine/world.ts';

const FLOWS = new URL('./fixtures/proxier/flows/', import.meta.url);

/** packetFlowTest (proxier_test.go); protocol defaults to TCP as runPacketFlowTests does. */
interface FlowTest {
  name: string;
  sourceIP: string;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  destIP: string;
  destPort: number;
  output: string;
  masq?: boolean;
}

interface Sync {
  endpointSlices: KubeObject[];
  flows: FlowTest[];
}

interface FlowCase {
  name: string;
  /** Settings a Go test changes on NewFakeProxier's proxier (masqueradeAll, localDetector, localhostNodePorts). */
  proxier?: Partial<ProxierConfig>;
  services: KubeObject[];
  syncs: Sync[];
}

interface FlowFixture {
  source: string;
  cases: FlowCase[];
  /** TestInternalExternalMasquerade: shared flows, per-case output/masq overrides. */
  overrides?: Record<string, Record<string, { output?: string; masq?: boolean }>>;
}

// proxier_test.go: testNodeIP, testNodeIPAlt, testExternalIP (the IPv4 testNodeIPs).
const NODE_IPS = ['192.168.0.2', '192.168.1.2', '192.168.99.11'];

/**
 * NewFakeProxier: node "test-node" at 192.168.0.2, detect-local by the pod CIDR 10.0.0.0/8,
 * mark 0x4000, localhost nodeports on. The engine has no nfacct match, so the rules go without
 * the nfacct counters (as when nfacct.Ensure fails); that drops the localhost-only nodeport rule,
 * whose packets the plain nodeport rule after it takes to the same chain.
 */
const FAKE_PROXIER: ProxierConfig = {
  nodeName: 'test-node',
  nodeIP: '192.168.0.2',
  clusterCIDR: '10.0.0.0/8',
  masqueradeMark: '0x4000',
  masqueradeAll: false,
  localhostNodePorts: true,
  randomFully: false,
  nfacctInvalidDropped: false,
  nfacctLocalhostNodePorts: false,
  conntrackTCPLiberal: false,
};

/** Packets sent per flow: the statistic match picks endpoints at random, so each flow is tried this often to meet every endpoint the rules can choose. */
const PROBES = 24;

const ip4 = (text: string): number => {
  const n = parseIpv4(text);
  if (n === null) throw new Error(`bad IPv4 ${text}`);
  return n;
};

interface Node {
  world: World;
  ns: Netns;
  eth0: Link;
  ext0: Link;
}

/** A node like NewFakeProxier's: eth0 with the three IPv4 node IPs, a default route out of it, forwarding on. */
function makeNode(seed: string): Node {
  const world = createWorld({ hostname: 'test-node', seed });
  const stack = hostNet(world, world.mainHost);
  const ns = stack.root;
  const outside = createNamespace(world, stack);
  const eth0 = linkAdd(world, { name: 'eth0', kind: 'veth', ns, peer: { name: 'ext0', ns: outside } });
  const ext0 = eth0.peer as Link;
  const addr = (link: Link, local: string) =>
    addAddress(world, link, {
      family: 4,
      local: ip4(local),
      prefix: 24,
      broadcast: null,
      label: null,
      scope: 0,
      secondary: false,
      localRoute: true,
    });
  for (const ip of NODE_IPS) addr(eth0, ip);
  addr(ext0, '192.168.0.1');
  setUp(world, eth0, true);
  setUp(world, ext0, true);
  ns.routes.push({
    family: 4,
    table: 254,
    type: 'unicast',
    dst: 0,
    prefix: 0,
    gateway: ip4('192.168.0.1'),
    dev: eth0.ifindex,
    proto: 'boot',
    scope: 0,
    src: null,
    metric: null,
  });
  ns.sysctl.set('net/ipv4/ip_forward', '1');
  for (const key of ns.sysctl.keys())
    if (/^net\/ipv4\/conf\/.*\/forwarding$/.test(key)) ns.sysctl.set(key, '1');
  return { world, ns, eth0, ext0 };
}

function run(node: Node, argv: string[], stdin = ''): { status: number; stdout: string; stderr: string } {
  const stdout = new BufferOutput();
  const stderr = new BufferOutput();
  const ctx: CommandContext = {
    argv,
    stdin: new Input(stdin),
    stdout,
    stderr,
    env: new Map(),
    proc: { host: node.world.mainHost, netns: null, cwd: '/', pid: 1 },
    world: node.world,
    exec: () => 127,
    which: () => null,
    runScript: () => 127,
  };
  const tool = { 'iptables-restore': iptablesRestore, 'iptables-save': iptablesSave }[argv[0]] ?? iptables;
  return { status: tool(ctx), stdout: stdout.text, stderr: stderr.text };
}

/**
 * A full sync as kube-proxy does it: ensure its jump rules in the built-in chains, list the nat
 * chains (so chains no longer used get deleted), then restore syncProxyRules' payload.
 */
function syncNode(node: Node, c: FlowCase, sync: Sync, config: ProxierConfig): string {
  for (const j of JUMP_RULES) {
    run(node, ['iptables', '-w', '-t', j.table, '-N', j.chain]);
    if (run(node, ['iptables', '-w', '-t', j.table, '-C', j.src, ...j.args]).status !== 0)
      expect(run(node, ['iptables', '-w', '-t', j.table, '-I', j.src, ...j.args]).status).toBe(0);
  }
  const existing = [...run(node, ['iptables-save', '-t', 'nat']).stdout.matchAll(/^:(\S+)/gm)].map(
    (m) => m[1],
  );
  const payload = syncProxyRules(c.services, sync.endpointSlices, config, existing);
  const r = run(node, ['iptables-restore', '-w', '5', '--noflush', '--counters'], payload);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return payload;
}

interface ProbeResult {
  /** "ip:port" the packet was DNATed to, or null. */
  dnat: string | null;
  verdict: 'accept' | 'drop' | 'reject';
  /** KUBE-MARK-MASQ ran for it. */
  marked: boolean;
  /** KUBE-POSTROUTING's MASQUERADE rule matched it (null when it never reached POSTROUTING). */
  masqueraded: boolean | null;
}

function ruleText(e: Extract<TraceEvent, { kind: 'rule' }>): string {
  const rule = e.ns.netfilter?.tables[e.table]?.chains.find((c) => c.name === e.chain)?.rules[e.index - 1];
  return rule ? `-A ${e.chain}${saveRuleBody(rule)}` : '';
}

/** One packet of a flow through the node's hooks, with a fresh source port (so a new connection). */
function probe(node: Node, flow: FlowTest, sport: number): ProbeResult {
  const rt = netRuntime(node.world, node.world.mainHost);
  const udp = flow.protocol === 'UDP';
  const pkt: Ipv4Packet = {
    src: ip4(flow.sourceIP),
    dst: ip4(flow.destIP),
    ttl: 64,
    protocol: udp ? IPPROTO_UDP : IPPROTO_TCP,
    tos: 0,
    df: true,
    mark: 0,
    latencyUs: 0,
    ...(udp
      ? { udp: { srcPort: sport, dstPort: flow.destPort, dataLen: 0 } }
      : { tcp: { srcPort: sport, dstPort: flow.destPort, flags: 'S', seq: 1, ack: 0, dataLen: 0 } }),
  };
  const events: TraceEvent[] = [];
  const texts = new Map<TraceEvent, string>();
  const previous = setTraceListener((e) => {
    // hooks see the packet as it is then: copy it, NAT rewrites it in place later
    const copy: TraceEvent = e.kind === 'hook' ? { ...e, packet: clonePacket(e.packet) } : { ...e };
    if (copy.kind === 'rule' && copy.matched) texts.set(copy, ruleText(copy));
    events.push(copy);
  });
  try {
    // tracePacket's LOCAL addresses: 127.0.0.1 and the node IPs send from the node itself.
    if (flow.sourceIP === '127.0.0.1' || NODE_IPS.includes(flow.sourceIP)) {
      const route = routeOutput(node.ns, pkt.dst, { src: pkt.src });
      if (route instanceof RouteError) throw route;
      ipLocalOut(rt, node.ns, pkt, route);
    } else {
      ipRcv(rt, node.eth0, pkt, 'host', { src: node.ext0.mac, dst: node.eth0.mac });
    }
  } finally {
    setTraceListener(previous);
  }
  let dnat: string | null = null;
  let verdict: ProbeResult['verdict'] = 'accept';
  let marked = false;
  let masqueraded: boolean | null = null;
  let sawDnat = false;
  for (const e of events) {
    if (e.ns !== node.ns) continue;
    if (e.kind === 'nat' && e.manip === 'DST') sawDnat = true;
    else if (e.kind === 'hook' && sawDnat && dnat === null) {
      const port = e.packet.tcp?.dstPort ?? e.packet.udp?.dstPort;
      dnat = `${formatIpv4(e.packet.dst)}:${port}`;
    } else if (e.kind === 'rule' && e.matched && e.chain === 'KUBE-MARK-MASQ') marked = true;
    else if (e.kind === 'chain' && e.chain === 'KUBE-POSTROUTING') masqueraded ??= false;
    else if (
      e.kind === 'rule' &&
      e.matched &&
      e.chain === 'KUBE-POSTROUTING' &&
      texts.get(e)?.includes('-j MASQUERADE')
    )
      masqueraded = true;
    else if (e.kind === 'verdict' && e.verdict !== 'accept') verdict = e.verdict as 'drop' | 'reject';
  }
  if (dnat === null && sawDnat) throw new Error('DNAT seen but no later hook');
  return { dnat, verdict, marked, masqueraded };
}

/** tracePacket's answer for a flow: every DNAT destination the rules can pick (in rule order), or the filter verdict, and whether it is masqueraded. */
function traceFlow(
  node: Node,
  flow: FlowTest,
  payload: string,
  firstPort: number,
): { output: string; masq: boolean } {
  const dests = new Set<string>();
  const verdicts = new Set<string>();
  let masq = false;
  for (let i = 0; i < PROBES; i++) {
    const r = probe(node, flow, firstPort + i);
    if (r.dnat) dests.add(r.dnat);
    if (r.verdict !== 'accept') verdicts.add(r.verdict.toUpperCase());
    // KUBE-POSTROUTING turns the mark into MASQUERADE whenever the packet gets there.
    if (r.masqueraded !== null)
      expect(r.masqueraded, `${flow.name}: MASQUERADE follows the mark`).toBe(r.marked);
    masq ||= r.marked;
  }
  // The SVC chains list endpoints in the order their KUBE-SEP DNAT rules are written.
  const order = (d: string) => payload.indexOf(`--to-destination ${d}\n`);
  const output = [...[...dests].sort((a, b) => order(a) - order(b)), ...verdicts].join(', ');
  return { output, masq };
}

function loadFixtures(): Array<{ file: string; fixture: FlowFixture }> {
  return readdirSync(FLOWS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      fixture: JSON.parse(readFileSync(new URL(file, FLOWS), 'utf8')) as FlowFixture,
    }));
}

let port = 20000;

for (const { file, fixture } of loadFixtures()) {
  describe(`${file.replace(/\.json$/, '')} (${fixture.source})`, () => {
    for (const c of fixture.cases) {
      describe(c.name, () => {
        const config = { ...FAKE_PROXIER, ...c.proxier };
        // One node per case; each sync restores onto it, as kube-proxy re-syncs after the
        // Go test's OnEndpointSliceDelete.
        const state = { node: null as Node | null, synced: -1, payload: '' };
        c.syncs.forEach((sync, i) => {
          for (const base of sync.flows) {
            const flow = { ...base, ...fixture.overrides?.[c.name]?.[base.name] };
            const load = () => {
              state.node ??= makeNode(`${file}/${c.name}`);
              if (state.synced !== i) {
                state.payload = syncNode(state.node, c, sync, config);
                state.synced = i;
              }
              return { node: state.node, payload: state.payload };
            };
            if (flow.protocol === 'SCTP') {
              // The engine's packet pipeline has no SCTP (no header to carry ports), so an SCTP
              // flow is not probed: what is checked is that the rule it would take is loaded.
              it(`sync ${i + 1}: ${flow.name} (its rule is loaded)`, () => {
                const { payload } = load();
                const rules = payload.split('\n').filter((l) => l.includes('-p sctp'));
                expect(rules.some((l) => l.includes(`-d ${flow.destIP} --dport ${flow.destPort}`))).toBe(
                  true,
                );
                const dnat = rules.flatMap((l) => /--to-destination (\S+)/.exec(l)?.[1] ?? []);
                expect(dnat.join(', ')).toBe(flow.output);
              });
              continue;
            }
            it(`sync ${i + 1}: ${flow.name}`, () => {
              const { node, payload } = load();
              port += PROBES;
              const got = traceFlow(node, flow, payload, port);
              expect(got).toEqual({ output: flow.output, masq: flow.masq ?? false });
            });
          }
        });
      });
    }
  });
}
