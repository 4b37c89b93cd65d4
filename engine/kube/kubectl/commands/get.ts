// kubectl get: objects by type and name, selectors, all namespaces, every output format,
// NotFound errors per missing name, and "No resources found" on stderr.

import {
  type FieldRequirement,
  parseFieldSelector,
  parseLabelSelector,
  type Selector,
  SelectorError,
} from '../../api/selectors.ts';
import type { KubeObject } from '../../api/types.ts';
import { StatusError } from '../../apiserver/errors.ts';
import { noResourcesMessage } from '../../printers/index.ts';
import { formatError, type Kubectl, KubectlError } from '../context.ts';
import { bool, list, type ParsedFlags, str } from '../flags.ts';
import { readManifests } from '../manifests.ts';
import { checkOutputFormat, printObjects } from '../print.ts';
import { parseResourceArgs } from '../resources.ts';

export const GET_FLAGS = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'show-labels', type: 'bool' },
  { name: 'label-columns', short: 'L', type: 'strings' },
  { name: 'no-headers', type: 'bool' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'show-kind', type: 'bool' },
  { name: 'sort-by', type: 'string' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'chunk-size', type: 'int' },
] as const;

export function get(k: Kubectl, flags: ParsedFlags): number {
  const output = str(flags, 'output');
  checkOutputFormat(output);
  const cluster = k.cluster();
  const files = list(flags, 'filename');
  const all = bool(flags, 'all-namespaces');
  let labelSelector: Selector | undefined;
  let fieldSelector: FieldRequirement[] | undefined;
  try {
    const l = str(flags, 'selector');
    labelSelector = l !== undefined ? parseLabelSelector(l) : undefined;
    const f = str(flags, 'field-selector');
    fieldSelector = f !== undefined ? parseFieldSelector(f) : undefined;
  } catch (e) {
    if (e instanceof SelectorError) throw new KubectlError(`error: ${e.message}`);
    throw e;
  }
  let requests = parseResourceArgs(cluster.registry, flags.args);
  if (files.length > 0) {
    requests = readManifests(k, files).map((m) => {
      const type = cluster.store.typeOf(m.object);
      return { type, names: [m.object.metadata.name ?? ''], namespace: m.object.metadata.namespace };
    });
  }
  if (requests.length === 0) {
    throw new KubectlError(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples',
    );
  }
  const named = requests.some((r) => r.names.length > 0);
  const groups: Array<{ type: (typeof requests)[number]['type']; objects: KubeObject[] }> = [];
  const errors: string[] = [];
  for (const req of requests) {
    const ns = (req as { namespace?: string }).namespace ?? k.namespace;
    const objects: KubeObject[] = [];
    if (req.names.length > 0) {
      for (const name of req.names) {
        try {
          objects.push(cluster.store.get(req.type, req.type.namespaced ? ns : '', name));
        } catch (e) {
          if (e instanceof StatusError && e.reason === 'NotFound' && bool(flags, 'ignore-not-found'))
            continue;
          errors.push(formatError(e));
        }
      }
    } else {
      objects.push(
        ...cluster.store.list(req.type, all || !req.type.namespaced ? undefined : ns, {
          labelSelector,
          fieldSelector,
        }),
      );
    }
    const last = groups[groups.length - 1];
    if (last && last.type === req.type) last.objects.push(...objects);
    else groups.push({ type: req.type, objects });
  }
  const total = groups.reduce((n, g) => n + g.objects.length, 0);
  const printed = printObjects(
    groups,
    {
      output,
      wide: output === 'wide',
      allNamespaces: all,
      showLabels: bool(flags, 'show-labels'),
      labelColumns: list(flags, 'label-columns'),
      noHeaders: bool(flags, 'no-headers'),
      now: cluster.now(),
    },
    named && total === 1 && requests.length === 1 && requests[0].names.length === 1,
  );
  k.out(printed);
  if (total === 0 && !named && errors.length === 0 && (!output || output === 'wide')) {
    k.err(
      noResourcesMessage(
        all ? undefined : k.namespace,
        all,
        requests.every((r) => r.type.namespaced),
      ),
    );
  }
  for (const e of errors) k.err(`${e}\n`);
  return errors.length > 0 ? 1 : 0;
}
