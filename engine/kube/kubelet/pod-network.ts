// The pod network of one node as containerd and kindnet's CNI config set it up: a network
// namespace per pod sandbox (/var/run/netns/cni-<uuid>), the ptp plugin's veth pair and
// routes, and host-local IPAM over the node's pod CIDR. Without a node host (a cluster built
// outside kind) only the addresses are handed out.

import { createRandom, type Random } from '../../core/random.ts';
import type { Host } from '../../host.ts';
import {
  addAddress,
  createNamespace,
  deleteNamespace,
  hostNet,
  linkAdd,
  linkDel,
  setUp,
} from '../../net/netlink.ts';
import { linkByName, type Netns, type NetStack, SCOPE } from '../../net/state.ts';
import { writeSysctl } from '../../net/sysctl.ts';
import type { World } from '../../world.ts';
import type { Cluster } from '../cluster.ts';
import { bootRoute, ipv4Addr } from '../kind/network.ts';

/** Where the node hosts of a cluster are (kind registers this when it creates the nodes). */
export interface PodNetworkHosts {
  world: World;
  hostOf(nodeName: string): Host | undefined;
}

/** The network a container's processes run in: a pod's namespace, or the node's own (null). */
export interface ContainerNet {
  stack: NetStack;
  ns: Netns | null;
}

export interface PodSandboxNet {
  ip: string;
  /** The namespace's name under /var/run/netns, null without a node host. */
  netnsName: string | null;
  ns: Netns | null;
  /** The ptp plugin's host end, veth<8 hex>. */
  hostVeth: string | null;
}

const HOSTS_KEY = 'pod-network-hosts';
/** containerd's netns directory (pkg/netns: baseDir /var/run/netns). */
const NETNS_DIR = '/run/netns';
/** host-local with a /24 subnet: the range is .1-.254 and the gateway (.1) is never handed out. */
const RANGE_END = 254;

export function registerPodNetworkHosts(cluster: Cluster, hosts: PodNetworkHosts): void {
  cluster.components.set(HOSTS_KEY, hosts);
}

/** The world and node hosts kind registered, for components that act on nodes' networks. */
export function podNetworkHosts(cluster: Cluster): PodNetworkHosts | undefined {
  return cluster.components.get(HOSTS_KEY) as PodNetworkHosts | undefined;
}

function hex(random: Random, bytes: number): string {
  return random
    .bytes(bytes)
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
}

/** kindnet's CNI (ptp + host-local) on one node. */
export class NodeCni {
  private readonly cluster: Cluster;
  private readonly nodeName: string;
  /** First three octets of the node's /24 pod CIDR. */
  private readonly prefix: string;
  private readonly random: Random;
  private readonly sandboxes = new Map<string, PodSandboxNet>();
  private readonly reserved = new Map<number, string>();
  private lastReserved = 1;

  constructor(cluster: Cluster, nodeName: string, podPrefix: string) {
    this.cluster = cluster;
    this.nodeName = nodeName;
    this.prefix = podPrefix;
    // names of its own: the cluster's random source stays as it was without pod networking
    this.random = createRandom(`cni:${cluster.name}:${nodeName}`);
  }

  private hosts(): PodNetworkHosts | null {
    return (this.cluster.components.get(HOSTS_KEY) as PodNetworkHosts | undefined) ?? null;
  }

  private nodeHost(): { world: World; host: Host } | null {
    const hosts = this.hosts();
    const host = hosts?.hostOf(this.nodeName);
    return hosts && host ? { world: hosts.world, host } : null;
  }

  /**
   * host-local's allocator (plugins/ipam/host-local/backend/allocator): round-robin from the
   * address after the last one reserved, skipping reserved ones and the gateway.
   */
  private allocate(uid: string): string {
    for (let step = 1; step <= RANGE_END; step++) {
      const octet = ((this.lastReserved - 1 + step) % RANGE_END) + 1;
      if (octet === 1 || this.reserved.has(octet)) continue;
      this.reserved.set(octet, uid);
      this.lastReserved = octet;
      return `${this.prefix}.${octet}`;
    }
    // the range is full: host-local fails, the sandbox with it; the pod keeps no address
    return '';
  }

  /** RunPodSandbox: the sandbox's namespace, then CNI ADD (ptp with host-local IPAM). */
  add(uid: string): PodSandboxNet {
    const existing = this.sandboxes.get(uid);
    if (existing) return existing;
    const ip = this.allocate(uid);
    const node = this.nodeHost();
    const sandbox: PodSandboxNet = { ip, netnsName: null, ns: null, hostVeth: null };
    if (node && ip) Object.assign(sandbox, this.setUpNamespace(node.world, node.host, ip));
    this.sandboxes.set(uid, sandbox);
    return sandbox;
  }

  private setUpNamespace(world: World, host: Host, ip: string): Partial<PodSandboxNet> {
    const stack = hostNet(world, host);
    const b = this.random.bytes(16).map((x) => x.toString(16).padStart(2, '0'));
    // containerd pkg/netns newNS(): fmt "cni-%x-%x-%x-%x-%x" of 16 random bytes
    const netnsName = `cni-${b.slice(0, 4).join('')}-${b.slice(4, 6).join('')}-${b.slice(6, 8).join('')}-${b.slice(8, 10).join('')}-${b.slice(10).join('')}`;
    const ns = createNamespace(world, stack);
    stack.named.unshift({ name: netnsName, ns });
    host.fs.mkdir(NETNS_DIR, { parents: true });
    host.fs.writeFile(`${NETNS_DIR}/${netnsName}`, '', { mode: 0o444 });
    // the pod namespace inherits the node's IPv4 devconf (ip_forward on)
    writeSysctl(ns, 'net/ipv4/ip_forward', stack.root.sysctl.get('net/ipv4/ip_forward') ?? '0');
    // containerd runs the loopback plugin for every sandbox
    const lo = ns.links.get(1);
    if (lo) setUp(world, lo, true);
    const gateway = `${this.prefix}.1`;
    // ptp.go EnableForward: net.ipv4.ip_forward=1 in the node
    writeSysctl(stack.root, 'net/ipv4/ip_forward', '1');
    // ptp.go setupContainerVeth -> ip.SetupVeth: created in the pod with the peer in the node,
    // named veth%x of 4 random bytes (ip.RandomVethName); the host end comes up first
    let hostVeth = `veth${hex(this.random, 4)}`;
    while (linkByName(stack.root, hostVeth)) hostVeth = `veth${hex(this.random, 4)}`;
    const eth0 = linkAdd(world, { name: 'eth0', kind: 'veth', ns, peer: { name: hostVeth, ns: stack.root } });
    const host0 = eth0.peer;
    if (!host0) return { ip, netnsName, ns };
    setUp(world, host0, true);
    // ipam.ConfigureIface: link up, the address (IP/24), the IPAM routes (0.0.0.0/0 via gw)
    setUp(world, eth0, true);
    addAddress(world, eth0, ipv4Addr(ip, 24));
    ns.routes.push(bootRoute('0.0.0.0', 0, eth0.ifindex, { gateway }));
    // then ptp deletes the subnet route and routes the subnet via the gateway, the gateway
    // itself on the link: "force all traffic to ARP via the gateway except for GW itself"
    const subnet = `${this.prefix}.0`;
    ns.routes = ns.routes.filter(
      (r) => !(r.proto === 'kernel' && r.table === 254 && r.prefix === 24 && r.dev === eth0.ifindex),
    );
    ns.routes.push(bootRoute(gateway, 32, eth0.ifindex, { scope: SCOPE.link, src: ip }));
    ns.routes.push(bootRoute(subnet, 24, eth0.ifindex, { gateway, src: ip }));
    // setupHostVeth: the gateway as a /32 on the host end, a host-scoped /32 route to the pod
    addAddress(world, host0, ipv4Addr(gateway, 32));
    stack.root.routes.push(bootRoute(ip, 32, host0.ifindex, { scope: SCOPE.host }));
    return { ip, netnsName, ns, hostVeth };
  }

  /** StopPodSandbox/RemovePodSandbox: CNI DEL (eth0 and its host end go) and the namespace. */
  del(uid: string): void {
    const sandbox = this.sandboxes.get(uid);
    if (!sandbox) return;
    this.sandboxes.delete(uid);
    for (const [octet, owner] of this.reserved) if (owner === uid) this.reserved.delete(octet);
    const node = this.nodeHost();
    if (!node || !sandbox.ns || !sandbox.netnsName) return;
    const stack = hostNet(node.world, node.host);
    const eth0 = linkByName(sandbox.ns, 'eth0');
    if (eth0) linkDel(node.world, eth0);
    deleteNamespace(node.world, stack, sandbox.ns);
    try {
      node.host.fs.unlink(`${NETNS_DIR}/${sandbox.netnsName}`);
    } catch {
      // already gone
    }
  }

  /** The network a pod's containers run in: its sandbox's namespace, or the node's for hostNetwork. */
  containerNet(uid: string, hostNetwork: boolean): ContainerNet | undefined {
    const node = this.nodeHost();
    if (!node) return undefined;
    const stack = hostNet(node.world, node.host);
    if (hostNetwork) return { stack, ns: null };
    const ns = this.sandboxes.get(uid)?.ns;
    return ns ? { stack, ns } : undefined;
  }
}
