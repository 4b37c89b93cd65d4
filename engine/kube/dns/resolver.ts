// A stub resolver over simulated UDP: /etc/resolv.conf read as resolvers read it, questions sent
// as datagrams to the nameserver (so a pod's queries to 10.96.0.10 go through kube-proxy's DNAT
// to a CoreDNS pod) and answers awaited in simulated time, and glibc's lookup order on top
// (res_search: the name as given first when it has at least ndots dots, the search list, SERVFAIL
// retried `attempts` times; hosts from /etc/hosts before DNS as nsswitch `hosts: files dns`).
import type { CommandContext } from '../../commands/types.ts';
import { parseIpv4 } from '../../net/inet.ts';
import { waitUntil } from '../../net/packet/runtime.ts';
import { processNet } from '../../net/process.ts';
import { openUdpClient } from '../../net/server/udp.ts';
import { lookupName } from '../../net/tools/resolve.ts';
import { type HostResolver, setHostResolver } from '../../net/tools/tcp-client.ts';
import {
  DNS_PORT,
  type DnsQuery,
  type DnsResponse,
  isResponse,
  QTYPE,
  queryLength,
  RCODE,
} from './message.ts';

type Ctx = Pick<CommandContext, 'proc' | 'world'>;

export interface ResolvConf {
  servers: string[];
  search: string[];
  ndots: number;
  /** Seconds per try (options timeout:, glibc's RES_TIMEOUT 5). */
  timeout: number;
  /** Tries per server (options attempts:, glibc's RES_DFLRETRY 2). */
  attempts: number;
}

/** /etc/resolv.conf of the process's file system, or null when there is none. */
export function readResolvConf(ctx: Pick<CommandContext, 'proc'>): ResolvConf | null {
  let text: string;
  try {
    text = ctx.proc.host.fs.readFile('/etc/resolv.conf', '/', ctx.proc);
  } catch {
    return null;
  }
  const conf: ResolvConf = { servers: [], search: [], ndots: 1, timeout: 5, attempts: 2 };
  for (const raw of text.split('\n')) {
    const [key, ...args] = raw.trim().split(/\s+/);
    if (key === 'nameserver' && args[0]) conf.servers.push(args[0]);
    else if (key === 'search' || key === 'domain') conf.search = args;
    else if (key === 'options')
      for (const opt of args) {
        const [name, value] = opt.split(':');
        const n = Number(value);
        if (name === 'ndots' && Number.isFinite(n)) conf.ndots = Math.min(n, 15);
        if (name === 'timeout' && Number.isFinite(n)) conf.timeout = Math.max(1, Math.min(n, 30));
        if (name === 'attempts' && Number.isFinite(n)) conf.attempts = Math.max(1, Math.min(n, 5));
      }
  }
  return conf;
}

let nextId = 0x1234;

/** A question to send; `id` is filled in when it goes out. */
export function makeQuery(name: string, qtype: number): DnsQuery {
  nextId = (nextId * 1103515245 + 12345) & 0xffff;
  return { id: nextId, rd: true, name, qtype };
}

export interface Exchange {
  /** Called per datagram that answers a question still open; return false to re-ask it (a SERVFAIL retry). */
  onReply(query: DnsQuery, reply: DnsResponse): boolean;
  /** Called when the socket reports an ICMP error (ECONNREFUSED for a port unreachable). */
  onError?(errno: string): void;
}

/**
 * Sends `queries` to server:53 from one socket and waits for their answers until `timeoutMs`
 * passes, re-sending the unanswered ones every `retryMs`. Returns the queries never answered.
 */
export function exchange(
  ctx: Ctx,
  server: string,
  queries: DnsQuery[],
  timeoutMs: number,
  retryMs: number,
  handler: Exchange,
): DnsQuery[] {
  const addr = parseIpv4(server);
  const open = new Set(queries);
  if (addr === null) return [...open];
  const { ns } = processNet(ctx);
  const client = openUdpClient(ctx.world, ctx.proc.host, ns, addr, DNS_PORT);
  const send = (q: DnsQuery) => client.send({ ...q }, queryLength(q));
  const start = client.rt.now;
  const drain = () => {
    for (const errno of client.takeErrors()) handler.onError?.(errno);
    for (const d of client.take()) {
      const reply = d.payload;
      if (!isResponse(reply)) continue;
      const q = [...open].find((x) => x.id === reply.id);
      if (!q) continue;
      if (handler.onReply(q, reply)) open.delete(q);
      else send(q);
    }
    return open.size === 0;
  };
  try {
    for (let at = start; open.size > 0 && at < start + timeoutMs; at += retryMs) {
      if (at > start) for (const q of open) send(q);
      else for (const q of queries) send(q);
      waitUntil(ctx.world, client.rt, Math.min(at + retryMs, start + timeoutMs), drain);
    }
  } finally {
    client.close();
  }
  return [...open];
}

export interface Lookup {
  /** The name the answer is for (the search-list candidate that answered). */
  canon: string;
  addrs: string[];
}

/** One name and type asked of the configured servers, SERVFAIL re-asked; null on no answer. */
function askServers(ctx: Ctx, conf: ResolvConf, name: string, qtype: number): DnsResponse | null {
  for (const server of conf.servers) {
    let result: DnsResponse | null = null;
    for (let attempt = 0; attempt < conf.attempts && !result; attempt++) {
      const q = makeQuery(name, qtype);
      let reply: DnsResponse | null = null;
      exchange(ctx, server, [q], conf.timeout * 1000, conf.timeout * 1000, {
        onReply: (_q, r) => {
          reply = r;
          return true;
        },
      });
      const got = reply as DnsResponse | null;
      if (got && got.rcode !== RCODE.SERVFAIL) result = got;
    }
    if (result) return result;
  }
  return null;
}

/** res_search(): the candidates glibc tries for a name, in order. */
export function searchCandidates(conf: ResolvConf, name: string): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const withSearch = conf.search.map((d) => `${name}.${d}`);
  return dots >= conf.ndots ? [name, ...withSearch] : [...withSearch, name];
}

/** The DNS part of gethostbyname2()/getaddrinfo() for one family. */
export function dnsLookup(ctx: Ctx, name: string, family: 4 | 6): Lookup | null {
  const conf = readResolvConf(ctx);
  if (!conf || conf.servers.length === 0) return null;
  const qtype = family === 4 ? QTYPE.A : QTYPE.AAAA;
  for (const candidate of searchCandidates(conf, name)) {
    const reply = askServers(ctx, conf, candidate, qtype);
    if (!reply || reply.rcode !== RCODE.NOERROR) continue;
    const want = family === 4 ? 'A' : 'AAAA';
    const addrs = reply.answers.flatMap((rr) => (rr.data.type === want ? [rr.data.address] : []));
    if (addrs.length > 0) return { canon: candidate, addrs };
  }
  return null;
}

/** nsswitch `hosts: files dns` for IPv4, as the TCP tools resolve. */
const filesThenDns: HostResolver = (ctx, name) => {
  const fromFiles = lookupName(ctx, name, 4)[0];
  if (fromFiles?.family === 4) return fromFiles.addr;
  const found = dnsLookup(ctx, name, 4);
  return found ? parseIpv4(found.addrs[0]) : null;
};

let installed = false;

/** Makes curl, wget and nc resolve through /etc/resolv.conf's nameservers after /etc/hosts. */
export function installDnsResolver(): void {
  if (installed) return;
  installed = true;
  setHostResolver(filesThenDns);
}
