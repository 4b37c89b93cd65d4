// Label and field selectors: the `-l` / `--field-selector` string syntax, the
// matchLabels/matchExpressions objects of workloads, and matching against objects.
import type { KubeObject } from './types.ts';

export type Operator = 'in' | 'notin' | 'exists' | '!' | '=' | '!=';

export interface Requirement {
  key: string;
  op: Operator;
  values: string[];
}

/** A parsed selector; the empty list selects everything. */
export type Selector = Requirement[];

export class SelectorError extends Error {}

/**
 * Parses the string form (`app=web,tier!=db,env in (a,b),!legacy`), as labels.Parse does.
 */
export function parseLabelSelector(text: string): Selector {
  const reqs: Selector = [];
  let i = 0;
  const s = text;
  const skip = () => {
    while (s[i] === ' ') i++;
  };
  const word = (): string => {
    skip();
    const start = i;
    while (i < s.length && !' ,=!()'.includes(s[i])) i++;
    return s.slice(start, i);
  };
  while (true) {
    skip();
    if (i >= s.length) break;
    let negated = false;
    if (s[i] === '!') {
      negated = true;
      i++;
    }
    const key = word();
    if (!key)
      throw new SelectorError(`unable to parse requirement: found '${s[i] ?? ''}', expected: identifier`);
    skip();
    if (negated) {
      reqs.push({ key, op: '!', values: [] });
    } else if (s.startsWith('!=', i)) {
      i += 2;
      reqs.push({ key, op: '!=', values: [word()] });
    } else if (s.startsWith('==', i)) {
      i += 2;
      reqs.push({ key, op: '=', values: [word()] });
    } else if (s[i] === '=') {
      i++;
      reqs.push({ key, op: '=', values: [word()] });
    } else if (/^(in|notin)\s*\(/.test(s.slice(i))) {
      const op = s.startsWith('notin', i) ? 'notin' : 'in';
      i += op.length;
      skip();
      i++; // (
      const values: string[] = [];
      while (true) {
        values.push(word());
        skip();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ')') {
          i++;
          break;
        }
        throw new SelectorError(`unable to parse requirement: found '${s[i] ?? ''}', expected: ',', ')'`);
      }
      reqs.push({ key, op, values: values.filter((v) => v !== '') });
    } else {
      reqs.push({ key, op: 'exists', values: [] });
    }
    skip();
    if (i >= s.length) break;
    if (s[i] !== ',')
      throw new SelectorError(
        `unable to parse requirement: found '${s[i]}', expected: ',' or 'end of string'`,
      );
    i++;
  }
  return reqs;
}

export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** metav1.LabelSelectorAsSelector: null selects nothing, {} selects everything. */
export function selectorFromObject(sel: LabelSelectorObject | null | undefined): Selector | null {
  if (!sel) return null;
  const reqs: Selector = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {}))
    reqs.push({ key, op: '=', values: [value] });
  for (const e of sel.matchExpressions ?? []) {
    const op = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' } as const)[
      e.operator as 'In'
    ];
    if (op) reqs.push({ key: e.key, op, values: e.values ?? [] });
  }
  return reqs;
}

export function matches(selector: Selector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return selector.every((r) => {
    const has = Object.hasOwn(l, r.key);
    switch (r.op) {
      case '=':
        return has && l[r.key] === r.values[0];
      case '!=':
        return !has || l[r.key] !== r.values[0];
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
      case 'exists':
        return has;
      case '!':
        return !has;
    }
    return false;
  });
}

/** The string form of a selector, as labels.Selector.String() prints it (sorted by key). */
export function formatSelector(selector: Selector): string {
  return [...selector]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => {
      switch (r.op) {
        case '=':
          return `${r.key}=${r.values[0]}`;
        case '!=':
          return `${r.key}!=${r.values[0]}`;
        case 'in':
        case 'notin':
          return `${r.key} ${r.op} (${[...r.values].sort().join(',')})`;
        case 'exists':
          return r.key;
        case '!':
          return `!${r.key}`;
      }
      return '';
    })
    .join(',');
}

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

/** Parses `metadata.name=x,status.phase!=Running` (fields.ParseSelector). */
export function parseFieldSelector(text: string): FieldRequirement[] {
  if (text.trim() === '') return [];
  return text.split(',').map((part) => {
    const m = /^([^=!]+)(==|!=|=)(.*)$/.exec(part.trim());
    if (!m) throw new SelectorError(`invalid selector: '${text}'; can't understand '${part}'`);
    return { field: m[1], op: m[2] === '!=' ? '!=' : '=', value: m[3] };
  });
}

/** The fields a resource can be filtered on, beyond metadata.name and metadata.namespace. */
export function fieldValue(obj: KubeObject, field: string): string | undefined {
  switch (field) {
    case 'metadata.name':
      return obj.metadata.name ?? '';
    case 'metadata.namespace':
      return obj.metadata.namespace ?? '';
  }
  if (obj.kind === 'Pod') {
    const pod = obj as KubeObject;
    switch (field) {
      case 'spec.nodeName':
        return pod.spec?.nodeName ?? '';
      case 'spec.restartPolicy':
        return pod.spec?.restartPolicy ?? '';
      case 'spec.schedulerName':
        return pod.spec?.schedulerName ?? '';
      case 'spec.serviceAccountName':
        return pod.spec?.serviceAccountName ?? '';
      case 'spec.hostNetwork':
        return String(pod.spec?.hostNetwork ?? false);
      case 'status.phase':
        return pod.status?.phase ?? '';
      case 'status.podIP':
        return pod.status?.podIP ?? '';
      case 'status.nominatedNodeName':
        return pod.status?.nominatedNodeName ?? '';
    }
  }
  if (obj.kind === 'Event') {
    const ev = obj as KubeObject & Record<string, unknown>;
    const io = (ev.involvedObject ?? {}) as Record<string, string>;
    const m = /^involvedObject\.(\w+)$/.exec(field);
    if (m) return io[m[1]] ?? '';
    if (field === 'reason') return (ev.reason as string) ?? '';
    if (field === 'type') return (ev.type as string) ?? '';
    if (field === 'source') return ((ev.source as Record<string, string>)?.component as string) ?? '';
  }
  if (obj.kind === 'Secret' && field === 'type') return (obj as Record<string, unknown>).type as string;
  if (obj.kind === 'Node' && field === 'spec.unschedulable') return String(obj.spec?.unschedulable ?? false);
  if (obj.kind === 'Namespace' && field === 'status.phase') return obj.status?.phase ?? '';
  return undefined;
}

/** Field selectors on unsupported fields are a BadRequest in the real API server. */
export function matchesFields(reqs: FieldRequirement[], obj: KubeObject): boolean {
  return reqs.every((r) => {
    const v = fieldValue(obj, r.field);
    return r.op === '=' ? v === r.value : v !== r.value;
  });
}
