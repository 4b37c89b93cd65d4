// API-server configuration rows: admission webhooks and policies, flow control, and
// APIService (printMutatingWebhook, printValidatingAdmissionPolicy(Binding), printFlowSchema,
// printPriorityLevelConfiguration in kubernetes pkg/printers/internalversion/printers.go;
// APIService from kube-aggregator pkg/registry/apiservice/etcd/etcd.go ConvertToTable).
// biome-ignore-all lint/suspicious/noExplicitAny: these specs are open JSON

import { translateTimestampSince } from '../api/duration.ts';
import type { KubeObject } from '../api/types.ts';
import { compareBytes, int, str } from './format.ts';
import { ageColumn, type Cell, column, type KindPrinter, nameColumn, type PrintContext } from './table.ts';

function age(obj: KubeObject, ctx: PrintContext): string {
  return translateTimestampSince(obj.metadata.creationTimestamp, ctx.now);
}

const webhookColumns = [
  nameColumn(),
  column('Webhooks', 'integer', {
    description: 'Webhooks indicates the number of webhooks registered in this configuration',
  }),
  ageColumn(),
];

function printWebhookConfiguration(obj: KubeObject, ctx: PrintContext): Cell[] {
  return [str(obj.metadata.name), ((obj as any).webhooks ?? []).length, age(obj, ctx)];
}

const policyColumns = [
  nameColumn(),
  column('Validations', 'integer', {
    description: 'Validations indicates the number of validation rules defined in this configuration',
  }),
  column('ParamKind', 'string', {
    description: 'ParamKind specifies the kind of resources used to parameterize this policy',
  }),
  ageColumn(),
];

function printValidatingAdmissionPolicy(obj: KubeObject, ctx: PrintContext): Cell[] {
  const spec = obj.spec ?? {};
  const paramKind = spec.paramKind
    ? `${str(spec.paramKind.apiVersion)}/${str(spec.paramKind.kind)}`
    : '<unset>';
  return [str(obj.metadata.name), (spec.validations ?? []).length, paramKind, age(obj, ctx)];
}

/** The gogo-protobuf String() of a metav1.LabelSelector (generated.pb.go). */
function labelSelectorGoString(selector: any): string {
  const labels = Object.keys(selector.matchLabels ?? {})
    .sort(compareBytes)
    .map((k) => `${k}: ${selector.matchLabels[k]},`)
    .join('');
  const expressions = (selector.matchExpressions ?? [])
    .map(
      (e: any) =>
        `LabelSelectorRequirement{Key:${str(e.key)},Operator:${str(e.operator)},Values:[${(e.values ?? []).join(' ')}],},`,
    )
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${expressions}},}`;
}

const policyBindingColumns = [
  nameColumn(),
  column('PolicyName', 'string', {
    description: 'PolicyName indicates the policy definition which the policy binding binded to',
  }),
  column('ParamRef', 'string', {
    description: 'ParamRef indicates the param resource which sets the configration param',
  }),
  ageColumn(),
];

function printValidatingAdmissionPolicyBinding(obj: KubeObject, ctx: PrintContext): Cell[] {
  const ref = obj.spec?.paramRef;
  let paramName = '<unset>';
  if (ref) {
    // without a namespace the param may be cluster-scoped: shown as "*/name"
    if (ref.name) paramName = ref.namespace ? `${ref.namespace}/${ref.name}` : `*/${ref.name}`;
    else if (ref.selector) paramName = labelSelectorGoString(ref.selector);
  }
  return [str(obj.metadata.name), str(obj.spec?.policyName), paramName, age(obj, ctx)];
}

const flowSchemaColumns = [
  nameColumn(),
  column('PriorityLevel', 'string'),
  column('MatchingPrecedence', 'string'),
  column('DistinguisherMethod', 'string'),
  ageColumn(),
  column('MissingPL', 'string', {
    description: 'references a broken or non-existent PriorityLevelConfiguration',
  }),
];

function printFlowSchema(obj: KubeObject, ctx: PrintContext): Cell[] {
  const spec = obj.spec ?? {};
  const dangling = (obj.status?.conditions ?? []).find((c: any) => c.type === 'Dangling');
  return [
    str(obj.metadata.name),
    str(spec.priorityLevelConfiguration?.name),
    int(spec.matchingPrecedence),
    spec.distinguisherMethod ? str(spec.distinguisherMethod.type) : '<none>',
    age(obj, ctx),
    dangling ? str(dangling.status) : '?',
  ];
}

/** printFlowSchemaList orders by matching precedence, then name (FlowSchemaSequence). */
function sortFlowSchemas(objects: KubeObject[]): KubeObject[] {
  return [...objects].sort(
    (a, b) =>
      int(a.spec?.matchingPrecedence) - int(b.spec?.matchingPrecedence) ||
      compareBytes(str(a.metadata.name), str(b.metadata.name)),
  );
}

const priorityLevelColumns = [
  nameColumn(),
  column('Type', 'string'),
  column('NominalConcurrencyShares', 'string'),
  column('Queues', 'string'),
  column('HandSize', 'string'),
  column('QueueLengthLimit', 'string'),
  ageColumn(),
];

function printPriorityLevelConfiguration(obj: KubeObject, ctx: PrintContext): Cell[] {
  const limited = obj.spec?.limited;
  let shares: Cell = '<none>';
  let queues: Cell = '<none>';
  let handSize: Cell = '<none>';
  let queueLengthLimit: Cell = '<none>';
  if (limited) {
    shares = int(limited.nominalConcurrencyShares);
    const queuing = limited.limitResponse?.queuing;
    if (queuing) {
      queues = int(queuing.queues);
      handSize = int(queuing.handSize);
      queueLengthLimit = int(queuing.queueLengthLimit);
    }
  }
  return [
    str(obj.metadata.name),
    str(obj.spec?.type),
    shares,
    queues,
    handSize,
    queueLengthLimit,
    age(obj, ctx),
  ];
}

const apiServiceColumns = [
  nameColumn(),
  column('Service', 'string', { description: 'The reference to the service that hosts this API endpoint.' }),
  column('Available', 'string', { description: 'Whether this service is available.' }),
  ageColumn(),
];

function printAPIService(obj: KubeObject, ctx: PrintContext): Cell[] {
  const service = obj.spec?.service;
  const available = (obj.status?.conditions ?? []).find((c: any) => c.type === 'Available');
  let status = 'Unknown';
  if (available) {
    status = str(available.status);
    if (available.status !== 'True' && available.reason) status = `${available.status} (${available.reason})`;
  }
  return [
    str(obj.metadata.name),
    service ? `${str(service.namespace)}/${str(service.name)}` : 'Local',
    status,
    age(obj, ctx),
  ];
}

export const apiServerPrinters: Record<string, KindPrinter> = {
  MutatingWebhookConfiguration: { columns: webhookColumns, row: printWebhookConfiguration },
  ValidatingWebhookConfiguration: { columns: webhookColumns, row: printWebhookConfiguration },
  ValidatingAdmissionPolicy: { columns: policyColumns, row: printValidatingAdmissionPolicy },
  ValidatingAdmissionPolicyBinding: {
    columns: policyBindingColumns,
    row: printValidatingAdmissionPolicyBinding,
  },
  FlowSchema: { columns: flowSchemaColumns, row: printFlowSchema, sort: sortFlowSchemas },
  PriorityLevelConfiguration: { columns: priorityLevelColumns, row: printPriorityLevelConfiguration },
  APIService: { columns: apiServiceColumns, row: printAPIService },
};
