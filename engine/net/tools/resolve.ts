// Name lookups the network tools make through glibc: getaddrinfo() and getnameinfo() answered
// from the host's /etc/hosts (there is no DNS in the simulation).
import type { CommandContext } from '../../commands/types.ts';
import { formatIpv4, formatIpv6, type Ipv6, parseIpv4, parseIpv6 } from '../inet.ts';

export type Resolved = { family: 4; addr: number; canon: string } | { family: 6; addr: Ipv6; canon: string };

interface HostsEntry {
  addr: string;
  names: string[];
}

function hostsEntries(ctx: Pick<CommandContext, 'proc'>): HostsEntry[] {
  let text = '';
  try {
    text = ctx.proc.host.fs.readFile('/etc/hosts', '/', ctx.proc);
  } catch {
    return [];
  }
  const entries: HostsEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [addr, ...names] = line.split(/\s+/);
    if (names.length > 0) entries.push({ addr, names });
  }
  return entries;
}

/** getaddrinfo() for a name: the /etc/hosts entries for it, IPv4 ones first as AF_UNSPEC gives. */
export function lookupName(
  ctx: Pick<CommandContext, 'proc'>,
  name: string,
  family: 4 | 6 | null,
): Resolved[] {
  const found: Resolved[] = [];
  for (const e of hostsEntries(ctx)) {
    if (!e.names.includes(name)) continue;
    const v4 = parseIpv4(e.addr);
    const v6 = v4 === null ? parseIpv6(e.addr) : null;
    if (v4 !== null && family !== 6) found.push({ family: 4, addr: v4, canon: e.names[0] });
    if (v6 !== null && family !== 4) found.push({ family: 6, addr: v6, canon: e.names[0] });
  }
  return found.sort((a, b) => a.family - b.family);
}

/** getnameinfo() without NI_NUMERICHOST: the first /etc/hosts name of an address, or null. */
export function reverseName(ctx: CommandContext, addr: number | Ipv6): string | null {
  const text = typeof addr === 'number' ? formatIpv4(addr) : formatIpv6(addr);
  for (const e of hostsEntries(ctx)) {
    const v4 = parseIpv4(e.addr);
    const canonical =
      v4 !== null ? formatIpv4(v4) : parseIpv6(e.addr) ? formatIpv6(parseIpv6(e.addr)!) : e.addr;
    if (canonical === text) return e.names[0];
  }
  return null;
}
