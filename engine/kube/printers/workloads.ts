// Rows for the apps workloads and replication controllers (printReplicationController,
// printReplicaSet, printDaemonSet, printStatefulSet, printDeployment, printControllerRevision
// in kubernetes pkg/printers/internalversion/printers.go, 1.32).

import { translateTimestampSince } from '../api/duration.ts';
import type { KubeObject } from '../api/types.ts';
import {
  formatLabelSelector,
  formatLabels,
  int,
  labelSelectorString,
  layoutContainerCells,
  str,
} from './format.ts';
import {
  ageColumn,
  type Cell,
  column,
  type KindPrinter,
  nameColumn,
  type PrintContext,
  templateColumns,
} from './table.ts';

function age(obj: KubeObject, ctx: PrintContext): string {
  return translateTimestampSince(obj.metadata.creationTimestamp, ctx.now);
}

function templateCells(obj: KubeObject): [string, string] {
  return layoutContainerCells(obj.spec?.template?.spec?.containers);
}

const replicaColumns = [
  nameColumn(),
  column('Desired', 'integer'),
  column('Current', 'integer'),
  column('Ready', 'integer'),
  ageColumn(),
  ...templateColumns(),
];

function printReplicationController(obj: KubeObject, ctx: PrintContext): Cell[] {
  const [names, images] = templateCells(obj);
  return [
    str(obj.metadata.name),
    int(obj.spec?.replicas),
    int(obj.status?.replicas),
    int(obj.status?.readyReplicas),
    age(obj, ctx),
    names,
    images,
    formatLabels(obj.spec?.selector),
  ];
}

function printReplicaSet(obj: KubeObject, ctx: PrintContext): Cell[] {
  const [names, images] = templateCells(obj);
  return [
    str(obj.metadata.name),
    int(obj.spec?.replicas),
    int(obj.status?.replicas),
    int(obj.status?.readyReplicas),
    age(obj, ctx),
    names,
    images,
    formatLabelSelector(obj.spec?.selector),
  ];
}

const daemonSetColumns = [
  nameColumn(),
  column('Desired', 'integer'),
  column('Current', 'integer'),
  column('Ready', 'integer'),
  column('Up-to-date', 'integer'),
  column('Available', 'integer'),
  column('Node Selector', 'string'),
  ageColumn(),
  ...templateColumns(),
];

function printDaemonSet(obj: KubeObject, ctx: PrintContext): Cell[] {
  const status = obj.status ?? {};
  const [names, images] = templateCells(obj);
  return [
    str(obj.metadata.name),
    int(status.desiredNumberScheduled),
    int(status.currentNumberScheduled),
    int(status.numberReady),
    int(status.updatedNumberScheduled),
    int(status.numberAvailable),
    formatLabels(obj.spec?.template?.spec?.nodeSelector),
    age(obj, ctx),
    names,
    images,
    formatLabelSelector(obj.spec?.selector),
  ];
}

const statefulSetColumns = [
  nameColumn(),
  column('Ready', 'string', { description: 'Number of the pod with ready state' }),
  ageColumn(),
  ...templateColumns(false),
];

function printStatefulSet(obj: KubeObject, ctx: PrintContext): Cell[] {
  const [names, images] = templateCells(obj);
  return [
    str(obj.metadata.name),
    `${int(obj.status?.readyReplicas)}/${int(obj.spec?.replicas)}`,
    age(obj, ctx),
    names,
    images,
  ];
}

const deploymentColumns = [
  nameColumn(),
  column('Ready', 'string', { description: 'Number of the pod with ready state' }),
  column('Up-to-date', 'string'),
  column('Available', 'string'),
  ageColumn(),
  ...templateColumns(),
];

function printDeployment(obj: KubeObject, ctx: PrintContext): Cell[] {
  const status = obj.status ?? {};
  const [names, images] = templateCells(obj);
  // LabelSelectorAsSelector(...).String(): no "<none>" here, "<invalid>" on error
  const selector = labelSelectorString(obj.spec?.selector) ?? '<invalid>';
  return [
    str(obj.metadata.name),
    `${int(status.readyReplicas)}/${int(obj.spec?.replicas)}`,
    int(status.updatedReplicas),
    int(status.availableReplicas),
    age(obj, ctx),
    names,
    images,
    selector,
  ];
}

const controllerRevisionColumns = [
  nameColumn(),
  column('Controller', 'string', { description: 'Controller of the object' }),
  column('Revision', 'string'),
  ageColumn(),
];

/** formatResourceName(GroupKind, name, true): "kind.group/name" lower-cased, or the name. */
export function formatResourceName(kind: string, group: string, name: string): string {
  if (!kind && !group) return name;
  const groupKind = group ? `${kind}.${group}` : kind;
  return `${groupKind.toLowerCase()}/${name}`;
}

function printControllerRevision(obj: KubeObject, ctx: PrintContext): Cell[] {
  const controller = (obj.metadata.ownerReferences ?? []).find((ref) => ref.controller === true);
  let controllerName = '<none>';
  if (controller) {
    const apiVersion = controller.apiVersion ?? '';
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    controllerName = formatResourceName(controller.kind ?? '', group, controller.name ?? '');
  }
  return [
    str(obj.metadata.name),
    controllerName,
    int((obj as { revision?: unknown }).revision),
    age(obj, ctx),
  ];
}

export const workloadPrinters: Record<string, KindPrinter> = {
  ReplicationController: { columns: replicaColumns, row: printReplicationController },
  ReplicaSet: { columns: replicaColumns, row: printReplicaSet },
  DaemonSet: { columns: daemonSetColumns, row: printDaemonSet },
  StatefulSet: { columns: statefulSetColumns, row: printStatefulSet },
  Deployment: { columns: deploymentColumns, row: printDeployment },
  ControllerRevision: { columns: controllerRevisionColumns, row: printControllerRevision },
};
