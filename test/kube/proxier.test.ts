// kube-proxy's iptables proxier against the expected iptables-restore dumps of Kubernetes'
// pkg/proxy/iptables/proxier_test.go, compared the way that test does (sortIPTablesRules).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { endpointChain, serviceChains } from '../../engine/kube/proxy/chain-names.ts';
import { type ProxierConfig, probability, syncProxyRules } from '../../engine/kube/proxy/iptables-proxier.ts';

const FIXTURES = new URL('./fixtures/proxier/', import.meta.url);

function fixture(name: string): { services: KubeObject[]; endpointSlices: KubeObject[] } {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8'));
}

function expected(name: string): string {
  return readFileSync(new URL(`${name}.expected.txt`, FIXTURES), 'utf8');
}

/** NewFakeProxier in proxier_test.go: pod CIDR 10.0.0.0/8, mark 0x4000, localhost nodeports, nfacct counters present, no --random-fully (the fake iptables). */
const FAKE_PROXIER: ProxierConfig = {
  nodeName: 'test-node',
  nodeIP: '192.168.0.2',
  clusterCIDR: '10.0.0.0/8',
  masqueradeMark: '0x4000',
  masqueradeAll: false,
  localhostNodePorts: true,
  randomFully: false,
  nfacctInvalidDropped: true,
  nfacctLocalhostNodePorts: true,
  conntrackTCPLiberal: false,
};

interface DumpChain {
  name: string;
  rules: string[];
}

/** sortIPTablesRules (proxier_test.go) over iptablestest.ParseIPTablesDump / Dump.String(). */
function sortIPTablesRules(data: string): string {
  const tables: Array<{ name: string; chains: DumpChain[]; deletes: string[] }> = [];
  for (const line of data.split('\n')) {
    if (!line || line === 'COMMIT') continue;
    if (line.startsWith('*')) {
      tables.push({ name: line.slice(1), chains: [], deletes: [] });
      continue;
    }
    const table = tables[tables.length - 1];
    if (line.startsWith(':')) table.chains.push({ name: line.slice(1).split(' ')[0], rules: [] });
    else if (line.startsWith('-X ')) table.deletes.push(line);
    else {
      const name = line.split(' ')[1];
      table.chains.find((c) => c.name === name)?.rules.push(line);
    }
  }
  tables.sort((a, b) => cmp(a.name, b.name));
  const rank = (n: string) =>
    n === 'KUBE-NODEPORTS' ? 0 : n === 'KUBE-SERVICES' ? 1 : n.startsWith('KUBE-') ? 2 : 3;
  const comment = (rule: string) =>
    /--comment (?:"([^"]*)"|(\S+))/
      .exec(rule)
      ?.slice(1)
      .find((x) => x !== undefined);
  const svcName = (c: string) => {
    const i = c.search(/[ :]/);
    return i < 0 ? c : c.slice(0, i);
  };
  const byService = (a: string, b: string) => {
    const ca = comment(a);
    const cb = comment(b);
    if (ca === undefined || cb === undefined) return 0;
    return cmp(svcName(ca), svcName(cb));
  };
  for (const t of tables) {
    t.chains.sort((a, b) => rank(a.name) - rank(b.name) || cmp(a.name, b.name));
    for (const c of t.chains) {
      if (c.name === 'KUBE-NODEPORTS' || (c.name === 'KUBE-SERVICES' && t.name === 'filter'))
        c.rules.sort(byService);
      if (c.name === 'KUBE-SERVICES' && t.name === 'nat') {
        const last = (r: string) => comment(r)?.includes('must be the last rule') ?? false;
        c.rules.sort((a, b) => (last(a) ? (last(b) ? 0 : 1) : last(b) ? -1 : byService(a, b)));
      }
    }
  }
  let out = '';
  for (const t of tables) {
    out += `*${t.name}\n`;
    for (const c of t.chains) out += `:${c.name} - [0:0]\n`;
    for (const c of t.chains) for (const r of c.rules) out += `${r}\n`;
    for (const d of t.deletes) out += `${d}\n`;
    out += 'COMMIT\n';
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

describe('kube-proxy iptables chain names', () => {
  it('hashes service port name and protocol as portProtoHash does', () => {
    // chain names that appear in TestOverallIPTablesRules' expected dump
    expect(serviceChains('ns1/svc1:p80', 'tcp').cluster).toBe('KUBE-SVC-XPGD46QRK7WJZT7O');
    expect(serviceChains('ns5/svc5:p80', 'tcp').firewall).toBe('KUBE-FW-NUKIZ6OKUXPJNT4C');
    expect(serviceChains('ns2/svc2:p80', 'tcp').external).toBe('KUBE-EXT-GNZBNJ2PO5MGZ6GT');
    expect(endpointChain('ns4/svc4:p80', 'tcp', '10.180.0.5:80')).toBe('KUBE-SEP-C6EBXVWJJZMIWKLZ');
  });

  it('formats probabilities with %0.10f', () => {
    expect(probability(2)).toBe('0.5000000000');
    expect(probability(3)).toBe('0.3333333333');
    expect(probability(6)).toBe('0.1666666667');
  });
});

describe('kube-proxy iptables proxier (proxier_test.go)', () => {
  it('TestOverallIPTablesRules', () => {
    const f = fixture('overall');
    const got = syncProxyRules(f.services, f.endpointSlices, FAKE_PROXIER);
    expect(sortIPTablesRules(got)).toBe(expected('overall'));
  });
});

describe('kube-proxy on kind nodes', () => {
  it('loads the rules into each node, as iptables-save prints them', async () => {
    const { createWorld, Session } = await import('../../engine/index.ts');
    const s = new Session(createWorld({ seed: 'proxier' }));
    expect(s.run('kind create cluster').status).toBe(0);
    const nat = s.run('docker exec kind-control-plane iptables-save -t nat').output;
    // kubernetes Service default/kubernetes port "https" and the nodeports tail rule (proxier.go)
    expect(nat).toContain(
      `-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j ${serviceChains('default/kubernetes:https', 'tcp').cluster}\n`,
    );
    expect(nat).toContain(
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS\n',
    );
    expect(nat).toContain(
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully\n',
    );
    expect(nat).toContain(
      '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES\n',
    );
    const filter = s.run('docker exec kind-control-plane iptables-save -t filter').output;
    expect(filter).toContain(
      '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL\n',
    );
  });
});
