// The libxtables helpers every extension shares (libxtables/xtables.c): numbers parsed like
// strtoul(…, 0), ports and services, interfaces, protocols, mark/mask values, the quoting of
// saved strings, and the K/M/G counters of -L.
import { ParamError } from './errors.ts';
import { portToService, protoByName, protoByNumber, serviceToPort } from './netdb.ts';

/** strtoumax(s, &end, 0): a decimal, 0x hex or 0 octal prefix of `s`; null when there is none. */
export function strtoulPrefix(s: string): { value: bigint; rest: string } | null {
  const m = /^\s*\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s);
  if (!m) return null;
  const digits = m[1];
  let value: bigint;
  if (/^0[xX]/.test(digits)) value = BigInt(digits);
  else if (digits.length > 1 && digits[0] === '0') value = BigInt(`0o${digits.slice(1)}`);
  else value = BigInt(digits);
  return { value, rest: s.slice(m[0].length) };
}

/** xtables_strtoui(s, NULL, …, min, max): the whole string as a number in range, or null. */
export function strtoui(s: string, min: number, max: number): number | null {
  if (/^\s*-/.test(s)) return null;
  const r = strtoulPrefix(s);
  if (r?.rest !== '') return null;
  if (r.value < BigInt(min) || r.value > BigInt(max)) return null;
  return Number(r.value);
}

/** xtables_strtoui(s, &end, …): a number in range and what follows it, or null. */
export function strtouiEnd(s: string, min: number, max: number): { value: number; rest: string } | null {
  if (/^\s*-/.test(s)) return null;
  const r = strtoulPrefix(s);
  if (!r || r.value < BigInt(min) || r.value > BigInt(max)) return null;
  return { value: Number(r.value), rest: r.rest };
}

/** xtables_parse_port(): a number 0-65535 or a service name for `proto`. */
export function parsePort(port: string, proto: string): number {
  const n = strtoui(port, 0, 0xffff);
  if (n !== null) return n;
  const s = serviceToPort(port, proto);
  if (s !== null) return s;
  throw new ParamError(`invalid port/service \`${port}' specified`);
}

/** A port as -L prints it: the service name unless numeric or unknown. */
export function portName(port: number, proto: string | null, numeric: boolean): string {
  return (numeric ? null : portToService(port, proto)) ?? String(port);
}

/** xtables_parse_interface(): at most 15 characters. */
export function parseInterface(arg: string): string {
  if (arg.length + 1 > 16)
    throw new ParamError(`interface name \`${arg}' must be shorter than IFNAMSIZ (15)`);
  return arg;
}

/** xtables_chain_protos: the names iptables knows before asking /etc/protocols. */
const CHAIN_PROTOS: Array<[string, number]> = [
  ['tcp', 6],
  ['sctp', 132],
  ['udp', 17],
  ['udplite', 136],
  ['icmp', 1],
  ['ipv6-icmp', 58],
  ['icmpv6', 58],
  ['esp', 50],
  ['ah', 51],
  ['mobility-header', 135],
  ['ipv6-mh', 135],
  ['mh', 135],
  ['all', 0],
];

/** xtables_parse_protocol(). */
export function parseProtocol(s: string): number {
  const n = strtoui(s, 0, 255);
  if (n !== null) return n;
  const known = CHAIN_PROTOS.find(([name]) => name === s);
  if (known) return known[1];
  const p = protoByName(s);
  if (p !== null) return p;
  throw new ParamError(`unknown protocol "${s}" specified`);
}

/** proto_to_name() of iptables/xshared.c: the chain_protos name, else /etc/protocols unless nolookup. */
export function protoToName(proto: number, nolookup: boolean): string | null {
  const known = CHAIN_PROTOS.find(([, num]) => num === proto);
  if (known) return known[0];
  if (proto && !nolookup) return protoByNumber(proto);
  return null;
}

/** XTTYPE_MARKMASK32 (xtables_parse_val_mask without a name map): "value[/mask]". */
export function parseMarkMask(ext: string, opt: string, arg: string): { value: number; mask: number } {
  const bad = () => new ParamError(`${ext}: bad integer value for option "--${opt}", or out of range.\n`);
  const v = strtouiEnd(arg, 0, 0xffffffff);
  if (!v) throw bad();
  if (v.rest === '') return { value: v.value, mask: 0xffffffff };
  if (v.rest[0] !== '/')
    throw new ParamError(`${ext}: trailing garbage after value for option "--${opt}".\n`);
  const m = strtouiEnd(v.rest.slice(1), 0, 0xffffffff);
  if (!m) throw bad();
  if (m.rest !== '') throw new ParamError(`${ext}: trailing garbage after value for option "--${opt}".\n`);
  return { value: v.value, mask: m.value };
}

/** XTTYPE_UINT32 and friends: a number in [min, max]. */
export function parseUint(ext: string, opt: string, arg: string, min: number, max: number): number {
  const n = strtoui(arg, min, max);
  if (n === null)
    throw new ParamError(`${ext}: bad value for option "--${opt}", or out of range (${min}-${max}).\n`);
  return n;
}

export const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

/** xtables_print_mark_mask(): " 0xV" or " 0xV/0xM". */
export function markMaskText(value: number, mask: number): string {
  return mask === 0xffffffff ? ` ${hex(value)}` : ` ${hex(value)}/${hex(mask)}`;
}

/** xtables_save_string(): bare when safe, otherwise double-quoted with " \ ' escaped. */
export function saveString(value: string): string {
  if (/^[_\-0-9a-zA-Z]+$/.test(value)) return ` ${value}`;
  return ` "${value.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}

const U64 = 1n << 64n;

/** xtables_print_num(): `%8llu ` with -x, else `%5llu ` or a K/M/G/T value (the +500 wraps at 2^64). */
export function printNum(n: bigint, exact: boolean): string {
  if (exact) return `${String(n).padStart(8)} `;
  if (n <= 99999n) return `${String(n).padStart(5)} `;
  for (const unit of ['K', 'M', 'G']) {
    n = ((n + 500n) % U64) / 1000n;
    if (n <= 9999n) return `${String(n).padStart(4)}${unit} `;
  }
  n = ((n + 500n) % U64) / 1000n;
  return `${String(n).padStart(4)}T `;
}

/** xtables_print_num() with FMT_NOTABLE: no padding (the policy line of a chain header). */
export function printNumBare(n: bigint, exact: boolean): string {
  return `${printNum(n, exact).trim()} `;
}
