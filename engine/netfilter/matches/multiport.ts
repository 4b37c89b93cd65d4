// The multiport match, revision 1 (extensions/libxt_multiport.c, net/netfilter/xt_multiport.c):
// up to 15 ports or ranges (a range takes two slots) as sources, destinations or either.
import { ParamError } from '../errors.ts';
import { defineMatch, type OptSpec, optionPrecheck } from '../module.ts';
import type { IpSpec } from '../state.ts';
import { parsePort, portName } from '../xtables.ts';

interface MultiportData {
  /** 'sports', 'dports' or 'ports' (XT_MULTIPORT_SOURCE/DESTINATION/EITHER). */
  which: 'sports' | 'dports' | 'ports';
  /** Ports; a range is [lo, hi] (pflags set). */
  ports: Array<[number, number] | number>;
  invert: boolean;
}

const XT_MULTI_PORTS = 15;
const ANY = 0b111;

const OPTS: OptSpec[] = [
  { name: 'source-ports', id: 0, arg: true, invert: true, excl: ANY },
  { name: 'sports', id: 0, arg: true, invert: true, excl: ANY },
  { name: 'destination-ports', id: 1, arg: true, invert: true, excl: ANY },
  { name: 'dports', id: 1, arg: true, invert: true, excl: ANY },
  { name: 'ports', id: 2, arg: true, invert: true, excl: ANY },
];

const PROTO_NAMES: Record<number, string> = { 6: 'tcp', 17: 'udp', 136: 'udplite', 132: 'sctp', 33: 'dccp' };

function checkProto(ip: IpSpec): string {
  if (ip.invProto) throw new ParamError('multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP');
  const name = PROTO_NAMES[ip.proto];
  if (name) return name;
  if (!ip.proto)
    throw new ParamError("multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
  throw new ParamError('multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP');
}

/** parse_multi_ports_v1(). */
function parsePorts(text: string, proto: string): MultiportData['ports'] {
  const out: MultiportData['ports'] = [];
  let slots = 0;
  for (const item of text.split(',')) {
    if (slots >= XT_MULTI_PORTS) throw new ParamError('too many ports specified');
    const colon = item.indexOf(':');
    if (colon >= 0) {
      if (slots === XT_MULTI_PORTS - 1) throw new ParamError('too many ports specified');
      const lo = parsePort(item.slice(0, colon), proto);
      const hi = parsePort(item.slice(colon + 1), proto);
      if (lo >= hi) throw new ParamError('invalid portrange specified');
      out.push([lo, hi]);
      slots += 2;
    } else {
      out.push(parsePort(item, proto));
      slots++;
    }
  }
  return out;
}

function portsText(d: MultiportData, proto: string | null, numeric: boolean): string {
  return d.ports
    .map((p) =>
      typeof p === 'number'
        ? portName(p, proto, numeric)
        : `${portName(p[0], proto, numeric)}:${portName(p[1], proto, numeric)}`,
    )
    .join(',');
}

export const multiportMatch = defineMatch<MultiportData>({
  name: 'multiport',
  options: OPTS,
  init: () => ({ which: 'dports', ports: [], invert: false }),
  parse(d, opt, arg, invert, ctx, flags) {
    optionPrecheck('multiport', opt, arg, invert, flags);
    const proto = checkProto(ctx.ip);
    d.ports = parsePorts(arg!, proto);
    d.which = (['sports', 'dports', 'ports'] as const)[opt.id];
    if (invert) d.invert = true;
  },
  check(_d, flags) {
    if (flags === 0) throw new ParamError('multiport expection an option');
  },
  save: (d, ip) =>
    `${d.invert ? ' !' : ''} --${d.which} ${portsText(d, PROTO_NAMES[ip.proto] ?? null, true)}`,
  print: (d, ip, numeric) =>
    ` multiport ${d.which} ${d.invert ? ' !' : ''}${portsText(d, PROTO_NAMES[ip.proto] ?? null, numeric)}`,
  match(d, pc) {
    const l4 = pc.pkt.tcp ?? pc.pkt.udp;
    if (!l4) return false;
    const hit = (port: number) =>
      d.ports.some((p) => (typeof p === 'number' ? port === p : port >= p[0] && port <= p[1]));
    const src = hit(l4.srcPort);
    const dst = hit(l4.dstPort);
    const r = d.which === 'sports' ? src : d.which === 'dports' ? dst : src || dst;
    return r !== d.invert;
  },
});
