// Cluster-level rows: Node (status, roles, addresses), Namespace, ComponentStatus, Lease,
// RuntimeClass and PriorityClass (printNode, printNamespace, printComponentStatus, printLease,
// printRuntimeClass, printPriorityClass in kubernetes pkg/printers/internalversion/printers.go).
// biome-ignore-all lint/suspicious/noExplicitAny: node status fields are open JSON

import { translateTimestampSince } from '../api/duration.ts';
import type { KubeObject } from '../api/types.ts';
import { compareBytes, int, str } from './format.ts';
import { ageColumn, type Cell, column, type KindPrinter, nameColumn, type PrintContext } from './table.ts';

const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role` values, sorted. */
export function findNodeRoles(labels: Record<string, string> | undefined): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (key.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = key.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (key === NODE_LABEL_ROLE && value !== '') {
      roles.add(value);
    }
  }
  return [...roles].sort(compareBytes);
}

/** The node STATUS cell: Ready/NotReady from the Ready condition (last one wins), or Unknown. */
function nodeStatus(node: KubeObject): string {
  const conditions: any[] = node.status?.conditions ?? [];
  const ready = conditions.filter((c) => c.type === 'Ready').at(-1);
  const status = ready ? [ready.status === 'True' ? 'Ready' : 'NotReady'] : ['Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function nodeAddress(node: KubeObject, type: string): string {
  const address = (node.status?.addresses ?? []).find((a: any) => a.type === type);
  return address ? str(address.address) : '<none>';
}

const nodeColumns = [
  nameColumn(),
  column('Status', 'string', { description: 'The status of the node' }),
  column('Roles', 'string', { description: 'The roles of the node' }),
  ageColumn(),
  column('Version', 'string'),
  column('Internal-IP', 'string', { wide: true }),
  column('External-IP', 'string', { wide: true }),
  column('OS-Image', 'string', { wide: true }),
  column('Kernel-Version', 'string', { wide: true }),
  column('Container-Runtime', 'string', { wide: true }),
];

function printNode(node: KubeObject, ctx: PrintContext): Cell[] {
  const info = node.status?.nodeInfo ?? {};
  return [
    str(node.metadata.name),
    nodeStatus(node),
    findNodeRoles(node.metadata.labels).join(',') || '<none>',
    translateTimestampSince(node.metadata.creationTimestamp, ctx.now),
    str(info.kubeletVersion),
    nodeAddress(node, 'InternalIP'),
    nodeAddress(node, 'ExternalIP'),
    str(info.osImage) || '<unknown>',
    str(info.kernelVersion) || '<unknown>',
    str(info.containerRuntimeVersion) || '<unknown>',
  ];
}

function printNamespace(ns: KubeObject, ctx: PrintContext): Cell[] {
  return [
    str(ns.metadata.name),
    str(ns.status?.phase),
    translateTimestampSince(ns.metadata.creationTimestamp, ctx.now),
  ];
}

/** ComponentStatus: the first Healthy condition gives status, message and error. */
function printComponentStatus(cs: KubeObject): Cell[] {
  const healthy = ((cs as { conditions?: any[] }).conditions ?? []).find((c) => c.type === 'Healthy');
  if (!healthy) return [str(cs.metadata.name), 'Unknown', '', ''];
  return [
    str(cs.metadata.name),
    healthy.status === 'True' ? 'Healthy' : 'Unhealthy',
    str(healthy.message),
    str(healthy.error),
  ];
}

function printLease(lease: KubeObject, ctx: PrintContext): Cell[] {
  return [
    str(lease.metadata.name),
    str(lease.spec?.holderIdentity),
    translateTimestampSince(lease.metadata.creationTimestamp, ctx.now),
  ];
}

function printRuntimeClass(obj: KubeObject, ctx: PrintContext): Cell[] {
  return [
    str(obj.metadata.name),
    str((obj as { handler?: string }).handler),
    translateTimestampSince(obj.metadata.creationTimestamp, ctx.now),
  ];
}

function printPriorityClass(obj: KubeObject, ctx: PrintContext): Cell[] {
  const pc = obj as { value?: number; globalDefault?: boolean; preemptionPolicy?: string };
  return [
    str(obj.metadata.name),
    int(pc.value),
    pc.globalDefault === true,
    translateTimestampSince(obj.metadata.creationTimestamp, ctx.now),
    str(pc.preemptionPolicy),
  ];
}

export const nodePrinters: Record<string, KindPrinter> = {
  Node: { columns: nodeColumns, row: printNode },
  Namespace: {
    columns: [
      nameColumn(),
      column('Status', 'string', { description: 'The status of the namespace' }),
      ageColumn(),
    ],
    row: printNamespace,
  },
  ComponentStatus: {
    columns: [
      nameColumn(),
      column('Status', 'string', { description: 'Status of the component conditions' }),
      column('Message', 'string', { description: 'Message of the component conditions' }),
      column('Error', 'string', { description: 'Error of the component conditions' }),
    ],
    row: printComponentStatus,
  },
  Lease: { columns: [nameColumn(), column('Holder', 'string'), ageColumn()], row: printLease },
  RuntimeClass: { columns: [nameColumn(), column('Handler', 'string'), ageColumn()], row: printRuntimeClass },
  PriorityClass: {
    columns: [
      nameColumn(),
      column('Value', 'integer'),
      column('Global-Default', 'boolean'),
      ageColumn(),
      column('PreemptionPolicy', 'string'),
    ],
    row: printPriorityClass,
  },
};
