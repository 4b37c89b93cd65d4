// Cell formatting helpers shared by the kind printers: label sets and selectors as
// apimachinery's labels package prints them, container/image lists, "+ N more..." lists.

/** labels.Set.String: "key=value" pairs sorted, comma-joined. */
export function labelSetString(labels: Record<string, string> | null | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .sort(compareBytes)
    .join(',');
}

/** labels.FormatLabels: the set string, or "<none>" when empty. */
export function formatLabels(labels: Record<string, string> | null | undefined): string {
  return labelSetString(labels) || '<none>';
}

export interface LabelSelectorJSON {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] | null }> | null;
}

const OPERATORS: Record<string, string> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key, "k=v",
 * "k in (a,b)", "k notin (a,b)", "k", "!k". A nil selector selects nothing and an empty one
 * everything; both print as "". An unknown operator is an error (null).
 */
export function labelSelectorString(selector: LabelSelectorJSON | null | undefined): string | null {
  if (!selector) return '';
  const reqs: Array<{ key: string; text: string }> = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    reqs.push({ key, text: `${key}=${value}` });
  }
  for (const expr of selector.matchExpressions ?? []) {
    const op = OPERATORS[expr.operator];
    if (!op) return null;
    const values = [...(expr.values ?? [])];
    // Requirement.String sorts values only when there are several
    const list = values.length > 1 ? values.sort(compareBytes).join(',') : (values[0] ?? '');
    const text = op === 'exists' ? expr.key : op === '!' ? `!${expr.key}` : `${expr.key} ${op} (${list})`;
    reqs.push({ key: expr.key, text });
  }
  reqs.sort((a, b) => compareBytes(a.key, b.key));
  return reqs.map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: the selector string, "<none>" when empty, "<error>" when invalid. */
export function formatLabelSelector(selector: LabelSelectorJSON | null | undefined): string {
  const text = labelSelectorString(selector);
  if (text === null) return '<error>';
  return text || '<none>';
}

/** layoutContainerCells: container names and images, each comma-joined. */
export function layoutContainerCells(
  containers: Array<{ name?: string; image?: string }> | null | undefined,
): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

/** listWithMoreString: the first few items, then " + N more...", or "<unset>" when empty. */
export function listWithMore(items: string[], max: number): string {
  const shown = items.slice(0, max).join(',');
  if (items.length > max) return `${shown} + ${items.length - max} more...`;
  return shown || '<unset>';
}

/** printBoolPtr: "True", "False", or "<unset>" for a missing pointer. */
export function printBoolPtr(value: boolean | null | undefined): string {
  if (value === undefined || value === null) return '<unset>';
  return value ? 'True' : 'False';
}

/** Go's string ordering (bytes; code units agree for the text labels hold). */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A JSON number field as Go reads it into an integer (missing means 0). */
export function int(value: unknown): number {
  return typeof value === 'number' ? Math.trunc(value) : 0;
}

/** A JSON string field (missing means ""). */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** intstr.IntOrString.String(): numbers in decimal, strings as they are. */
export function intOrString(value: unknown): string {
  return typeof value === 'number' ? String(Math.trunc(value)) : str(value);
}
