// The Leases of a kind cluster: each kubelet's node Lease in kube-node-lease, the
// kube-controller-manager and kube-scheduler leader-election locks and the kube-apiserver
// identity lease in kube-system, renewed in simulated time, and what `kubectl describe node`
// prints of them. Expectations come from:
// - k8s.io/component-helpers apimachinery/lease/controller.go (newLease: name = holderIdentity,
//   leaseDurationSeconds, renewTime; ensureLease recreates a missing lease) with
//   pkg/kubelet/kubelet.go (40s, renewInterval 0.25 × duration) and
//   pkg/kubelet/util/nodelease.go SetNodeOwnerFunc (ownerReference v1/Node name uid);
// - client-go tools/leaderelection resourcelock/leaselock.go LeaderElectionRecordToLeaseSpec
//   (acquireTime, holderIdentity, leaseDurationSeconds, leaseTransitions, renewTime) and
//   component-base RecommendedDefaultLeaderElectionConfiguration (15s, RetryPeriod 2s);
// - pkg/controlplane/apiserver/server.go (IdentityLeaseDurationSeconds 3600, renew every 10s,
//   labelAPIServerHeartbeatFunc labels, holder "<id>_<uuid>") and k8s.io/apiserver
//   pkg/server/config.go NewConfig (the id: "apiserver-" + lower-case unpadded base32 of the
//   first 16 bytes of sha256(uint16-length-prefixed hostname, "kube-apiserver")); the
//   kubernetes.io docs' dump (concepts/architecture/leases.md) shows the same shape:
//   labels apiserver.kubernetes.io/identity: kube-apiserver and kubernetes.io/hostname,
//   holderIdentity apiserver-…_<uuid>, leaseDurationSeconds: 3600, renewTime "….065888Z";
// - kubectl v0.32.4 pkg/describe/describe.go describeNodeLease (Lease:, HolderIdentity,
//   AcquireTime <unset>, RenewTime in RFC1123Z);
// - kind's node entrypoint (fix_machine_id, fix_product_uuid) for status.nodeInfo.
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { apiServerID } from '../../engine/kube/controllers/control-plane-leases.ts';

function cluster(workers = 0) {
  const s = new Session(createWorld({ seed: 'leases' }));
  const nodes = ['- role: control-plane', ...Array.from({ length: workers }, () => '- role: worker')];
  s.run(
    `printf 'kind: Cluster\\napiVersion: kind.x-k8s.io/v1alpha4\\nnodes:\\n${nodes.join('\\n')}\\n' > kind.yaml`,
  );
  expect(s.run('kind create cluster --config kind.yaml').status).toBe(0);
  return (line: string) => {
    const r = s.run(line);
    expect(r.status, `${line}\n${r.output}`).toBe(0);
    return r.output;
  };
}

const jsonpath = (run: (l: string) => string, what: string, path: string) =>
  run(`kubectl get ${what} -o jsonpath='${path}'`);
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const MICRO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

describe('the API server identity', () => {
  it('hashes the hostname and "kube-apiserver" as NewConfig does', () => {
    // the same digest computed independently with Python's hashlib and base64.b32encode
    expect(apiServerID('kind-control-plane')).toBe('apiserver-c7uylvfxlbqccnk6myfkwetzze');
    expect(apiServerID('kind-control-plane')).toMatch(/^apiserver-[a-z2-7]{26}$/);
  });
});

describe('leases of a kind cluster', () => {
  it('lists the node, leader-election and apiserver identity leases', () => {
    const run = cluster(1);
    const out = run('kubectl get leases -A');
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAMESPACE {9}NAME {4,}HOLDER {4,}AGE$/);
    const rows = lines.slice(1).map((l) => l.split(/ +/));
    expect(rows.map((r) => `${r[0]}/${r[1]}`)).toEqual([
      'kube-node-lease/kind-control-plane',
      'kube-node-lease/kind-worker',
      'kube-system/apiserver-c7uylvfxlbqccnk6myfkwetzze',
      'kube-system/kube-controller-manager',
      'kube-system/kube-scheduler',
    ]);
    expect(rows[0][2]).toBe('kind-control-plane');
    expect(rows[1][2]).toBe('kind-worker');
    expect(rows[2][2]).toMatch(new RegExp(`^apiserver-c7uylvfxlbqccnk6myfkwetzze_${UUID}$`));
    expect(rows[3][2]).toMatch(new RegExp(`^kind-control-plane_${UUID}$`));
    expect(rows[4][2]).toMatch(new RegExp(`^kind-control-plane_${UUID}$`));
    expect(rows[3][2]).not.toBe(rows[4][2]);
    expect(run('kubectl get leases -n kube-node-lease').split('\n')[0]).toMatch(/^NAME {4,}HOLDER {4,}AGE$/);
  });

  it('gives the node lease its owner, duration and microsecond renewTime', () => {
    const run = cluster();
    const lease = 'lease -n kube-node-lease kind-control-plane';
    const nodeUID = jsonpath(run, 'node kind-control-plane', '{.metadata.uid}');
    expect(
      jsonpath(
        run,
        lease,
        '{.metadata.ownerReferences[0].apiVersion} {.metadata.ownerReferences[0].kind} {.metadata.ownerReferences[0].name} {.metadata.ownerReferences[0].uid}',
      ),
    ).toBe(`v1 Node kind-control-plane ${nodeUID}`);
    expect(jsonpath(run, lease, '{.spec.holderIdentity} {.spec.leaseDurationSeconds}')).toBe(
      'kind-control-plane 40',
    );
    expect(jsonpath(run, lease, '{.spec.renewTime}')).toMatch(MICRO_TIME);
    // the kubelet never sets acquireTime or leaseTransitions
    expect(run(`kubectl get ${lease} -o yaml`)).not.toMatch(/acquireTime|leaseTransitions/);
  });

  it('writes the leader-election record and the apiserver identity labels', () => {
    const run = cluster();
    const kcm = 'lease -n kube-system kube-controller-manager';
    expect(jsonpath(run, kcm, '{.spec.leaseDurationSeconds} {.spec.leaseTransitions}')).toBe('15 0');
    const [acquire, renew] = jsonpath(run, kcm, '{.spec.acquireTime} {.spec.renewTime}').split(' ');
    expect(acquire).toMatch(MICRO_TIME);
    expect(renew).toBe(acquire);
    const id = 'lease -n kube-system apiserver-c7uylvfxlbqccnk6myfkwetzze';
    expect(run(`kubectl get ${id} -o yaml`)).toMatch(
      /\n {2}labels:\n {4}apiserver\.kubernetes\.io\/identity: kube-apiserver\n {4}kubernetes\.io\/hostname: kind-control-plane\n/,
    );
    expect(jsonpath(run, id, '{.spec.leaseDurationSeconds}')).toBe('3600');
    expect(
      run('kubectl get leases -n kube-system -l apiserver.kubernetes.io/identity=kube-apiserver -o name'),
    ).toBe('lease.coordination.k8s.io/apiserver-c7uylvfxlbqccnk6myfkwetzze\n');
  });

  it('renews every lease on its own period in simulated time', () => {
    const run = cluster();
    const times = () => {
      const t = (what: string, field = 'renewTime') => Date.parse(jsonpath(run, what, `{.spec.${field}}`));
      return {
        node: t('lease -n kube-node-lease kind-control-plane'),
        kcm: t('lease -n kube-system kube-controller-manager'),
        kcmAcquired: t('lease -n kube-system kube-controller-manager', 'acquireTime'),
        scheduler: t('lease -n kube-system kube-scheduler'),
        apiserver: t('lease -n kube-system apiserver-c7uylvfxlbqccnk6myfkwetzze'),
      };
    };
    const before = times();
    run('sleep 25');
    const after = times();
    // RetryPeriod 2s: twelve renewals in 25s, acquireTime kept
    expect(Math.round((after.kcm - before.kcm) / 1000)).toBe(24);
    expect(Math.round((after.scheduler - before.scheduler) / 1000)).toBe(24);
    expect(after.kcmAcquired).toBe(before.kcmAcquired);
    // 10s with JitterUntil's 0.04 factor: two renewals, 20s to 20.8s later
    for (const k of ['node', 'apiserver'] as const) {
      expect(after[k] - before[k]).toBeGreaterThanOrEqual(20_000);
      expect(after[k] - before[k]).toBeLessThan(20_800);
    }
  });

  it('stops renewing the node lease while the node is stopped and resumes on start', () => {
    const run = cluster(1);
    const renew = () => jsonpath(run, 'lease -n kube-node-lease kind-worker', '{.spec.renewTime}');
    run('sleep 15');
    run('docker stop kind-worker');
    const stopped = renew();
    run('sleep 30');
    expect(renew()).toBe(stopped);
    // the control plane's own leases go on
    run('docker start kind-worker');
    const started = renew();
    expect(Date.parse(started)).toBeGreaterThan(Date.parse(stopped) + 30_000);
    run('sleep 11');
    expect(Date.parse(renew())).toBeGreaterThanOrEqual(Date.parse(started) + 10_000);
  });

  it('recreates a deleted node lease at the next renewal (ensureLease)', () => {
    const run = cluster();
    const uid = jsonpath(run, 'lease -n kube-node-lease kind-control-plane', '{.metadata.uid}');
    expect(run('kubectl delete lease -n kube-node-lease kind-control-plane')).toBe(
      'lease.coordination.k8s.io "kind-control-plane" deleted\n',
    );
    run('sleep 11');
    const again = jsonpath(
      run,
      'lease -n kube-node-lease kind-control-plane',
      '{.metadata.uid} {.spec.holderIdentity}',
    );
    expect(again).toMatch(/ kind-control-plane$/);
    expect(again.split(' ')[0]).not.toBe(uid);
  });
});

describe('kubectl describe node with leases', () => {
  it('prints the Lease block and a filled System Info', () => {
    const run = cluster(1);
    const renew = jsonpath(run, 'lease -n kube-node-lease kind-worker', '{.spec.renewTime}');
    const out = run('kubectl describe node kind-worker');
    expect(out).not.toContain('Failed to get lease');
    const d = new Date(Date.parse(renew));
    const rfc1123z = d.toUTCString().replace('GMT', '+0000');
    expect(out).toContain(
      `Unschedulable:      false\nLease:\n  HolderIdentity:  kind-worker\n  AcquireTime:     <unset>\n  RenewTime:       ${rfc1123z}\nConditions:\n`,
    );
    const info = (node: string) =>
      jsonpath(
        run,
        `node ${node}`,
        '{.status.nodeInfo.machineID} {.status.nodeInfo.systemUUID} {.status.nodeInfo.bootID}',
      ).split(' ');
    const [machineID, systemUUID, bootID] = info('kind-worker');
    // systemd-machine-id-setup: a random ID made a valid v4 UUID, in 32 hex digits
    expect(machineID).toMatch(/^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
    expect(systemUUID).toMatch(new RegExp(`^${UUID}$`));
    expect(bootID).toMatch(new RegExp(`^${UUID}$`));
    expect(out).toContain(
      `System Info:\n  Machine ID:                 ${machineID}\n  System UUID:                ${systemUUID}\n  Boot ID:                    ${bootID}\n`,
    );
    const plane = info('kind-control-plane');
    expect(plane[0]).not.toBe(machineID);
    expect(plane[1]).not.toBe(systemUUID);
    // the node containers share the host's kernel, hence its boot_id
    expect(plane[2]).toBe(bootID);
  });
});
