// BusyBox 1.36 nslookup (networking/nslookup.c, the FEATURE_NSLOOKUP_BIG resolver defconfig
// builds): A and AAAA questions for each search-list candidate (a name with no dot gets the
// resolv.conf search list), all sent at once from one socket, answers printed as they arrive,
// SERVFAIL re-asked at once a bounded number of times, unanswered questions re-sent every
// timeout/retry (2.5 s) until the 5 s timeout. Output recorded from busybox 1.36.1 against a
// responder answering as CoreDNS (scripts/record-dns-clients.sh, test/kube/fixtures/dns/).
import type { CommandContext } from '../../commands/types.ts';
import { strerror } from '../../net/errno.ts';
import { formatIpv4, parseIpv4 } from '../../net/inet.ts';
import { waitUntil } from '../../net/packet/runtime.ts';
import { processNet } from '../../net/process.ts';
import { openUdpClient } from '../../net/server/udp.ts';
import { type DnsQuery, type DnsResponse, isResponse, QTYPE, queryLength } from './message.ts';
import { makeQuery, readResolvConf } from './resolver.ts';

/** nslookup.c rcodes[]. */
const RCODES = [
  'NOERROR',
  'FORMERR',
  'SERVFAIL',
  'NXDOMAIN',
  'NOTIMP',
  'REFUSED',
  'YXDOMAIN',
  'YXRRSET',
  'NXRRSET',
  'NOTAUTH',
  'NOTZONE',
  '11',
  '12',
  '13',
  '14',
  '15',
];

/** nslookup.c qtypes[], in the order -type options are sent. */
const TYPES: Array<[string, number]> = [
  ['A', QTYPE.A],
  ['AAAA', QTYPE.AAAA],
  ['CNAME', QTYPE.CNAME],
  ['MX', QTYPE.MX],
  ['NS', QTYPE.NS],
  ['PTR', QTYPE.PTR],
  ['SOA', QTYPE.SOA],
  ['SRV', QTYPE.SRV],
  ['TXT', QTYPE.TXT],
  ['ANY', QTYPE.ANY],
];

interface Options {
  types: number[];
  port: number;
  retry: number;
  timeoutS: number;
}

const USAGE =
  'Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n';

/** make_ptr(): the in-addr.arpa name of a dotted IPv4 address. */
function ptrName(text: string): string | null {
  const addr = parseIpv4(text);
  if (addr === null || !/^\d+\.\d+\.\d+\.\d+$/.test(text)) return null;
  return `${formatIpv4(addr).split('.').reverse().join('.')}.in-addr.arpa`;
}

function withSearch(name: string, search: string[] | null, qtype: number): string[] {
  if (qtype === QTYPE.PTR || !search || search.length === 0 || name.includes('.')) return [name];
  return search.map((d) => `${name}.${d}`);
}

/** parse_reply(): the answer section; A and AAAA as "Name:/Address:" pairs. */
function printAnswers(reply: DnsResponse, out: string[]): void {
  if (!reply.aa) out.push('Non-authoritative answer:\n');
  for (const rr of reply.answers) {
    const d = rr.data;
    if (d.type === 'A' || d.type === 'AAAA') out.push(`Name:\t${rr.name}\nAddress: ${d.address}\n`);
    else if (d.type === 'CNAME') out.push(`${rr.name}\tcanonical name = ${d.target}\n`);
    else if (d.type === 'PTR') out.push(`${rr.name}\tname = ${d.target}\n`);
  }
}

export function nslookup(ctx: CommandContext): number {
  const opts: Options = { types: [], port: 53, retry: 2, timeoutS: 5 };
  const args = ctx.argv.slice(1);
  while (args.length > 0 && args[0].startsWith('-')) {
    const [key, value = ''] = args.shift()!.slice(1).split(/=(.*)/s);
    if (key === 'type' || key === 'querytype') {
      const t = TYPES.find(([n]) => n.toLowerCase() === value.toLowerCase());
      if (!t) {
        ctx.stderr.write(`nslookup: invalid query type "${value}"\n`);
        return 1;
      }
      if (!opts.types.includes(t[1])) opts.types.push(t[1]);
    } else if (key === 'port') opts.port = Number(value);
    else if (key === 'retry') opts.retry = Number(value);
    else if (key === 't' || key === 'timeout') opts.timeoutS = Number(value);
    else if (key !== 'debug') {
      ctx.stderr.write(USAGE);
      return 1;
    }
  }
  if (args.length === 0 || args.length > 2) {
    ctx.stderr.write(USAGE);
    return 1;
  }
  const [host, serverArg] = args;
  let servers: string[];
  let search: string[] | null = null;
  if (serverArg) servers = [serverArg];
  else {
    const conf = readResolvConf(ctx);
    servers = conf?.servers.length ? conf.servers : ['127.0.0.1'];
    search = conf?.search ?? null;
  }
  const queries: Array<{ q: DnsQuery; replied: boolean }> = [];
  const add = (qtype: number, names: string[]) => {
    for (const n of names) queries.push({ q: makeQuery(n, qtype), replied: false });
  };
  const ptr = ptrName(host);
  if (opts.types.length === 0) {
    if (ptr) add(QTYPE.PTR, [ptr]);
    else {
      add(QTYPE.A, withSearch(host, search, QTYPE.A));
      add(QTYPE.AAAA, withSearch(host, search, QTYPE.AAAA));
    }
  } else for (const t of TYPES) if (opts.types.includes(t[1])) add(t[1], withSearch(host, search, t[1]));

  let exitCode = 0;
  for (let i = 0; i < servers.length; i++) {
    const replies = sendQueries(ctx, servers[i], queries, opts, () => {
      exitCode = 1;
    });
    if (replies > 0) break;
    if (i === servers.length - 1) {
      ctx.stdout.write(';; connection timed out; no servers could be reached\n\n');
      return 1;
    }
  }
  const unanswered = queries.filter((e) => !e.replied);
  for (const e of unanswered) ctx.stdout.write(`*** Can't find ${e.q.name}: No answer\n`);
  if (unanswered.length > 0) ctx.stdout.write('\n');
  return exitCode;
}

/** send_queries(): one server; returns how many questions were answered. */
function sendQueries(
  ctx: CommandContext,
  server: string,
  queries: Array<{ q: DnsQuery; replied: boolean }>,
  opts: Options,
  failed: () => void,
): number {
  const addr = parseIpv4(server);
  if (addr === null) return 0;
  const { ns } = processNet(ctx);
  const client = openUdpClient(ctx.world, ctx.proc.host, ns, addr, opts.port);
  const timeout = opts.timeoutS * 1000;
  const retryInterval = Math.floor(timeout / opts.retry);
  let servfailRetry = 0;
  let replies = 0;
  let headerShown = false;
  const send = (q: DnsQuery) => client.send({ ...q }, queryLength(q));
  const sendOpen = () => {
    for (const e of queries) if (!e.replied) send(e.q);
    servfailRetry = 2 * queries.length;
  };
  const handle = (): boolean => {
    // without IP_RECVERR an ICMP error only sets the socket's pending error (sk_err): errors
    // arriving together are one failed read(), reported by bb_simple_perror_msg("read")
    const errors = client.takeErrors();
    if (errors.length > 0) ctx.stderr.write(`nslookup: read: ${strerror(errors[errors.length - 1])}\n`);
    for (const d of client.take()) {
      if (!headerShown) {
        headerShown = true;
        ctx.stdout.write(`Server:\t\t${server}\nAddress:\t${formatIpv4(addr)}:${opts.port}\n\n`);
      }
      const reply = d.payload;
      if (!isResponse(reply)) continue;
      const entry = queries.find((e) => e.q.id === reply.id);
      if (!entry || entry.replied) continue;
      if (reply.rcode === 2 && servfailRetry > 0) {
        servfailRetry--;
        send(entry.q);
        continue;
      }
      entry.replied = true;
      const out: string[] = [];
      if (reply.rcode !== 0) {
        out.push(`** server can't find ${entry.q.name}: ${RCODES[reply.rcode & 15]}\n`);
        failed();
      } else printAnswers(reply, out);
      out.push('\n');
      ctx.stdout.write(out.join(''));
      replies++;
    }
    return replies >= queries.length;
  };
  const start = client.rt.now;
  try {
    for (let at = start; at < start + timeout && replies < queries.length; at += retryInterval) {
      sendOpen();
      if (handle()) break;
      waitUntil(ctx.world, client.rt, Math.min(at + retryInterval, start + timeout), handle);
    }
  } finally {
    client.close();
  }
  return replies;
}
