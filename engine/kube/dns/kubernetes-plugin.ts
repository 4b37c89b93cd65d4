// What CoreDNS answers in a kind cluster, from the Corefile kubeadm installs (`kubernetes
// cluster.local in-addr.arpa ip6.arpa { pods insecure; fallthrough in-addr.arpa ip6.arpa; ttl 30 }`
// then `forward . /etc/resolv.conf`): the kubernetes plugin's records for services (ClusterIPs,
// headless endpoints, endpoint hostnames; SRV is not modelled), `a-b-c-d.<ns>.pod` names, NXDOMAIN and
// NODATA with the zone's SOA, and SERVFAIL for names it forwards (the simulated upstream, the
// docker network's DNS, does not answer). Sources: coredns plugin/kubernetes/parse.go
// parseRequest, kubernetes.go Records/findServices/findPods/endpointHostname, handler.go
// ServeDNS, plugin/backend_lookup.go SOA/BackendError.
import type { KubeObject } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { type DnsQuery, type DnsResponse, QTYPE, RCODE, type ResourceRecord } from './message.ts';

export const CLUSTER_DOMAIN = 'cluster.local';
/** The Corefile's `ttl 30`: records and the SOA's minimum (backend_lookup.go SOA: min(ttl, 300)). */
const TTL = 30;

interface ParsedName {
  podOrSvc: 'svc' | 'pod' | '';
  namespace: string;
  service: string;
  endpoint: string;
  port: string;
  protocol: string;
}

/** A service answer before it becomes records: an address (or a CNAME target) and a port. */
interface EndpointSubset {
  addresses?: Array<{ ip: string; hostname?: string }>;
  ports?: Array<{ name?: string; port: number; protocol?: string }>;
}

interface Found {
  host: string;
  port: number;
  /** The owner name for SRV targets: <endpoint>.<svc>.<ns>.svc.<zone> or <svc>.<ns>.svc.<zone>. */
  target: string;
}

class NameError extends Error {}

function stripUnderscore(s: string): string {
  return s.startsWith('_') ? s.slice(1) : s;
}

/** parseRequest: the labels of a name below the zone, read from the right. */
function parseName(base: string): ParsedName {
  const r: ParsedName = { podOrSvc: '', namespace: '', service: '', endpoint: '', port: '', protocol: '' };
  // apex queries (the zone itself, svc.<zone>, pod.<zone>) are NODATA
  if (base === '' || base === 'svc' || base === 'pod') return r;
  const segs = base.split('.');
  let last = segs.length - 1;
  const kind = segs[last];
  if (kind !== 'svc' && kind !== 'pod') throw new NameError();
  r.podOrSvc = kind;
  if (--last < 0) return r;
  r.namespace = segs[last];
  if (--last < 0) return r;
  r.service = segs[last];
  if (--last < 0) return r;
  if (last === 0) r.endpoint = segs[0];
  else if (last === 1) {
    r.protocol = stripUnderscore(segs[1]);
    r.port = stripUnderscore(segs[0]);
  } else throw new NameError();
  return r;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function portMatches(r: ParsedName, name: string | undefined, protocol: string | undefined): boolean {
  return (
    (r.port === '' || same(r.port, name ?? '')) && (r.protocol === '' || same(r.protocol, protocol ?? 'TCP'))
  );
}

/** endpointHostname: the address's hostname, else its IP with dashes. */
function endpointHostname(addr: { ip: string; hostname?: string }): string {
  if (addr.hostname) return addr.hostname;
  return addr.ip.replace(/[.:]/g, '-');
}

export class KubernetesZone {
  private readonly cluster: Cluster;

  constructor(cluster: Cluster) {
    this.cluster = cluster;
  }

  private namespaceExists(name: string): boolean {
    return this.cluster.store.peek(this.cluster.type('namespaces'), '', name) !== undefined;
  }

  private findPods(r: ParsedName): Found[] {
    // `pods insecure`: any well-formed address in an existing namespace answers itself
    if (!this.namespaceExists(r.namespace)) throw new NameError();
    const ip = r.service.includes('--') ? r.service.replace(/-/g, ':') : r.service.replace(/-/g, '.');
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip) || ip.split('.').some((o) => Number(o) > 255))
      throw new NameError();
    return [{ host: ip, port: 0, target: `${r.service}.${r.namespace}.pod.${CLUSTER_DOMAIN}` }];
  }

  private findServices(r: ParsedName): Found[] {
    if (!this.namespaceExists(r.namespace)) throw new NameError();
    if (r.service === '') return [];
    const svc = this.cluster.store
      .scan(this.cluster.type('services'), r.namespace)
      .find((s) => same(s.metadata.name ?? '', r.service));
    if (!svc) throw new NameError();
    const name = svc.metadata.name ?? '';
    const svcName = `${name}.${r.namespace}.svc.${CLUSTER_DOMAIN}`;
    const spec = svc.spec ?? {};
    const found: Found[] = [];
    if (spec.type === 'ExternalName') {
      if (r.endpoint || r.port || r.protocol) throw new NameError();
      return [{ host: spec.externalName ?? '', port: 0, target: svcName }];
    }
    if (spec.clusterIP === 'None' || r.endpoint) {
      const endpoints = this.cluster.store.peek(this.cluster.type('endpoints'), r.namespace, name);
      for (const subset of ((endpoints as KubeObject | undefined)?.subsets as EndpointSubset[] | undefined) ??
        []) {
        for (const addr of subset.addresses ?? []) {
          const hostname = endpointHostname(addr);
          if (r.endpoint && !same(r.endpoint, hostname)) continue;
          for (const p of subset.ports ?? [])
            if (portMatches(r, p.name, p.protocol))
              found.push({ host: addr.ip, port: p.port, target: `${hostname}.${svcName}` });
        }
      }
    } else {
      for (const p of spec.ports ?? [])
        if (portMatches(r, p.name, p.protocol))
          for (const ip of spec.clusterIPs ?? [spec.clusterIP])
            found.push({ host: ip, port: p.port, target: svcName });
    }
    if (found.length === 0) throw new NameError();
    return found;
  }

  /** Records(): what the kubernetes backend knows for a name below the zone. */
  private records(base: string): Found[] {
    const r = parseName(base);
    if (r.podOrSvc === '') return [];
    return r.podOrSvc === 'pod' ? this.findPods(r) : this.findServices(r);
  }

  private soa(): ResourceRecord {
    return {
      name: CLUSTER_DOMAIN,
      ttl: TTL,
      data: {
        type: 'SOA',
        mname: `ns.dns.${CLUSTER_DOMAIN}`,
        rname: `hostmaster.${CLUSTER_DOMAIN}`,
        // the serial is when the plugin's informers last saw a change (a unix time)
        serial: Math.floor(this.cluster.now() / 1000),
        refresh: 7200,
        retry: 1800,
        expire: 86400,
        minimum: TTL,
      },
    };
  }

  /** ServeDNS for a query whose name is in cluster.local. */
  answer(q: DnsQuery): DnsResponse {
    const name = q.name.replace(/\.$/, '');
    const base = name.toLowerCase() === CLUSTER_DOMAIN ? '' : name.slice(0, -(CLUSTER_DOMAIN.length + 1));
    const reply = (rcode: number, answers: ResourceRecord[], authority: ResourceRecord[]): DnsResponse => ({
      id: q.id,
      name: q.name,
      qtype: q.qtype,
      rcode,
      aa: true,
      rd: q.rd,
      ra: true,
      answers,
      authority,
      additional: [],
    });
    let found: Found[];
    try {
      found = this.records(base);
    } catch (e) {
      if (e instanceof NameError) return reply(RCODE.NXDOMAIN, [], [this.soa()]);
      throw e;
    }
    const answers: ResourceRecord[] = [];
    const seen = new Set<string>();
    for (const f of found) {
      const v4 = /^\d+\.\d+\.\d+\.\d+$/.test(f.host);
      const v6 = !v4 && f.host.includes(':');
      if (q.qtype === QTYPE.A && v4 && !seen.has(f.host)) {
        seen.add(f.host);
        answers.push({ name, ttl: TTL, data: { type: 'A', address: f.host } });
      } else if (q.qtype === QTYPE.AAAA && v6 && !seen.has(f.host)) {
        seen.add(f.host);
        answers.push({ name, ttl: TTL, data: { type: 'AAAA', address: f.host } });
      } else if ((q.qtype === QTYPE.A || q.qtype === QTYPE.AAAA || q.qtype === QTYPE.CNAME) && !v4 && !v6) {
        if (f.host && !seen.has(f.host)) {
          seen.add(f.host);
          answers.push({ name, ttl: TTL, data: { type: 'CNAME', target: f.host } });
        }
      }
    }
    if (answers.length === 0) return reply(RCODE.NOERROR, [], [this.soa()]);
    return reply(RCODE.NOERROR, answers, []);
  }
}

/** True for names the kubernetes plugin is authoritative for (not the reverse zones it falls through). */
export function inClusterZone(name: string): boolean {
  const n = name.replace(/\.$/, '').toLowerCase();
  return n === CLUSTER_DOMAIN || n.endsWith(`.${CLUSTER_DOMAIN}`);
}

/** A forwarded question the upstream never answered: the forward plugin's SERVFAIL. */
export function forwardFailure(q: DnsQuery): DnsResponse {
  return {
    id: q.id,
    name: q.name,
    qtype: q.qtype,
    rcode: RCODE.SERVFAIL,
    aa: false,
    rd: q.rd,
    ra: true,
    answers: [],
    authority: [],
    additional: [],
  };
}
