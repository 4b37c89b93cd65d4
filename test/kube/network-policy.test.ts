// NetworkPolicy enforcement as kind v0.27's kindnetd does it (kube-network-policies@4320aa92e3f0):
// the verdict function against the cases of its TestSyncPacket / TestController_evaluatePorts /
// TestController_evaluateIPBlocks (pkg/networkpolicy/networkpolicy_test.go), then end to end in a
// kind cluster: a default-deny ingress makes curl time out, a podSelector rule lets a labelled
// client through, an egress deny blocks the client's connection.
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorld, Session, type World } from '../../engine/index.ts';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { type PacketTuple, type PolicyWorld, packetAllowed } from '../../engine/kube/netpol/evaluate.ts';
import { ipBlockMatches, portsMatch } from '../../engine/kube/netpol/peers.ts';
import { formatIpv4 } from '../../engine/net/inet.ts';
import { hostNet } from '../../engine/net/netlink.ts';
import { fixedResponseHandler } from '../../engine/net/server/handlers.ts';
import { listenTcp } from '../../engine/net/server/listen.ts';
import { linkByName } from '../../engine/net/state.ts';

// controller_test.go makePod / makeNamespace
function makePod(
  name: string,
  namespace: string,
  ip: string,
  labels: Record<string, string> = { a: 'b' },
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: {
      nodeName: 'testnode',
      containers: [{ name: 'write-pod', ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }] }],
    },
    status: { podIPs: [{ ip }] },
  } as KubeObject;
}

function makeNamespace(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name, a: 'b' } },
  } as KubeObject;
}

function policy(name: string, namespace: string, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace },
    spec,
  } as KubeObject;
}

const podA = makePod('a', 'foo', '192.168.1.11');
const podB = makePod('b', 'bar', '192.168.2.22');
const podC = makePod('c', 'blocked', '192.168.3.33', { c: 'd' });
const podD = makePod('d', 'bar', '192.168.4.44', { c: 'd' });

const denyIngress = policy('default-deny-ingress', 'bar', { podSelector: {}, policyTypes: ['Ingress'] });
const denyEgress = policy('default-deny-ingress', 'bar', { podSelector: {}, policyTypes: ['Egress'] });
const allowIngressIPBlock = policy('default-allow-ingress-ipBlock', 'bar', {
  podSelector: {},
  policyTypes: ['Ingress'],
  ingress: [{ from: [{ ipBlock: { cidr: '192.168.0.0/16' } }] }],
});
const egress = (name: string, spec: Record<string, unknown>) =>
  policy(name, 'foo', { podSelector: { matchLabels: { a: 'b' } }, policyTypes: ['Egress'], ...spec });
const multiPortEgress = egress('multiport-egress', {
  egress: [{ ports: [{ protocol: 'TCP', port: 30000, endPort: 65537 }], to: [] }],
});
const multiPortEgressIPBlock = egress('multiport-egress', {
  egress: [{ to: [{ ipBlock: { cidr: '192.168.0.0/16' } }] }],
});
const multiPortEgressPodSelector = egress('multiport-egress', {
  egress: [{ to: [{ podSelector: { matchLabels: { a: 'b' } } }] }],
});
const multiPortEgressNsSelector = egress('multiport-egress-ns', {
  egress: [{ to: [{ namespaceSelector: { matchLabels: { a: 'b' } } }] }],
});
const multiPortEgressPodNsSelector = egress('multiport-egress-pod-ns', {
  egress: [
    { to: [{ podSelector: { matchLabels: { a: 'b' } }, namespaceSelector: { matchLabels: { a: 'b' } } }] },
  ],
});
const multiPortIngressPodNsSelector = policy('multiport-ingress-pod-ns', 'bar', {
  podSelector: { matchLabels: { a: 'b' } },
  policyTypes: ['Ingress'],
  ingress: [
    { from: [{ podSelector: { matchLabels: { a: 'b' } }, namespaceSelector: { matchLabels: { a: 'b' } } }] },
  ],
});

const tcp = (src: string, dst: string, dstPort = 80): PacketTuple => ({
  src,
  dst,
  protocol: 'TCP',
  srcPort: 52345,
  dstPort,
});

const world = (policies: KubeObject[]): PolicyWorld => ({
  policies,
  pods: [podA, podB, podC, podD],
  namespaces: [makeNamespace('foo'), makeNamespace('bar')],
});

describe('the queued packet verdict (TestSyncPacket)', () => {
  const cases: Array<[string, KubeObject[], PacketTuple, boolean]> = [
    ['no network policy', [], tcp('192.168.1.11', '192.168.2.22'), true],
    ['deny ingress', [denyIngress], tcp('192.168.1.11', '192.168.2.22'), false],
    ['deny egress', [denyEgress], tcp('192.168.2.22', '192.168.1.11'), false],
    ['deny egress on reply does not have effect', [denyEgress], tcp('192.168.1.11', '192.168.2.22'), true],
    [
      'ip block override deny ingress',
      [denyIngress, allowIngressIPBlock],
      tcp('192.168.1.11', '192.168.2.22'),
      true,
    ],
    ['ip block deny ingress', [allowIngressIPBlock], tcp('10.0.0.1', '192.168.2.22'), false],
    ['multiport deny egress port', [denyEgress, multiPortEgress], tcp('192.168.1.11', '192.168.2.22'), false],
    [
      'multiport allow egress port',
      [denyEgress, multiPortEgress],
      tcp('192.168.1.11', '192.168.2.22', 30080),
      true,
    ],
    [
      'multiport allow egress',
      [denyEgress, multiPortEgress, multiPortEgressIPBlock],
      tcp('192.168.1.11', '192.168.2.22'),
      true,
    ],
    [
      'multiport allow egress port selector not match ns',
      [denyEgress, multiPortEgress, multiPortEgressPodSelector],
      tcp('192.168.1.11', '192.168.2.22'),
      false,
    ],
    [
      'multiport allow egress port selector not match pod selector',
      [denyEgress, multiPortEgress, multiPortEgressPodSelector],
      tcp('192.168.1.11', '192.168.3.33'),
      false,
    ],
    [
      'multiport allow egress ns selector',
      [denyEgress, multiPortEgress, multiPortEgressNsSelector],
      tcp('192.168.1.11', '192.168.2.22'),
      true,
    ],
    [
      'multiport allow egress ns selector fail',
      [denyEgress, multiPortEgress, multiPortEgressNsSelector],
      tcp('192.168.1.11', '192.168.3.33'),
      false,
    ],
    [
      'multiport allow egress ns and pod selector',
      [denyEgress, multiPortEgress, multiPortEgressPodNsSelector],
      tcp('192.168.1.11', '192.168.2.22'),
      true,
    ],
    [
      'multiport allow egress ns and pod selector fail',
      [denyEgress, multiPortEgress, multiPortEgressPodNsSelector],
      tcp('192.168.1.11', '192.168.3.33'),
      false,
    ],
    [
      'multiport allow ingress ns and pod selector',
      [denyIngress, multiPortIngressPodNsSelector],
      tcp('192.168.1.11', '192.168.2.22'),
      true,
    ],
    [
      'multiport allow ingress ns and pod selector fail',
      [denyIngress, multiPortIngressPodNsSelector],
      tcp('192.168.1.11', '192.168.4.44'),
      false,
    ],
  ];
  for (const [name, policies, pkt, expected] of cases)
    it(name, () => expect(packetAllowed(world(policies), pkt)).toBe(expected));

  it('allows all ingress with one empty rule; with no rules (absent, or [] which storage drops) allows none', () => {
    const allowAll = policy('allow-all', 'bar', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] });
    expect(packetAllowed(world([denyIngress, allowAll]), tcp('192.168.1.11', '192.168.2.22'))).toBe(true);
    // an empty list does not survive the API server's protobuf storage: the agent sees no rules
    const emptyList = policy('empty', 'bar', { podSelector: {}, policyTypes: ['Ingress'], ingress: [] });
    expect(packetAllowed(world([emptyList]), tcp('192.168.1.11', '192.168.2.22'))).toBe(false);
  });

  it('matches a named ingress port on the destination pod and leaves ICMP to rules without ports', () => {
    const named = policy('named', 'bar', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ ports: [{ protocol: 'TCP', port: 'http' }] }],
    });
    expect(packetAllowed(world([named]), tcp('192.168.1.11', '192.168.2.22', 80))).toBe(true);
    expect(packetAllowed(world([named]), tcp('192.168.1.11', '192.168.2.22', 8080))).toBe(false);
    const icmp: PacketTuple = {
      src: '192.168.1.11',
      dst: '192.168.2.22',
      protocol: '',
      srcPort: 0,
      dstPort: 0,
    };
    expect(packetAllowed(world([named]), icmp)).toBe(false);
  });
});

describe('ports and ipBlocks (TestController_evaluatePorts, TestController_evaluateIPBlocks)', () => {
  const port = (protocol: string, p: number | string, endPort = 0) =>
    endPort ? { protocol, port: p, endPort } : { protocol, port: p };
  it('evaluates ports', () => {
    expect(portsMatch(undefined, null, 0, '')).toBe(true);
    expect(portsMatch([port('TCP', 30000)], null, 30000, 'TCP')).toBe(true);
    expect(portsMatch([port('UDP', 30000)], null, 30000, 'UDP')).toBe(true);
    expect(portsMatch([port('TCP', 30000)], null, 138, 'TCP')).toBe(false);
    expect(portsMatch([port('UDP', 30000)], null, 138, 'UDP')).toBe(false);
    expect(portsMatch([port('TCP', 30000, 65537)], null, 30138, 'TCP')).toBe(true);
    expect(portsMatch([port('UDP', 30000, 65537)], null, 30138, 'UDP')).toBe(true);
    expect(portsMatch([port('TCP', 30000, 65537)], null, 138, 'TCP')).toBe(false);
    expect(portsMatch([port('UDP', 30000, 65537)], null, 138, 'UDP')).toBe(false);
    const pod = makePod('a', 'b', '192.168.1.1');
    expect(portsMatch([port('TCP', 'http')], pod, 80, 'TCP')).toBe(true);
    expect(portsMatch([port('UDP', 'http')], pod, 80, 'TCP')).toBe(false);
  });
  it('evaluates ipBlocks', () => {
    expect(ipBlockMatches(null, '192.168.0.1')).toBe(true);
    expect(ipBlockMatches({ cidr: '192.168.0.0/24' }, '192.168.0.1')).toBe(true);
    expect(ipBlockMatches({ cidr: '192.168.0.0/24' }, '10.0.0.1')).toBe(false);
    expect(ipBlockMatches({ cidr: '192.168.0.0/24', except: ['192.168.1.0/24'] }, '192.168.0.1')).toBe(true);
    expect(ipBlockMatches({ cidr: '192.168.0.0/24', except: ['192.168.1.0/24'] }, '192.168.1.1')).toBe(false);
    // and an exception inside the block
    expect(ipBlockMatches({ cidr: '192.168.0.0/16', except: ['192.168.1.0/24'] }, '192.168.1.1')).toBe(false);
  });
});

const SERVER = `apiVersion: v1
kind: Pod
metadata:
  name: server
  labels:
    app: server
spec:
  containers:
  - name: server
    image: busybox
    command: ["sleep", "3600"]
    ports:
    - name: http
      containerPort: 80
`;

const CLIENT = `apiVersion: v1
kind: Pod
metadata:
  name: client
  labels:
    role: client
spec:
  containers:
  - name: client
    image: curlimages/curl
    command: ["sleep", "3600"]
`;

const DENY_INGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
spec:
  podSelector: {}
  policyTypes:
  - Ingress
`;

const ALLOW_CLIENT = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client
spec:
  podSelector:
    matchLabels:
      app: server
  ingress:
  - from:
    - podSelector:
        matchLabels:
          role: client
    ports:
    - port: http
`;

const DENY_CLIENT_EGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: client-no-egress
spec:
  podSelector:
    matchLabels:
      role: client
  policyTypes:
  - Egress
`;

/** Starts a listener in the netns of the pod with this IP on its node (servers in pods come later). */
function serve(world: World, node: string, ip: string, port: number): void {
  const host = world.hosts.get(node);
  if (!host) throw new Error(`no node ${node}`);
  const named = hostNet(world, host).named.find((n) =>
    linkByName(n.ns, 'eth0')?.addrs.some((a) => a.family === 4 && formatIpv4(a.local) === ip),
  );
  if (!named) throw new Error(`no netns holds ${ip}`);
  listenTcp(
    world,
    host,
    named.ns,
    port,
    fixedResponseHandler(`HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n${port}\n`, true),
  );
}

describe('enforcement in a kind cluster', () => {
  let w: World;
  let s: Session;
  let ip: string;
  const curl = (pod: string, port = 80) =>
    s.run(`kubectl exec ${pod} -- curl -sS --connect-timeout 3 http://${ip}:${port}/`);
  // curl's own figure is 3000 ms; after an earlier timed-out exec the simulated kubectl exec
  // starts its container clock behind the node's packet clock and reports more (kubelet exec,
  // reported), so only the first timeout checks the figure
  const TIMEOUT = (port = 80) =>
    `curl: (28) Failed to connect to ${ip}:${port} after 3000 ms: Timeout was reached\ncommand terminated with exit code 28\n`;
  const timedOut = (r: { status: number; output: string }, port = 80) => {
    expect(r.status).toBe(28);
    expect(r.output).toMatch(
      new RegExp(`^curl: \\(28\\) Failed to connect to ${ip}:${port} after \\d+ ms: Timeout was reached\n`),
    );
  };
  const apply = (name: string, yaml: string) => {
    s.run(`cat > ${name}.yaml <<'EOF'\n${yaml}EOF`);
    expect(s.run(`kubectl apply -f ${name}.yaml`).status).toBe(0);
  };

  beforeAll(() => {
    w = createWorld({ seed: 'network-policy' });
    s = new Session(w);
    expect(s.run('kind create cluster').status).toBe(0);
    s.run(`cat > server.yaml <<'EOF'\n${SERVER}EOF`);
    expect(s.run('kubectl apply -f server.yaml').status).toBe(0);
    // kubectl run -l: the simulated kubectl keeps run=<name> (reported), so the client comes from YAML
    s.run(`cat > client.yaml <<'EOF'\n${CLIENT}EOF`);
    expect(s.run('kubectl apply -f client.yaml').status).toBe(0);
    expect(s.run('kubectl run other --image=curlimages/curl --command -- sleep 3600').status).toBe(0);
    s.run('sleep 20');
    ip = s.run('kubectl get pod server -o jsonpath={.status.podIP}').output;
    serve(w, 'kind-control-plane', ip, 80);
    serve(w, 'kind-control-plane', ip, 8080);
  });

  it('connects pod to pod without policies', () => {
    expect(curl('client').output).toBe('80\n');
    expect(curl('other', 8080).output).toBe('8080\n');
  });

  it('drops new connections to pods a default-deny ingress policy selects: curl times out', () => {
    const before = s.run('docker exec kind-control-plane iptables-save').output;
    apply('deny', DENY_INGRESS);
    const r = curl('client');
    expect(r.status).toBe(28);
    expect(r.output).toBe(TIMEOUT());
    // the dropped SYNs never reach conntrack confirmation: only the earlier connections are there
    const ct = s.run('docker exec kind-control-plane conntrack -L -p tcp --dport 80').output;
    expect(ct).not.toContain('SYN_SENT');
    // the inet table kindnet-network-policies is nftables-only: iptables-save shows no change
    const strip = (t: string) => t.replace(/^# .*\n/gm, '');
    expect(strip(s.run('docker exec kind-control-plane iptables-save').output)).toBe(strip(before));
    // the node itself (meta skuid 0) still gets through
    expect(s.run(`docker exec kind-control-plane curl -sS http://${ip}/`).output).toBe('80\n');
  });

  it('lets a labelled client through on the named port only, and no one else', () => {
    apply('allow', ALLOW_CLIENT);
    expect(curl('client').output).toBe('80\n');
    timedOut(curl('client', 8080), 8080);
    timedOut(curl('other'));
  });

  it('blocks the client outgoing connection with an egress deny', () => {
    apply('egress', DENY_CLIENT_EGRESS);
    timedOut(curl('client'));
    expect(s.run('kubectl delete networkpolicy client-no-egress').status).toBe(0);
    expect(curl('client').output).toBe('80\n');
  });

  it('lets everything through again once the policies are deleted', () => {
    expect(s.run('kubectl delete networkpolicy default-deny-ingress allow-client').status).toBe(0);
    expect(curl('other').output).toBe('80\n');
    expect(curl('other', 8080).output).toBe('8080\n');
  });
});
