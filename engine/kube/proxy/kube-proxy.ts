// The kube-proxy DaemonSet of a kind cluster, one per node: it watches Services and
// EndpointSlices and, on each (full) sync, ensures its chains and jump rules with `iptables`
// and loads the syncProxyRules payload with `iptables-restore --noflush --counters` into the
// node's root network namespace. kind's KubeProxyConfiguration (kind v0.27
// pkg/cluster/internal/kubeadm/config.go) sets mode iptables and iptables.minSyncPeriod 1s;
// kubeadm passes clusterCIDR = podSubnet 10.244.0.0/16 (detect-local-mode ClusterCIDR),
// masqueradeBit 14, localhostNodePorts true, nodePortAddresses unset.
import type { CommandContext } from '../../commands/types.ts';
import type { Host } from '../../host.ts';
import { iptables } from '../../netfilter/cli/iptables.ts';
import { iptablesRestore } from '../../netfilter/cli/restore.ts';
import { iptablesSave } from '../../netfilter/cli/save.ts';
import { BufferOutput, Input } from '../../shell/io.ts';
import type { World } from '../../world.ts';
import type { Cluster } from '../cluster.ts';
import { JUMP_RULES, type ProxierConfig, syncProxyRules } from './iptables-proxier.ts';

export interface ProxyNode {
  name: string;
  ip: string;
  host: Host;
}

export const KIND_CLUSTER_CIDR = '10.244.0.0/16';

/** kube-proxy's settings on a kind node (see the header). */
export function kindProxierConfig(node: { name: string; ip: string }): ProxierConfig {
  return {
    nodeName: node.name,
    nodeIP: node.ip,
    clusterCIDR: KIND_CLUSTER_CIDR,
    masqueradeMark: '0x4000',
    masqueradeAll: false,
    localhostNodePorts: true,
    // iptables 1.8.9 has --random-fully
    randomFully: true,
    // The simulated netfilter has no nfacct match: as when nfacct.Ensure fails, the rules go without it.
    nfacctInvalidDropped: false,
    nfacctLocalhostNodePorts: false,
    conntrackTCPLiberal: false,
  };
}

interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export class KubeProxy {
  readonly node: ProxyNode;
  readonly config: ProxierConfig;
  /** The last payload given to iptables-restore, and its error output when it failed. */
  lastPayload = '';
  lastError = '';
  private readonly world: World;
  private readonly cluster: Cluster;

  constructor(cluster: Cluster, world: World, node: ProxyNode) {
    this.cluster = cluster;
    this.world = world;
    this.node = node;
    this.config = kindProxierConfig(node);
    // utiliptables Monitor: the canary chain in mangle, nat and filter
    for (const table of ['mangle', 'nat', 'filter'])
      this.run(['iptables', '-w', '-t', table, '-N', 'KUBE-PROXY-CANARY']);
  }

  /** A full sync: EnsureChain/EnsureRule(Prepend) for every jump, then the restore. */
  sync(): boolean {
    for (const j of JUMP_RULES) {
      this.run(['iptables', '-w', '-t', j.table, '-N', j.chain]);
      if (this.run(['iptables', '-w', '-t', j.table, '-C', j.src, ...j.args]).status !== 0)
        this.run(['iptables', '-w', '-t', j.table, '-I', j.src, ...j.args]);
    }
    const saved = this.run(['iptables-save', '-t', 'nat']).stdout;
    const existing = [...saved.matchAll(/^:(\S+)/gm)].map((m) => m[1]);
    const services = this.cluster.store.list(this.cluster.type('services'));
    const slices = this.cluster.store.list(this.cluster.type('endpointslices'));
    this.lastPayload = syncProxyRules(services, slices, this.config, existing);
    const r = this.run(
      ['iptables-restore', '-w', '5', '-W', '100000', '--noflush', '--counters'],
      this.lastPayload,
    );
    this.lastError = r.status === 0 ? '' : r.stderr;
    return r.status === 0;
  }

  private run(argv: string[], stdin = ''): RunResult {
    const stdout = new BufferOutput();
    const stderr = new BufferOutput();
    const ctx: CommandContext = {
      argv,
      stdin: new Input(stdin),
      stdout,
      stderr,
      env: new Map(),
      proc: { host: this.node.host, netns: null, cwd: '/', pid: 1 },
      world: this.world,
      exec: () => 127,
      which: () => null,
      runScript: () => 127,
    };
    const tool =
      argv[0] === 'iptables-restore'
        ? iptablesRestore
        : argv[0] === 'iptables-save'
          ? iptablesSave
          : iptables;
    const status = tool(ctx);
    return { status, stdout: stdout.text, stderr: stderr.text };
  }
}

/** Starts kube-proxy on every node; a change to a Service or EndpointSlice queues one sync of all of them. */
export function startKubeProxies(cluster: Cluster, world: World, nodes: ProxyNode[]): KubeProxy[] {
  const proxies = nodes.map((n) => new KubeProxy(cluster, world, n));
  cluster.components.set('kube-proxies', proxies);
  const watched = new Set([cluster.type('services'), cluster.type('endpointslices')]);
  let dirty = true;
  cluster.store.watch((event) => {
    if (watched.has(event.resource)) dirty = true;
  });
  cluster.runtime.addQueue(() => {
    if (!dirty) return false;
    dirty = false;
    for (const p of proxies) p.sync();
    return true;
  });
  return proxies;
}
