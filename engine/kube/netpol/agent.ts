// kindnetd's NetworkPolicy enforcement on each kind node (kind v0.27.0 images/kindnetd
// cmd/kindnetd/main.go: kube-network-policies with FailOpen, QueueID 101, NetfilterBug1766Fix,
// NFTableName "kindnet-network-policies"). Its nftables table (family inet, so iptables-save
// never shows it) has two base chains in the node's root namespace, as syncNFTablesRules and
// addDNSRacersWorkaroundRules of sigs.k8s.io/kube-network-policies@4320aa92e3f0 write them:
//   postrouting (filter, priority srcnat - 5): udp dport 53 accept; meta skuid 0 accept;
//     ct state established,related accept; ip saddr @podips-v4 queue num 101 bypass;
//     ip daddr @podips-v4 queue num 101 bypass
//   prerouting (filter, priority dstnat + 5): ip saddr/daddr @podips-v4 udp dport 53 queue
// podips-v4 holds this node's pods some policy selects. Both chains run after DNAT, so the agent
// sees the endpoint pod, not a Service's ClusterIP; postrouting runs before SNAT and before
// conntrack confirms the connection, so a dropped SYN leaves no entry and its retransmissions
// are queued and dropped again: the client times out. The userspace verdict is immediate here.

import type { Host } from '../../host.ts';
import { formatIpv4 } from '../../net/inet.ts';
import { hostNet } from '../../net/netlink.ts';
import { ACCEPT, type HookState, registerNetfilter, type Verdict } from '../../net/packet/hooks.ts';
import { IPPROTO_UDP, type Ipv4Packet } from '../../net/packet/types.ts';
import type { Netns } from '../../net/state.ts';
import { ctOf } from '../../netfilter/conntrack/track.ts';
import type { World } from '../../world.ts';
import type { Cluster } from '../cluster.ts';
import { localPolicedIPs, type PacketTuple, type PolicyWorld, packetAllowed } from './evaluate.ts';

export interface PolicyNode {
  name: string;
  host: Host;
}

const DROP: Verdict = { kind: 'drop' };
const DNS_PORT = 53;

/** The kindnetd network policy agent of one node. */
export class NetworkPolicyAgent {
  readonly nodeName: string;
  /** Packets handed to the queue, and how many of them the agent dropped. */
  queued = 0;
  dropped = 0;
  private readonly cluster: Cluster;
  private cached: { revision: number; world: PolicyWorld; local: Set<string> } | null = null;

  constructor(cluster: Cluster, nodeName: string) {
    this.cluster = cluster;
    this.nodeName = nodeName;
  }

  /** The informers' view and the podips-v4 set, as of the API server's current revision. */
  private view(): { world: PolicyWorld; local: Set<string> } {
    const revision = this.cluster.store.resourceVersion;
    if (this.cached?.revision !== revision) {
      const store = this.cluster.store;
      const world: PolicyWorld = {
        policies: store.list(this.cluster.type('networkpolicies')),
        pods: store.list(this.cluster.type('pods')),
        namespaces: store.list(this.cluster.type('namespaces')),
      };
      this.cached = { revision, world, local: localPolicedIPs(world, this.nodeName) };
    }
    return this.cached;
  }

  /** The IPs in the node's podips-v4 set. */
  policedIPs(): Set<string> {
    return this.view().local;
  }

  /** `queue num 101`: the agent parses the packet and accepts or drops it. */
  private queue(pkt: Ipv4Packet): Verdict {
    this.queued++;
    const tuple: PacketTuple = {
      src: formatIpv4(pkt.src),
      dst: formatIpv4(pkt.dst),
      protocol: pkt.tcp ? 'TCP' : pkt.udp ? 'UDP' : '',
      srcPort: pkt.tcp?.srcPort ?? pkt.udp?.srcPort ?? 0,
      dstPort: pkt.tcp?.dstPort ?? pkt.udp?.dstPort ?? 0,
    };
    if (packetAllowed(this.view().world, tuple)) return ACCEPT;
    this.dropped++;
    return DROP;
  }

  private policed(pkt: Ipv4Packet): boolean {
    const set = this.view().local;
    return set.size > 0 && (set.has(formatIpv4(pkt.src)) || set.has(formatIpv4(pkt.dst)));
  }

  /** The postrouting chain. */
  postrouting(pkt: Ipv4Packet): Verdict {
    if (pkt.protocol === IPPROTO_UDP && pkt.udp?.dstPort === DNS_PORT) return ACCEPT;
    // meta skuid 0: the packet's socket belongs to root (a process of the node itself)
    if (pkt.owner?.uid === 0) return ACCEPT;
    const ctinfo = ctOf(pkt)?.ctinfo ?? null;
    if (ctinfo !== null && ctinfo !== 'new') return ACCEPT;
    return this.policed(pkt) ? this.queue(pkt) : ACCEPT;
  }

  /** The prerouting chain (DNS queries, every packet, against the conntrack race of netfilter bug 1766). */
  prerouting(pkt: Ipv4Packet): Verdict {
    if (pkt.protocol !== IPPROTO_UDP || pkt.udp?.dstPort !== DNS_PORT) return ACCEPT;
    return this.policed(pkt) ? this.queue(pkt) : ACCEPT;
  }
}

const agents = new WeakMap<Netns, NetworkPolicyAgent>();
let installed = false;

/**
 * The table's chains in every pipeline: postrouting ahead of netfilter's own tables (its
 * priority 95 comes before nat's SNAT at 100 and the conntrack confirm; only mangle at -150
 * would run earlier), prerouting after them (-95 follows nat's DNAT at -100).
 */
function install(): void {
  if (installed) return;
  installed = true;
  registerNetfilter((pkt: Ipv4Packet, st: HookState) => {
    if (st.hook !== 'POSTROUTING') return ACCEPT;
    return agents.get(st.ns)?.postrouting(pkt) ?? ACCEPT;
  }, -1);
  registerNetfilter((pkt: Ipv4Packet, st: HookState) => {
    if (st.hook !== 'PREROUTING') return ACCEPT;
    return agents.get(st.ns)?.prerouting(pkt) ?? ACCEPT;
  }, 1);
}

/** Starts kindnetd's network policy agent on every node, in the node's root network namespace. */
export function startNetworkPolicies(
  cluster: Cluster,
  world: World,
  nodes: PolicyNode[],
): NetworkPolicyAgent[] {
  install();
  const started = nodes.map((n) => {
    const agent = new NetworkPolicyAgent(cluster, n.name);
    agents.set(hostNet(world, n.host).root, agent);
    return agent;
  });
  cluster.components.set('network-policy-agents', started);
  return started;
}
