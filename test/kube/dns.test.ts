// Cluster DNS in a kind cluster: pods' /etc/resolv.conf and /etc/hosts as the kubelet writes them
// (pkg/kubelet/network/dns/dns.go GetPodDNS, kubelet_pods.go managedHostsFileContent), CoreDNS
// answering through kube-proxy's DNAT of 10.96.0.10, and busybox nslookup / glibc getent output
// recorded from the real tools (scripts/record-dns-clients.sh → test/kube/fixtures/dns/).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';

function fixture(name: string): string {
  const text = readFileSync(new URL(`./fixtures/dns/${name}.txt`, import.meta.url), 'utf8');
  return text.replace(/\[\d+\]\n$/, '');
}

function statusOf(name: string): number {
  const text = readFileSync(new URL(`./fixtures/dns/${name}.txt`, import.meta.url), 'utf8');
  return Number(/\[(\d+)\]\n$/.exec(text)?.[1] ?? 0);
}

function cluster() {
  const s = new Session(createWorld({ seed: 'dns' }));
  const run = (line: string) => s.run(line);
  run('kind create cluster');
  const apply = (yaml: string) => run(`cat <<'EOF' | kubectl apply -f -\n${yaml}\nEOF`);
  return { run, apply };
}

const EXIT = (status: number) => (status ? `command terminated with exit code ${status}\n` : '');

/** The recorded output of a case as `kubectl exec` shows it, fixture addresses replaced. */
function expected(name: string, replace: Record<string, string> = {}): string {
  let text = fixture(name);
  for (const [from, to] of Object.entries(replace)) text = text.split(from).join(to);
  return text + EXIT(statusOf(name));
}

function withService() {
  const c = cluster();
  c.run('kubectl create deployment web --image=nginx');
  // the recording's ClusterIP, so the recorded text applies unchanged
  c.apply(
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: 10.96.100.200\n  selector:\n    app: web\n  ports:\n  - port: 80',
  );
  c.run('kubectl run client --image=busybox:1.36 -- sleep 3600');
  return c;
}

describe('pod resolver files', () => {
  it('writes the ClusterFirst resolv.conf and the managed hosts file', () => {
    const { run } = withService();
    // GetPodDNS (ClusterFirst): clusterDNS, <ns>.svc/svc/<domain> + the node's (empty) search,
    // defaultDNSOptions ndots:5; containerd renders search, nameserver, options lines
    expect(run('kubectl exec client -- cat /etc/resolv.conf').output).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
    const ip = run("kubectl get pod client -o jsonpath='{.status.podIP}'").output;
    // managedHostsFileContent: header, the six defaults, "<podIP>\t<hostname>"
    expect(run('kubectl exec client -- cat /etc/hosts').output).toBe(
      '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' +
        `fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip}\tclient\n`,
    );
  });

  it('follows dnsPolicy Default, None with dnsConfig, and hostname/subdomain', () => {
    const { run, apply } = cluster();
    apply(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: dflt\nspec:\n  dnsPolicy: Default\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: [sleep, "3600"]',
    );
    // the node's resolv.conf on kind: docker's ndots:0, 127.0.0.11 rewritten to the gateway
    expect(run('kubectl exec dflt -- cat /etc/resolv.conf').output).toBe(
      'nameserver 172.18.0.1\noptions ndots:0\n',
    );
    apply(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: none\nspec:\n  hostname: db-0\n  subdomain: db\n  dnsPolicy: None\n  dnsConfig:\n    nameservers: [1.1.1.1]\n    searches: [example.com]\n    options:\n    - name: ndots\n      value: "2"\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: [sleep, "3600"]',
    );
    expect(run('kubectl exec none -- cat /etc/resolv.conf').output).toBe(
      'search example.com\nnameserver 1.1.1.1\noptions ndots:2\n',
    );
    const ip = run("kubectl get pod none -o jsonpath='{.status.podIP}'").output;
    expect(run('kubectl exec none -- tail -1 /etc/hosts').output).toBe(
      `${ip}\tdb-0.db.default.svc.cluster.local\tdb-0\n`,
    );
  });
});

describe('busybox nslookup against CoreDNS through 10.96.0.10', () => {
  it('prints what busybox 1.36.1 printed for the recorded cases', () => {
    const { run } = withService();
    for (const [name, line] of [
      ['nslookup-service', 'nslookup web'],
      ['nslookup-fqdn', 'nslookup web.default.svc.cluster.local'],
      ['nslookup-server-arg', 'nslookup web.default.svc.cluster.local 10.96.0.10'],
      ['nslookup-missing', 'nslookup nope'],
      ['nslookup-external', 'nslookup example.com'],
      ['nslookup-ns-qualified', 'nslookup web.default'],
    ])
      expect(run(`kubectl exec client -- ${line}`).output, name).toBe(expected(name));
  });

  it('answers a headless service with one address per ready endpoint', () => {
    const { run, apply } = withService();
    run('kubectl create deployment db --image=nginx --replicas=2');
    apply(
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  selector:\n    app: db\n  ports:\n  - port: 80',
    );
    const ep = JSON.parse(run('kubectl get endpoints db -o json').output);
    const [first, second] = ep.subsets[0].addresses.map((a: { ip: string }) => a.ip);
    expect(run('kubectl exec client -- nslookup db').output).toBe(
      expected('nslookup-headless', { '10.244.1.5': first, '10.244.2.7': second }),
    );
    // getent is glibc's (libc-bin): busybox has no such applet, debian:bookworm (glibc 2.36) has
    run('kubectl run glibc --image=debian:bookworm -- sleep 3600');
    expect(run('kubectl exec glibc -- getent hosts db').output).toBe(
      expected('getent-hosts-headless', { '10.244.1.5': first, '10.244.2.7': second }),
    );
  });

  it('reports refused reads and the timeout when kube-dns has no endpoints', () => {
    const { run } = withService();
    run('kubectl scale deployment coredns -n kube-system --replicas=0');
    // kube-proxy REJECTs a Service without endpoints (port unreachable): send_queries() reports
    // each failed read() with bb_simple_perror_msg("read"), once per send round (t=0 and at the
    // 2.5 s retry interval), then no reply within the 5 s timeout (nslookup.c)
    expect(run('kubectl exec client -- nslookup web').output).toBe(
      'nslookup: read: Connection refused\n'.repeat(2) +
        ';; connection timed out; no servers could be reached\n\ncommand terminated with exit code 1\n',
    );
  });
});

describe('glibc getent and the TCP tools resolve through cluster DNS', () => {
  it('prints what glibc 2.36 getent printed for the recorded cases', () => {
    const { run } = withService();
    // getent is glibc's (libc-bin): the client runs debian:bookworm (glibc 2.36), not busybox
    run('kubectl delete pod client --wait=false');
    run('sleep 40');
    run('kubectl run client --image=debian:bookworm -- sleep 3600');
    const ip = run("kubectl get pod client -o jsonpath='{.status.podIP}'").output;
    for (const [name, line] of [
      ['getent-hosts-service', 'getent hosts web'],
      ['getent-ahosts-service', 'getent ahosts web'],
      ['getent-hosts-missing', 'getent hosts nope'],
      ['getent-hosts-own', 'getent hosts client'],
    ])
      expect(run(`kubectl exec client -- ${line}`).output, name).toBe(
        expected(name, { '10.244.1.3': ip.padEnd(10) }),
      );
  });

  it('lets wget reach a service by its short name', () => {
    const { run } = withService();
    const r = run('kubectl exec client -- wget -qO- http://web/');
    expect(r.status).toBe(0);
    expect(r.output).toContain('<title>Welcome to nginx!</title>');
    expect(run('kubectl exec client -- wget -qO- http://nope/').output).toBe(
      "wget: bad address 'nope'\ncommand terminated with exit code 1\n",
    );
  });
});
