// kubectl get: objects by type and name, selectors, all namespaces, every output format,
// NotFound errors per missing name, "No resources found" on stderr, custom resources printed
// with their CRD's printer columns, --sort-by, and --watch / --watch-only (get-watch.ts).

import type { ResourceType } from '../../api/resources.ts';
import {
  type FieldRequirement,
  parseFieldSelector,
  parseLabelSelector,
  type Selector,
  SelectorError,
} from '../../api/selectors.ts';
import type { KubeObject } from '../../api/types.ts';
import { definitionOf } from '../../apiserver/crd.ts';
import { StatusError } from '../../apiserver/errors.ts';
import type { Cluster } from '../../cluster.ts';
import { printerColumnsFor } from '../../printers/custom-resources.ts';
import {
  buildTable,
  kindPrefix,
  noResourcesMessage,
  renderTables,
  type Table,
  type TableRow,
} from '../../printers/index.ts';
import { formatError, type Kubectl, KubectlError } from '../context.ts';
import { bool, list, type ParsedFlags, str } from '../flags.ts';
import { readManifests } from '../manifests.ts';
import { checkOutputFormat, type PrintOptions, printObjects } from '../print.ts';
import { parseResourceArgs } from '../resources.ts';
import { getRaw } from './get-raw.ts';
import { sortListItems, sortTableRows } from './get-sort.ts';
import { watchObjects } from './get-watch.ts';

export const GET_FLAGS = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'raw', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'show-labels', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'label-columns', short: 'L', type: 'strings' },
  { name: 'no-headers', type: 'bool' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'watch-only', type: 'bool' },
  { name: 'output-watch-events', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'show-kind', type: 'bool' },
  { name: 'sort-by', type: 'string' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'chunk-size', type: 'int' },
] as const;

interface Request {
  type: ResourceType;
  names: string[];
  namespace?: string;
}

/** One server answer: a list (sorted as a whole) or one named object. */
interface Answer {
  type: ResourceType;
  objects: KubeObject[];
  isList: boolean;
}

/** The table the API server returns for objects of a type: custom resources use their CRD's columns. */
export function serverTable(cluster: Cluster, type: ResourceType, objects: KubeObject[]): Table {
  const crd = definitionOf(cluster.store, type);
  return buildTable(type.kind, objects, {
    now: cluster.now(),
    customResourceColumns: crd ? printerColumnsFor(crd, type.version) : undefined,
  });
}

interface Selectors {
  labelSelector?: Selector;
  fieldSelector?: FieldRequirement[];
  /** The API server's 400 for a selector it cannot parse (kubectl sends selectors unparsed). */
  invalid?: string;
}

function selectors(flags: ParsedFlags): Selectors {
  const l = str(flags, 'selector');
  const f = str(flags, 'field-selector');
  try {
    return {
      labelSelector: l !== undefined ? parseLabelSelector(l) : undefined,
      fieldSelector: f !== undefined ? parseFieldSelector(f) : undefined,
    };
  } catch (e) {
    if (e instanceof SelectorError) return { invalid: e.message };
    throw e;
  }
}

/** cli-runtime resource/selector.go: the list's 400 with the selectors named. */
function selectorFailure(type: ResourceType, flags: ParsedFlags, message: string): string {
  const resource = `${type.group}/${type.version}, Resource=${type.resource}`;
  const l = str(flags, 'selector') ?? '';
  const f = str(flags, 'field-selector') ?? '';
  return `Error from server (BadRequest): Unable to find ${JSON.stringify(resource)} that match label selector ${JSON.stringify(l)}, field selector ${JSON.stringify(f)}: ${message}`;
}

export function get(k: Kubectl, flags: ParsedFlags): number {
  const raw = str(flags, 'raw');
  if (raw !== undefined) return getRaw(k, raw);
  const output = str(flags, 'output');
  checkOutputFormat(output);
  const watching = bool(flags, 'watch') || bool(flags, 'watch-only');
  if (bool(flags, 'output-watch-events') && !watching)
    throw new KubectlError(
      'error: --output-watch-events option can only be used with --watch or --watch-only',
    );
  const sortBy = str(flags, 'sort-by');
  if (sortBy && watching) {
    const which = bool(flags, 'watch')
      ? '--watch requested, --sort-by will be ignored for watch events received'
      : '--watch-only requested, --sort-by will be ignored';
    k.err(`warning: ${which}\n`);
  }
  const cluster = k.cluster();
  const files = list(flags, 'filename');
  const all = bool(flags, 'all-namespaces');
  const { labelSelector, fieldSelector, invalid: invalidSelector } = selectors(flags);
  let requests: Request[] = parseResourceArgs(cluster.registry, flags.args);
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
  if (watching && requests.length > 1)
    throw new KubectlError('error: you may only specify a single resource type');
  const named = requests.some((r) => r.names.length > 0);
  const answers: Answer[] = [];
  const errors: string[] = [];
  for (const req of requests) {
    const ns = req.namespace ?? k.namespace;
    if (req.names.length > 0) {
      for (const name of req.names) {
        try {
          answers.push({
            type: req.type,
            objects: [cluster.store.get(req.type, req.type.namespaced ? ns : '', name)],
            isList: false,
          });
        } catch (e) {
          if (e instanceof StatusError && e.reason === 'NotFound' && bool(flags, 'ignore-not-found'))
            continue;
          if (watching) throw e;
          errors.push(formatError(e));
        }
      }
    } else if (invalidSelector !== undefined) {
      errors.push(selectorFailure(req.type, flags, invalidSelector));
    } else {
      const namespace = all || !req.type.namespaced ? undefined : ns;
      answers.push({
        type: req.type,
        objects: cluster.store.list(req.type, namespace, { labelSelector, fieldSelector }),
        isList: true,
      });
    }
  }

  const printOptions: PrintOptions = {
    output,
    wide: output === 'wide',
    allNamespaces: all,
    showLabels: bool(flags, 'show-labels'),
    labelColumns: list(flags, 'label-columns'),
    noHeaders: bool(flags, 'no-headers'),
    now: cluster.now(),
    showManagedFields: bool(flags, 'show-managed-fields'),
  };

  if (watching && errors.length > 0) {
    for (const e of errors) k.err(`${e}\n`);
    return 1;
  }
  if (watching) return watch(k, cluster, flags, requests[0], answers, printOptions);

  const total = answers.reduce((n, a) => n + a.objects.length, 0);
  const single = named && total === 1 && requests.length === 1 && requests[0].names.length === 1;
  const humanReadable = !output || output === 'wide';
  // get.go printGeneric: when one named object was implied and fetching it failed, only the
  // error is printed (no empty List); nothing at all when --ignore-not-found left nothing
  const singleImplied = named && requests.length === 1 && requests[0].names.length === 1;
  const ignoredAll = total === 0 && bool(flags, 'ignore-not-found');
  if (humanReadable || ((!singleImplied || errors.length === 0) && !ignoredAll))
    k.out(
      humanReadable
        ? printTables(cluster, answers, printOptions, sortBy, bool(flags, 'show-kind'))
        : printGeneric(answers, printOptions, sortBy, single),
    );
  if (total === 0 && !named && errors.length === 0 && humanReadable) {
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

/**
 * The human-readable path of get.go Run: one server table per answer, each sorted on its own
 * (RuntimeSorter), answers of one type laid out together, a blank line between types.
 */
function printTables(
  cluster: Cluster,
  answers: Answer[],
  options: PrintOptions,
  sortBy: string | undefined,
  showKind: boolean,
): string {
  const groups: Array<{ type: ResourceType; columns: Table['columns']; rows: TableRow[] }> = [];
  for (const answer of answers) {
    const table = serverTable(cluster, answer.type, answer.objects);
    const rows = sortBy ? sortTableRows(table.rows, (r) => r.object, sortBy) : table.rows;
    const last = groups[groups.length - 1];
    if (last && last.type === answer.type) last.rows.push(...rows);
    else groups.push({ type: answer.type, columns: table.columns, rows: [...rows] });
  }
  const several = groups.length > 1 || showKind;
  return renderTables(
    groups
      .filter((g) => g.rows.length > 0)
      .map((g) => ({
        table: { columns: g.columns, rows: g.rows },
        options: {
          wide: options.wide,
          withNamespace: options.allNamespaces && g.type.namespaced,
          showLabels: options.showLabels,
          columnLabels: options.labelColumns,
          noHeaders: options.noHeaders,
          kindPrefix: several ? kindPrefix(g.type.kind, g.type.group) : undefined,
        },
      })),
  );
}

/** printGeneric: every object in one List, sorted as a whole by --sort-by, then printed. */
function printGeneric(
  answers: Answer[],
  options: PrintOptions,
  sortBy: string | undefined,
  single: boolean,
): string {
  let items = answers.flatMap((a) => a.objects.map((object) => ({ type: a.type, object })));
  if (sortBy && !single) {
    const order = sortListItems(
      items.map((i) => i.object),
      sortBy,
    );
    items = order.map((o) => items.find((i) => i.object === o) ?? { type: answers[0].type, object: o });
  }
  const groups: Array<{ type: ResourceType; objects: KubeObject[] }> = [];
  for (const { type, object } of items) {
    const last = groups[groups.length - 1];
    if (last && last.type === type) last.objects.push(object);
    else groups.push({ type, objects: [object] });
  }
  return printObjects(groups, options, single);
}

function watch(
  k: Kubectl,
  cluster: Cluster,
  flags: ParsedFlags,
  req: Request,
  answers: Answer[],
  options: PrintOptions,
): number {
  const { labelSelector, fieldSelector } = selectors(flags);
  const all = bool(flags, 'all-namespaces');
  const namespace = all || !req.type.namespaced ? undefined : (req.namespace ?? k.namespace);
  const initial = answers.flatMap((a) => a.objects);
  const sortBy = str(flags, 'sort-by');
  const isList = answers.length === 1 && answers[0].isList;
  return watchObjects(
    k,
    cluster,
    { type: req.type, name: isList ? undefined : req.names[0], namespace, labelSelector, fieldSelector },
    initial,
    {
      output: options.output,
      watchOnly: bool(flags, 'watch-only'),
      outputWatchEvents: bool(flags, 'output-watch-events'),
      noHeaders: options.noHeaders,
      showLabels: options.showLabels,
      showKind: bool(flags, 'show-kind'),
      labelColumns: options.labelColumns,
      requestTimeout: str(flags, 'request-timeout'),
      table: (objects) => {
        const table = serverTable(cluster, req.type, objects);
        // only the first print (the current list) goes through the sorting printer
        if (sortBy && objects === initial && table.rows.length > 1)
          table.rows = sortTableRows(table.rows, (r) => r.object, sortBy);
        return table;
      },
    },
  );
}
