// `kubectl -o name`: kind.group/name lines (cli-runtime pkg/printers/name.go).
import type { KubeObject } from '../../api/types.ts';

/**
 * name.go printObj: the kind lower-cased, qualified by its API group unless it is the core
 * group (pod/web, deployment.apps/web), "<unknown>" for a missing name, and an optional
 * operation appended after a space (deployment.apps/web created).
 */
export function formatName(kind: string, group: string, name: string, operation = ''): string {
  if (kind === '') throw new Error(`missing kind for resource with name ${name || '<unknown>'}`);
  const suffix = operation ? ` ${operation}` : '';
  const qualified = group ? `${kind.toLowerCase()}.${group}` : kind.toLowerCase();
  return `${qualified}/${name || '<unknown>'}${suffix}`;
}

/** The API group of an apiVersion: "apps" for apps/v1, "" for the core v1. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** NamePrinter.PrintObj over objects (a List's items are printed one by one): one line each. */
export function toNames(objects: readonly KubeObject[], operation = ''): string {
  return objects
    .map((o) => {
      if (!o.apiVersion && !o.kind) {
        throw new Error(
          'missing apiVersion or kind; try GetObjectKind().SetGroupVersionKind() if you know the type',
        );
      }
      return `${formatName(o.kind, groupOf(o.apiVersion), o.metadata?.name ?? '', operation)}\n`;
    })
    .join('');
}
