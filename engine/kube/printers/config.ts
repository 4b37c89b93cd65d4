// Configuration rows: ConfigMap, Secret and ResourceQuota (printConfigMap, printSecret,
// printResourceQuota in kubernetes pkg/printers/internalversion/printers.go, 1.32).

import { translateTimestampSince } from '../api/duration.ts';
import { canonicalQuantity } from '../api/quantity.ts';
import type { KubeObject } from '../api/types.ts';
import { compareBytes, str } from './format.ts';
import { ageColumn, type Cell, column, type KindPrinter, nameColumn, type PrintContext } from './table.ts';

function count(map: unknown): number {
  return map && typeof map === 'object' ? Object.keys(map).length : 0;
}

function printConfigMap(cm: KubeObject, ctx: PrintContext): Cell[] {
  return [
    str(cm.metadata.name),
    count(cm.data) + count(cm.binaryData),
    translateTimestampSince(cm.metadata.creationTimestamp, ctx.now),
  ];
}

function printSecret(secret: KubeObject, ctx: PrintContext): Cell[] {
  return [
    str(secret.metadata.name),
    str(secret.type),
    count(secret.data),
    translateTimestampSince(secret.metadata.creationTimestamp, ctx.now),
  ];
}

/** "resource: used/hard" pairs over status.hard, sorted; "limits.*" go to the Limit column. */
function printResourceQuota(quota: KubeObject, ctx: PrintContext): Cell[] {
  const hard: Record<string, unknown> = quota.status?.hard ?? {};
  const used: Record<string, unknown> = quota.status?.used ?? {};
  const requests: string[] = [];
  const limits: string[] = [];
  const asQuantity = (value: unknown) =>
    value === undefined || value === null ? '0' : canonicalQuantity(String(value));
  for (const resource of Object.keys(hard).sort(compareBytes)) {
    const pieces = resource.split('.');
    const target = pieces.length > 1 && pieces[0] === 'limits' ? limits : requests;
    target.push(`${resource}: ${asQuantity(used[resource])}/${asQuantity(hard[resource])}`);
  }
  return [
    str(quota.metadata.name),
    requests.join(', '),
    limits.join(', '),
    translateTimestampSince(quota.metadata.creationTimestamp, ctx.now),
  ];
}

export const configPrinters: Record<string, KindPrinter> = {
  ConfigMap: { columns: [nameColumn(), column('Data', 'string'), ageColumn()], row: printConfigMap },
  Secret: {
    columns: [nameColumn(), column('Type', 'string'), column('Data', 'string'), ageColumn()],
    row: printSecret,
  },
  ResourceQuota: {
    columns: [
      nameColumn(),
      column('Request', 'string', {
        description: 'Request represents a minimum amount of cpu/memory that a container may consume.',
      }),
      column('Limit', 'string', {
        description:
          'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.',
      }),
      ageColumn(),
    ],
    row: printResourceQuota,
  },
};
