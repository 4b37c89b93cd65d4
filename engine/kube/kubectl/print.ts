// Printing objects in the format -o asks for: the human table (default and wide), yaml, json,
// name, jsonpath and custom-columns, for one kind or several, as kubectl get prints them.
import type { ResourceType } from '../api/resources.ts';
import type { KubeObject } from '../api/types.ts';
import { buildTable, kindPrefix, renderTables } from '../printers/index.ts';
import { KubectlError } from './context.ts';
import { goTemplate } from './output/go-template/index.ts';
import { jsonpath, parseCustomColumnsSpec, printCustomColumns, toJson, toYaml } from './output/index.ts';

export interface PrintOptions {
  output?: string;
  wide: boolean;
  allNamespaces: boolean;
  showLabels: boolean;
  labelColumns: string[];
  noHeaders: boolean;
  now: number;
  /** --show-managed-fields: keep metadata.managedFields in -o yaml/json. */
  showManagedFields?: boolean;
  /** typed objects (kubectl create): JSON keeps struct order in go-template's error dump */
  typed?: boolean;
}

/**
 * cli-runtime printers.OmitManagedFieldsPrinter, which kubectl puts before the JSON and YAML
 * printers unless --show-managed-fields: the objects without metadata.managedFields.
 */
export function withoutManagedFields(objects: KubeObject[]): KubeObject[] {
  return objects.map((o) => {
    if (!o.metadata || o.metadata.managedFields === undefined) return o;
    const { managedFields: _, ...metadata } = o.metadata;
    return { ...o, metadata };
  });
}

/**
 * The printer options of a command that prints the objects it changed or made (-o json, yaml,
 * jsonpath, ...): no table columns, no labels, no ages.
 */
export function objectPrintOptions(
  output: string | undefined,
  extra: Partial<PrintOptions> = {},
): PrintOptions {
  return {
    output,
    wide: false,
    allNamespaces: false,
    showLabels: false,
    labelColumns: [],
    noHeaders: false,
    now: 0,
    ...extra,
  };
}

export function outputKind(output: string | undefined): string {
  if (!output) return 'table';
  const eq = output.indexOf('=');
  return eq >= 0 ? output.slice(0, eq) : output;
}

const FORMATS = [
  'json',
  'yaml',
  'name',
  'go-template',
  'go-template-file',
  'template',
  'templatefile',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'custom-columns',
  'custom-columns-file',
  'wide',
];

export function checkOutputFormat(output: string | undefined): void {
  if (output === undefined) return;
  const kind = outputKind(output);
  if (!FORMATS.includes(kind)) {
    throw new KubectlError(
      `error: unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`,
    );
  }
}

export function nameOf(type: ResourceType, obj: KubeObject): string {
  const kind = type.group ? `${type.kind.toLowerCase()}.${type.group}` : type.kind.toLowerCase();
  return `${kind}/${obj.metadata.name}`;
}

function asList(objects: KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
}

/**
 * Prints groups of objects (one per resource type). `single` is true when one named object
 * was asked for, which -o yaml/json print bare instead of as a List.
 */
export function printObjects(
  groups: Array<{ type: ResourceType; objects: KubeObject[] }>,
  options: PrintOptions,
  single: boolean,
): string {
  const kind = options.output === 'wide' ? 'table' : outputKind(options.output);
  const objects = groups.flatMap((g) => g.objects);
  const all =
    (kind === 'yaml' || kind === 'json') && !options.showManagedFields
      ? withoutManagedFields(objects)
      : objects;
  const arg = options.output?.includes('=') ? options.output.slice(options.output.indexOf('=') + 1) : '';
  switch (kind) {
    case 'yaml':
      return single && all.length === 1 ? toYaml(all[0]) : toYaml(asList(all));
    case 'json':
      return toJson(single && all.length === 1 ? all[0] : asList(all), { sortKeys: true });
    case 'name':
      return groups.flatMap((g) => g.objects.map((o) => `${nameOf(g.type, o)}\n`)).join('');
    case 'jsonpath':
    case 'jsonpath-as-json': {
      const data = single && all.length === 1 ? all[0] : asList(all);
      return jsonpath(arg, data, { asJson: kind === 'jsonpath-as-json' });
    }
    case 'go-template':
    case 'go-template-file':
    case 'template':
    case 'templatefile': {
      // cli-runtime GoTemplatePrinter; the *-file formats were read into go-template= already
      const data = single && all.length === 1 ? all[0] : asList(all);
      return goTemplate(arg, data, { sortKeys: !options.typed });
    }
    case 'custom-columns':
      return printCustomColumns(parseCustomColumnsSpec(arg), all, { noHeaders: options.noHeaders });
    case 'table': {
      const several = groups.length > 1;
      return renderTables(
        groups
          .filter((g) => g.objects.length > 0)
          .map((g) => ({
            table: buildTable(g.type.kind, g.objects, { now: options.now }),
            options: {
              wide: options.output === 'wide',
              withNamespace: options.allNamespaces && g.type.namespaced,
              showLabels: options.showLabels,
              columnLabels: options.labelColumns,
              noHeaders: options.noHeaders,
              kindPrefix: several ? kindPrefix(g.type.kind, g.type.group) : undefined,
            },
          })),
      );
    }
  }
  throw new KubectlError(`error: output format "${options.output}" is not supported`);
}
