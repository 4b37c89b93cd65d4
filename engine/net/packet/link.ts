// Devices moving frames: loopback (drivers/net/loopback.c), veth pairs (drivers/net/veth.c) and
// bridges (net/bridge/br_input.c, br_forward.c, br_fdb.c: learning, flooding, forwarding to
// ports in `forwarding` state), with the rx/tx counters `ip -s link` shows.
import { formatMac, isMulticastMac, type Mac } from '../mac.ts';
import { bridgePorts } from '../netlink.ts';
import type { Link } from '../state.ts';
import { ipRcv } from './ipv4.ts';
import { ip6Rcv } from './ipv6.ts';
import { arpRcv } from './neigh.ts';
import { addTimer, type NetRuntime } from './runtime.ts';
import { ETH_HLEN, type Frame, frameLength, isBroadcastMac, type PacketType, sameMac } from './types.ts';

/** Simulated time each device adds to a packet on its way (µs), for plausible round-trip times. */
const XMIT_US: Record<Link['kind'], number> = { loopback: 6, veth: 11, bridge: 3, dummy: 0 };

/** Bridge fdb ageing_time default: 300 s (net/bridge/br_if.c BR_DEFAULT_AGEING_TIME). */
const FDB_AGEING_MS = 300_000;

function cloneFrame(f: Frame): Frame {
  return { ...f, ip: f.ip ? { ...f.ip } : undefined, ip6: f.ip6 ? { ...f.ip6 } : undefined };
}

/** dev_queue_xmit(): a device sends a frame. */
export function devXmit(rt: NetRuntime, dev: Link, frame: Frame): void {
  if (!dev.adminUp) return;
  if (frame.ip) frame.ip.latencyUs += XMIT_US[dev.kind];
  if (frame.ip6) frame.ip6.latencyUs += XMIT_US[dev.kind];
  const len = frameLength(frame);
  switch (dev.kind) {
    case 'loopback': {
      // loopback_xmit() counts after eth_type_trans() has pulled the Ethernet header.
      dev.stats.txPackets++;
      dev.stats.txBytes += len - ETH_HLEN;
      dev.stats.rxPackets++;
      dev.stats.rxBytes += len - ETH_HLEN;
      netifReceive(rt, dev, frame);
      return;
    }
    case 'veth': {
      const peer = dev.peer;
      // veth_xmit(): a peer that is down makes the frame a tx drop.
      if (!peer?.adminUp) {
        dev.stats.txDropped++;
        return;
      }
      dev.stats.txPackets++;
      dev.stats.txBytes += len;
      peer.stats.rxPackets++;
      peer.stats.rxBytes += len;
      netifReceive(rt, peer, frame);
      return;
    }
    case 'bridge': {
      dev.stats.txPackets++;
      dev.stats.txBytes += len;
      brDevXmit(rt, dev, frame);
      return;
    }
    default:
      dev.stats.txPackets++;
      dev.stats.txBytes += len;
  }
}

/** __netif_receive_skb(): a bridge port hands the frame to its bridge, anything else to L3. */
export function netifReceive(rt: NetRuntime, dev: Link, frame: Frame): void {
  if (dev.master !== null) {
    const br = dev.ns.links.get(dev.master);
    if (br) {
      brHandleFrame(rt, br, dev, frame);
      return;
    }
  }
  deliverL3(rt, dev, frame);
}

/** eth_type_trans(): what the destination MAC makes of the frame for this device. */
function packetType(dev: Link, dst: Mac): PacketType {
  if (dev.kind === 'loopback' || sameMac(dst, dev.mac)) return 'host';
  if (isBroadcastMac(dst)) return 'broadcast';
  if (isMulticastMac(dst)) return 'multicast';
  return 'otherhost';
}

function deliverL3(rt: NetRuntime, dev: Link, frame: Frame): void {
  const type = packetType(dev, frame.dst);
  if (frame.arp) arpRcv(rt, dev, frame.arp, type);
  else if (frame.ip) ipRcv(rt, dev, frame.ip, type, { src: frame.src, dst: frame.dst });
  else if (frame.ip6) ip6Rcv(rt, dev, frame.ip6, type);
}

/** The bridge's own MACs (its fdb `permanent` entries): its address and its ports'. */
function isLocalMac(br: Link, mac: Mac): boolean {
  return sameMac(br.mac, mac) || bridgePorts(br).some((p) => sameMac(p.mac, mac));
}

function seenMap(rt: NetRuntime, br: Link): Map<string, number> {
  let seen = rt.fdbSeen.get(br);
  if (!seen) rt.fdbSeen.set(br, (seen = new Map()));
  return seen;
}

/** br_fdb_update(): learn (or move) the source MAC of a frame that came in on `port`. */
function learn(rt: NetRuntime, br: Link, port: Link, mac: Mac): void {
  if (isMulticastMac(mac) || isLocalMac(br, mac)) return;
  const key = formatMac(mac);
  const seen = seenMap(rt, br);
  const fresh = !seen.has(key) || !br.fdb.has(key);
  br.fdb.set(key, port.ifindex);
  seen.set(key, rt.now);
  if (fresh) scheduleAgeing(rt, br, key, rt.now + FDB_AGEING_MS);
}

/** br_fdb_cleanup(): a learned entry not seen for the ageing time is forgotten. */
function scheduleAgeing(rt: NetRuntime, br: Link, key: string, at: number): void {
  addTimer(rt, at, () => {
    const seen = seenMap(rt, br);
    const last = seen.get(key);
    if (last === undefined) return;
    if (rt.now - last >= FDB_AGEING_MS) {
      seen.delete(key);
      br.fdb.delete(key);
    } else scheduleAgeing(rt, br, key, last + FDB_AGEING_MS);
  });
}

/** br_fdb_find(): the port a learned MAC is behind. */
function fdbPort(br: Link, mac: Mac): Link | null {
  const index = br.fdb.get(formatMac(mac));
  if (index === undefined) return null;
  return br.ns.links.get(index) ?? null;
}

function forwardable(br: Link, port: Link): boolean {
  return port.master === br.ifindex && port.portState === 'forwarding' && port.adminUp;
}

function flood(rt: NetRuntime, br: Link, frame: Frame, except: Link | null): void {
  for (const port of bridgePorts(br))
    if (port !== except && forwardable(br, port)) devXmit(rt, port, cloneFrame(frame));
}

/** br_pass_frame_up(): the bridge device receives; it counts the frame without its Ethernet header. */
function passUp(rt: NetRuntime, br: Link, frame: Frame): void {
  br.stats.rxPackets++;
  br.stats.rxBytes += frameLength(frame) - ETH_HLEN;
  deliverL3(rt, br, cloneFrame(frame));
}

/** br_handle_frame_finish(). */
function brHandleFrame(rt: NetRuntime, br: Link, port: Link, frame: Frame): void {
  if (!br.adminUp || port.portState !== 'forwarding') return;
  learn(rt, br, port, frame.src);
  if (isMulticastMac(frame.dst)) {
    flood(rt, br, frame, port);
    passUp(rt, br, frame);
    return;
  }
  if (isLocalMac(br, frame.dst)) {
    passUp(rt, br, frame);
    return;
  }
  const out = fdbPort(br, frame.dst);
  if (out) {
    if (out !== port && forwardable(br, out)) devXmit(rt, out, cloneFrame(frame));
    return;
  }
  flood(rt, br, frame, port);
}

/** br_dev_xmit(): the bridge's own stack sends through its ports. */
function brDevXmit(rt: NetRuntime, br: Link, frame: Frame): void {
  if (isMulticastMac(frame.dst)) {
    flood(rt, br, frame, null);
    return;
  }
  if (isLocalMac(br, frame.dst)) return;
  const out = fdbPort(br, frame.dst);
  if (out) {
    if (forwardable(br, out)) devXmit(rt, out, cloneFrame(frame));
    return;
  }
  flood(rt, br, frame, null);
}
