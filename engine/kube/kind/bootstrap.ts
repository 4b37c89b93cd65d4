// What `kind create cluster` leaves behind, as a kind v0.27 cluster running Kubernetes
// v1.32.2: node objects with kind's labels, taints and addresses, the kube-system and
// local-path-storage workloads, the `kubernetes` and `kube-dns` Services, the default
// StorageClass, and the controllers, scheduler and kubelets that keep them running.

import type { Random } from '../../core/random.ts';
import { startAddons } from '../addons/index.ts';
import type { KubeObject } from '../api/types.ts';
import { startCustomResourceDefinitionController } from '../apiserver/crd.ts';
import { Cluster } from '../cluster.ts';
import { startControlPlaneLeases } from '../controllers/control-plane-leases.ts';
import { startCronJobController } from '../controllers/cronjob.ts';
import { startDaemonSetController } from '../controllers/daemonset.ts';
import { startDeploymentController } from '../controllers/deployment.ts';
import { startEndpointControllers } from '../controllers/endpoints.ts';
import { startGarbageCollector } from '../controllers/garbage-collector.ts';
import { startHorizontalPodAutoscalerController } from '../controllers/hpa.ts';
import { startJobController } from '../controllers/job.ts';
import { randomUUID } from '../controllers/lease-heartbeat.ts';
import { startNamespaceController } from '../controllers/namespace.ts';
import { startNodeLifecycleController } from '../controllers/node-lifecycle.ts';
import { startPersistentVolumeController } from '../controllers/persistent-volume.ts';
import { startReplicaSetController } from '../controllers/replicaset.ts';
import { startScheduler } from '../controllers/scheduling.ts';
import { startServiceAccountController } from '../controllers/service-account.ts';
import { startStatefulSetController } from '../controllers/statefulset.ts';
import { startTaintEvictionController } from '../controllers/taint-eviction.ts';
import { startTTLAfterFinishedController } from '../controllers/ttl-after-finished.ts';
import { Kubelet } from '../kubelet/kubelet.ts';
import { systemObjects } from './system-objects.ts';

export const KUBERNETES_VERSION = 'v1.32.2';
export const NODE_IMAGE =
  'kindest/node:v1.32.2@sha256:f226345927d7e348497136874b6d207e0b32cc52154ad8323129352923a3142f';

export interface NodeSpec {
  role: 'control-plane' | 'worker';
  labels?: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: string }>;
}

export interface NodePlan {
  name: string;
  role: 'control-plane' | 'worker';
  ip: string;
  podCIDR: string;
  labels: Record<string, string>;
  taints: Array<{ key: string; value?: string; effect: string }>;
}

/** Node names and addresses as kind assigns them: <name>-control-plane, <name>-worker, -worker2. */
export function planNodes(clusterName: string, specs: NodeSpec[]): NodePlan[] {
  let workers = 0;
  let planes = 0;
  const multi = specs.length > 1;
  return specs.map((spec, i) => {
    let name: string;
    if (spec.role === 'control-plane') name = `${clusterName}-control-plane${planes++ ? planes : ''}`;
    else name = `${clusterName}-worker${workers++ ? workers : ''}`;
    const labels: Record<string, string> = {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': 'linux',
      ...(spec.role === 'control-plane'
        ? {
            'node-role.kubernetes.io/control-plane': '',
            'node.kubernetes.io/exclude-from-external-load-balancers': '',
          }
        : {}),
      ...(spec.labels ?? {}),
    };
    // kind removes the control-plane taint when the cluster has no workers
    const taints =
      spec.role === 'control-plane' && multi && specs.some((s) => s.role === 'worker')
        ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]
        : [];
    return {
      name,
      role: spec.role,
      ip: `172.18.0.${i + 2}`,
      podCIDR: `10.244.${i}.0/24`,
      labels,
      taints: [...taints, ...(spec.taints ?? [])],
    };
  });
}

export interface HostFacts {
  cpus: number;
  memoryKi: number;
  kernel: string;
}

/** status.nodeInfo's identifiers of one node (cadvisor's MachineInfo, read by the kubelet). */
export interface NodeIdentity {
  machineID: string;
  systemUUID: string;
  bootID: string;
}

/**
 * What each kind node reports: a machine-id kind's entrypoint regenerates (fix_machine_id:
 * systemd-machine-id-setup, a random v4 ID in 32 hex digits), a product_uuid it fakes from
 * /proc/sys/kernel/random/uuid (fix_product_uuid), and the boot_id of the kernel all the
 * node containers share.
 */
export function nodeIdentities(random: Random, count: number): NodeIdentity[] {
  const bootID = randomUUID(random);
  return Array.from({ length: count }, () => ({
    machineID: randomUUID(random).replaceAll('-', ''),
    systemUUID: randomUUID(random),
    bootID,
  }));
}

export function nodeObject(plan: NodePlan, facts: HostFacts, now: string, ids?: NodeIdentity): KubeObject {
  const capacity = {
    cpu: String(facts.cpus),
    'ephemeral-storage': '102625208Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${facts.memoryKi}Ki`,
    pods: '110',
  };
  const condition = (type: string, status: string, reason: string, message: string) => ({
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    message,
    reason,
    status,
    type,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: plan.name,
      labels: plan.labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: plan.podCIDR,
      podCIDRs: [plan.podCIDR],
      providerID: `kind://docker/${plan.name.replace(/-(control-plane|worker)\d*$/, '')}/${plan.name}`,
      ...(plan.taints.length ? { taints: plan.taints } : {}),
    },
    status: {
      addresses: [
        { address: plan.ip, type: 'InternalIP' },
        { address: plan.name, type: 'Hostname' },
      ],
      allocatable: capacity,
      capacity,
      conditions: [
        condition(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: ids?.bootID ?? '',
        containerRuntimeVersion: 'containerd://2.0.2',
        kernelVersion: facts.kernel,
        kubeProxyVersion: KUBERNETES_VERSION,
        kubeletVersion: KUBERNETES_VERSION,
        machineID: ids?.machineID ?? '',
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: ids?.systemUUID ?? '',
      },
    },
  };
}

/** Images kind's node image ships with, so system pods start without pulling. */
const PRELOADED = [
  'registry.k8s.io/coredns/coredns:v1.11.3',
  'registry.k8s.io/etcd:3.5.16-0',
  'registry.k8s.io/kube-apiserver:v1.32.2',
  'registry.k8s.io/kube-controller-manager:v1.32.2',
  'registry.k8s.io/kube-proxy:v1.32.2',
  'registry.k8s.io/kube-scheduler:v1.32.2',
  'docker.io/kindest/kindnetd:v20250214-acbabc1a',
  'docker.io/kindest/local-path-provisioner:v20250214-acbabc1a',
  'docker.io/kindest/local-path-helper:v20241212-8ac705d0',
  'registry.k8s.io/pause:3.10',
];

export function startControlPlane(
  cluster: Cluster,
  plans: NodePlan[],
  facts: HostFacts,
  caPem: string,
): Kubelet[] {
  startGarbageCollector(cluster);
  startCustomResourceDefinitionController(cluster);
  startNamespaceController(cluster);
  startNodeLifecycleController(cluster);
  startTaintEvictionController(cluster);
  startServiceAccountController(cluster, caPem);
  startDeploymentController(cluster);
  startReplicaSetController(cluster);
  startDaemonSetController(cluster);
  startStatefulSetController(cluster);
  startPersistentVolumeController(cluster);
  startHorizontalPodAutoscalerController(cluster);
  startJobController(cluster);
  startCronJobController(cluster);
  startTTLAfterFinishedController(cluster);
  startAddons(cluster);
  startEndpointControllers(cluster);
  startScheduler(cluster);
  startControlPlaneLeases(
    cluster,
    plans.filter((p) => p.role === 'control-plane').map((p) => p.name),
  );
  const kubelets = plans.map(
    (p) =>
      new Kubelet(
        cluster,
        { name: p.name, ip: p.ip, podPrefix: p.podCIDR.split('.').slice(0, 3).join('.') },
        PRELOADED,
      ),
  );
  cluster.components.set('kubelets', kubelets);
  const now = new Date(cluster.now()).toISOString().slice(0, 19) + 'Z';
  for (const obj of systemObjects(cluster, plans)) cluster.create(obj);
  const ids = nodeIdentities(cluster.random.fork('node-identity'), plans.length);
  for (const [i, plan] of plans.entries()) cluster.create(nodeObject(plan, facts, now, ids[i]));
  cluster.runtime.drain();
  return kubelets;
}

export { Cluster };
