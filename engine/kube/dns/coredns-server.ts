// CoreDNS running in its pods: when the kubelet starts a container of the coredns image, a DNS
// server binds 0.0.0.0:53/UDP in the pod's network namespace (the Corefile's `.:53` server
// block) and answers from the kubernetes plugin, forwarding the rest; it goes when the pod does.
// Queries reach it through kube-proxy's DNAT of the kube-dns Service (10.96.0.10:53).

import { listenUdp, type UdpListener } from '../../net/server/udp.ts';
import type { Netns } from '../../net/state.ts';
import type { Cluster } from '../cluster.ts';
import { podNetworkHosts } from '../kubelet/pod-network.ts';
import { forwardFailure, inClusterZone, KubernetesZone } from './kubernetes-plugin.ts';
import { DNS_PORT, isQuery, responseLength } from './message.ts';

/** Whether an image reference is CoreDNS (registry.k8s.io/coredns/coredns:vX, coredns/coredns). */
export function isCoreDnsImage(image: string | undefined): boolean {
  const repo = (image ?? '').replace(/[:@].*$/, '');
  return /(^|\/)coredns$/.test(repo);
}

const servers = new WeakMap<Cluster, Map<string, UdpListener>>();

function running(cluster: Cluster): Map<string, UdpListener> {
  let map = servers.get(cluster);
  if (!map) {
    map = new Map();
    servers.set(cluster, map);
  }
  return map;
}

/**
 * Starts CoreDNS's UDP server for pod `podUid` on `nodeName`, listening in the pod's namespace
 * `ns`. A restarted container replaces the server its previous instance left.
 */
export function startCoreDns(cluster: Cluster, nodeName: string, podUid: string, ns: Netns): void {
  const hosts = podNetworkHosts(cluster);
  const host = hosts?.hostOf(nodeName);
  if (!hosts || !host) return;
  stopCoreDns(cluster, podUid);
  const zone = new KubernetesZone(cluster);
  const listener = listenUdp(hosts.world, host, ns, DNS_PORT, (dgram, reply) => {
    if (!isQuery(dgram.payload)) return;
    const q = dgram.payload;
    const answer = inClusterZone(q.name) ? zone.answer(q) : forwardFailure(q);
    reply(answer, responseLength(answer));
  });
  running(cluster).set(podUid, listener);
}

/** The pod's CoreDNS process ends (container killed, pod gone). */
export function stopCoreDns(cluster: Cluster, podUid: string): void {
  const map = running(cluster);
  map.get(podUid)?.close();
  map.delete(podUid);
}
