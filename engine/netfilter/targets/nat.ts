// The DNAT and SNAT targets (extensions/libxt_NAT.c; net/netfilter/xt_nat.c): an address range
// and an optional port range ("1.1.1.1-1.1.1.10:1025-2000") and the random/persistent flags.
// DNAT belongs to nat PREROUTING/OUTPUT, SNAT to nat POSTROUTING/INPUT; both bind only a
// connection's first packet (see ../packet/nat.ts).
import { formatIpv4, parseIpv4 } from '../../net/inet.ts';
import { ParamError } from '../errors.ts';
import { defineTarget, type OptSpec, optionPrecheck } from '../module.ts';
import { serviceToPort } from '../netdb.ts';
import { ACCEPT_RESULT } from '../packet/context.ts';
import { bindNat, manipOf, pickFromRange } from '../packet/nat.ts';
import type { IpSpec } from '../state.ts';
import { strtoui, strtouiEnd } from '../xtables.ts';

export interface NatRange {
  /** NF_NAT_RANGE_MAP_IPS: an address range is given. */
  mapIps: boolean;
  minIp: number;
  maxIp: number;
  /** NF_NAT_RANGE_PROTO_SPECIFIED: a port range is given. */
  protoSpecified: boolean;
  minPort: number;
  maxPort: number;
  /** NF_NAT_RANGE_PROTO_OFFSET: "p-q/base" maps ports onto a shifted range (DNAT only). */
  basePort: number | null;
  random: boolean;
  randomFully: boolean;
  persistent: boolean;
}

export const emptyRange = (): NatRange => ({
  mapIps: false,
  minIp: 0,
  maxIp: 0,
  protoSpecified: false,
  minPort: 0,
  maxPort: 0,
  basePort: null,
  random: false,
  randomFully: false,
  persistent: false,
});

/** __NAT_parse(): ports need -p tcp, udp, sctp, dccp (or icmp). */
export function portsAllowed(ip: IpSpec): boolean {
  return [6, 17, 132, 33, 1].includes(ip.proto);
}

/** parse_ports(): "p" (or a service), "p-q". */
export function parseNatPorts(arg: string, portok: boolean, r: NatRange): void {
  if (!portok) throw new ParamError('Need TCP, UDP, SCTP or DCCP with port specification');
  r.protoSpecified = true;
  let first = strtouiEnd(arg, 0, 0xffff);
  if (!first) {
    const s = serviceToPort(arg, null);
    if (s === null) throw new ParamError(`Port \`${arg}' not valid`);
    first = { value: s, rest: '' };
  }
  if (first.rest === '') {
    r.minPort = r.maxPort = first.value;
    return;
  }
  if (first.rest[0] === ':') throw new ParamError('Invalid port:port syntax - use dash');
  if (first.rest[0] !== '-') throw new ParamError(`Garbage after port value: \`${first.rest}'`);
  const hiText = first.rest.slice(1);
  const hi = strtouiEnd(hiText, 0, 0xffff);
  if (!hi) throw new ParamError(`Port \`${hiText}' not valid`);
  if (hi.value < first.value) throw new ParamError(`Port range \`${hiText}' funky`);
  r.minPort = first.value;
  r.maxPort = hi.value;
  if (hi.rest === '') return;
  if (hi.rest[0] !== '/') throw new ParamError(`Garbage after port range: \`${hi.rest}'`);
  const baseText = hi.rest.slice(1);
  const base = strtoui(baseText, 1, 0xffff) ?? serviceToPort(baseText, null);
  if (base === null) throw new ParamError(`Port \`${baseText}' not valid`);
  r.basePort = base;
}

/** parse_to(): "[ip[-ip]][:port[-port]]". */
function parseTo(arg: string, portok: boolean, r: NatRange): void {
  let colon = arg.indexOf(':');
  if (colon >= 0 && arg.indexOf(':', colon + 1) >= 0) colon = -1;
  let addrs = arg;
  if (colon >= 0) {
    parseNatPorts(arg.slice(colon + 1), portok, r);
    if (colon === 0) return;
    addrs = arg.slice(0, colon);
  }
  r.mapIps = true;
  const dash = addrs.indexOf('-');
  const lo = dash >= 0 ? addrs.slice(0, dash) : addrs;
  const min = parseIpv4(lo);
  if (min === null) throw new ParamError(`Bad IP address "${lo}"`);
  r.minIp = r.maxIp = min;
  if (dash >= 0) {
    const max = parseIpv4(addrs.slice(dash + 1));
    if (max === null) throw new ParamError(`Bad IP address "${addrs.slice(dash + 1)}"`);
    r.maxIp = max;
  }
}

/** sprint_range(). */
export function rangeText(r: NatRange, skipColon: boolean): string {
  let s = '';
  if (r.mapIps) {
    s += formatIpv4(r.minIp);
    if (r.minIp !== r.maxIp) s += `-${formatIpv4(r.maxIp)}`;
  }
  if (r.protoSpecified) {
    s += `:${r.minPort}`;
    if (r.maxPort !== r.minPort) s += `-${r.maxPort}`;
    if (r.basePort !== null) s += `/${r.basePort}`;
  }
  if (skipColon && s.startsWith(':')) s = s.slice(1);
  return s;
}

/** __NAT_print(): the range after its label, then the flags. */
export function natText(r: NatRange, label: string, flagPrefix: string, skipColon: boolean): string {
  const range = rangeText(r, skipColon);
  let s = range ? ` ${label}${range}` : '';
  if (r.random) s += ` ${flagPrefix}random`;
  if (r.randomFully) s += ` ${flagPrefix}random-fully`;
  if (r.persistent) s += ` ${flagPrefix}persistent`;
  return s;
}

export function natFlagOption(id: number, r: NatRange): void {
  if (id === 3) r.random = true;
  else if (id === 4) r.randomFully = true;
  else if (id === 5) r.persistent = true;
}

function natTarget(kind: 'DNAT' | 'SNAT') {
  const opt = kind === 'DNAT' ? 'to-destination' : 'to-source';
  const options: OptSpec[] = [
    { name: opt, id: kind === 'DNAT' ? 0 : 1, arg: true, mand: true },
    { name: 'random', id: 3, arg: false },
    ...(kind === 'SNAT' ? [{ name: 'random-fully', id: 4, arg: false }] : []),
    { name: 'persistent', id: 5, arg: false },
  ];
  return defineTarget<NatRange>({
    name: kind,
    options,
    tables: ['nat'],
    hooks: kind === 'DNAT' ? ['PREROUTING', 'OUTPUT'] : ['POSTROUTING', 'INPUT'],
    conntrack: true,
    init: emptyRange,
    parse(r, o, arg, invert, ctx, flags) {
      optionPrecheck(kind, o, arg, invert, flags);
      if (o.id <= 1) parseTo(arg!, portsAllowed(ctx.ip), r);
      else natFlagOption(o.id, r);
    },
    save: (r) => natText(r, `--${opt} `, '--', false),
    print: (r) => natText(r, 'to:', '', false),
    run(r, pc) {
      const manip = manipOf(pc.hook);
      bindNat(pc, manip, pickFromRange(pc, r, manip));
      return ACCEPT_RESULT;
    },
  });
}

export const dnatTarget = natTarget('DNAT');
export const snatTarget = natTarget('SNAT');
