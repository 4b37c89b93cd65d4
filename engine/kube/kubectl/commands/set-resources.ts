// kubectl set resources (pkg/cmd/set/set_resources.go) and set serviceaccount
// (set_serviceaccount.go): --limits/--requests parsed as generateversioned.HandleResourceRequirementsV1
// does, and a pod template's serviceAccountName.
import { canonicalQuantity, parseQuantityOrError } from '../../api/quantity.ts';
import { type Kubectl, KubectlError } from '../context.ts';
import { bool, type ParsedFlags, str } from '../flags.ts';
import { dryRun } from './create.ts';
import { checkPrinterOutput, podSpecOf, resolveTargets, runSet, selectContainers } from './set.ts';

/** populateResourceListV1: `name=quantity,...` with each quantity in its canonical form. */
function resourceList(spec: string): Record<string, string> | undefined {
  if (spec === '') return undefined;
  const out: Record<string, string> = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2)
      throw new KubectlError(`error: Invalid argument syntax ${statement}, expected <resource>=<value>`);
    const quantity = parseQuantityOrError(parts[1]);
    if (typeof quantity === 'string') throw new KubectlError(`error: ${quantity}`);
    out[parts[0]] = canonicalQuantity(parts[1]);
  }
  return out;
}

function rejectLocalServerDryRun(flags: ParsedFlags): void {
  if (bool(flags, 'local') && dryRun(flags) === 'server')
    throw new KubectlError(
      'error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?',
    );
}

export function setResources(k: Kubectl, flags: ParsedFlags): number {
  dryRun(flags);
  checkPrinterOutput(flags);
  const targets = resolveTargets(k, flags, flags.args);
  rejectLocalServerDryRun(flags);
  const limitsText = str(flags, 'limits') ?? '';
  const requestsText = str(flags, 'requests') ?? '';
  if (limitsText === '' && requestsText === '')
    throw new KubectlError(
      'error: you must specify an update to requests or limits (in the form of --requests/--limits)',
    );
  const limits = resourceList(limitsText);
  const requests = resourceList(requestsText);
  const selector = str(flags, 'containers') ?? '*';
  const missing: string[] = [];
  return runSet(k, flags, targets, {
    operation: 'resource requirements updated',
    patchError: 'failed to patch resources update to pod template ',
    extraErrors: missing,
    mutate(target) {
      const containers = selectContainers(podSpecOf(target.object), selector);
      if (containers.length === 0) {
        missing.push(`error: unable to find container named ${selector}`);
        return { skip: true };
      }
      for (const c of containers) {
        const resources = (c.resources ?? {}) as Record<string, Record<string, string>>;
        if (limits) resources.limits = { ...(resources.limits ?? {}), ...limits };
        if (requests) resources.requests = { ...(resources.requests ?? {}), ...requests };
        c.resources = resources;
      }
      return {};
    },
  });
}

export function setServiceAccount(k: Kubectl, flags: ParsedFlags): number {
  dryRun(flags);
  rejectLocalServerDryRun(flags);
  checkPrinterOutput(flags);
  if (flags.args.length === 0) throw new KubectlError('error: serviceaccount is required');
  const name = flags.args[flags.args.length - 1];
  const targets = resolveTargets(k, flags, flags.args.slice(0, -1));
  return runSet(k, flags, targets, {
    operation: 'serviceaccount updated',
    patchError: 'failed to patch ServiceAccountName ',
    // set_serviceaccount.go sends even an empty patch and prints the result
    patchUnchanged: true,
    mutate(target) {
      podSpecOf(target.object).serviceAccountName = name;
      return {};
    },
  });
}
