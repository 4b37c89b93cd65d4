// The addrtype match, revision 1 (extensions/libxt_addrtype.c, net/netfilter/xt_addrtype.c):
// the route type of the source and/or destination address (LOCAL, UNICAST, BROADCAST, ...),
// looked up in the namespace's routing table, optionally limited to the in/out interface.
import { fibLookup } from '../../net/packet/route.ts';
import type { Netns } from '../../net/state.ts';
import { ParamError } from '../errors.ts';
import { defineMatch, type OptSpec, optionPrecheck } from '../module.ts';

interface AddrtypeData {
  source: number;
  dest: number;
  invSource: boolean;
  invDest: boolean;
  limitIn: boolean;
  limitOut: boolean;
}

/** rtn_names[]: bit i is route type i (include/uapi/linux/rtnetlink.h RTN_*). */
const RTN_NAMES = [
  'UNSPEC',
  'UNICAST',
  'LOCAL',
  'BROADCAST',
  'ANYCAST',
  'MULTICAST',
  'BLACKHOLE',
  'UNREACHABLE',
  'PROHIBIT',
  'THROW',
  'NAT',
  'XRESOLVE',
];

const OPTS: OptSpec[] = [
  { name: 'src-type', id: 0, arg: true, invert: true },
  { name: 'dst-type', id: 1, arg: true, invert: true },
  { name: 'limit-iface-in', id: 2, arg: false, excl: 1 << 3 },
  { name: 'limit-iface-out', id: 3, arg: false, excl: 1 << 2 },
];

function parseTypes(arg: string): number {
  let mask = 0;
  const items = arg.split(',');
  items.forEach((item, i) => {
    const idx = item === '' ? -1 : RTN_NAMES.findIndex((n) => n.toLowerCase().startsWith(item.toLowerCase()));
    if (idx < 0) {
      const rest = items.slice(i).join(',');
      throw new ParamError(
        i < items.length - 1 ? `addrtype: bad type \`${rest}'` : `addrtype: bad type "${rest}"`,
      );
    }
    mask |= 1 << idx;
  });
  return mask;
}

const typesText = (mask: number) => RTN_NAMES.filter((_, i) => mask & (1 << i)).join(',');

/**
 * inet_addr_type() (net/ipv4/fib_frontend.c): zero and limited broadcast are BROADCAST,
 * multicast is MULTICAST, otherwise the local table's type (LOCAL, BROADCAST) or UNICAST.
 */
function addrType(ns: Netns, addr: number): number {
  if (addr === 0 || addr === 0xffffffff) return 3;
  if (addr >>> 28 === 14) return 5;
  const type = fibLookup(ns, addr)?.type;
  return type === 'local' ? 2 : type === 'broadcast' ? 3 : 1;
}

export const addrtypeMatch = defineMatch<AddrtypeData>({
  name: 'addrtype',
  options: OPTS,
  init: () => ({ source: 0, dest: 0, invSource: false, invDest: false, limitIn: false, limitOut: false }),
  parse(d, opt, arg, invert, _ctx, flags) {
    optionPrecheck('addrtype', opt, arg, invert, flags);
    if (opt.id === 0) {
      d.source |= parseTypes(arg!);
      if (invert) d.invSource = true;
    } else if (opt.id === 1) {
      d.dest |= parseTypes(arg!);
      if (invert) d.invDest = true;
    } else if (opt.id === 2) d.limitIn = true;
    else d.limitOut = true;
  },
  check(_d, flags) {
    if (!(flags & 0b11)) throw new ParamError('addrtype: you must specify --src-type or --dst-type');
  },
  save(d) {
    let s = '';
    if (d.source) s += `${d.invSource ? ' !' : ''} --src-type ${typesText(d.source)}`;
    if (d.dest) s += `${d.invDest ? ' !' : ''} --dst-type ${typesText(d.dest)}`;
    if (d.limitIn) s += ' --limit-iface-in';
    if (d.limitOut) s += ' --limit-iface-out';
    return s;
  },
  print(d) {
    let s = ' ADDRTYPE match';
    if (d.source) s += ` src-type ${d.invSource ? '!' : ''}${typesText(d.source)}`;
    if (d.dest) s += ` dst-type ${d.invDest ? '!' : ''}${typesText(d.dest)}`;
    if (d.limitIn) s += ' limit-in';
    if (d.limitOut) s += ' limit-out';
    return s;
  },
  match(d, pc) {
    if (d.source && (((1 << addrType(pc.ns, pc.pkt.src)) & d.source) !== 0) === d.invSource) return false;
    if (d.dest && (((1 << addrType(pc.ns, pc.pkt.dst)) & d.dest) !== 0) === d.invDest) return false;
    return true;
  },
});
