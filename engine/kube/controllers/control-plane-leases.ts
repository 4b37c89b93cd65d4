// The control plane's Leases in kube-system: the kube-controller-manager and kube-scheduler
// leader-election locks (client-go tools/leaderelection with a LeaseLock) and the
// kube-apiserver identity lease (pkg/controlplane/apiserver/server.go), each renewed on its
// own period in simulated time without keeping the cluster from settling.
import type { Random } from '../../core/random.ts';
import { StatusError } from '../apiserver/errors.ts';
import type { Cluster } from '../cluster.ts';
import { base32, sha256 } from '../proxy/sha256.ts';
import { LeaseHeartbeat, microTime, randomUUID } from './lease-heartbeat.ts';

const NAMESPACE_SYSTEM = 'kube-system';
/**
 * component-base/config/v1alpha1 RecommendedDefaultLeaderElectionConfiguration: LeaseDuration
 * 15s, RenewDeadline 10s, RetryPeriod 2s; the leader renews every RetryPeriod
 * (leaderelection.go renew: wait.Until(..., RetryPeriod)).
 */
export const LEADER_LEASE_DURATION_SECONDS = 15;
export const LEADER_RETRY_PERIOD_MS = 2_000;
/** pkg/controlplane/apiserver/server.go IdentityLeaseDurationSeconds and IdentityLeaseRenewIntervalPeriod. */
export const IDENTITY_LEASE_DURATION_SECONDS = 3600;
export const IDENTITY_LEASE_RENEW_INTERVAL_MS = 10_000;
/** IdentityLeaseComponentLabelKey. */
const IDENTITY_LABEL = 'apiserver.kubernetes.io/identity';

/**
 * The API server's ID (k8s.io/apiserver pkg/server/config.go NewConfig): "apiserver-" and the
 * lower-case, unpadded base32 of the first 16 bytes of the SHA-256 of the hostname and
 * "kube-apiserver", each prefixed with its 16-bit length (cryptobyte AddUint16LengthPrefixed).
 */
export function apiServerID(hostname: string): string {
  const parts = [hostname, 'kube-apiserver'].map((s) => new TextEncoder().encode(s));
  const data = new Uint8Array(parts.reduce((n, p) => n + 2 + p.length, 0));
  let at = 0;
  for (const p of parts) {
    data[at++] = p.length >> 8;
    data[at++] = p.length & 0xff;
    data.set(p, at);
    at += p.length;
  }
  return `apiserver-${base32(sha256(data).slice(0, 16)).replace(/=+$/, '').toLowerCase()}`;
}

/**
 * One leader-election candidate that holds its lock from the start, as the only
 * kube-controller-manager or kube-scheduler of a kind cluster does: tryAcquireOrRenew creates
 * the Lease (acquireTime = renewTime = now, leaseTransitions 0) and then, every RetryPeriod,
 * writes the record again with a new renewTime (LeaderElectionRecordToLeaseSpec). A lease
 * deleted meanwhile is created anew.
 */
function startLeaderElection(
  cluster: Cluster,
  component: 'kube-controller-manager' | 'kube-scheduler',
  hostname: string,
  random: Random,
): void {
  // controllermanager.go / scheduler options: id = hostname + "_" + string(uuid.NewUUID())
  const identity = `${hostname}_${randomUUID(random)}`;
  const type = cluster.type('leases');
  const renew = () => {
    const now = microTime(cluster.now(), random.int(1000));
    const held = cluster.store.peek(type, NAMESPACE_SYSTEM, component);
    try {
      if (!held) {
        cluster.store.create(
          {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: { name: component, namespace: NAMESPACE_SYSTEM },
            spec: {
              holderIdentity: identity,
              leaseDurationSeconds: LEADER_LEASE_DURATION_SECONDS,
              acquireTime: now,
              renewTime: now,
              leaseTransitions: 0,
            },
          },
          { manager: component },
        );
      } else {
        const spec = held.spec ?? {};
        cluster.store.update(
          {
            ...held,
            spec: {
              holderIdentity: identity,
              leaseDurationSeconds: LEADER_LEASE_DURATION_SECONDS,
              acquireTime: spec.acquireTime ?? now,
              renewTime: now,
              leaseTransitions: spec.leaseTransitions ?? 0,
            },
          },
          { manager: component },
        );
      }
    } catch (e) {
      // a failed renewal is retried at the next RetryPeriod
      if (!(e instanceof StatusError)) throw e;
    }
    cluster.runtime.after(LEADER_RETRY_PERIOD_MS, `leader election ${component}`, renew, false);
  };
  cluster.runtime.after(0, `leader election ${component}`, renew, false);
}

/**
 * The kube-apiserver identity lease controller: Lease apiserver-<id> held by
 * "apiserver-<id>_<uuid>", labelled with the component and the host (labelAPIServerHeartbeatFunc).
 */
function apiServerIdentityLease(cluster: Cluster, hostname: string, random: Random): LeaseHeartbeat {
  const id = apiServerID(hostname);
  return new LeaseHeartbeat(
    cluster,
    {
      namespace: NAMESPACE_SYSTEM,
      name: id,
      holderIdentity: `${id}_${randomUUID(random)}`,
      leaseDurationSeconds: IDENTITY_LEASE_DURATION_SECONDS,
      renewIntervalMs: IDENTITY_LEASE_RENEW_INTERVAL_MS,
      manager: 'kube-apiserver',
      postProcess: (lease) => {
        lease.metadata.labels = {
          ...lease.metadata.labels,
          [IDENTITY_LABEL]: 'kube-apiserver',
          'kubernetes.io/hostname': hostname,
        };
        return true;
      },
    },
    random,
  );
}

/**
 * Starts the control plane's leases: an identity lease for the API server of each
 * control-plane node, and the two leader-election locks, held by the first control-plane node.
 */
export function startControlPlaneLeases(cluster: Cluster, controlPlaneNodes: string[]): void {
  const random = cluster.random.fork('control-plane-leases');
  for (const host of controlPlaneNodes) apiServerIdentityLease(cluster, host, random.fork(host)).start();
  const leader = controlPlaneNodes[0];
  if (!leader) return;
  startLeaderElection(cluster, 'kube-controller-manager', leader, random.fork('kube-controller-manager'));
  startLeaderElection(cluster, 'kube-scheduler', leader, random.fork('kube-scheduler'));
}
