// The "simple JSONPath" CRD printer columns use (.spec.replicas, .status.conditions[0].type,
// .status.conditions[?(@.type=="Ready")].status), evaluated with missing keys allowed as
// k8s.io/client-go/util/jsonpath does for the custom resource table convertor.
// biome-ignore-all lint/suspicious/noExplicitAny: JSONPath walks arbitrary JSON

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'recursive'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'filter'; path: Step[]; op: string | null; value: unknown };

export class JSONPathError extends Error {}

const FIELD_END = new Set(['.', '[', ']', '(', ')', ',', ' ', '=', '!', '<', '>']);

function readField(text: string, start: number): [string, number] {
  let i = start;
  while (i < text.length && !FIELD_END.has(text[i])) i++;
  return [text.slice(start, i), i];
}

function parseLiteral(text: string): unknown {
  const t = text.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1);
  if (t === 'true' || t === 'false') return t === 'true';
  const n = Number(t);
  if (t !== '' && !Number.isNaN(n)) return n;
  throw new JSONPathError(`unrecognized literal ${t}`);
}

function parseFilter(body: string): Step {
  // body is "@.a.b op literal" or "@.a.b"
  const match = /^\s*@((?:\.[^.=!<>\s]+|\[[^\]]*\])*)\s*(==|!=|<=|>=|<|>)?\s*(.*?)\s*$/.exec(body);
  if (!match) throw new JSONPathError(`unrecognized filter ${body}`);
  const path = parseSteps(match[1]);
  const op = match[2] ?? null;
  return { kind: 'filter', path, op, value: op ? parseLiteral(match[3]) : undefined };
}

function parseSteps(text: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('..', i)) {
      const [name, next] = readField(text, i + 2);
      steps.push({ kind: 'recursive', name });
      i = next;
    } else if (text[i] === '.') {
      if (text[i + 1] === '*') {
        steps.push({ kind: 'wildcard' });
        i += 2;
        continue;
      }
      const [name, next] = readField(text, i + 1);
      if (name) steps.push({ kind: 'field', name });
      i = next;
    } else if (text[i] === '[') {
      if (text.startsWith('[?(', i)) {
        const end = text.indexOf(')]', i);
        if (end < 0) throw new JSONPathError('unclosed filter');
        steps.push(parseFilter(text.slice(i + 3, end)));
        i = end + 2;
        continue;
      }
      const end = text.indexOf(']', i);
      if (end < 0) throw new JSONPathError('unclosed [');
      const inner = text.slice(i + 1, end).trim();
      if (inner === '*') steps.push({ kind: 'wildcard' });
      else if (/^-?\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if (/^(['"]).*\1$/.test(inner)) steps.push({ kind: 'field', name: inner.slice(1, -1) });
      else throw new JSONPathError(`unrecognized [${inner}]`);
      i = end + 1;
    } else {
      throw new JSONPathError(`unexpected ${text[i]} in ${text}`);
    }
  }
  return steps;
}

/** Parses a column's JSONPath (with or without the surrounding braces). */
export function parseJSONPath(path: string): Step[] {
  const trimmed = path.trim();
  const inner = trimmed.startsWith('{') && trimmed.endsWith('}') ? trimmed.slice(1, -1) : trimmed;
  return parseSteps(inner.startsWith('$') ? inner.slice(1) : inner);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function descendants(value: unknown, name: string, out: unknown[]): void {
  if (isObject(value)) {
    if (name in value) out.push(value[name]);
    for (const child of Object.values(value)) descendants(child, name, out);
  } else if (Array.isArray(value)) {
    for (const child of value) descendants(child, name, out);
  }
}

function matches(item: unknown, step: Extract<Step, { kind: 'filter' }>): boolean {
  const found = evaluate(step.path, [item]);
  if (found.length === 0) return false;
  const left = found[0];
  if (step.op === null) return true;
  const right = step.value;
  switch (step.op) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    default: {
      if (typeof left !== 'number' || typeof right !== 'number') return false;
      if (step.op === '<') return left < right;
      if (step.op === '>') return left > right;
      if (step.op === '<=') return left <= right;
      return left >= right;
    }
  }
}

function evaluate(steps: Step[], input: unknown[]): unknown[] {
  let current = input;
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) {
      switch (step.kind) {
        case 'field':
          if (isObject(value) && step.name in value) next.push(value[step.name]);
          break;
        case 'recursive':
          descendants(value, step.name, next);
          break;
        case 'index':
          if (Array.isArray(value)) {
            const index = step.index < 0 ? value.length + step.index : step.index;
            if (index >= 0 && index < value.length) next.push(value[index]);
          }
          break;
        case 'wildcard':
          if (Array.isArray(value)) next.push(...value);
          else if (isObject(value)) next.push(...Object.values(value));
          break;
        case 'filter':
          if (Array.isArray(value)) next.push(...value.filter((item) => matches(item, step)));
          break;
      }
    }
    current = next;
  }
  return current;
}

/** Every value the path selects in `data`, in document order (missing keys select nothing). */
export function findResults(path: string, data: unknown): unknown[] {
  return evaluate(parseJSONPath(path), [data]);
}
