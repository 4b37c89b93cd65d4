// The IPv4 identification field. Its value truly varies on real hosts (ip_select_ident() draws it
// from per-destination counters salted with random keys), so the engine chooses it from the
// world's seeded random source the first time something reads it, and it stays with the packet.
import { createRandom, type Random } from '../../core/random.ts';
import type { Netns } from '../state.ts';
import type { Ipv4Packet } from './types.ts';

const sources = new WeakMap<Netns, Random>();

export function packetId(ns: Netns, pkt: Ipv4Packet): number {
  if (pkt.id === undefined) {
    let random = sources.get(ns);
    if (!random) sources.set(ns, (random = createRandom(`ip-ident:${ns.uid}`)));
    pkt.id = random.int(0x10000);
  }
  return pkt.id;
}
