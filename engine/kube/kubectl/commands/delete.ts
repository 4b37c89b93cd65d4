// kubectl delete: by name, selector or --all, or the objects of manifests, with delete.go's
// grace-period rules and its `kind.group "name" deleted` lines.
import type { ResourceType } from '../../api/resources.ts';
import { parseFieldSelector, parseLabelSelector } from '../../api/selectors.ts';
import type { KubeObject } from '../../api/types.ts';
import { StatusError } from '../../apiserver/errors.ts';
import type { ListOptions } from '../../apiserver/store.ts';
import { formatError, type Kubectl, KubectlError } from '../context.ts';
import { bool, list, type ParsedFlags, str } from '../flags.ts';
import { readManifests } from '../manifests.ts';
import { parseResourceArgs } from '../resources.ts';
import { mapping, namespaced } from './apply.ts';
import { dryRun } from './create.ts';

/**
 * The grace period kubectl delete sends (delete.go Complete/Validate): --now is 1 second,
 * --grace-period=0 becomes 1 unless --force, --force alone is 0 with a warning.
 */
export function deletionGracePeriod(k: Kubectl, flags: ParsedFlags): number | undefined {
  const text = str(flags, 'grace-period');
  let grace = text !== undefined ? Number(text) : -1;
  const force = bool(flags, 'force');
  if (bool(flags, 'now')) {
    if (grace !== -1) throw new KubectlError('error: --now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  if (grace === 0 && force)
    k.err(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
  else if (grace > 0 && force)
    throw new KubectlError('error: --force and --grace-period greater than 0 cannot be specified together');
  return grace >= 0 ? grace : undefined;
}

/** DeleteOptions.PrintObj: `deployment.apps "web" deleted`, or kind.group/name with -o name. */
export function deletionLine(
  type: ResourceType,
  obj: KubeObject,
  flags: ParsedFlags,
  grace?: number,
): string {
  const kind = type.kind.toLowerCase();
  const kindString = type.group ? `${kind}.${type.group}` : kind;
  const name = obj.metadata.name ?? '';
  if (str(flags, 'output') === 'name') return `${kindString}/${name}\n`;
  let operation = grace === 0 ? 'force deleted' : 'deleted';
  const dry = str(flags, 'dry-run');
  if (dry === 'client' || dry === 'true') operation += ' (dry run)';
  else if (dry === 'server') operation += ' (server dry run)';
  return `${kindString} "${name}" ${operation}\n`;
}

export function remove(k: Kubectl, flags: ParsedFlags): number {
  if (list(flags, 'filename').length > 0) return deleteFromFiles(k, flags);
  const cluster = k.cluster();
  const requests = parseResourceArgs(cluster.registry, flags.args);
  if (requests.length === 0)
    throw new KubectlError(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  let status = 0;
  const grace = deletionGracePeriod(k, flags);
  const cascade = str(flags, 'cascade') ?? 'background';
  const propagationPolicy =
    cascade === 'orphan' ? 'Orphan' : cascade === 'foreground' ? 'Foreground' : 'Background';
  const mode = dryRun(flags);
  const listOptions = selection(flags);
  let found = 0;
  for (const req of requests) {
    const ns = req.type.namespaced ? k.namespace : '';
    let names = req.names;
    if (names.length === 0) {
      if (!bool(flags, 'all') && !listOptions)
        throw new KubectlError('error: resource(s) were provided, but no name was specified');
      // the builder lists with the selectors (LabelSelectorParam, FieldSelectorParam)
      names = cluster.store.list(req.type, ns || undefined, listOptions).map((o) => o.metadata.name ?? '');
    }
    for (const name of names) {
      try {
        // a client dry run prints the object as read, a server one sends dryRun=All
        const obj =
          mode === 'client'
            ? cluster.store.get(req.type, ns, name)
            : cluster.store.delete(req.type, ns, name, {
                gracePeriodSeconds: grace,
                propagationPolicy,
                dryRun: mode === 'server',
              });
        found++;
        k.out(deletionLine(req.type, obj, flags, grace));
      } catch (e) {
        if (e instanceof StatusError && e.reason === 'NotFound' && bool(flags, 'ignore-not-found')) continue;
        status = 1;
        k.err(`${formatError(e)}\n`);
      }
    }
  }
  // delete.go RunDelete: one "No resources found" when nothing was visited
  if (found === 0 && status === 0) k.out('No resources found\n');
  if (!mode && (bool(flags, 'wait') || str(flags, 'wait') === undefined)) cluster.runtime.settle();
  return status;
}

/** The list options of -l and --field-selector, or undefined when neither was given. */
function selection(flags: ParsedFlags): ListOptions | undefined {
  const labels = str(flags, 'selector');
  const fields = str(flags, 'field-selector');
  if (labels === undefined && fields === undefined) return undefined;
  return {
    labelSelector: labels !== undefined ? parseLabelSelector(labels) : undefined,
    fieldSelector: fields !== undefined ? parseFieldSelector(fields) : undefined,
  };
}

export function deleteFromFiles(k: Kubectl, flags: ParsedFlags): number {
  const manifests = readManifests(k, list(flags, 'filename'), 'delete');
  const cluster = k.cluster();
  const grace = deletionGracePeriod(k, flags);
  let status = 0;
  for (const m of manifests) {
    try {
      mapping(k, m);
      const obj = namespaced(k, m);
      const type = cluster.store.typeOf(obj);
      cluster.store.delete(type, obj.metadata.namespace ?? '', obj.metadata.name ?? '', {
        gracePeriodSeconds: grace,
      });
      k.out(deletionLine(type, obj, flags, grace));
    } catch (e) {
      if (e instanceof StatusError && e.reason === 'NotFound' && bool(flags, 'ignore-not-found')) continue;
      status = 1;
      k.err(`${formatError(e)}\n`);
    }
  }
  cluster.runtime.settle();
  return status;
}

/** cmdutil.AddSourceToErr: API errors other than Invalid name the file and the action. */
