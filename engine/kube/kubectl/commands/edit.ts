// kubectl edit (normal edit mode): the objects in an editor, then the differences sent back as a
// patch (k8s.io/kubectl v0.32.4 pkg/cmd/edit/edit.go, pkg/cmd/util/editor/editoptions.go).
import { parseAllDocuments } from 'yaml';
import { BUILTIN_RESOURCES, type ResourceType } from '../../api/resources.ts';
import type { KubeObject } from '../../api/types.ts';
import { StatusError } from '../../apiserver/errors.ts';
import { type Kubectl, KubectlError } from '../context.ts';
import { bool, list, type ParsedFlags, str } from '../flags.ts';
import { readManifests } from '../manifests.ts';
import { toJson, toYaml } from '../output/index.ts';
import { marshalCompact } from '../output/json.ts';
import { mergePatch } from '../patch/json-patch.ts';
import { strategicMerge } from '../patch/strategic-merge.ts';
import { nameOf, objectPrintOptions, printObjects } from '../print.ts';
import { parseResourceArgs } from '../resources.ts';
import { fieldValidationRequest, printWarnings, validationDirective } from '../validate.ts';
import { LAST_APPLIED } from './apply.ts';
import {
  crlf,
  type EditReason,
  editHeader,
  hasLines,
  launchTempFile,
  manualStrip,
  stripComments,
  validateEdited,
  yamlToJson,
} from './edit-editor.ts';
import { mergePatchBetween, sameJson, twoWayMergePatch } from './edit-patch.ts';
import { type CommandTable, flag } from './types.ts';

interface Info {
  type: ResourceType;
  object: KubeObject;
}

/** What one pass of patching left to report (editoptions.go editResults). */
interface Results {
  reasons: EditReason[];
  retryable: number;
  notfound: number;
  edited: number;
}

const RESOURCE_HINT =
  "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/** The builder's objects, always fetched from the server (Latest). */
function originals(k: Kubectl, flags: ParsedFlags): Info[] {
  const cluster = k.cluster();
  const files = list(flags, 'filename');
  if (files.length === 0 && flags.args.length === 0) throw new KubectlError(RESOURCE_HINT);
  if (files.length > 0 && flags.args.length > 0)
    throw new KubectlError('error: resource/name arguments cannot be provided when a path is specified');
  const named: Array<{ type: ResourceType; namespace: string; name: string }> = [];
  for (const m of files.length > 0 ? readManifests(k, files, 'edit') : []) {
    const type = cluster.store.typeOf(m.object);
    const namespace = type.namespaced ? (m.object.metadata.namespace ?? k.namespace) : '';
    named.push({ type, namespace, name: m.object.metadata.name ?? '' });
  }
  const infos: Info[] = [];
  for (const req of files.length > 0 ? [] : parseResourceArgs(cluster.registry, flags.args)) {
    const namespace = req.type.namespaced ? k.namespace : '';
    if (req.names.length === 0)
      for (const object of cluster.store.list(req.type, namespace || undefined))
        named.push({ type: req.type, namespace, name: object.metadata.name ?? '' });
    for (const name of req.names) named.push({ type: req.type, namespace, name });
  }
  for (const n of named) infos.push({ type: n.type, object: cluster.store.get(n.type, n.namespace, n.name) });
  return infos;
}

/** The object the editor shows: one object, or a v1 List of several (editoptions.go editFn). */
function editedView(infos: Info[]): KubeObject {
  const bare = infos.map((i) => {
    const copy = structuredClone(i.object);
    delete copy.metadata.managedFields;
    return copy;
  });
  if (bare.length === 1) return bare[0];
  return { apiVersion: 'v1', kind: 'List', metadata: {}, items: bare } as unknown as KubeObject;
}

/** The updated result getter: every object of the edited text, or the reason it cannot be read. */
function parseEdited(k: Kubectl, text: string): Info[] | string {
  const registry = k.cluster().registry;
  const infos: Info[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) {
      const converted = yamlToJson(text);
      const why = 'error' in converted ? converted.error : doc.errors[0].message.split('\n')[0];
      return `error parsing edited-file: error converting YAML to JSON: ${why}`;
    }
    const value = doc.toJS() as KubeObject | null;
    if (value === null || value === undefined) continue;
    const items =
      value.kind === 'List' && Array.isArray(value.items) ? (value.items as KubeObject[]) : [value];
    for (const object of items) {
      if (!object.kind) return `Object 'Kind' is missing in '${marshalCompact(object)}'`;
      const type = registry.forKind(object.apiVersion ?? '', object.kind);
      if (!type) {
        const where = `name: "${object.metadata?.name ?? ''}" namespace: "${object.metadata?.namespace ?? ''}"`;
        return `resource mapping not found for ${where} from "edited-file": no matches for kind "${object.kind}" in version "${object.apiVersion ?? ''}"\nensure CRDs are installed first`;
      }
      object.metadata ??= {};
      infos.push({ type, object });
    }
  }
  return infos;
}

function resourceString(type: ResourceType): string {
  return type.group ? `${type.resource}.${type.group}` : type.resource;
}

/** util.CreateApplyAnnotation: the object (managed fields and all) without the annotation, as JSON. */
function saveConfig(obj: KubeObject): void {
  const copy = structuredClone(obj);
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata.annotations = annotations;
  obj.metadata.annotations = { ...annotations, [LAST_APPLIED]: `${marshalCompact(copy)}\n` };
}

/** editResults.addError: the line printed on stderr, with the reason kept for the next pass. */
function addError(results: Results, error: unknown, info: Info): string {
  const what = `${resourceString(info.type)} "${info.object.metadata.name ?? ''}"`;
  if (error instanceof StatusError && error.reason === 'Invalid') {
    results.edited++;
    const causes = error.details.causes ?? [];
    results.reasons.push({
      head: `${what} was not valid`,
      other: causes.map((c) => `${c.field ?? ''}: ${c.message}`),
    });
    return `error: ${what} is invalid`;
  }
  if (error instanceof StatusError && error.reason === 'NotFound') {
    results.notfound++;
    return `error: ${what} could not be found on the server`;
  }
  results.retryable++;
  return `error: ${what} could not be patched: ${error instanceof Error ? error.message : String(error)}`;
}

/** fmt's %#v of a decoded object, for "no original object found for ...". */
function goSyntax(value: unknown): string {
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSyntax).join(', ')}}`;
  if (typeof value === 'object') {
    const map = value as Record<string, unknown>;
    const entries = Object.keys(map)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${goSyntax(map[key])}`);
    return `map[string]interface {}{${entries.join(', ')}}`;
  }
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function printResult(k: Kubectl, flags: ParsedFlags, info: Info, operation: string): void {
  const output = str(flags, 'output');
  if (output === 'json' || output === 'yaml') {
    const options = objectPrintOptions(output);
    k.out(printObjects([{ type: info.type, objects: [info.object] }], options, true));
    return;
  }
  k.out(`${nameOf(info.type, info.object)} ${operation}\n`);
}

/** visitToPatch for one edited object: the patch from its original, sent to the server. */
function patchOne(
  k: Kubectl,
  flags: ParsedFlags,
  originalsByUid: Map<string, Info>,
  info: Info,
  results: Results,
): void {
  const cluster = k.cluster();
  const original = originalsByUid.get(info.object.metadata.uid ?? '');
  if (!original)
    throw new Error(
      `no original object found for &unstructured.Unstructured{Object:${goSyntax(info.object)}}`,
    );
  const from = JSON.parse(marshalCompact(original.object)) as Record<string, unknown>;
  const to = JSON.parse(marshalCompact(info.object)) as Record<string, unknown>;
  if (sameJson(from, to)) {
    printResult(k, flags, info, 'skipped');
    return;
  }
  const strategic = BUILTIN_RESOURCES.some(
    (t) => t.group === info.type.group && t.resource === info.type.resource,
  );
  const patch = strategic ? twoWayMergePatch(original.object.kind, from, to) : mergePatchBetween(from, to);
  // the preconditions: apiVersion, kind, metadata.name and managedFields stay as they were
  const meta = patch.metadata as Record<string, unknown> | undefined;
  if ('apiVersion' in patch || 'kind' in patch || 'managedFields' in patch || (meta && 'name' in meta))
    throw new Error('At least one of apiVersion, kind and name was changed');
  if (bool(flags, 'output-patch')) k.out(`Patch: ${marshalCompact(patch)}\n`);
  const subresource = str(flags, 'subresource');
  const fieldValidation = fieldValidationRequest(flags, { patch: true });
  try {
    const live = cluster.store.get(
      info.type,
      original.object.metadata.namespace ?? '',
      original.object.metadata.name ?? '',
    );
    const patched = strategic ? strategicMerge(live.kind, live, patch) : mergePatch(live, patch);
    const updated = cluster.store.update(patched as KubeObject, {
      status: subresource === 'status',
      fieldValidation,
      manager: str(flags, 'field-manager') ?? 'kubectl-edit',
    });
    printWarnings(k, fieldValidation);
    cluster.runtime.settle();
    printResult(k, flags, { type: info.type, object: updated }, 'edited');
  } catch (e) {
    k.err(`${addError(results, e, info)}\n`);
  }
}

/** preservedFile: where the edits were kept, then the error. */
function preserved(k: Kubectl, path: string, error: unknown): never {
  if (path && k.ctx.proc.host.fs.exists(path)) k.err(`A copy of your changes has been stored to "${path}"\n`);
  if (error instanceof KubectlError || error instanceof StatusError) throw error;
  throw new KubectlError(`error: ${error instanceof Error ? error.message : String(error)}`);
}

function removeFile(k: Kubectl, path: string): void {
  try {
    k.ctx.proc.host.fs.unlink(path);
  } catch {
    // already gone
  }
}

function edit(k: Kubectl, flags: ParsedFlags): number {
  const output = str(flags, 'output');
  const json = output === 'json';
  const infos = originals(k, flags);
  validationDirective(flags);
  if (infos.length === 0) throw new KubectlError('error: edit cancelled, no objects found');
  const originalsByUid = new Map(infos.map((i) => [i.object.metadata.uid ?? '', i]));
  const managedFields = new Map(
    infos.map((i) => [i.object.metadata.uid ?? '', i.object.metadata.managedFields]),
  );
  const windows = bool(flags, 'windows-line-endings');
  const ext = json ? '.json' : '.yaml';
  let reasons: EditReason[] = [];
  let resultsFile = '';
  let containsError = false;
  let original = '';
  let edited = '';
  for (;;) {
    let content = json ? '' : editHeader(reasons);
    if (windows) content = crlf(content);
    if (!containsError) {
      if (output && output !== 'json' && output !== 'yaml')
        preserved(
          k,
          resultsFile,
          `unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`,
        );
      const view = editedView(infos);
      const printed = json ? toJson(view) : toYaml(view);
      content += windows ? crlf(printed) : printed;
      original = content;
    } else content += manualStrip(edited);
    const previous = edited;
    let path: string;
    try {
      ({ path, edited } = launchTempFile(k, ext, content));
    } catch (e) {
      return preserved(k, resultsFile, e);
    }
    if (containsError && stripComments(previous) === stripComments(edited))
      preserved(k, path, 'Edit cancelled, no valid changes were saved.');
    if (resultsFile) removeFile(k, resultsFile);
    const stripped = stripComments(edited);
    const invalid = validationDirective(flags) === 'Ignore' ? undefined : validateEdited(stripped);
    if (invalid !== undefined) {
      resultsFile = path;
      containsError = true;
      const results: Results = { reasons: [], retryable: 0, notfound: 0, edited: 0 };
      const error = new StatusError(422, 'Invalid', '', {
        causes: [
          {
            field: '<nil>',
            message: `Invalid value: "The edited file failed validation": ${invalid}`,
            reason: 'FieldValueInvalid',
          },
        ],
      });
      k.err(`${addError(results, error, infos[0])}\n`);
      reasons = results.reasons;
      continue;
    }
    if (stripComments(original) === stripped) {
      removeFile(k, path);
      k.err('Edit cancelled, no changes made.\n');
      return 0;
    }
    if (!hasLines(edited)) {
      removeFile(k, path);
      k.err('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    resultsFile = path;
    const updated = parseEdited(k, edited);
    if (typeof updated === 'string') {
      containsError = true;
      reasons = [{ head: `The edited file had a syntax error: ${updated}`, other: [] }];
      continue;
    }
    containsError = false;
    const results: Results = { reasons: [], retryable: 0, notfound: 0, edited: 0 };
    try {
      for (const info of updated) {
        const fields = managedFields.get(info.object.metadata.uid ?? '');
        if (fields) info.object.metadata.managedFields = fields;
        else delete info.object.metadata.managedFields;
      }
      // resource.RequireNamespace: the objects stay in the namespace kubectl runs in
      for (const info of updated) {
        if (!info.type.namespaced) continue;
        const ns = info.object.metadata.namespace;
        if (!ns) info.object.metadata.namespace = k.namespace;
        else if (ns !== k.namespace)
          throw new KubectlError(
            `error: the namespace from the provided object "${ns}" does not match the namespace "${k.namespace}". You must pass '--namespace=${ns}' to perform this operation.`,
          );
      }
      if (bool(flags, 'save-config')) for (const info of updated) saveConfig(info.object);
      for (const info of updated) patchOne(k, flags, originalsByUid, info, results);
    } catch (e) {
      return preserved(k, path, e);
    }
    if (results.retryable > 0) {
      k.err(`You can run \`kubectl replace -f ${path}\` to try this update again.\n`);
      return 1;
    }
    if (results.notfound > 0) {
      k.err(`The edits you made on deleted resources have been saved to "${path}"\n`);
      return 1;
    }
    if (results.edited === 0) {
      removeFile(k, path);
      return 0;
    }
    reasons = results.reasons;
    if (reasons.length > 0) containsError = true;
  }
}

const s = flag;

export const EDIT_COMMANDS: CommandTable = {
  edit: {
    flags: [
      s('output', 'string', 'o'),
      s('filename', 'strings', 'f'),
      s('recursive', 'bool', 'R'),
      s('validate'),
      s('output-patch', 'bool'),
      s('windows-line-endings', 'bool'),
      s('field-manager'),
      s('save-config', 'bool'),
      s('subresource'),
      s('show-managed-fields', 'bool'),
    ],
    run: edit,
  },
};
