// The icmp match (extensions/libipt_icmp.c, libxt_icmp.h; net/ipv4/netfilter/ip_tables.c
// icmp_match): --icmp-type by name (a unique prefix), number or type/code; saved as numbers,
// listed by name unless -n ("icmptype 8" with -n is iptables' own spelling).
import { ParamError } from '../errors.ts';
import { defineMatch, type OptSpec, optionPrecheck } from '../module.ts';
import { strtouiEnd } from '../xtables.ts';

interface IcmpData {
  type: number;
  codeMin: number;
  codeMax: number;
  invert: boolean;
}

/** icmp_codes[] of libxt_icmp.h: name, type, code range. */
const ICMP_CODES: Array<[string, number, number, number]> = [
  ['any', 0xff, 0, 0xff],
  ['echo-reply', 0, 0, 0xff],
  ['pong', 0, 0, 0xff],
  ['destination-unreachable', 3, 0, 0xff],
  ['network-unreachable', 3, 0, 0],
  ['host-unreachable', 3, 1, 1],
  ['protocol-unreachable', 3, 2, 2],
  ['port-unreachable', 3, 3, 3],
  ['fragmentation-needed', 3, 4, 4],
  ['source-route-failed', 3, 5, 5],
  ['network-unknown', 3, 6, 6],
  ['host-unknown', 3, 7, 7],
  ['network-prohibited', 3, 9, 9],
  ['host-prohibited', 3, 10, 10],
  ['TOS-network-unreachable', 3, 11, 11],
  ['TOS-host-unreachable', 3, 12, 12],
  ['communication-prohibited', 3, 13, 13],
  ['host-precedence-violation', 3, 14, 14],
  ['precedence-cutoff', 3, 15, 15],
  ['source-quench', 4, 0, 0xff],
  ['redirect', 5, 0, 0xff],
  ['network-redirect', 5, 0, 0],
  ['host-redirect', 5, 1, 1],
  ['TOS-network-redirect', 5, 2, 2],
  ['TOS-host-redirect', 5, 3, 3],
  ['echo-request', 8, 0, 0xff],
  ['ping', 8, 0, 0xff],
  ['router-advertisement', 9, 0, 0xff],
  ['router-solicitation', 10, 0, 0xff],
  ['time-exceeded', 11, 0, 0xff],
  ['ttl-exceeded', 11, 0, 0xff],
  ['ttl-zero-during-transit', 11, 0, 0],
  ['ttl-zero-during-reassembly', 11, 1, 1],
  ['parameter-problem', 12, 0, 0xff],
  ['ip-header-bad', 12, 0, 0],
  ['required-option-missing', 12, 1, 1],
  ['timestamp-request', 13, 0, 0xff],
  ['timestamp-reply', 14, 0, 0xff],
  ['address-mask-request', 17, 0, 0xff],
  ['address-mask-reply', 18, 0, 0xff],
];

/** parse_range(): "n" or "n:m", each 0-255. */
function parseRange(text: string): { lo: number; hi: number; rest: string } | null {
  const a = strtouiEnd(text, 0, 255);
  if (!a) return null;
  if (a.rest[0] !== ':') return { lo: a.value, hi: a.value, rest: a.rest };
  const b = strtouiEnd(a.rest.slice(1), 0, 255);
  return b ? { lo: a.value, hi: b.value, rest: b.rest } : null;
}

/** __parse_icmp(). */
function parseIcmp(text: string): Omit<IcmpData, 'invert'> {
  let found: (typeof ICMP_CODES)[number] | null = null;
  for (const entry of ICMP_CODES) {
    if (!entry[0].toLowerCase().startsWith(text.toLowerCase())) continue;
    if (found) throw new ParamError(`Ambiguous ICMP type \`${text}': \`${found[0]}' or \`${entry[0]}'?`);
    found = entry;
  }
  if (found) return { type: found[1], codeMin: found[2], codeMax: found[3] };
  const t = parseRange(text);
  if (!t) throw new ParamError(`Unknown ICMP type \`${text}'`);
  if (t.rest === '') return { type: t.lo, codeMin: 0, codeMax: 255 };
  if (t.rest[0] !== '/') throw new ParamError(`unknown character ${t.rest[0]}`);
  const c = parseRange(t.rest.slice(1));
  if (!c) throw new ParamError(`Unknown ICMP code \`${text}'`);
  if (c.rest !== '') throw new ParamError(`unknown character ${c.rest[0]}`);
  return { type: t.lo, codeMin: c.lo, codeMax: c.hi };
}

const OPTS: OptSpec[] = [{ name: 'icmp-type', id: 0, arg: true, mand: true, invert: true }];

export const icmpMatch = defineMatch<IcmpData>({
  name: 'icmp',
  options: OPTS,
  init: () => ({ type: 0xff, codeMin: 0, codeMax: 0xff, invert: false }),
  parse(d, opt, arg, invert, _ctx, flags) {
    optionPrecheck('icmp', opt, arg, invert, flags);
    Object.assign(d, parseIcmp(arg!));
    if (invert) d.invert = true;
  },
  save(d) {
    const inv = d.invert ? ' !' : '';
    if (d.type === 0xff) return `${inv} --icmp-type any`;
    const code = d.codeMin !== 0 || d.codeMax !== 0xff ? `/${d.codeMin}` : '';
    return `${inv} --icmp-type ${d.type}${code}`;
  },
  print(d, _ip, numeric) {
    if (!numeric) {
      const named = ICMP_CODES.find((e) => e[1] === d.type && e[2] === d.codeMin && e[3] === d.codeMax);
      if (named) return ` icmp ${d.invert ? '!' : ''}${named[0]}`;
    }
    let s = ` icmp${d.invert ? ' !' : ''}type ${d.type}`;
    if (d.codeMin === d.codeMax) s += ` code ${d.codeMin}`;
    else if (d.codeMin !== 0 || d.codeMax !== 0xff) s += ` codes ${d.codeMin}-${d.codeMax}`;
    return s;
  },
  match(d, pc) {
    const icmp = pc.pkt.icmp;
    if (!icmp) return false;
    const hit = d.type === 0xff || (icmp.type === d.type && icmp.code >= d.codeMin && icmp.code <= d.codeMax);
    return hit !== d.invert;
  },
});
