// Printing helpers shared by the describers: multi-line labels, annotations, taints,
// tolerations and pod lists, selectors, controller references and resource-name ordering.
// Follows pkg/describe/describe.go (printLabelsMultilineWithIndent, printAnnotationsMultiline,
// printTolerationsMultilineWithIndent, ...) and apimachinery's labels / LabelSelector String().
import { formatSelector, type LabelSelectorObject, matches, selectorFromObject } from '../api/selectors.ts';
import type { KubeObject } from '../api/types.ts';
import { compareStrings, goSort, sortStrings } from './gosort.ts';
import { LEVEL_0, type PrefixWriter } from './writer.ts';

// biome-ignore lint/suspicious/noExplicitAny: describers read open API JSON field by field
export type Json = any;

/** Annotations describe never shows (corev1.LastAppliedConfigAnnotation). */
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

export function stringOrNone(s: string): string {
  return s.length > 0 ? s : '<none>';
}

/** labels.FormatLabels: "a=1,b=2" sorted as whole strings, "<none>" when empty. */
export function formatLabels(map: Record<string, string> | null | undefined): string {
  const pairs = Object.entries(map ?? {}).map(([k, v]) => `${k}=${v}`);
  return stringOrNone(sortStrings(pairs).join(','));
}

/** LabelSelectorAsSelector(sel).String(): "" for nil or empty selectors. */
export function selectorString(sel: LabelSelectorObject | null | undefined): string {
  const parsed = selectorFromObject(sel);
  return parsed ? formatSelector(parsed) : '';
}

/** metav1.FormatLabelSelector: the selector string or "<none>". */
export function formatLabelSelector(sel: LabelSelectorObject | null | undefined): string {
  return stringOrNone(selectorString(sel));
}

/**
 * Does a list with LabelSelector=LabelSelectorAsSelector(sel).String() return these labels?
 * A nil selector stringifies to "" and so lists everything.
 */
export function listedBySelector(
  sel: LabelSelectorObject | null | undefined,
  labels: Record<string, string> | undefined,
) {
  const parsed = selectorFromObject(sel);
  return parsed ? matches(parsed, labels) : true;
}

export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
): void {
  printLabelsMultilineWithIndent(w, '', title, '\t', labels);
}

export function printLabelsMultilineWithIndent(
  w: PrefixWriter,
  initialIndent: string,
  title: string,
  innerIndent: string,
  labels: Record<string, string> | null | undefined,
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = sortStrings(Object.keys(labels ?? {}));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${key}=${labels?.[key]}\n`);
  });
}

/** Annotations one per line; long or multi-line values go below their key, cut at 140. */
export function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Record<string, string> | null | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = sortStrings(Object.keys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k)));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = (annotations?.[key] ?? '').replace(/\n$/, '');
    if (byteLength(value) + byteLength(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const line of value.split('\n'))
        w.write(LEVEL_0, `${indent}  ${shorten(line, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** len() of a Go string: its UTF-8 byte count. */
export function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** s[:max] + "..." on bytes, as Go slices strings. */
export function shorten(s: string, max: number): string {
  const bytes = new TextEncoder().encode(s);
  if (bytes.length <= max) return s;
  return `${new TextDecoder().decode(bytes.slice(0, max))}...`;
}

/** Taint.ToString: key=value:effect with the empty parts left out. */
export function taintString(t: Json): string {
  const key = t.key ?? '';
  const value = t.value ?? '';
  const effect = t.effect ?? '';
  if (!effect) return value ? `${key}=${value}:` : key;
  return value ? `${key}=${value}:${effect}` : `${key}:${effect}`;
}

export function printNodeTaintsMultiline(w: PrefixWriter, title: string, taints: Json[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!taints || taints.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = goSort(
    [...taints],
    (a, b) => `${a.effect ?? ''},${a.key ?? ''}` < `${b.effect ?? ''},${b.key ?? ''}`,
  );
  sorted.forEach((taint, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, '');
      w.write(LEVEL_0, '\t');
    }
    w.write(LEVEL_0, `${taintString(taint)}\n`);
  });
}

export function printPodsMultiline(w: PrefixWriter, title: string, pods: KubeObject[]): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (pods.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = goSort([...pods], (a, b) => (a.metadata.name ?? '') < (b.metadata.name ?? ''));
  sorted.forEach((pod, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, '');
      w.write(LEVEL_0, '\t');
    }
    w.write(LEVEL_0, `${pod.metadata.name ?? ''}\n`);
  });
}

/** Tolerations sorted by key: key=value:effect, op=Exists, "for Ns". */
export function printTolerationsMultiline(
  w: PrefixWriter,
  title: string,
  tolerations: Json[] | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!tolerations || tolerations.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = goSort([...tolerations], (a, b) => (a.key ?? '') < (b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, '');
      w.write(LEVEL_0, '\t');
    }
    const key = t.key ?? '';
    const value = t.value ?? '';
    const effect = t.effect ?? '';
    w.write(LEVEL_0, key);
    if (value) w.write(LEVEL_0, `=${value}`);
    if (effect) w.write(LEVEL_0, `:${effect}`);
    // operator Exists without a value tolerates everything matching key/effect
    if (t.operator === 'Exists' && !value) w.write(LEVEL_0, key || effect ? ' op=Exists' : 'op=Exists');
    if (typeof t.tolerationSeconds === 'number') w.write(LEVEL_0, ` for ${t.tolerationSeconds}s`);
    w.write(LEVEL_0, '\n');
  });
}

/** metav1.GetControllerOf: the owner reference with controller=true. */
export function controllerOf(obj: KubeObject): Json | undefined {
  return (obj.metadata.ownerReferences ?? []).find((r) => r.controller === true);
}

/** printController: "Kind/name" of the controlling owner, or "". */
export function printController(obj: KubeObject): string {
  const ref = controllerOf(obj);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/** SortedResourceNames: the keys of a resource list, sorted. */
export function sortedKeys(map: Record<string, unknown> | null | undefined): string[] {
  return Object.keys(map ?? {}).sort(compareStrings);
}
