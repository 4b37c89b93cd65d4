// The generic describer for kinds without a dedicated one (Event, Lease, custom resources, ...):
// name, namespace, labels, annotations, then every field with camel-case names spelled out.
// Follows genericDescriber, printUnstructuredContent and smartLabelFor in
// pkg/describe/describe.go, with github.com/fatih/camelcase's splitting rules.
import type { KubeObject } from '../api/types.ts';
import { describeEvents, type EventContext, refOf, searchEvents } from './events.ts';
import { printAnnotationsMultiline, printLabelsMultiline } from './format.ts';
import { goValue, str } from './gofmt.ts';
import { sortStrings } from './gosort.ts';
import { type PrefixWriter, tabbedString } from './writer.ts';

export interface GenericContext extends EventContext {
  showEvents: boolean;
}

const COMMON_ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID'];
const SKIPPED = [
  '.metadata.managedFields',
  '.metadata.name',
  '.metadata.namespace',
  '.metadata.labels',
  '.metadata.annotations',
];

const isLower = (c: string) => /\p{Ll}/u.test(c);
const isUpper = (c: string) => /\p{Lu}/u.test(c);

/** camelcase.Split: runs of lower, upper, digit and other characters; "PDFLoader" -> PDF, Loader. */
export function splitCamelCase(src: string): string[] {
  const runs: string[][] = [];
  let lastClass = 0;
  for (const c of src) {
    const cls = isLower(c) ? 1 : isUpper(c) ? 2 : /\p{Nd}/u.test(c) ? 3 : 4;
    if (cls === lastClass && runs.length > 0) runs[runs.length - 1].push(c);
    else runs.push([c]);
    lastClass = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (isUpper(runs[i][0]) && isLower(runs[i + 1][0])) {
      runs[i + 1].unshift(runs[i].pop() as string);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

/** smartLabelFor: "creationTimestamp" -> "Creation Timestamp", "apiVersion" -> "API Version". */
export function smartLabelFor(field: string): string {
  if ([...field].some((c) => !/\p{L}/u.test(c) && c !== '-')) return field;
  return splitCamelCase(field)
    .filter((part) => part !== '_')
    .map((part) => {
      if (COMMON_ACRONYMS.includes(part.toUpperCase())) return part.toUpperCase();
      return part.replace(/^\p{L}/u, (c) => c.toUpperCase());
    })
    .join(' ');
}

/** printUnstructuredContent: fields sorted, maps and lists nested one level deeper. */
export function printUnstructuredContent(
  w: PrefixWriter,
  level: number,
  content: Record<string, unknown>,
  skipPrefix: string,
  skip: string[],
): void {
  for (const field of sortStrings(Object.keys(content))) {
    const value = content[field];
    const path = `${skipPrefix}.${field}`;
    if (skip.includes(path)) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value as Record<string, unknown>, path, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) {
          printUnstructuredContent(w, level + 1, child as Record<string, unknown>, path, skip);
        } else {
          w.write(level + 1, `${goValue(child)}\n`);
        }
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

export function describeGeneric(obj: KubeObject, ctx: GenericContext): string {
  const events = ctx.showEvents ? searchEvents(ctx, refOf(obj)) : null;
  return tabbedString((w) => {
    w.write(0, `Name:\t${str(obj.metadata.name)}\n`);
    w.write(0, `Namespace:\t${str(obj.metadata.namespace)}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    printUnstructuredContent(w, 0, obj as unknown as Record<string, unknown>, '', SKIPPED);
    if (events) describeEvents(events, w, ctx.now);
  });
}
