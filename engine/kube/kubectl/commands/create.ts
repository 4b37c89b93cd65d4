// kubectl create <generator>: objects built from flags (create.go's subcommands), created on
// the server or, with --dry-run=client or -o, printed as kubectl builds them.
import type { KubeObject } from '../../api/types.ts';
import { type Kubectl, KubectlError } from '../context.ts';
import { list, type ParsedFlags, str } from '../flags.ts';
import { nameOf, printObjects } from '../print.ts';

export function dryRun(flags: ParsedFlags): 'client' | 'server' | undefined {
  const d = str(flags, 'dry-run');
  if (d === undefined || d === 'none') return undefined;
  if (d === 'client' || d === 'true') return 'client';
  if (d === 'server') return 'server';
  throw new KubectlError(`error: Invalid dry-run value (${d}). Must be "none", "server", or "client".`);
}

/** Creates (or, with -o / --dry-run=client, prints) an object built by a generator. */
export function createBuilt(k: Kubectl, flags: ParsedFlags, obj: KubeObject): number {
  const mode = dryRun(flags);
  const output = str(flags, 'output');
  const cluster = mode === 'client' ? undefined : k.cluster();
  let result = obj;
  if (cluster) {
    if (cluster.registry.forKind(obj.apiVersion, obj.kind)?.namespaced)
      obj.metadata.namespace ??= k.namespace;
    result = cluster.store.create(obj, { dryRun: mode === 'server' });
  }
  const type = (cluster ?? k.cluster()).store.typeOf(result);
  if (output) {
    k.out(
      printObjects(
        [{ type, objects: [result] }],
        {
          output,
          wide: false,
          allNamespaces: false,
          showLabels: false,
          labelColumns: [],
          noHeaders: false,
          now: 0,
        },
        true,
      ),
    );
  } else {
    const suffix = mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
    k.out(`${nameOf(type, result)} created${suffix}\n`);
  }
  if (cluster && !mode) cluster.runtime.settle();
  return 0;
}

export function create(k: Kubectl, flags: ParsedFlags): number {
  const [what, name] = flags.args;
  switch (what) {
    case 'namespace':
    case 'ns':
      return createBuilt(k, flags, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { creationTimestamp: null, name },
        spec: {},
        status: {},
      });
    case 'deployment':
    case 'deploy': {
      const images = list(flags, 'image');
      if (images.length === 0) throw new KubectlError('error: required flag(s) "image" not set');
      const containerName = (img: string) => img.split('/').pop()?.split(':')[0].split('@')[0] ?? img;
      const containers = images.map((image) => ({ image, name: containerName(image), resources: {} }));
      const port = str(flags, 'port');
      if (port && containers[0]) Object.assign(containers[0], { ports: [{ containerPort: Number(port) }] });
      const labels = { app: name };
      return createBuilt(k, flags, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { creationTimestamp: null, labels, name },
        spec: {
          replicas: Number(str(flags, 'replicas') ?? 1),
          selector: { matchLabels: labels },
          strategy: {},
          template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
        },
        status: {},
      });
    }
    case 'configmap':
    case 'cm': {
      const data: Record<string, string> = {};
      for (const lit of list(flags, 'from-literal')) {
        const eq = lit.indexOf('=');
        data[lit.slice(0, eq)] = lit.slice(eq + 1);
      }
      for (const file of list(flags, 'from-file')) {
        const eq = file.indexOf('=');
        const key = eq >= 0 ? file.slice(0, eq) : (file.split('/').pop() ?? file);
        const path = eq >= 0 ? file.slice(eq + 1) : file;
        data[key] = k.ctx.proc.host.fs.readFile(path.startsWith('/') ? path : `${k.ctx.proc.cwd}/${path}`);
      }
      return createBuilt(k, flags, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { creationTimestamp: null, name },
        data,
      } as KubeObject);
    }
    case 'secret': {
      const [, kind, secretName] = flags.args;
      if (kind !== 'generic')
        throw new KubectlError(`error: unknown command "${kind}" for "kubectl create secret"`);
      const data: Record<string, string> = {};
      for (const lit of list(flags, 'from-literal')) {
        const eq = lit.indexOf('=');
        data[lit.slice(0, eq)] = btoa(String.fromCharCode(...new TextEncoder().encode(lit.slice(eq + 1))));
      }
      return createBuilt(k, flags, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { creationTimestamp: null, name: secretName },
        data,
        type: str(flags, 'type') ?? 'Opaque',
      } as KubeObject);
    }
  }
  throw new KubectlError(`error: unknown command "${what ?? ''}" for "kubectl create"`);
}
