// The docker network `kind` that connects a kind cluster's node containers: a bridge
// br-<network id> on the docker host with the gateway address, one veth per node whose other
// end is the node's eth0 (in the node host's own network stack) with its address and default
// route, and kindnetd's routes to every other node's pod CIDR via that node's address.
import type { Host } from '../../host.ts';
import { broadcastOf, parseIpv4 } from '../../net/inet.ts';
import { addAddress, hostNet, linkAdd, linkDel, setMaster, setUp } from '../../net/netlink.ts';
import {
  type Ipv4Addr,
  linkByName,
  type Netns,
  netStack,
  type Route,
  RT_TABLE_MAIN,
  SCOPE,
} from '../../net/state.ts';
import { writeSysctl } from '../../net/sysctl.ts';
import type { World } from '../../world.ts';

/**
 * The IPv4 side of `docker network create kind`: kind (pkg/cluster/internal/providers/docker/
 * network.go createNetwork) passes no IPv4 subnet, so docker's default address pools hand out
 * the first free /16 after docker0's 172.17.0.0/16, gateway .1, containers from .2.
 * The IPv6 ULA subnet kind adds (generateULASubnetFromName, fc00:f853:ccd:e793::/64 for
 * "kind") is not modelled: nodes have IPv4 addresses only.
 */
export const KIND_SUBNET = { network: '172.18.0.0', prefix: 16, gateway: '172.18.0.1' } as const;

export interface KindNetwork {
  /** The docker host the bridge lives on. */
  host: Host;
  /** docker's 64-hex network id; the bridge is br-<first 12>. */
  id: string;
  bridge: string;
}

const NETWORK_KEY = 'kind-network';
/** Namespace ids (Netns.uid) of each node host start here, apart from every other host's. */
const NODE_UID_STRIDE = 1_000_000;

interface NetworkState {
  network: KindNetwork | null;
  nodeHosts: number;
}

function networkState(world: World): NetworkState {
  let state = world.subsystems.get(NETWORK_KEY) as NetworkState | undefined;
  if (!state) {
    state = { network: null, nodeHosts: 0 };
    world.subsystems.set(NETWORK_KEY, state);
  }
  return state;
}

function hex(world: World, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += world.random.int(16).toString(16);
  return s;
}

/** An IPv4 address as `ip addr add A/P` sets it (broadcast derived as vishvananda/netlink does). */
export function ipv4Addr(address: string, prefix: number): Ipv4Addr {
  const local = parseIpv4(address) as number;
  return {
    family: 4,
    local,
    prefix,
    broadcast: prefix < 31 ? broadcastOf(local, prefix) : null,
    label: null,
    scope: SCOPE.global,
    secondary: false,
    localRoute: true,
  };
}

/** A unicast route in the main table added over netlink (vishvananda/netlink: proto boot). */
export function bootRoute(
  dst: string,
  prefix: number,
  dev: number,
  extra: { gateway?: string; scope?: number; src?: string } = {},
): Route {
  return {
    family: 4,
    table: RT_TABLE_MAIN,
    type: 'unicast',
    dst: parseIpv4(dst) as number,
    prefix,
    gateway: extra.gateway ? (parseIpv4(extra.gateway) as number) : null,
    dev,
    proto: 'boot',
    scope: extra.scope ?? SCOPE.global,
    src: extra.src ? (parseIpv4(extra.src) as number) : null,
    metric: null,
  };
}

/**
 * The `kind` network, created on first use as `docker network create` does: the bridge comes
 * up with the gateway address, and the docker daemon has turned IPv4 forwarding on.
 */
export function ensureKindNetwork(world: World, dockerHost: Host): KindNetwork {
  const state = networkState(world);
  if (state.network && state.network.host === dockerHost) return state.network;
  const root = hostNet(world, dockerHost).root;
  const id = hex(world, 64);
  const bridge = `br-${id.slice(0, 12)}`;
  const link = linkAdd(world, { name: bridge, kind: 'bridge', ns: root });
  addAddress(world, link, ipv4Addr(KIND_SUBNET.gateway, KIND_SUBNET.prefix));
  setUp(world, link, true);
  writeSysctl(root, 'net/ipv4/ip_forward', '1');
  state.network = { host: dockerHost, id, bridge };
  return state.network;
}

/**
 * A node host's network stack, created with namespace ids of its own range: veth pairs span
 * the docker host and node hosts, and each namespace records its peers' ids by Netns.uid.
 */
export function nodeNetRoot(world: World, host: Host): Netns {
  const stack = netStack(host);
  if (!stack.root) stack.nextUid = ++networkState(world).nodeHosts * NODE_UID_STRIDE;
  return hostNet(world, host).root;
}

/**
 * Connects a node container to the network as docker does: a veth<7 hex> port on the bridge
 * (libnetwork's GenerateIfaceName("veth", 7)) whose peer is the node's eth0 with its address
 * and a default route via the gateway. IPv4 forwarding is on in the node, as it inherits the
 * docker host's devconf (net.core.devconf_inherit_init_net=0 keeps IPv4 settings).
 */
export function connectNode(world: World, network: KindNetwork, node: Host, ip: string): void {
  const dockerRoot = hostNet(world, network.host).root;
  const nodeRoot = nodeNetRoot(world, node);
  const bridge = linkByName(dockerRoot, network.bridge);
  if (!bridge) return;
  let port = `veth${hex(world, 7)}`;
  while (linkByName(dockerRoot, port)) port = `veth${hex(world, 7)}`;
  const veth = linkAdd(world, {
    name: port,
    kind: 'veth',
    ns: dockerRoot,
    peer: { name: 'eth0', ns: nodeRoot },
  });
  setMaster(world, veth, bridge);
  setUp(world, veth, true);
  const eth0 = veth.peer;
  if (!eth0) return;
  writeSysctl(nodeRoot, 'net/ipv4/ip_forward', '1');
  addAddress(world, eth0, ipv4Addr(ip, KIND_SUBNET.prefix));
  setUp(world, eth0, true);
  nodeRoot.routes.push(bootRoute('0.0.0.0', 0, eth0.ifindex, { gateway: KIND_SUBNET.gateway }));
}

/** `docker rm` of a node: its eth0 goes, and with it the bridge port on the docker host. */
export function disconnectNode(world: World, node: Host): void {
  const stack = netStack(node);
  const eth0 = stack.root ? linkByName(stack.root, 'eth0') : null;
  if (eth0) linkDel(world, eth0);
}

/**
 * kindnetd's syncRoute (images/kindnetd/cmd/kindnetd/routes.go): on every node, a route to
 * each other node's pod CIDR via that node's InternalIP, `netlink.Route{Dst, Gw}` (proto boot,
 * scope universe, the device the gateway is reached through).
 */
export function syncPodCIDRRoutes(
  world: World,
  nodes: Array<{ host: Host; ip: string; podCIDR: string }>,
): void {
  for (const node of nodes) {
    const root = nodeNetRoot(world, node.host);
    const eth0 = linkByName(root, 'eth0');
    if (!eth0) continue;
    for (const other of nodes) {
      if (other === node) continue;
      const [dst, prefix] = other.podCIDR.split('/');
      const gateway = parseIpv4(other.ip);
      root.routes = root.routes.filter(
        (r) => !(r.family === 4 && r.dst === parseIpv4(dst) && r.prefix === Number(prefix)),
      );
      if (gateway !== null)
        root.routes.push(bootRoute(dst, Number(prefix), eth0.ifindex, { gateway: other.ip }));
    }
  }
}
