// Ports published from outside a pod's namespace: kind's extraPortMappings (docker publishes a
// host port of the docker host to the node container) and a container's hostPort (kindnet's
// CNI config chains the portmap plugin, images/kindnetd/cmd/kindnetd/cni.go). Both are
// modelled as relays that listen on the outer port and connect to the inner address: docker's
// userland docker-proxy really is one (it serves localhost, which docker's DOCKER nat chain
// leaves out with `! -d 127.0.0.0/8`); portmap's DNAT rules (CNI-HOSTPORT-DNAT, CNI-DN-*) are
// not written into the node's nat table, so iptables-save on a node does not show them.
import type { Host } from '../../host.ts';
import { parseIpv4 } from '../../net/inet.ts';
import { hostNet } from '../../net/netlink.ts';
import { listenTcp, type TcpListener } from '../../net/server/listen.ts';
import type { World } from '../../world.ts';
import type { KubeObject } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { podNetworkHosts } from '../kubelet/pod-network.ts';
import { relayHandler } from './relay.ts';

/** One entry of a kind node's extraPortMappings (pkg/apis/config/v1alpha4 PortMapping). */
export interface PortMapping {
  containerPort: number;
  hostPort: number;
  /** kind's generatePortMappings defaults it to 0.0.0.0 for IPv4 clusters. */
  listenAddress?: string;
  /** TCP (the default), UDP or SCTP; only TCP is relayed. */
  protocol?: string;
}

/**
 * `docker run -p LISTEN:HOSTPORT:CONTAINERPORT` of a node: docker-proxy listens on the docker
 * host and connects to the node's address from the docker host itself (moby cmd/docker-proxy
 * tcp_proxy.go: net.DialTCP("tcp", nil, backendAddr), no local address, so the source is the
 * route's: the kind network's gateway 172.18.0.1). Returns the listeners (closed when the node goes).
 */
export function publishPortMappings(
  world: World,
  node: { host: Host; ip: string },
  mappings: PortMapping[],
): TcpListener[] {
  const root = hostNet(world, world.mainHost).root;
  const addr = parseIpv4(node.ip);
  const listeners: TcpListener[] = [];
  if (addr === null) return listeners;
  for (const m of mappings) {
    if ((m.protocol ?? 'TCP').toUpperCase() !== 'TCP') continue;
    const handler = relayHandler(() => ({
      world,
      host: world.mainHost,
      ns: root,
      addr,
      port: m.containerPort,
    }));
    try {
      listeners.push(listenTcp(world, world.mainHost, root, m.hostPort, handler));
    } catch {
      // the port is taken on the docker host
    }
  }
  return listeners;
}

interface HostPortBinding {
  listeners: TcpListener[];
  key: string;
}

/** The hostPort/containerPort pairs of a pod's containers (TCP only). */
function hostPortsOf(pod: KubeObject): Array<{ hostPort: number; containerPort: number }> {
  const out: Array<{ hostPort: number; containerPort: number }> = [];
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? [])
      if (p.hostPort && (p.protocol ?? 'TCP') === 'TCP')
        out.push({ hostPort: p.hostPort, containerPort: p.containerPort });
  return out;
}

/**
 * portmap on every node: while a pod with hostPorts runs with an address, connections to the
 * node's hostPort reach the pod's containerPort.
 */
export function startHostPorts(cluster: Cluster): void {
  const podType = cluster.type('pods');
  const bindings = new Map<string, HostPortBinding>();
  const unbind = (uid: string) => {
    for (const l of bindings.get(uid)?.listeners ?? []) l.close();
    bindings.delete(uid);
  };
  cluster.store.watch((event) => {
    if (event.resource !== podType) return;
    const pod = event.object;
    const uid = pod.metadata.uid ?? '';
    const ports = hostPortsOf(pod);
    const ip = pod.status?.podIP;
    const node = pod.spec?.nodeName;
    const live =
      event.type !== 'DELETED' && pod.status?.phase === 'Running' && ip && node && ports.length > 0;
    if (!live) {
      unbind(uid);
      return;
    }
    const key = `${node}/${ip}/${JSON.stringify(ports)}`;
    if (bindings.get(uid)?.key === key) return;
    unbind(uid);
    const hosts = podNetworkHosts(cluster);
    const host = hosts?.hostOf(node);
    const addr = parseIpv4(ip);
    if (!hosts || !host || addr === null) return;
    const root = hostNet(hosts.world, host).root;
    const listeners: TcpListener[] = [];
    for (const p of ports) {
      const handler = relayHandler(() => ({
        world: hosts.world,
        host,
        ns: root,
        addr,
        port: p.containerPort,
      }));
      try {
        listeners.push(listenTcp(hosts.world, host, root, p.hostPort, handler));
      } catch {
        // taken on the node
      }
    }
    bindings.set(uid, { listeners, key });
  });
}
