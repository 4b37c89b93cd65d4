import type { KubeObject } from '../../api/types.ts';
import { formatError, type Kubectl, KubectlError } from '../context.ts';
import { bool, list, type ParsedFlags, str } from '../flags.ts';
import { nameOf } from '../print.ts';
import { parseResourceArgs } from '../resources.ts';
import { createBuilt } from './create.ts';
import { printResult } from './set.ts';

export { SCALE_FLAGS, scale } from './scale.ts';

function parseEnv(values: string[]): Array<{ name: string; value: string }> {
  return values.map((v) => {
    const eq = v.indexOf('=');
    return { name: v.slice(0, eq), value: v.slice(eq + 1) };
  });
}

export function run(k: Kubectl, flags: ParsedFlags): number {
  const [name] = flags.args;
  if (!name) throw new KubectlError('error: NAME is required for run');
  const image = str(flags, 'image');
  if (!image) throw new KubectlError('error: --image is required');
  const labels: Record<string, string> = {};
  const l = str(flags, 'labels');
  if (l) for (const pair of l.split(',')) labels[pair.split('=')[0]] = pair.split('=').slice(1).join('=');
  else labels.run = name;
  const container: Record<string, unknown> = { image, name };
  const rest = flags.rest ?? [];
  if (rest.length > 0) container[bool(flags, 'command') ? 'command' : 'args'] = rest;
  const env = parseEnv(list(flags, 'env'));
  if (env.length) container.env = env;
  const port = str(flags, 'port');
  if (port) container.ports = [{ containerPort: Number(port) }];
  container.resources = {};
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { creationTimestamp: null, labels, name },
    spec: {
      containers: [container],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: str(flags, 'restart') ?? 'Always',
    },
    status: {},
  };
  return createBuilt(k, flags, pod, { manager: 'kubectl-run' });
}

export function setImage(k: Kubectl, flags: ParsedFlags): number {
  const cluster = k.cluster();
  const [sub, target, ...pairs] = flags.args;
  if (sub !== 'image') throw new KubectlError(`error: unknown command "${sub}" for "kubectl set"`);
  const [req] = parseResourceArgs(cluster.registry, [target]);
  for (const name of req.names) {
    let changed = false;
    const obj = cluster.store.mutate(
      req.type,
      k.namespace,
      name,
      (o) => {
        const spec = o.kind === 'Pod' ? o.spec : o.spec?.template?.spec;
        for (const pair of pairs) {
          const [container, image] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
          const all = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
          const matched = all.filter((c: { name: string }) => container === '*' || c.name === container);
          if (matched.length === 0)
            throw new KubectlError(`error: unable to find container named "${container}"`);
          for (const c of matched) {
            if (c.image !== image) changed = true;
            c.image = image;
          }
        }
      },
      { manager: str(flags, 'field-manager') ?? 'kubectl-set' },
    );
    k.out(`${nameOf(req.type, obj)} ${changed ? 'image updated' : 'image updated'}\n`);
  }
  cluster.runtime.settle();
  return 0;
}

export function labelOrAnnotate(k: Kubectl, flags: ParsedFlags, field: 'labels' | 'annotations'): number {
  const cluster = k.cluster();
  const args = flags.args;
  const changes = args.filter((a) => a.includes('=') || a.endsWith('-'));
  const targets = args.filter((a) => !changes.includes(a));
  const overwrite = bool(flags, 'overwrite');
  // label.go Validate / annotate.go Complete: nothing to change is an error
  if (changes.length === 0 && !bool(flags, 'list'))
    throw new KubectlError(
      `error: at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`,
    );
  let status = 0;
  for (const req of parseResourceArgs(cluster.registry, targets)) {
    const ns = req.type.namespaced ? k.namespace : '';
    const names = req.names.length
      ? req.names
      : bool(flags, 'all')
        ? cluster.store.list(req.type, ns || undefined).map((o) => o.metadata.name ?? '')
        : [];
    for (const name of names) {
      try {
        let modified = false;
        let shorter = false;
        const obj = cluster.store.mutate(
          req.type,
          ns,
          name,
          (o) => {
            const old = JSON.stringify(o.metadata[field] ?? {});
            const map: Record<string, string> = { ...((o.metadata[field] as Record<string, string>) ?? {}) };
            for (const c of changes) {
              if (c.endsWith('-') && !c.includes('=')) {
                const key = c.slice(0, -1);
                if (key in map) modified = true;
                delete map[key];
                continue;
              }
              const [key, value] = [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)];
              if (key in map && map[key] !== value && !overwrite) {
                throw new KubectlError(
                  `error: '${key}' already has a value (${map[key]}), and --overwrite is false`,
                );
              }
              if (map[key] !== value) modified = true;
              map[key] = value;
            }
            shorter = JSON.stringify(map).length < old.length;
            if (Object.keys(map).length) o.metadata[field] = map;
            else delete o.metadata[field];
          },
          {
            manager:
              str(flags, 'field-manager') ?? (field === 'labels' ? 'kubectl-label' : 'kubectl-annotate'),
          },
        );
        // label.go updateDataChangeMsg (a smaller object without --overwrite is "unlabeled");
        // annotate always prints "annotated"
        let message = 'annotated';
        if (field === 'labels')
          message = !modified ? 'not labeled' : shorter && !overwrite ? 'unlabeled' : 'labeled';
        // label.go/annotate.go print through PrintFlags: -o name is the NamePrinter's ShortOutput
        // (the name alone), other formats print the object the server returned
        k.out(printResult(req.type, obj, str(flags, 'output'), message));
      } catch (e) {
        status = 1;
        k.err(`${formatError(e)}\n`);
      }
    }
  }
  cluster.runtime.settle();
  return status;
}
