// Pod networking in a kind cluster: the docker network `kind` between node hosts, kindnet's
// ptp CNI per pod (network namespace, veth pair, addresses and routes), kindnetd's routes to
// the other nodes' pod CIDRs, and packets between pods across nodes.
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';

const KIND_CONFIG = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
- role: control-plane
- role: worker
`;

/** A pod pinned to the control plane (multi-node kind taints it NoSchedule; nodeName bypasses the scheduler). */
const POD_ON_CONTROL_PLANE = `apiVersion: v1
kind: Pod
metadata:
  name: b
spec:
  nodeName: kind-control-plane
  containers:
  - name: b
    image: busybox
    command: ["sh", "-c", "ip route; sleep 3600"]
`;

function cluster(): Session {
  const s = new Session(createWorld({ seed: 'pod-network' }));
  s.run(`cat > kind.yaml <<'EOF'\n${KIND_CONFIG}EOF`);
  s.run(`cat > b.yaml <<'EOF'\n${POD_ON_CONTROL_PLANE}EOF`);
  expect(s.run('kind create cluster --config kind.yaml').status).toBe(0);
  expect(s.run('kubectl run a --image=busybox -- sleep 3600').status).toBe(0);
  expect(s.run('kubectl apply -f b.yaml').status).toBe(0);
  s.run('sleep 20');
  return s;
}

function podIP(s: Session, pod: string): string {
  return s.run(`kubectl get pod ${pod} -o jsonpath={.status.podIP}`).output;
}

describe('pod network of a two-node kind cluster', () => {
  let s: Session;
  beforeAll(() => {
    s = cluster();
  });

  it('hands out pod IPs from each node podCIDR in host-local order, gateway .1 excluded', () => {
    // coredns (2) and local-path-provisioner land on the worker first: .2, .3, .4
    expect(podIP(s, 'a')).toBe('10.244.1.5');
    expect(podIP(s, 'b')).toBe('10.244.0.2');
  });

  it('gives the pod ptp routes: default and subnet via the gateway, the gateway on-link', () => {
    // plugins/main/ptp/ptp.go setupContainerVeth: the subnet route is replaced by
    // "GW/32 dev eth0 scope link src IP" and "SUBNET via GW src IP"; ipam.ConfigureIface adds
    // the IPAM route 0.0.0.0/0 (kindnetd cni.go DefaultRoutes) via the gateway
    expect(s.run('kubectl exec a -- ip route').output).toBe(
      'default via 10.244.1.1 dev eth0 \n' +
        '10.244.1.0/24 via 10.244.1.1 dev eth0 src 10.244.1.5 \n' +
        '10.244.1.1 dev eth0 scope link src 10.244.1.5 \n',
    );
    // the container's own process sees the same namespace
    expect(s.run('kubectl logs b').output).toBe(
      'default via 10.244.0.1 dev eth0 \n' +
        '10.244.0.0/24 via 10.244.0.1 dev eth0 src 10.244.0.2 \n' +
        '10.244.0.1 dev eth0 scope link src 10.244.0.2 \n',
    );
  });

  it('gives the pod eth0 the pod IP as /24 with its veth peer in the node', () => {
    const out = s.run('kubectl exec a -- ip -4 addr show dev eth0').output;
    expect(out).toMatch(/^2: eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 /);
    expect(out).toContain('    inet 10.244.1.5/24 brd 10.244.1.255 scope global eth0\n');
    expect(s.run('kubectl exec a -- ip -o link show lo').output).toContain('<LOOPBACK,UP,LOWER_UP>');
  });

  it('gives the node host end veth<8 hex> the gateway /32 and a host-scoped /32 route to the pod', () => {
    const routes = s.run('docker exec kind-control-plane ip route').output.split('\n');
    // kindnetd routes.go syncRoute: the other node's podCIDR via its InternalIP (proto boot)
    expect(routes).toContain('default via 172.18.0.1 dev eth0 ');
    expect(routes).toContain('10.244.1.0/24 via 172.18.0.3 dev eth0 ');
    expect(routes).toContain('172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.2 ');
    // ptp.go setupHostVeth -> ip.AddHostRoute: scope host
    const hostRoute = routes.find((r) => r.startsWith('10.244.0.2 '));
    expect(hostRoute).toMatch(/^10\.244\.0\.2 dev veth[0-9a-f]{8} scope host $/);
    const veth = hostRoute?.split(' ')[2];
    const addr = s.run(`docker exec kind-control-plane ip -4 -o addr show dev ${veth}`).output;
    expect(addr).toContain(`inet 10.244.0.1/32 scope global ${veth}`);
    expect(s.run('docker exec kind-worker ip route').output).toContain(
      '10.244.0.0/24 via 172.18.0.2 dev eth0 \n',
    );
  });

  it('connects the nodes through the kind bridge on the docker host', () => {
    const out = s.run('ip -4 -o addr show').output;
    expect(out).toMatch(/br-[0-9a-f]{12} {4}inet 172\.18\.0\.1\/16 brd 172\.18\.255\.255 scope global br-/);
    expect(s.run('docker exec kind-worker ip -4 -o addr show dev eth0').output).toContain(
      'inet 172.18.0.3/16 brd 172.18.255.255 scope global eth0',
    );
  });

  it('lists the sandbox namespaces as containerd names them', () => {
    // containerd pkg/netns newNS(): cni-%x-%x-%x-%x-%x of 16 random bytes, under /var/run/netns
    const list = s.run('docker exec kind-control-plane ip netns').output;
    expect(list).toMatch(/^cni-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} \(id: \d+\)\n$/);
    const files = s.run('docker exec kind-worker ls /var/run/netns').output.trim().split('\n');
    // coredns x2, local-path-provisioner and pod a
    expect(files).toHaveLength(4);
    for (const f of files) expect(f).toMatch(/^cni-/);
  });

  it('pings a pod on the other node, and one on the same node', () => {
    const cross = s.run(`kubectl exec a -- ping -c1 ${podIP(s, 'b')}`);
    expect(cross.status).toBe(0);
    // two forwarding hops (both nodes) take the TTL from 64 to 62
    expect(cross.output).toMatch(/^64 bytes from 10\.244\.0\.2: icmp_seq=1 ttl=62 time=/m);
    expect(cross.output).toContain('1 packets transmitted, 1 received, 0% packet loss');
    const back = s.run('kubectl exec b -- ping -c1 10.244.1.5');
    expect(back.status).toBe(0);
    const local = s.run('kubectl exec a -- ping -c1 10.244.1.2');
    expect(local.output).toMatch(/icmp_seq=1 ttl=63 /);
  });

  it('removes the namespace, the veth and the route when the pod is deleted', () => {
    const s2 = cluster();
    expect(s2.run('kubectl delete pod b').status).toBe(0);
    expect(s2.run('docker exec kind-control-plane ip netns').output).toBe('');
    expect(s2.run('docker exec kind-control-plane ip route').output).not.toContain('10.244.0.2');
    expect(s2.run('docker exec kind-control-plane ip -o link').output).not.toContain('veth');
    const ping = s2.run('kubectl exec a -- ping -c1 -W1 10.244.0.2');
    expect(ping.status).toBe(1);
    // kind delete cluster: the node ports leave the bridge, the network stays
    s2.run('kind delete cluster');
    const links = s2.run('ip -o link').output;
    expect(links).toMatch(/br-[0-9a-f]{12}/);
    expect(links).not.toContain('veth');
  });
});
