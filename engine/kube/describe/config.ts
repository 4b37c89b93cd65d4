// Describers of namespace-level configuration: Namespace (with its quotas and limit ranges),
// ResourceQuota, LimitRange, ConfigMap, Secret and ServiceAccount.
// Follows pkg/describe/describe.go (kubectl v0.32.4). kubectl ranges over data maps, whose Go
// iteration order is randomized but for small maps is mostly insertion order: the API server's
// JSON has sorted keys, so keys are printed sorted here.

import { Quantity, quantityOf } from '../api/quantity.ts';
import type { KubeObject } from '../api/types.ts';
import { describeEvents, type EventContext, refOf, searchEvents } from './events.ts';
import { type Json, printAnnotationsMultiline, printLabelsMultiline, sortedKeys } from './format.ts';
import { str } from './gofmt.ts';
import { compareStrings } from './gosort.ts';
import { formatRFC1123Z, parseGoTime } from './time.ts';
import { LEVEL_0, LEVEL_1, type PrefixWriter, tabbedString } from './writer.ts';

export interface ConfigContext extends EventContext {
  showEvents: boolean;
}

const SCOPE_HELP: Record<string, string> = {
  Terminating:
    'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating:
    'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort:
    'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort:
    'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

/** Byte length of base64 data ([]byte fields marshal as base64). */
export function base64Length(data: unknown): number {
  if (typeof data !== 'string') return 0;
  const clean = data.replace(/\s/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - padding;
}

function decodeBase64(data: unknown): string {
  if (typeof data !== 'string') return '';
  const binary = atob(data.replace(/\s/g, ''));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

function sortedScopes(spec: Json): string[] {
  return [...(spec?.scopes ?? [])].sort(compareStrings);
}

/** DescribeResourceQuotas: the "Resource Quotas" part of a namespace description. */
function describeResourceQuotas(quotas: KubeObject[], w: PrefixWriter): void {
  if (quotas.length === 0) {
    w.write(LEVEL_0, 'No resource quota.\n');
    return;
  }
  const sorted = [...quotas].sort((a, b) => compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''));
  w.write(LEVEL_0, 'Resource Quotas\n');
  for (const q of sorted) {
    w.write(LEVEL_1, `Name:\t${str(q.metadata.name)}\n`);
    const scopes = sortedScopes(q.spec);
    if (scopes.length > 0) {
      w.write(LEVEL_1, `Scopes:\t${scopes.join(', ')}\n`);
      for (const scope of scopes) if (SCOPE_HELP[scope]) w.write(LEVEL_1, `* ${SCOPE_HELP[scope]}\n`);
    }
    w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_1, '--------\t---\t---\n');
    const hard = q.status?.hard ?? {};
    for (const resource of sortedKeys(hard)) {
      w.write(
        LEVEL_1,
        `${resource}\t${quantityOf(q.status?.used?.[resource])}\t${quantityOf(hard[resource])}\n`,
      );
    }
  }
}

/**
 * describeLimitRangeSpec: one row per limit type and resource. kubectl ranges over a Go map of
 * the resource names; a map this small iterates in insertion order seven times out of eight, so
 * the names come in the order they were collected: max, min, default, defaultRequest, ratio,
 * each list sorted as the API server serializes it.
 */
function describeLimitRangeSpec(spec: Json, prefix: string, w: PrefixWriter): void {
  for (const item of spec?.limits ?? []) {
    const lists = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio];
    const names = new Set<string>();
    for (const list of [item.max, item.min, item.default, item.defaultRequest, item.maxLimitRequestRatio]) {
      for (const k of sortedKeys(list)) names.add(k);
    }
    for (const name of names) {
      const cells = lists.map((list) => (list && name in list ? String(quantityOf(list[name])) : '-'));
      w.write(LEVEL_0, `${prefix}${str(item.type)}\t${name}\t${cells.join('\t')}\n`);
    }
  }
}

function describeLimitRanges(ranges: KubeObject[], w: PrefixWriter): void {
  if (ranges.length === 0) {
    w.write(LEVEL_0, 'No LimitRange resource.\n');
    return;
  }
  w.write(
    LEVEL_0,
    'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n',
  );
  w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const lr of ranges) describeLimitRangeSpec(lr.spec, ' ', w);
}

export function describeNamespace(ns: KubeObject, ctx: ConfigContext): string {
  const name = ns.metadata.name ?? '';
  const quotas = ctx.list('resourcequotas', name);
  const ranges = ctx.list('limitranges', name);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${name}\n`);
    printLabelsMultiline(w, 'Labels', ns.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
    w.write(LEVEL_0, `Status:\t${str(ns.status?.phase)}\n`);
    const conditions: Json[] = ns.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        const when = formatRFC1123Z(parseGoTime(c.lastTransitionTime));
        w.write(LEVEL_1, `${str(c.type)}\t${str(c.status)}\t${when}\t${str(c.reason)}\t${str(c.message)}\n`);
      }
    }
    w.write(LEVEL_0, '\n');
    describeResourceQuotas(quotas, w);
    w.write(LEVEL_0, '\n');
    describeLimitRanges(ranges, w);
  });
}

export function describeResourceQuota(rq: KubeObject): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(rq.metadata.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(rq.metadata.namespace)}\n`);
    const scopes = sortedScopes(rq.spec);
    if (scopes.length > 0) {
      w.write(LEVEL_0, `Scopes:\t${scopes.join(', ')}\n`);
      for (const scope of scopes) if (SCOPE_HELP[scope]) w.write(LEVEL_0, ` * ${SCOPE_HELP[scope]}\n`);
    }
    w.write(LEVEL_0, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_0, '--------\t----\t----\n');
    const hard = rq.status?.hard ?? {};
    for (const resource of sortedKeys(hard)) {
      const hardQ = quantityOf(hard[resource]);
      let used = quantityOf(rq.status?.used?.[resource]);
      // a used amount in another format is re-expressed in the hard limit's format
      if (hardQ.format !== used.format) used = Quantity.fromInt(used.intValue(), hardQ.format);
      w.write(LEVEL_0, `${resource}\t${used}\t${hardQ}\n`);
    }
  });
}

export function describeLimitRange(lr: KubeObject): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(lr.metadata.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(lr.metadata.namespace)}\n`);
    w.write(LEVEL_0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(LEVEL_0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    describeLimitRangeSpec(lr.spec, '', w);
  });
}

export function describeConfigMap(cm: KubeObject, ctx: ConfigContext): string {
  const data = (cm.data as Record<string, string> | undefined) ?? {};
  const binary = (cm.binaryData as Record<string, string> | undefined) ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(cm.metadata.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(cm.metadata.namespace)}\n`);
    printLabelsMultiline(w, 'Labels', cm.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const key of sortedKeys(data)) {
      w.write(LEVEL_0, `${key}:\n----\n`);
      w.write(LEVEL_0, `${data[key]}\n`);
      w.write(LEVEL_0, '\n');
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    for (const key of sortedKeys(binary)) w.write(LEVEL_0, `${key}: ${base64Length(binary[key])} bytes\n`);
    w.write(LEVEL_0, '\n');
    if (ctx.showEvents) describeEvents(searchEvents(ctx, refOf(cm)), w, ctx.now);
  });
}

export function describeSecret(secret: KubeObject): string {
  const data = (secret.data as Record<string, string> | undefined) ?? {};
  const type = str(secret.type);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(secret.metadata.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(secret.metadata.namespace)}\n`);
    printLabelsMultiline(w, 'Labels', secret.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', secret.metadata.annotations);
    w.write(LEVEL_0, `\nType:\t${type}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const key of sortedKeys(data)) {
      if (key === 'token' && type === 'kubernetes.io/service-account-token') {
        w.write(LEVEL_0, `${key}:\t${decodeBase64(data[key])}\n`);
      } else {
        w.write(LEVEL_0, `${key}:\t${base64Length(data[key])} bytes\n`);
      }
    }
  });
}

export function describeServiceAccount(sa: KubeObject, ctx: ConfigContext): string {
  const namespace = sa.metadata.namespace ?? '';
  const secrets = ctx.list('secrets', namespace);
  const existing = new Set(secrets.map((s) => s.metadata.name ?? ''));
  const tokens = secrets.filter(
    (s) =>
      s.type === 'kubernetes.io/service-account-token' &&
      (s.metadata.annotations?.['kubernetes.io/service-account.name'] ?? '') === sa.metadata.name &&
      (s.metadata.annotations?.['kubernetes.io/service-account.uid'] ?? '') === (sa.metadata.uid ?? ''),
  );
  const pullNames: string[] = ((sa.imagePullSecrets as Json[] | undefined) ?? []).map((s) => str(s.name));
  const mountNames: string[] = ((sa.secrets as Json[] | undefined) ?? []).map((s) => str(s.name));
  const missing = new Set([...pullNames, ...mountNames].filter((n) => !existing.has(n)));
  const events = ctx.showEvents ? searchEvents(ctx, refOf(sa)) : null;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(sa.metadata.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${namespace}\n`);
    printLabelsMultiline(w, 'Labels', sa.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations);
    const empty = '                   ';
    // headers in sorted order, as sets.StringKeySet(types).List() yields them
    const sections: [string, string[]][] = [
      ['Image pull secrets:', pullNames],
      ['Mountable secrets: ', mountNames],
      ['Tokens:            ', tokens.map((t) => t.metadata.name ?? '')],
    ];
    for (const [header, names] of sections) {
      if (names.length === 0) {
        w.write(LEVEL_0, `${header}\t<none>\n`);
        continue;
      }
      let prefix = header;
      for (const name of names) {
        w.write(LEVEL_0, `${prefix}\t${name}${missing.has(name) ? ' (not found)' : ''}\n`);
        prefix = empty;
      }
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}
