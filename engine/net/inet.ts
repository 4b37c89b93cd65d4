// IPv4 and IPv6 addresses: parsing, formatting (RFC 5952 compression for IPv6), prefixes.

/** An IPv4 address as an unsigned 32-bit number. */
export type Ipv4 = number;

export function parseIpv4(text: string): Ipv4 | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

export function formatIpv4(addr: Ipv4): string {
  return [addr >>> 24, (addr >>> 16) & 255, (addr >>> 8) & 255, addr & 255].join('.');
}

export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function networkOf(addr: Ipv4, prefix: number): Ipv4 {
  return (addr & maskOf(prefix)) >>> 0;
}

export function broadcastOf(addr: Ipv4, prefix: number): Ipv4 {
  return (networkOf(addr, prefix) | (~maskOf(prefix) >>> 0)) >>> 0;
}

export function inSubnet(addr: Ipv4, net: Ipv4, prefix: number): boolean {
  return networkOf(addr, prefix) === networkOf(net, prefix);
}

/** `10.0.0.1/24` → address and prefix; a bare address is /32. Null when malformed. */
export function parseIpv4Prefix(text: string): { addr: Ipv4; prefix: number } | null {
  const [a, p, ...rest] = text.split('/');
  if (rest.length > 0) return null;
  const addr = parseIpv4(a);
  if (addr === null) return null;
  if (p === undefined) return { addr, prefix: 32 };
  if (!/^\d{1,2}$/.test(p) || Number(p) > 32) return null;
  return { addr, prefix: Number(p) };
}

/** An IPv6 address as eight 16-bit groups. */
export type Ipv6 = number[];

export function parseIpv6(text: string): Ipv6 | null {
  if (!/^[0-9a-fA-F:]+$/.test(text) || text.includes(':::')) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const part = (s: string) => (s === '' ? [] : s.split(':'));
  const head = part(halves[0]);
  const tail = halves.length === 2 ? part(halves[1]) : [];
  if ([...head, ...tail].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  return [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail].map((g) =>
    Number.parseInt(g, 16),
  );
}

export function formatIpv6(groups: Ipv6): string {
  // Longest run of two or more zero groups becomes "::" (first one on ties), per RFC 5952.
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** The EUI-64 link-local address the kernel derives from a MAC (addrgenmode eui64). */
export function linkLocalFromMac(mac: number[]): Ipv6 {
  const b = [mac[0] ^ 0x02, mac[1], mac[2], 0xff, 0xfe, mac[3], mac[4], mac[5]];
  return [0xfe80, 0, 0, 0, (b[0] << 8) | b[1], (b[2] << 8) | b[3], (b[4] << 8) | b[5], (b[6] << 8) | b[7]];
}
