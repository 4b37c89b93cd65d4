// The udp match (extensions/libxt_udp.c, net/netfilter/xt_tcpudp.c): source and destination
// port ranges, parsed as XTTYPE_PORTRC (no range check, decimal ports wrap at 16 bits).
import { defineMatch, type OptSpec, optionPrecheck } from '../module.ts';
import { inRange, type PortRange, parsePortRc, printPorts, savePorts } from './ports.ts';

interface UdpData {
  spts: PortRange;
  dpts: PortRange;
  invSrc: boolean;
  invDst: boolean;
}

const OPTS: OptSpec[] = [
  { name: 'source-port', id: 0, arg: true, invert: true },
  { name: 'sport', id: 0, arg: true, invert: true },
  { name: 'destination-port', id: 1, arg: true, invert: true },
  { name: 'dport', id: 1, arg: true, invert: true },
];

export const udpMatch = defineMatch<UdpData>({
  name: 'udp',
  options: OPTS,
  init: () => ({ spts: [0, 0xffff], dpts: [0, 0xffff], invSrc: false, invDst: false }),
  parse(d, opt, arg, invert, _ctx, flags) {
    optionPrecheck('udp', opt, arg, invert, flags);
    if (opt.id === 0) {
      d.spts = parsePortRc('udp', opt.name, arg!);
      d.invSrc = invert;
    } else {
      d.dpts = parsePortRc('udp', opt.name, arg!);
      d.invDst = invert;
    }
  },
  merge(into, from) {
    if (from.spts[0] !== 0 || from.spts[1] !== 0xffff) [into.spts, into.invSrc] = [from.spts, from.invSrc];
    if (from.dpts[0] !== 0 || from.dpts[1] !== 0xffff) [into.dpts, into.invDst] = [from.dpts, from.invDst];
  },
  save: (d) => savePorts('sport', d.spts, d.invSrc) + savePorts('dport', d.dpts, d.invDst),
  print: (d, _ip, numeric) =>
    ` udp${printPorts('spt', d.spts, d.invSrc, 'udp', numeric)}${printPorts('dpt', d.dpts, d.invDst, 'udp', numeric)}`,
  match(d, pc) {
    const udp = pc.pkt.udp;
    return !!udp && inRange(udp.srcPort, d.spts, d.invSrc) && inRange(udp.dstPort, d.dpts, d.invDst);
  },
});
