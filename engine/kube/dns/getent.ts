// glibc getent (nss/getent.c) for the host databases: `hosts` (gethostbyname2 for IPv6, then
// IPv4; "%-15s %s" with the official name), `ahosts`/`ahostsv4` (getaddrinfo with AI_ADDRCONFIG
// and AI_CANONNAME, one line per socket type, the canonical name on the first), exit status 2
// when a key is not found. Lookups go to /etc/hosts, then DNS (nsswitch `hosts: files dns`).
// Output recorded from glibc 2.36 getent against a responder answering as CoreDNS
// (scripts/record-dns-clients.sh). Other databases are not modelled.
import type { CommandContext } from '../../commands/types.ts';
import { formatIpv4, formatIpv6 } from '../../net/inet.ts';
import { lookupName } from '../../net/tools/resolve.ts';
import { dnsLookup } from './resolver.ts';

interface HostEntry {
  name: string;
  aliases: string[];
  addrs: string[];
}

function fromFiles(ctx: CommandContext, key: string, family: 4 | 6): HostEntry | null {
  const found = lookupName(ctx, key, family);
  if (found.length === 0) return null;
  // files answers with the first matching line: its names are the official name and aliases
  const first = found[0];
  const line = ctx.proc.host.fs
    .readFile('/etc/hosts', '/', ctx.proc)
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim().split(/\s+/))
    .find((f) => f.slice(1).includes(key));
  const addr = first.family === 4 ? formatIpv4(first.addr) : formatIpv6(first.addr);
  return { name: first.canon, aliases: line ? line.slice(2) : [], addrs: [addr] };
}

/** gethostbyname2(): files, then DNS. */
function hostByName(ctx: CommandContext, key: string, family: 4 | 6): HostEntry | null {
  const files = fromFiles(ctx, key, family);
  if (files) return files;
  const dns = dnsLookup(ctx, key, family);
  return dns ? { name: dns.canon, aliases: [], addrs: dns.addrs } : null;
}

const pad = (s: string, n: number) => s.padEnd(n);

function hosts(ctx: CommandContext, key: string): boolean {
  const entry = hostByName(ctx, key, 6) ?? hostByName(ctx, key, 4);
  if (!entry) return false;
  for (const addr of entry.addrs)
    ctx.stdout.write(`${pad(addr, 15)} ${[entry.name, ...entry.aliases].join(' ')}\n`);
  return true;
}

/** getaddrinfo(): AI_ADDRCONFIG leaves IPv4 only, pods having no global IPv6 address. */
function ahosts(ctx: CommandContext, key: string): boolean {
  const entry = hostByName(ctx, key, 4);
  if (!entry) return false;
  let first = true;
  for (const addr of entry.addrs)
    for (const socktype of ['STREAM', 'DGRAM', 'RAW']) {
      ctx.stdout.write(`${pad(addr, 15)} ${pad(socktype, 6)} ${first ? entry.name : ''}\n`);
      first = false;
    }
  return true;
}

export function getent(ctx: CommandContext): number {
  const [db, ...keys] = ctx.argv.slice(1);
  const lookup = db === 'hosts' ? hosts : db === 'ahosts' || db === 'ahostsv4' ? ahosts : null;
  if (!lookup) {
    ctx.stderr.write(`getent: the ${db ?? ''} database is not available in this simulation\n`);
    return 1;
  }
  let status = 0;
  for (const key of keys) if (!lookup(ctx, key)) status = 2;
  return status;
}
