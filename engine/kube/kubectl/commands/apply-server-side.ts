// kubectl apply --server-side (kubectl v0.32.4 pkg/cmd/apply/apply.go): each object is sent as
// an apply patch under --field-manager (default "kubectl"), printed `<kind>/<name>
// serverside-applied`; a conflict is shown with apply.go's advice about --force-conflicts.
import { StatusError } from '../../apiserver/errors.ts';
import { serverSideApply } from '../../apiserver/server-side-apply.ts';
import { formatError, type Kubectl, KubectlError } from '../context.ts';
import { bool, list, type ParsedFlags, str } from '../flags.ts';
import { readManifests } from '../manifests.ts';
import { nameOf } from '../print.ts';

/** apply.go's text after an apply conflict. */
const CONFLICT_ADVICE = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

/** ApplyOptions.Validate's refusals for flags that do not go with --server-side. */
function validate(flags: ParsedFlags): void {
  if (str(flags, 'dry-run') === 'client')
    throw new KubectlError(
      "error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)",
    );
  if (bool(flags, 'force')) throw new KubectlError('error: --force cannot be used with --server-side');
}

export function applyServerSide(
  k: Kubectl,
  flags: ParsedFlags,
  namespaced: (
    k: Kubectl,
    m: ReturnType<typeof readManifests>[number],
  ) => ReturnType<typeof readManifests>[number]['object'],
  mapping: (k: Kubectl, m: ReturnType<typeof readManifests>[number]) => void,
  suffix: string,
): number {
  validate(flags);
  const manifests = readManifests(k, list(flags, 'filename'));
  const cluster = k.cluster();
  // GetServerSideFieldManager: "kubectl" unless --field-manager is given
  const fieldManager = str(flags, 'field-manager') ?? 'kubectl';
  const dryRun = suffix !== '';
  let status = 0;
  for (const m of manifests) {
    try {
      mapping(k, m);
      const obj = namespaced(k, m);
      if (!obj.metadata.name && obj.metadata.generateName)
        throw new KubectlError(
          `error: from ${obj.metadata.generateName}: cannot use generate name with apply`,
        );
      const type = cluster.store.typeOf(obj);
      const { object } = serverSideApply(cluster.store, obj, {
        fieldManager,
        force: bool(flags, 'force-conflicts'),
        dryRun,
        now: cluster.now(),
      });
      k.out(`${nameOf(type, object)} serverside-applied${suffix}\n`);
    } catch (e) {
      status = 1;
      if (e instanceof StatusError && e.code === 409 && e.reason === 'Conflict' && e.details.causes)
        k.err(`error: ${e.message}\n${CONFLICT_ADVICE}\n`);
      else k.err(`${formatError(e)}\n`);
    }
  }
  if (!dryRun) cluster.runtime.settle();
  return status;
}
