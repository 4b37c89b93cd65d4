// IPv4 addresses the way iptables reads and writes them (libxtables/xtables.c): dotted quads that
// may be abbreviated (10.1 is 10.1.0.0), masks as prefix lengths or dotted quads, host names from
// /etc/hosts and network names from /etc/networks, and the printed forms of -L and -S.
import { formatIpv4 } from '../net/inet.ts';
import { ParamError } from './errors.ts';
import { networkByName, networkName } from './netdb.ts';
import { strtoui } from './xtables.ts';

/** Host name lookups (getaddrinfo/getnameinfo); the simulated resolver only knows /etc/hosts. */
export interface Resolver {
  /** Addresses of a host name, or null when it does not resolve. */
  lookup(name: string): number[] | null;
  /** The name of an address, or null (reverse DNS fails at once in the recordings). */
  reverse(addr: number): string | null;
}

export const NO_RESOLVER: Resolver = { lookup: () => null, reverse: () => null };

/** A resolver reading an /etc/hosts text. */
export function hostsResolver(hosts: string): Resolver {
  const entries: Array<{ addr: number; names: string[] }> = [];
  for (const line of hosts.split('\n')) {
    const fields = line.replace(/#.*/, '').trim().split(/\s+/);
    if (fields.length < 2) continue;
    const addr = numericToIpaddr(fields[0], false);
    if (addr !== null && /^\d+\.\d+\.\d+\.\d+$/.test(fields[0]))
      entries.push({ addr, names: fields.slice(1) });
  }
  return {
    lookup: (name) => {
      const found = entries.filter((e) => e.names.includes(name)).map((e) => e.addr);
      return found.length ? [...new Set(found)] : null;
    },
    reverse: (addr) => entries.find((e) => e.addr === addr)?.names[0] ?? null,
  };
}

/** __numeric_to_ipaddr(): a mask needs four parts; an address may stop early (zero-filled). */
export function numericToIpaddr(dotted: string, isMask: boolean): number | null {
  const parts = dotted.slice(0, 19).split('.');
  const bytes: number[] = [];
  for (let i = 0; i < 3; i++) {
    if (parts.length <= i + 1) {
      if (isMask) return null;
      const b = strtoui(parts[i], 0, 255);
      if (b === null) return null;
      bytes.push(b);
      while (bytes.length < 4) bytes.push(0);
      return toU32(bytes);
    }
    const b = strtoui(parts[i], 0, 255);
    if (b === null) return null;
    bytes.push(b);
  }
  const last = strtoui(parts.slice(3).join('.'), 0, 255);
  if (last === null) return null;
  bytes.push(last);
  return toU32(bytes);
}

const toU32 = (b: number[]): number => ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;

/** parse_ipmask(): no mask is /32; a dotted mask is taken as is; otherwise 0-32 bits. */
function parseIpmask(mask: string | null): number {
  if (mask === null) return 0xffffffff;
  const dotted = numericToIpaddr(mask, true);
  if (dotted !== null) return dotted;
  const bits = strtoui(mask, 0, 32);
  if (bits === null) throw new ParamError(`invalid mask \`${mask}' specified`);
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

/** ipparse_hostnetwork(): numeric, then a network name, then a host name. */
function parseHostNetwork(name: string, resolver: Resolver): number[] {
  const n = numericToIpaddr(name, false) ?? networkByName(name);
  if (n !== null) return [n];
  const hosts = resolver.lookup(name);
  if (hosts) return hosts;
  throw new ParamError(`host/network \`${name}' not found`);
}

export interface AddrMask {
  addr: number;
  mask: number;
}

/** xtables_ipparse_multiple(): "a[/m],b[/m],…", each masked; a name may give several addresses. */
export function ipparseMultiple(text: string, resolver: Resolver): AddrMask[] {
  const out: AddrMask[] = [];
  for (const item of text.split(',')) {
    let buf = item.trimStart();
    if (buf.length > 255) throw new ParamError('Hostname too long');
    const slash = buf.lastIndexOf('/');
    const mask = parseIpmask(slash >= 0 ? buf.slice(slash + 1) : null);
    if (slash >= 0) buf = buf.slice(0, slash);
    if (mask === 0) buf = '0.0.0.0';
    for (const addr of parseHostNetwork(buf, resolver)) out.push({ addr: (addr & mask) >>> 0, mask });
  }
  return out;
}

/** xtables_ipparse_any() for options taking one host[/mask] (conntrack --ctorigsrc, ...). */
export function ipparseAny(text: string, resolver: Resolver): AddrMask {
  const slash = text.lastIndexOf('/');
  const mask = parseIpmask(slash >= 0 ? text.slice(slash + 1) : null);
  const name = mask === 0 ? '0.0.0.0' : slash >= 0 ? text.slice(0, slash) : text;
  const addrs = parseHostNetwork(name, resolver);
  return { addr: (addrs[0] & mask) >>> 0, mask };
}

/** xtables_ipmask_to_cidr(): the prefix length, or -1 for a non-contiguous mask. */
export function maskToCidr(mask: number): number {
  for (let i = 32; i >= 0; i--) if ((i === 0 ? 0 : (0xffffffff << (32 - i)) >>> 0) === mask >>> 0) return i;
  return -1;
}

/** xtables_ipmask_to_numeric(): '' for /32, "/len", or "/a.b.c.d". */
export function maskSuffix(mask: number): string {
  const cidr = maskToCidr(mask);
  if (cidr === -1) return `/${formatIpv4(mask)}`;
  return cidr === 32 ? '' : `/${cidr}`;
}

/** xtables_ipaddr_to_anyname(): a host name, a network name, or the number. */
export function addrToAnyname(addr: number, resolver: Resolver): string {
  return resolver.reverse(addr) ?? networkName(addr) ?? formatIpv4(addr);
}

/** ipv4_addr_to_string() of -L: "anywhere" for /0 without -n, else address and mask suffix. */
export function listAddr(addr: number, mask: number, numeric: boolean, resolver: Resolver): string {
  if (mask === 0 && !numeric) return 'anywhere';
  return (numeric ? formatIpv4(addr) : addrToAnyname(addr, resolver)) + maskSuffix(mask);
}

/** mask_to_str() of save: "32", a length, or a dotted mask. */
export function saveMask(mask: number): string {
  const cidr = maskToCidr(mask);
  return cidr === -1 ? formatIpv4(mask) : String(cidr);
}
