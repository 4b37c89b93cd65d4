// The tcp match (extensions/libxt_tcp.c, net/netfilter/xt_tcpudp.c): source and destination
// port ranges, --syn / --tcp-flags MASK COMP, --tcp-option. Loaded by -m tcp or implicitly by
// -p tcp when one of its options follows.
import { ParamError } from '../errors.ts';
import { defineMatch, type OptSpec } from '../module.ts';
import { inRange, type PortRange, parseTcpPorts, printPorts, savePorts } from './ports.ts';

interface TcpData {
  spts: PortRange;
  dpts: PortRange;
  option: number;
  flgMask: number;
  flgCmp: number;
  invSrc: boolean;
  invDst: boolean;
  invFlags: boolean;
  invOption: boolean;
}

const FLAG_NAMES: Array<[string, number]> = [
  ['FIN', 0x01],
  ['SYN', 0x02],
  ['RST', 0x04],
  ['PSH', 0x08],
  ['ACK', 0x10],
  ['URG', 0x20],
  ['ALL', 0x3f],
  ['NONE', 0],
];

/** Bits of the packet's flag letters (the simulated TCP header). */
const LETTER_BITS: Record<string, number> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, A: 0x10, U: 0x20 };

function parseFlags(text: string): number {
  let bits = 0;
  for (const word of text.split(',').filter((w) => w !== '')) {
    const f = FLAG_NAMES.find(([name]) => name.toLowerCase() === word.toLowerCase());
    if (!f) throw new ParamError(`Unknown TCP flag \`${word}'`);
    bits |= f[1];
  }
  return bits;
}

/** print_tcpf(): names joined with commas, NONE for none. */
function flagText(bits: number): string {
  const names: string[] = [];
  while (bits) {
    const f = FLAG_NAMES.find(([, b]) => bits & b)!;
    names.push(f[0]);
    bits &= ~f[1];
  }
  return names.length ? names.join(',') : 'NONE';
}

const hex2 = (n: number) => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;

const OPTS: OptSpec[] = [
  { name: 'source-port', id: 1, arg: true },
  { name: 'sport', id: 1, arg: true },
  { name: 'destination-port', id: 2, arg: true },
  { name: 'dport', id: 2, arg: true },
  { name: 'syn', id: 3, arg: false },
  { name: 'tcp-flags', id: 4, arg: true },
  { name: 'tcp-option', id: 5, arg: true },
];

export const tcpMatch = defineMatch<TcpData>({
  name: 'tcp',
  options: OPTS,
  legacy: true,
  init: () => ({
    spts: [0, 0xffff],
    dpts: [0, 0xffff],
    option: 0,
    flgMask: 0,
    flgCmp: 0,
    invSrc: false,
    invDst: false,
    invFlags: false,
    invOption: false,
  }),
  parse(d, opt, arg, invert, ctx, flags) {
    const seen = (bit: number) => flags & (1 << bit);
    switch (opt.id) {
      case 1:
        if (seen(1)) throw new ParamError("Only one `--source-port' allowed");
        d.spts = parseTcpPorts(arg!, 'tcp');
        d.invSrc = invert;
        return;
      case 2:
        if (seen(2)) throw new ParamError("Only one `--destination-port' allowed");
        d.dpts = parseTcpPorts(arg!, 'tcp');
        d.invDst = invert;
        return;
      case 3:
      case 4: {
        if (seen(3) || seen(4)) throw new ParamError("Only one of `--syn' or `--tcp-flags'  allowed");
        let mask = 'SYN,RST,ACK,FIN';
        let cmp = 'SYN';
        if (opt.id === 4) {
          const second = ctx.takeArg();
          if (second === null) throw new ParamError('--tcp-flags requires two args.');
          mask = arg!;
          cmp = second;
        }
        d.flgMask = parseFlags(mask);
        d.flgCmp = parseFlags(cmp);
        d.invFlags = invert;
        return;
      }
      case 5: {
        if (seen(5)) throw new ParamError("Only one `--tcp-option' allowed");
        const n = /^\d+$/.test(arg!) ? Number(arg) : Number.NaN;
        if (!(n >= 1 && n <= 255)) throw new ParamError(`Bad TCP option "${arg}"`);
        d.option = n;
        d.invOption = invert;
      }
    }
  },
  merge(into, from) {
    if (from.spts[0] !== 0 || from.spts[1] !== 0xffff) [into.spts, into.invSrc] = [from.spts, from.invSrc];
    if (from.dpts[0] !== 0 || from.dpts[1] !== 0xffff) [into.dpts, into.invDst] = [from.dpts, from.invDst];
    if (from.flgMask || from.invFlags)
      [into.flgMask, into.flgCmp, into.invFlags] = [from.flgMask, from.flgCmp, from.invFlags];
    if (from.option || from.invOption) [into.option, into.invOption] = [from.option, from.invOption];
  },
  save(d) {
    let s = savePorts('sport', d.spts, d.invSrc) + savePorts('dport', d.dpts, d.invDst);
    if (d.option || d.invOption) s += `${d.invOption ? ' !' : ''} --tcp-option ${d.option}`;
    if (d.flgMask || d.invFlags)
      s += `${d.invFlags ? ' !' : ''} --tcp-flags ${flagText(d.flgMask)} ${flagText(d.flgCmp)}`;
    return s;
  },
  print(d, _ip, numeric) {
    let s = ' tcp';
    s += printPorts('spt', d.spts, d.invSrc, 'tcp', numeric);
    s += printPorts('dpt', d.dpts, d.invDst, 'tcp', numeric);
    if (d.option || d.invOption) s += ` option=${d.invOption ? '!' : ''}${d.option}`;
    if (d.flgMask || d.invFlags) {
      const text = numeric
        ? `${hex2(d.flgMask)}/${hex2(d.flgCmp)}`
        : `${flagText(d.flgMask)}/${flagText(d.flgCmp)}`;
      s += ` flags:${d.invFlags ? '!' : ''}${text}`;
    }
    return s;
  },
  match(d, pc) {
    const tcp = pc.pkt.tcp;
    if (!tcp) return false;
    if (!inRange(tcp.srcPort, d.spts, d.invSrc) || !inRange(tcp.dstPort, d.dpts, d.invDst)) return false;
    let bits = 0;
    for (const c of tcp.flags) bits |= LETTER_BITS[c] ?? 0;
    if (((bits & d.flgMask) === d.flgCmp) === d.invFlags) return false;
    // The simulated segments carry no options: only an inverted --tcp-option matches.
    if (d.option && !d.invOption) return false;
    return true;
  },
});
