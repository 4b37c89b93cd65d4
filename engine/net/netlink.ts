// The one entry point that changes network state, as rtnetlink does in the kernel: links,
// addresses, namespaces and their ids. Kernel-owned routes are kept in step by routes.ts.
// Errors carry the text iproute2 prints and its exit status.
import type { World } from '../world.ts';
import { linkLocalFromMac } from './inet.ts';
import { compareMac, isMulticastMac, isZeroMac, type Mac, randomMac } from './mac.ts';
import { syncKernelRoutes } from './routes.ts';
import {
  type Addr,
  type Link,
  type LinkKind,
  linkByName,
  type Netns,
  type NetStack,
  netStack,
  SCOPE,
} from './state.ts';
import { netProcfs } from './sysctl.ts';
import { defaultSysctls, linkSysctls } from './sysctl-defaults.ts';

export class NetlinkError extends Error {
  /** Exit status iproute2 uses for this error (2 for kernel errors, 1 or 255 for its own). */
  readonly status: number;
  constructor(message: string, status = 2) {
    super(message);
    this.status = status;
  }
}

export const rtnl = (message: string) => new NetlinkError(`RTNETLINK answers: ${message}`, 2);
export const extack = (message: string) => new NetlinkError(`Error: ${message}`, 2);

const MAX_MTU: Record<LinkKind, number> = { loopback: 65536, veth: 65535, bridge: 65535, dummy: 65535 };

function newLink(world: World, ns: Netns, name: string, kind: LinkKind, ifindex: number): Link {
  const link: Link = {
    ifindex,
    name,
    kind,
    mtu: kind === 'loopback' ? 65536 : 1500,
    mac: kind === 'loopback' ? [0, 0, 0, 0, 0, 0] : randomMac(world.random),
    macFixed: false,
    adminUp: false,
    qdiscAttached: false,
    peer: null,
    master: null,
    ns,
    addrs: [],
    stats: { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0, rxDropped: 0, txDropped: 0 },
    // drivers/net/veth.c veth_newlink() starts with netif_carrier_off(): one transition.
    carrierChanges: kind === 'veth' ? 1 : 0,
    promiscuity: 0,
    allmulti: 0,
    hadCarrier: false,
    linkLocalMac: null,
    portState: 'disabled',
    hadPorts: false,
    fdb: new Map(),
  };
  ns.links.set(ifindex, link);
  for (const [k, v] of linkSysctls(ns, name)) ns.sysctl.set(k, v);
  return link;
}

/** The network stack of a host, created with its root namespace on first use. */
export function hostNet(world: World, host: World['mainHost']): NetStack {
  const stack = netStack(host);
  if (!stack.root) {
    stack.root = createNamespace(world, stack);
    host.fs.mountProvider('/proc/sys/net', netProcfs(stack));
    const lo = stack.root.links.get(1)!;
    setUp(world, lo, true);
  }
  return stack;
}

export function createNamespace(world: World, stack: NetStack): Netns {
  const ns: Netns = {
    uid: stack.nextUid++,
    links: new Map(),
    nextIfindex: 2,
    nsids: new Map(),
    routes: [],
    neigh: [],
    sysctl: defaultSysctls(!stack.root),
    stack,
  };
  newLink(world, ns, 'lo', 'loopback', 1);
  return ns;
}

/** The nsid `from` uses for `to`, allocating the lowest free one (net/core/net_namespace.c). */
export function ensureNsid(from: Netns, to: Netns): number {
  const existing = from.nsids.get(to.uid);
  if (existing !== undefined) return existing;
  const used = new Set(from.nsids.values());
  let id = 0;
  while (used.has(id)) id++;
  from.nsids.set(to.uid, id);
  return id;
}

/** Called when a veth pair spans two namespaces: each learns an id for the other. */
function linkNamespaces(a: Netns, b: Netns): void {
  if (a === b) return;
  ensureNsid(a, b);
  ensureNsid(b, a);
}

export function hasCarrier(link: Link): boolean {
  if (!link.adminUp) return false;
  if (link.kind === 'veth') return link.peer?.adminUp === true;
  if (link.kind === 'bridge') {
    const ports = bridgePorts(link);
    return ports.length === 0 || ports.some((p) => hasCarrier(p));
  }
  return true;
}

export function bridgePorts(bridge: Link): Link[] {
  return [...bridge.ns.links.values()]
    .filter((l) => l.master === bridge.ifindex)
    .sort((a, b) => a.ifindex - b.ifindex);
}

/** Re-derives carrier-dependent state after any change in a namespace (and veth peers'). */
function refresh(world: World, namespaces: Iterable<Netns>): void {
  for (const ns of new Set(namespaces)) {
    for (const link of ns.links.values()) {
      const carrier = hasCarrier(link);
      if (carrier !== link.hadCarrier) {
        link.carrierChanges++;
        link.hadCarrier = carrier;
        if (carrier) onCarrierUp(world, link);
      }
      if (link.master !== null)
        link.portState = carrier && ns.links.get(link.master)?.adminUp ? 'forwarding' : 'disabled';
    }
    syncKernelRoutes(ns);
  }
}

/** net/ipv6/addrconf.c: a link-local address appears once the link has carrier, tentative for DAD. */
function onCarrierUp(world: World, link: Link): void {
  if (link.kind === 'loopback') return;
  const now = world.clock.now();
  // Addresses added without carrier start DAD now.
  for (const a of link.addrs)
    if (a.family === 6 && a.dadDoneAt === Number.POSITIVE_INFINITY)
      a.dadDoneAt = now + 1000 + world.random.int(1000);
  if (link.ns.sysctl.get(`net/ipv6/conf/${link.name}/disable_ipv6`) === '1' || link.addrGenNone) return;
  if (link.addrs.some((a) => a.family === 6 && a.scope === SCOPE.link)) return;
  link.linkLocalMac ??= [...link.mac];
  // DAD: a random delay below rtr_solicit_delay (1 s), then one probe of retrans_time (1 s).
  link.addrs.push({
    family: 6,
    local: linkLocalFromMac(link.linkLocalMac),
    prefix: 64,
    scope: SCOPE.link,
    nodad: false,
    dadDoneAt: now + 1000 + world.random.int(1000),
    dadFailed: false,
    addedAt: now,
  });
}

export function setUp(world: World, link: Link, up: boolean): void {
  if (link.adminUp === up) return;
  link.adminUp = up;
  if (up) link.qdiscAttached = true;
  if (link.kind === 'loopback') {
    // net/ipv4/devinet.c inetdev_event(NETDEV_UP): lo gets 127.0.0.1/8 the first time it comes up.
    if (up && !link.addrs.some((a) => a.family === 4 && a.local === 0x7f000001)) {
      link.addrs.unshift({
        family: 4,
        local: 0x7f000001,
        prefix: 8,
        broadcast: null,
        label: null,
        scope: SCOPE.host,
        secondary: false,
        localRoute: true,
      });
    }
    if (up && !link.addrs.some((a) => a.family === 6)) {
      link.addrs.push({
        family: 6,
        local: [0, 0, 0, 0, 0, 0, 0, 1],
        prefix: 128,
        scope: SCOPE.host,
        nodad: false,
        dadDoneAt: 0,
        dadFailed: false,
        addedAt: world.clock.now(),
      });
    }
    if (!up) link.addrs = link.addrs.filter((a) => a.family === 4);
  }
  for (const a of link.addrs) if (a.family === 4) a.localRoute = up;
  if (!up) {
    // fib_sync_down_dev: routes through a device that goes down are flushed.
    link.ns.routes = link.ns.routes.filter((r) => r.dev !== link.ifindex || r.family === 6);
  }
  refresh(world, [link.ns, ...(link.peer ? [link.peer.ns] : [])]);
}

function lowestFreeName(ns: Netns, prefix: string, extra: Set<string> = new Set()): string {
  for (let n = 0; ; n++)
    if (!linkByName(ns, `${prefix}${n}`) && !extra.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

export function validIfname(name: string): boolean {
  return name.length > 0 && name.length < 16 && !/[\s/:]/.test(name) && name !== '.' && name !== '..';
}

export interface LinkAddRequest {
  name: string | null;
  kind: LinkKind;
  /** Namespace the link is created in (default: the caller's). */
  ns: Netns;
  mtu?: number;
  mac?: Mac;
  up?: boolean;
  peer?: { name: string | null; ns: Netns; mtu?: number; mac?: Mac };
}

export function linkAdd(world: World, req: LinkAddRequest): Link {
  const taken = (ns: Netns, name: string | null) => name !== null && linkByName(ns, name) !== null;
  if (taken(req.ns, req.name) || (req.peer && taken(req.peer.ns, req.peer.name))) throw rtnl('File exists');
  if (req.kind === 'veth') {
    const peerNs = req.peer?.ns ?? req.ns;
    // With no names, the kernel names both ends vethN, the peer first (lower number).
    let peerName = req.peer?.name ?? null;
    if (peerName === null) peerName = lowestFreeName(peerNs, 'veth', new Set(req.name ? [req.name] : []));
    const name = req.name ?? lowestFreeName(req.ns, 'veth', new Set(peerNs === req.ns ? [peerName] : []));
    if (req.peer?.name && req.name && req.peer.name === req.name && peerNs === req.ns)
      throw rtnl('File exists');
    // drivers/net/veth.c veth_newlink(): the peer is registered first.
    const peer = newLink(world, peerNs, peerName, 'veth', peerNs.nextIfindex++);
    const link = newLink(world, req.ns, name, 'veth', req.ns.nextIfindex++);
    link.peer = peer;
    peer.peer = link;
    if (req.mtu) link.mtu = req.mtu;
    if (req.peer?.mtu) peer.mtu = req.peer.mtu;
    if (req.mac) {
      link.mac = req.mac;
      link.macFixed = true;
    }
    if (req.peer?.mac) {
      peer.mac = req.peer.mac;
      peer.macFixed = true;
    }
    linkNamespaces(req.ns, peerNs);
    if (req.up) setUp(world, link, true);
    refresh(world, [req.ns, peerNs]);
    return link;
  }
  const name = req.name ?? lowestFreeName(req.ns, req.kind === 'bridge' ? 'bridge' : req.kind);
  const link = newLink(world, req.ns, name, req.kind, req.ns.nextIfindex++);
  if (req.mtu) link.mtu = req.mtu;
  if (req.mac) {
    link.mac = req.mac;
    link.macFixed = true;
  }
  if (req.up) setUp(world, link, true);
  refresh(world, [req.ns]);
  return link;
}

function removeLink(link: Link): void {
  link.ns.links.delete(link.ifindex);
  link.ns.routes = link.ns.routes.filter((r) => r.dev !== link.ifindex);
  link.ns.neigh = link.ns.neigh.filter((n) => n.dev !== link.ifindex);
  for (const key of [...link.ns.sysctl.keys()])
    if (key.includes(`/conf/${link.name}/`)) link.ns.sysctl.delete(key);
}

export function linkDel(world: World, link: Link): void {
  if (link.kind === 'loopback') throw rtnl('Operation not supported');
  const touched = [link.ns];
  if (link.kind === 'bridge') for (const port of bridgePorts(link)) setMaster(world, port, null);
  if (link.master !== null) setMaster(world, link, null);
  removeLink(link);
  if (link.peer) {
    touched.push(link.peer.ns);
    if (link.peer.master !== null) setMaster(world, link.peer, null);
    removeLink(link.peer);
  }
  refresh(world, touched);
}

export function rename(world: World, link: Link, name: string): void {
  if (name === link.name) return;
  if (linkByName(link.ns, name)) throw rtnl('File exists');
  for (const key of [...link.ns.sysctl.keys()]) {
    if (key.includes(`/conf/${link.name}/`)) {
      link.ns.sysctl.set(key.replace(`/conf/${link.name}/`, `/conf/${name}/`), link.ns.sysctl.get(key)!);
      link.ns.sysctl.delete(key);
    }
  }
  link.name = name;
  refresh(world, [link.ns]);
}

export function setMtu(world: World, link: Link, mtu: number): void {
  if (mtu > MAX_MTU[link.kind]) throw extack('mtu greater than device maximum.');
  if (mtu < (link.kind === 'loopback' ? 0 : 68)) throw extack('mtu less than device minimum.');
  link.mtu = mtu;
  if (link.master !== null) {
    const bridge = link.ns.links.get(link.master);
    if (bridge) bridge.mtu = Math.min(...bridgePorts(bridge).map((p) => p.mtu));
  }
  refresh(world, [link.ns]);
}

export function setAddress(world: World, link: Link, mac: Mac): void {
  if (isMulticastMac(mac) || isZeroMac(mac)) throw rtnl('Cannot assign requested address');
  link.mac = mac;
  link.macFixed = true;
  if (link.master !== null) followLowestPort(link.ns.links.get(link.master)!);
  refresh(world, [link.ns]);
}

/** net/bridge/br_stp_if.c br_stp_recalculate_bridge_id(): the bridge takes its lowest port MAC. */
function followLowestPort(bridge: Link): void {
  if (bridge.macFixed) return;
  const ports = bridgePorts(bridge);
  if (ports.length === 0) return;
  bridge.mac = [...ports.map((p) => p.mac).sort(compareMac)[0]];
}

export function setMaster(world: World, link: Link, master: Link | null): void {
  const old = link.master !== null ? link.ns.links.get(link.master) : null;
  if (master === null) {
    if (!old) return;
    link.master = null;
    link.promiscuity = Math.max(0, link.promiscuity - 1);
    link.allmulti = Math.max(0, link.allmulti - 1);
    link.portState = 'disabled';
    for (const [mac, port] of old.fdb) if (port === link.ifindex) old.fdb.delete(mac);
    followLowestPort(old);
    refresh(world, [link.ns]);
    return;
  }
  if (master.kind !== 'bridge') throw rtnl('Operation not supported');
  if (link.kind === 'bridge') throw extack('Can not enslave a bridge to a bridge.');
  if (old === master) return;
  if (old) setMaster(world, link, null);
  link.master = master.ifindex;
  master.hadPorts = true;
  link.promiscuity++;
  link.allmulti++;
  followLowestPort(master);
  if (bridgePorts(master).length === 1 || link.mtu < master.mtu)
    master.mtu = Math.min(...bridgePorts(master).map((p) => p.mtu));
  refresh(world, [link.ns]);
}

/** Moves a link to another namespace: it goes down, loses addresses and its bridge. */
export function setNetns(world: World, link: Link, target: Netns): void {
  if (link.kind === 'loopback' || link.kind === 'bridge') throw extack('The interface netns is immutable.');
  if (target === link.ns) return;
  if (linkByName(target, link.name))
    throw extack('An interface with the same name exists in the target netns.');
  const source = link.ns;
  if (link.master !== null) setMaster(world, link, null);
  link.adminUp = false;
  link.qdiscAttached = false;
  link.addrs = [];
  link.linkLocalMac = null;
  removeLink(link);
  // net/core/dev.c __dev_change_net_namespace(): keep the ifindex when it is free there.
  const index = target.links.has(link.ifindex) ? target.nextIfindex++ : link.ifindex;
  if (index >= target.nextIfindex) target.nextIfindex = index + 1;
  link.ifindex = index;
  link.ns = target;
  target.links.set(index, link);
  for (const [k, v] of linkSysctls(target, link.name)) target.sysctl.set(k, v);
  if (link.peer) linkNamespaces(target, link.peer.ns);
  refresh(world, [source, target, ...(link.peer ? [link.peer.ns] : [])]);
}

export function addAddress(world: World, link: Link, addr: Addr): void {
  link.addrs.push(addr);
  refresh(world, [link.ns]);
}

export function removeAddresses(world: World, link: Link, remove: (a: Addr) => boolean): void {
  link.addrs = link.addrs.filter((a) => !remove(a));
  refresh(world, [link.ns]);
}

/** Deletes a named namespace: its veth ends (and their peers) and bridges go with it. */
export function deleteNamespace(world: World, stack: NetStack, ns: Netns): void {
  for (const link of [...ns.links.values()])
    if (link.kind !== 'loopback' && ns.links.has(link.ifindex)) linkDel(world, link);
  stack.named = stack.named.filter((n) => n.ns !== ns);
  for (const other of [stack.root, ...stack.named.map((n) => n.ns)]) other.nsids.delete(ns.uid);
}

export function netStackOf(world: World, host: World['mainHost']): NetStack {
  return hostNet(world, host);
}
