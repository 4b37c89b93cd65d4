// `kubectl describe` output (kubectl v0.32.4) as pure functions: picks the describer kubectl's
// describerMap assigns to an object's group and kind, else the generic describer, and joins
// several descriptions as pkg/cmd/describe/describe.go does.
import type { KubeObject } from '../api/types.ts';
import { describeHorizontalPodAutoscaler } from './autoscaling.ts';
import { describeCertificateSigningRequest } from './certificates.ts';
import {
  describeConfigMap,
  describeLimitRange,
  describeNamespace,
  describeResourceQuota,
  describeSecret,
  describeServiceAccount,
} from './config.ts';
import { describeGeneric } from './generic.ts';
import { describeCronJob, describeJob } from './jobs.ts';
import { describeIngress, describeIngressClass, describeNetworkPolicy } from './networking.ts';
import { describeNode } from './node.ts';
import { describePod } from './pod.ts';
import { describePodDisruptionBudget, describePriorityClass } from './policy.ts';
import { describeRole, describeRoleBinding } from './rbac.ts';
import { describeEndpointSlice, describeEndpoints, describeService } from './service.ts';
import {
  describeCSINode,
  describePersistentVolume,
  describePersistentVolumeClaim,
  describeStorageClass,
} from './storage.ts';
import {
  describeDaemonSet,
  describeDeployment,
  describeReplicaSet,
  describeReplicationController,
  describeStatefulSet,
} from './workloads.ts';

export interface DescribeContext {
  /** ms since epoch (simulated clock) */
  now: number;
  /** objects of a resource ("pods", "replicasets", "events", "endpointslices", ...) in a namespace ('' for cluster-scoped / all) */
  list(resource: string, namespace?: string): KubeObject[];
  get(resource: string, namespace: string, name: string): KubeObject | undefined;
  /** --show-events (default true) */
  showEvents: boolean;
}

type Describer = (obj: KubeObject, ctx: DescribeContext) => string;

/** describerMap of pkg/describe/describe.go, keyed "group/Kind" (core group ""). */
const DESCRIBERS: Record<string, Describer> = {
  '/Pod': describePod,
  '/ReplicationController': describeReplicationController,
  '/Secret': (obj) => describeSecret(obj),
  '/Service': describeService,
  '/ServiceAccount': describeServiceAccount,
  '/Node': describeNode,
  '/LimitRange': (obj) => describeLimitRange(obj),
  '/ResourceQuota': (obj) => describeResourceQuota(obj),
  '/PersistentVolume': describePersistentVolume,
  '/PersistentVolumeClaim': describePersistentVolumeClaim,
  '/Namespace': describeNamespace,
  '/Endpoints': describeEndpoints,
  '/ConfigMap': describeConfigMap,
  '/PriorityClass': describePriorityClass,
  'discovery.k8s.io/EndpointSlice': describeEndpointSlice,
  'autoscaling/HorizontalPodAutoscaler': describeHorizontalPodAutoscaler,
  'extensions/Ingress': describeIngress,
  'networking.k8s.io/Ingress': describeIngress,
  'networking.k8s.io/IngressClass': describeIngressClass,
  'networking.k8s.io/NetworkPolicy': (obj) => describeNetworkPolicy(obj),
  'batch/Job': describeJob,
  'certificates.k8s.io/CertificateSigningRequest': describeCertificateSigningRequest,
  'batch/CronJob': describeCronJob,
  'apps/StatefulSet': describeStatefulSet,
  'apps/Deployment': describeDeployment,
  'apps/DaemonSet': describeDaemonSet,
  'apps/ReplicaSet': describeReplicaSet,
  'storage.k8s.io/StorageClass': describeStorageClass,
  'storage.k8s.io/CSINode': describeCSINode,
  'policy/PodDisruptionBudget': describePodDisruptionBudget,
  'rbac.authorization.k8s.io/Role': (obj) => describeRole(obj),
  'rbac.authorization.k8s.io/ClusterRole': (obj) => describeRole(obj),
  'rbac.authorization.k8s.io/RoleBinding': (obj) => describeRoleBinding(obj),
  'rbac.authorization.k8s.io/ClusterRoleBinding': (obj) => describeRoleBinding(obj),
  'scheduling.k8s.io/PriorityClass': describePriorityClass,
};

function groupOf(apiVersion: string | undefined): string {
  const v = apiVersion ?? '';
  const slash = v.indexOf('/');
  return slash < 0 ? '' : v.slice(0, slash);
}

function describerFor(kind: string, apiVersion: string | undefined): Describer | undefined {
  return DESCRIBERS[`${groupOf(apiVersion)}/${kind}`];
}

/**
 * Does `kind` have a dedicated describer here (in any group)? Every other kind gets the generic
 * describer, as kubectl's Describer falls back to GenericDescriberFor.
 */
export function describable(kind: string): boolean {
  return Object.keys(DESCRIBERS).some((key) => key.slice(key.indexOf('/') + 1) === kind);
}

/** The full `kubectl describe` text of one object, trailing newline(s) included. */
export function describe(kind: string, obj: KubeObject, ctx: DescribeContext): string {
  const describer = describerFor(kind, obj.apiVersion) ?? describeGeneric;
  return describer(obj, ctx);
}

export interface DescribeItem {
  kind: string;
  obj: KubeObject;
}

/** Several objects as `kubectl describe` prints them: each after the first preceded by "\n\n". */
export function describeMany(items: DescribeItem[], ctx: DescribeContext): string {
  return items.map((item) => describe(item.kind, item.obj, ctx)).join('\n\n');
}

/**
 * `kubectl describe TYPE PREFIX` when no object is named PREFIX: every object whose name starts
 * with it, each followed by "\n" (DescribeMatchingResources).
 */
export function describeMatching(items: DescribeItem[], ctx: DescribeContext): string {
  return items.map((item) => `${describe(item.kind, item.obj, ctx)}\n`).join('');
}
