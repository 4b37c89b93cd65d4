// kube-proxy at scale: 10,000 ClusterIP Services with 10 endpoints each on a 3-node cluster.
// Times the iptables proxier's payload generation (syncProxyRules), loading that payload with
// the engine's iptables-restore and listing it with iptables-save -t nat, the same two steps
// with the real iptables 1.8.9 in a private network namespace (root only), and one curl to a
// ClusterIP through those rules in the engine.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorld, runScript, type World } from '../engine/index.ts';
import type { KubeObject } from '../engine/kube/api/types.ts';
import { JUMP_RULES, syncProxyRules } from '../engine/kube/proxy/iptables-proxier.ts';
import { kindProxierConfig } from '../engine/kube/proxy/kube-proxy.ts';
import { hostNet } from '../engine/net/netlink.ts';
import { fixedHttpHandler } from '../engine/net/server/handlers.ts';
import { listenTcp } from '../engine/net/server/listen.ts';

const SERVICES = 10_000;
const ENDPOINTS_PER_SERVICE = 10;
const NODES = ['kind-control-plane', 'kind-worker', 'kind-worker2'];
/** Backend pods per node (a /24 pod CIDR holds 254); services share them, as selectors may. */
const PODS_PER_NODE = 250;
/** What kube-proxy runs on a full sync (pkg/proxy/iptables/proxier.go → utiliptables RestoreAll). */
const KUBE_PROXY_RESTORE = 'iptables-restore -w 5 -W 100000 --noflush --counters';
/**
 * The command compared with the real tool. Into a fresh namespace it loads the same rules as
 * kube-proxy's (nothing to flush), but the real nf_tables iptables-restore 1.8.9 is far slower
 * with --noflush (measured on the bench machine: 7.3 s instead of 0.87 s for 32,000 rules,
 * and still running after 16 minutes for these 320,000), which would keep this benchmark
 * running for a very long time.
 */
const RESTORE = 'iptables-restore';
const LIMITS = { steps: 100_000_000, outputChars: 256 * 1024 * 1024 };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}

function clusterIP(s: number): string {
  const n = s + 16; // past 10.96.0.1 (kubernetes) and 10.96.0.10 (kube-dns)
  return `10.96.${n >> 8}.${n & 255}`;
}

function backendPod(i: number): { ip: string; node: string } {
  const k = i % (NODES.length * PODS_PER_NODE);
  const node = Math.floor(k / PODS_PER_NODE);
  return { ip: `10.244.${node}.${2 + (k % PODS_PER_NODE)}`, node: NODES[node] };
}

/** Services svc-0… with one TCP port "http" 80 → 8080, and one EndpointSlice each of ready endpoints. */
export function buildServices(
  services: number,
  endpoints: number,
): { services: KubeObject[]; slices: KubeObject[] } {
  const svcs: KubeObject[] = [];
  const slices: KubeObject[] = [];
  for (let s = 0; s < services; s++) {
    const name = `svc-${s}`;
    const ip = clusterIP(s);
    svcs.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'default' },
      spec: {
        type: 'ClusterIP',
        clusterIP: ip,
        clusterIPs: [ip],
        ipFamilies: ['IPv4'],
        ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080 }],
        sessionAffinity: 'None',
        internalTrafficPolicy: 'Cluster',
      },
    });
    const eps = [];
    for (let e = 0; e < endpoints; e++) {
      const pod = backendPod(s * endpoints + e);
      eps.push({
        addresses: [pod.ip],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: pod.node,
      });
    }
    slices.push({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: `${name}-${s.toString(36).padStart(5, 'x')}`,
        namespace: 'default',
        labels: { 'kubernetes.io/service-name': name },
      },
      addressType: 'IPv4',
      ports: [{ name: 'http', protocol: 'TCP', port: 8080 }],
      endpoints: eps,
    });
  }
  return { services: svcs, slices };
}

function countRules(text: string, table: string): number {
  const start = text.indexOf(`*${table}\n`);
  const end = text.indexOf('COMMIT\n', start);
  let n = 0;
  for (let i = text.indexOf('\n-A ', start); i !== -1 && i < end; i = text.indexOf('\n-A ', i + 1)) n++;
  return n;
}

interface RealFigures {
  restore: number[];
  save: number[];
  jumps: number[];
  savedRules: number;
}

/** kube-proxy's EnsureRule(Prepend) of each jump into a built-in chain, as shell lines. */
const JUMP_COMMANDS = JUMP_RULES.map(
  (j) =>
    `iptables -w -t ${j.table} -I ${j.src} ${j.args.map((a) => (a.includes(' ') ? `"${a}"` : a)).join(' ')}`,
);

/** The real iptables-restore/-save in a fresh network namespace per run; null when not root. */
function realRestoreSave(file: string, runs: number): RealFigures | string | null {
  if (process.getuid?.() !== 0) return null;
  const script = `
    t0=$(date +%s%N); ${RESTORE} < "$1" || exit 99; t1=$(date +%s%N)
    iptables-save -t nat > "$1.saved" || exit 98; t2=$(date +%s%N)
    ${JUMP_COMMANDS.join(' && ')} || exit 97; t3=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 )) $(( (t2 - t1) / 1000 )) $(( (t3 - t2) / 1000 )) $(grep -c '^-A' "$1.saved")`;
  const out: RealFigures = { restore: [], save: [], jumps: [], savedRules: 0 };
  for (let i = 0; i < runs; i++) {
    const r = spawnSync('unshare', ['--net', 'bash', '-c', script, 'bench', file], { encoding: 'utf8' });
    if (r.status !== 0) return `status ${r.status}: ${r.stderr.trim().split('\n')[0] ?? ''}`;
    const [restore, save, jumps, rules] = r.stdout.trim().split(' ').map(Number);
    out.restore.push(restore / 1000);
    out.save.push(save / 1000);
    out.jumps.push(jumps / 1000);
    out.savedRules = rules;
  }
  return out;
}

/** A fresh engine host with the payload in /root/kube.rules. */
function engineHost(payload: string): World {
  const world = createWorld({ limits: LIMITS });
  world.mainHost.fs.writeFile('/root/kube.rules', payload);
  return world;
}

/**
 * The node (root namespace) carries kube-proxy's rules and jumps; a pod namespace holds the
 * target service's ten endpoint addresses and listens on 8080; curl runs on the node, so the
 * SYN takes nat OUTPUT → KUBE-SERVICES → KUBE-SVC → KUBE-SEP (DNAT) and is re-routed to the pod.
 */
function setUpCurl(world: World, endpointIPs: string[]): string | null {
  const setup = [
    'ip link set lo up',
    'ip netns add pod',
    'ip link add veth-pod type veth peer name eth0 netns pod',
    'ip addr add 10.0.0.1/24 dev veth-pod',
    'ip link set veth-pod up',
    'ip route add default via 10.0.0.2',
    'ip -n pod link set lo up',
    'ip -n pod addr add 10.0.0.2/24 dev eth0',
    ...endpointIPs.map((ip) => `ip -n pod addr add ${ip}/32 dev eth0`),
    'ip -n pod link set eth0 up',
    'ip -n pod route add default via 10.0.0.1',
  ];
  const r = runScript(world, setup.join('\n'));
  if (r.status !== 0) return r.output.slice(0, 300);
  const pod = hostNet(world, world.mainHost).named.find((n) => n.name === 'pod')?.ns;
  if (!pod) return 'no pod namespace';
  listenTcp(
    world,
    world.mainHost,
    pod,
    8080,
    fixedHttpHandler(() => 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n'),
  );
  return null;
}

/** Figures line up after a label padded like the rest of the bench output. */
const line = (label: string, figure: string) => console.log(`${`${label}:`.padEnd(44)} ${figure}`);

const fmtMs = (ms: number) => (ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`);

export async function benchKubeProxy(serviceCount = SERVICES): Promise<void> {
  console.log(
    `\nkube-proxy (iptables mode), ${serviceCount.toLocaleString('en')} ClusterIP services × ${ENDPOINTS_PER_SERVICE} endpoints, ${NODES.length} nodes`,
  );
  const { services, slices } = buildServices(serviceCount, ENDPOINTS_PER_SERVICE);
  const config = kindProxierConfig({ name: 'kind-worker', ip: '172.18.0.3' });

  const syncs: number[] = [];
  let payload = '';
  for (let i = 0; i < 3; i++) {
    const r = timed(() => syncProxyRules(services, slices, config));
    syncs.push(r.ms);
    payload = r.value;
  }
  const natRules = countRules(payload, 'nat');
  line(
    'syncProxyRules (payload generation)',
    `${fmtMs(median(syncs))} (${natRules.toLocaleString('en')} nat rules, ${(payload.length / 1e6).toFixed(1)} MB)`,
  );

  // kube-proxy's own command once (this world then serves iptables-save and curl), the plain
  // one twice for the comparison with the real tool.
  const world = engineHost(payload);
  const kubeProxyLoad = timed(() => runScript(world, `${KUBE_PROXY_RESTORE} < /root/kube.rules`));
  const restores: number[] = [];
  let restoreStatus = kubeProxyLoad.value.status;
  for (let i = 0; i < 2; i++) {
    const w = engineHost(payload);
    const r = timed(() => runScript(w, `${RESTORE} < /root/kube.rules`));
    restores.push(r.ms);
    restoreStatus ||= r.value.status;
  }
  if (restoreStatus !== 0)
    console.log(`  engine restore failed: ${kubeProxyLoad.value.output.slice(0, 300)}`);
  const saves: number[] = [];
  let savedRules = 0;
  for (let i = 0; i < 3; i++) {
    const r = timed(() => runScript(world, 'iptables-save -t nat > /root/saved.rules'));
    saves.push(r.ms);
    savedRules = countRules(world.mainHost.fs.readFile('/root/saved.rules'), 'nat');
  }
  // kube-proxy ensures its jumps with one iptables command each on every full sync.
  const jumps = timed(() => runScript(world, JUMP_COMMANDS.join('\n')));
  const engineRestore = median(restores);
  const engineSave = median(saves);
  line(
    'restore as kube-proxy (--noflush), engine',
    `${fmtMs(kubeProxyLoad.ms)} (${KUBE_PROXY_RESTORE}; status ${restoreStatus})`,
  );
  line(
    'iptables-restore, engine',
    `${fmtMs(engineRestore)} (runs ${restores.map((m) => m.toFixed(0)).join(', ')} ms)`,
  );
  line(
    'iptables-save -t nat, engine',
    `${fmtMs(engineSave)} (${savedRules.toLocaleString('en')} rules listed)`,
  );
  line(
    `${JUMP_COMMANDS.length} jump rules (iptables -I each), engine`,
    `${fmtMs(jumps.ms)} (status ${jumps.value.status})`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'labbook-kube-proxy-'));
  const file = join(dir, 'kube.rules');
  writeFileSync(file, payload);
  const real = realRestoreSave(file, 2);
  if (real === null) line('iptables-restore/-save, real', 'skipped (needs root)');
  else if (typeof real === 'string') line('iptables-restore/-save, real', `failed (${real})`);
  else {
    const restore = median(real.restore);
    const save = median(real.save);
    line(
      'iptables-restore, real (nf_tables, netns)',
      `${fmtMs(restore)} (runs ${real.restore.map((m) => m.toFixed(0)).join(', ')} ms) → engine/real ${(engineRestore / restore).toFixed(2)}`,
    );
    line(
      'iptables-save -t nat, real',
      `${fmtMs(save)} (${real.savedRules.toLocaleString('en')} rules listed) → engine/real ${(engineSave / save).toFixed(2)}`,
    );
    const realJumps = median(real.jumps);
    line(
      `${JUMP_COMMANDS.length} jump rules (iptables -I each), real`,
      `${fmtMs(realJumps)} → engine/real ${(jumps.ms / realJumps).toFixed(2)}`,
    );
  }

  // The last service in KUBE-SERVICES (ports are written in name order): the SYN is matched
  // against every other service's rule first.
  const last = services.reduce((a, b) => (`${a.metadata.name}` > `${b.metadata.name}` ? a : b));
  const index = services.indexOf(last);
  const endpointIPs = Array.from(
    { length: ENDPOINTS_PER_SERVICE },
    (_, e) => backendPod(index * ENDPOINTS_PER_SERVICE + e).ip,
  );
  const failed = setUpCurl(world, endpointIPs);
  if (failed) {
    line('curl to a ClusterIP, engine', `set-up failed: ${failed}`);
    return;
  }
  const url = `http://${clusterIP(index)}/`;
  const curls: number[] = [];
  let body = '';
  let status = 0;
  for (let i = 0; i < 5; i++) {
    const r = timed(() => runScript(world, `curl -sS -m 5 ${url}`));
    curls.push(r.ms);
    body = r.value.output.trim();
    status ||= r.value.status;
  }
  line(
    `one curl to ${url}, engine`,
    `${fmtMs(median(curls))} (${last.metadata.name}, the last KUBE-SERVICES rule; exit ${status}, body "${body.slice(0, 40)}")`,
  );
}
