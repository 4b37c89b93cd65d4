// kubectl create <generator>: objects built from flags (create.go's subcommands), created on
// the server or, with --dry-run=client or -o, printed as kubectl builds them.

import { isTerminal } from '../../../commands/coreutils/files.ts';
import { ResourceRegistry } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import { StatusError } from '../../apiserver/errors.ts';
import { type Kubectl, KubectlError } from '../context.ts';
import * as core from '../create/core-generators.ts';
import { type GeneratorInput, nameFromArgs, requireFlags } from '../create/input.ts';
import * as more from '../create/more-generators.ts';
import { saveConfig } from '../create/save-config.ts';
import { createToken } from '../create/token.ts';
import { bool, type ParsedFlags, str } from '../flags.ts';
import { nameOf, objectPrintOptions, printObjects } from '../print.ts';

export function dryRun(flags: ParsedFlags): 'client' | 'server' | undefined {
  const d = str(flags, 'dry-run');
  if (d === undefined || d === 'none') return undefined;
  if (d === 'client' || d === 'true') return 'client';
  if (d === 'server') return 'server';
  throw new KubectlError(`error: Invalid dry-run value (${d}). Must be "none", "server", or "client".`);
}

export interface CreateOptions {
  /** Generators that wrap the server's error, e.g. "failed to create job: ". */
  errorPrefix?: string;
  /** The command's default --field-manager (create.go: "kubectl-create"; run.go: "kubectl-run"). */
  manager?: string;
}

/** Creates (or, with -o / --dry-run=client, prints) an object built by a generator. */
export function createBuilt(
  k: Kubectl,
  flags: ParsedFlags,
  obj: KubeObject,
  options: CreateOptions = {},
): number {
  const mode = dryRun(flags);
  const output = str(flags, 'output');
  if (bool(flags, 'save-config')) saveConfig(obj);
  const cluster = mode === 'client' ? undefined : k.cluster();
  let result = obj;
  if (cluster) {
    if (cluster.registry.forKind(obj.apiVersion, obj.kind)?.namespaced)
      obj.metadata.namespace ??= k.namespace;
    try {
      result = cluster.store.create(obj, {
        dryRun: mode === 'server',
        manager: str(flags, 'field-manager') ?? options.manager ?? 'kubectl-create',
      });
    } catch (e) {
      if (options.errorPrefix && e instanceof StatusError)
        throw new KubectlError(`error: ${options.errorPrefix}${e.message}`);
      throw e;
    }
  }
  // the client knows the built-in kinds without asking the server
  const registry = cluster?.registry ?? new ResourceRegistry();
  const type = registry.forKind(result.apiVersion, result.kind);
  if (!type)
    throw new KubectlError(`error: no matches for kind "${result.kind}" in version "${result.apiVersion}"`);
  if (output) {
    const print = objectPrintOptions(output, { typed: true });
    k.out(printObjects([{ type, objects: [result] }], print, true));
  } else {
    const suffix = mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
    k.out(`${nameOf(type, result)} created${suffix}\n`);
  }
  if (cluster && !mode) cluster.runtime.settle();
  return 0;
}

type Generator = (g: GeneratorInput) => number;

const build =
  (make: (g: GeneratorInput) => KubeObject, options: CreateOptions = {}): Generator =>
  (g) =>
    createBuilt(g.k, g.flags, make(g), options);

const registryOf = (g: GeneratorInput) => () => g.k.cluster().registry;

/** create job: --image, or --from=cronjob/NAME (read from the cluster). */
function job(g: GeneratorInput): number {
  const image = str(g.flags, 'image') ?? '';
  const from = str(g.flags, 'from') ?? '';
  if ((image === '') === (from === ''))
    throw new KubectlError('error: either --image or --from must be specified');
  if (g.command.length && from) throw new KubectlError('error: cannot specify --from and command');
  if (image) return createBuilt(g.k, g.flags, more.jobObject(g), { errorPrefix: 'failed to create job: ' });
  const cluster = g.k.cluster();
  const slash = from.indexOf('/');
  const type = cluster.registry.resolve(slash >= 0 ? from.slice(0, slash) : from);
  if (!type)
    throw new KubectlError(`error: the server doesn't have a resource type "${from.slice(0, slash)}"`);
  if (slash < 0) throw new KubectlError('error: from must be an existing cronjob');
  const source = cluster.store.get(type, g.k.namespace, from.slice(slash + 1));
  if (source.kind !== 'CronJob') throw new KubectlError(`error: unknown object type *${goTypeName(source)}`);
  return createBuilt(g.k, g.flags, more.jobFromCronJob(g, source), { errorPrefix: 'failed to create job: ' });
}

/** %T of a typed object, e.g. v1.Deployment. */
function goTypeName(obj: KubeObject): string {
  const version = obj.apiVersion.split('/').pop() ?? obj.apiVersion;
  return `${version}.${obj.kind}`;
}

function token(g: GeneratorInput): number {
  // create_token.go: the newline only when standard output is a terminal
  g.k.out(`${createToken(g, g.k.cluster())}${isTerminal(g.k.ctx) ? '\n' : ''}`);
  return 0;
}

/** The service type each `create service` subcommand sets (create_service.go). */
const SERVICE_TYPES: Record<string, string> = {
  clusterip: 'ClusterIP',
  nodeport: 'NodePort',
  loadbalancer: 'LoadBalancer',
  externalname: 'ExternalName',
};

const GENERATORS: Record<string, { command: string; run: Generator; required?: string[] }> = {
  namespace: { command: 'namespace', run: build(core.namespaceObject) },
  deployment: {
    command: 'deployment',
    run: build(core.deploymentObject, { errorPrefix: 'failed to create deployment: ' }),
    required: ['image'],
  },
  configmap: {
    command: 'configmap',
    run: build(core.configMapObject, { errorPrefix: 'failed to create configmap: ' }),
  },
  serviceaccount: {
    command: 'serviceaccount',
    run: build(core.serviceAccountObject, { errorPrefix: 'failed to create serviceaccount: ' }),
  },
  quota: { command: 'quota', run: build(core.quotaObject, { errorPrefix: 'failed to create quota: ' }) },
  job: { command: 'job', run: job },
  cronjob: {
    command: 'cronjob',
    run: build(more.cronJobObject, { errorPrefix: 'failed to create cronjob: ' }),
    required: ['image', 'schedule'],
  },
  role: { command: 'role', run: (g) => createBuilt(g.k, g.flags, more.roleObject(g, registryOf(g))) },
  clusterrole: {
    command: 'clusterrole',
    run: (g) => createBuilt(g.k, g.flags, more.clusterRoleObject(g, registryOf(g))),
  },
  rolebinding: {
    command: 'rolebinding',
    run: build(more.roleBindingObject, { errorPrefix: 'failed to create rolebinding: ' }),
  },
  clusterrolebinding: {
    command: 'clusterrolebinding',
    run: build(more.clusterRoleBindingObject, { errorPrefix: 'failed to create clusterrolebinding: ' }),
    required: ['clusterrole'],
  },
  priorityclass: {
    command: 'priorityclass',
    run: build(more.priorityClassObject, { errorPrefix: 'failed to create priorityclass: ' }),
  },
  ingress: {
    command: 'ingress',
    run: build(more.ingressObject, { errorPrefix: 'failed to create ingress: ' }),
  },
  poddisruptionbudget: {
    command: 'poddisruptionbudget',
    run: build(more.pdbObject, { errorPrefix: 'failed to create poddisruptionbudgets: ' }),
  },
  token: { command: 'token', run: token },
};

const ALIASES: Record<string, string> = {
  ns: 'namespace',
  deploy: 'deployment',
  cm: 'configmap',
  sa: 'serviceaccount',
  resourcequota: 'quota',
  cj: 'cronjob',
  pc: 'priorityclass',
  ing: 'ingress',
  pdb: 'poddisruptionbudget',
  svc: 'service',
};

const SECRET_TYPES: Record<string, (g: GeneratorInput) => KubeObject> = {
  generic: core.genericSecretObject,
  'docker-registry': core.dockerRegistrySecretObject,
  tls: core.tlsSecretObject,
};

function input(k: Kubectl, flags: ParsedFlags, args: string[], command: string): GeneratorInput {
  return {
    k,
    flags,
    name: nameFromArgs(args, command),
    namespace: k.explicitNamespace ? k.namespace : undefined,
    command: flags.rest ?? [],
    random: k.ctx.world.random.fork(`kubectl-create:${args[0] ?? ''}`),
  };
}

/** What `kubectl create secret|service` print without a subcommand (cobra's help; exit 1). */
const PARENT_HELP: Record<string, string> = {
  secret: `Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use "kubectl create secret <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).`,
  service: `Create a service using a specified subcommand.

Aliases:
service, svc

Available Commands:
  clusterip      Create a ClusterIP service
  externalname   Create an ExternalName service
  loadbalancer   Create a LoadBalancer service
  nodeport       Create a NodePort service

Usage:
  kubectl create service [flags] [options]

Use "kubectl create service <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).`,
};

/** A parent command (secret, service) given an unknown subcommand. */
function unknownSubcommand(args: string[], parent: string): KubectlError {
  return new KubectlError(
    `error: unknown command "${args.join(' ')}"\nSee 'kubectl create ${parent} -h' for help and examples`,
  );
}

export function create(k: Kubectl, flags: ParsedFlags): number {
  const [first, ...args] = flags.args;
  const what = ALIASES[first] ?? first;
  if (what === 'secret' || what === 'service') {
    const [sub, ...rest] = args;
    const make =
      what === 'secret'
        ? SECRET_TYPES[sub]
        : sub in { clusterip: 1, nodeport: 1, loadbalancer: 1, externalname: 1 }
          ? (g: GeneratorInput) => core.serviceObject(g, sub)
          : undefined;
    if (!make) {
      if (sub === undefined) throw new KubectlError(PARENT_HELP[what]);
      throw unknownSubcommand(args, what);
    }
    if (what === 'service' && sub === 'externalname') requireFlags({ k, flags }, ['external-name']);
    const g = input(k, flags, rest, `${what} ${sub}`);
    return createBuilt(
      k,
      flags,
      make(g),
      // create_secret*.go and create_service.go wrap the server's error
      what === 'secret'
        ? { errorPrefix: 'failed to create secret ' }
        : { errorPrefix: `failed to create ${SERVICE_TYPES[sub]} service: ` },
    );
  }
  const generator = GENERATORS[what];
  if (!generator) {
    if (first === undefined) throw new KubectlError('error: must specify one of -f and -k');
    throw new KubectlError(
      `error: Unexpected args: [${flags.args.join(' ')}]\nSee 'kubectl create -h' for help and examples`,
    );
  }
  if (generator.required) requireFlags({ k, flags }, generator.required);
  return generator.run(input(k, flags, args, generator.command));
}
