// kubectl create generators for core and apps objects: namespace, deployment, configmap,
// secret (generic, docker-registry, tls), service (four types), serviceaccount, quota. Each
// builds the object as kubectl's create_*.go does, fields in the Go structs' order (the order
// --save-config's JSON keeps).
import type { KubeObject } from '../../api/types.ts';
import { KubectlError } from '../context.ts';
import { list, str } from '../flags.ts';
import type { GeneratorInput } from './input.ts';
import { meta, requireFlags } from './input.ts';
import { base64, envFileSources, fileSources, literalSources, type SourceEntry } from './sources.ts';

export function namespaceObject(g: GeneratorInput): KubeObject {
  // create_namespace.go: never namespaced, so -n does not show up
  return { kind: 'Namespace', apiVersion: 'v1', metadata: meta(g.name), spec: {}, status: {} };
}

/** utilrand.String's alphabet (k8s.io/apimachinery/pkg/util/rand): no vowels, no 0/1/3. */
const RAND_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** create_deployment.go buildPodSpec: the last path segment without tag or digest. */
function containerName(g: GeneratorInput, image: string): string {
  let name = image.split('/').pop() ?? image;
  name = name.split(':')[0].split('@')[0];
  if (/[_.]/.test(name)) {
    let suffix = '';
    for (let i = 0; i < 5; i++) suffix += RAND_ALPHABET[g.random.int(RAND_ALPHABET.length)];
    name = `${name.replace(/[_.]/g, '-')}-${suffix}`;
  }
  return name;
}

export function deploymentObject(g: GeneratorInput): KubeObject {
  const labels = { app: g.name };
  const command = g.command.length > 0 ? g.command : undefined;
  const containers: Record<string, unknown>[] = list(g.flags, 'image').map((image) => ({
    name: containerName(g, image),
    image,
    ...(command ? { command } : {}),
    resources: {},
  }));
  const port = Number(str(g.flags, 'port') ?? -1);
  if (port >= 0 && containers[0]) {
    const { name, image, command: cmd, resources } = containers[0];
    containers[0] = {
      name,
      image,
      ...(cmd ? { command: cmd } : {}),
      ports: [{ containerPort: port }],
      resources,
    };
  }
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: meta(g.name, g.namespace, labels),
    spec: {
      replicas: Number(str(g.flags, 'replicas') ?? 1),
      selector: { matchLabels: { ...labels } },
      template: { metadata: { creationTimestamp: null, labels: { ...labels } }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
}

function collect(
  g: GeneratorInput,
  what: 'config' | 'secret',
  duplicate: (key: string) => string,
): Record<string, string> {
  const envFiles = list(g.flags, 'from-env-file');
  if (
    envFiles.length > 0 &&
    (list(g.flags, 'from-file').length > 0 || list(g.flags, 'from-literal').length > 0)
  )
    throw new KubectlError(`error: from-env-file cannot be combined with from-file or from-literal`);
  const data: Record<string, string> = {};
  const add = (entries: SourceEntry[]) => {
    for (const { key, value } of entries) {
      if (key in data) throw new KubectlError(`error: ${duplicate(key)}`);
      data[key] = value;
    }
  };
  // Complete's order: files, then literals, then env files
  add(fileSources(g.k, list(g.flags, 'from-file')));
  add(literalSources(list(g.flags, 'from-literal')));
  add(envFileSources(g.k, envFiles, what));
  return data;
}

export function configMapObject(g: GeneratorInput): KubeObject {
  const data = collect(
    g,
    'config',
    (key) =>
      `cannot add key "${key}", another key by that name already exists in Data for ConfigMap "${g.name}"`,
  );
  const obj: KubeObject = { kind: 'ConfigMap', apiVersion: 'v1', metadata: meta(g.name, g.namespace) };
  if (Object.keys(data).length > 0) obj.data = data;
  return obj;
}

function secret(g: GeneratorInput, data: Record<string, string>, type: string | undefined): KubeObject {
  const obj: KubeObject = { kind: 'Secret', apiVersion: 'v1', metadata: meta(g.name, g.namespace) };
  if (Object.keys(data).length > 0) obj.data = data;
  if (type) obj.type = type;
  return obj;
}

export function genericSecretObject(g: GeneratorInput): KubeObject {
  const raw = collect(g, 'secret', (key) => `cannot add key ${key}, another key by that name already exists`);
  const data = Object.fromEntries(Object.entries(raw).map(([key, v]) => [key, base64(v)]));
  return secret(g, data, str(g.flags, 'type'));
}

/** create_secret_docker.go: a .dockerconfigjson of one registry (Docker Hub by default). */
export function dockerRegistrySecretObject(g: GeneratorInput): KubeObject {
  const flags = g.flags;
  const files = list(flags, 'from-file');
  const username = str(flags, 'docker-username') ?? '';
  const password = str(flags, 'docker-password') ?? '';
  if (files.length === 0 && (username === '' || password === ''))
    throw new KubectlError(
      'error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required',
    );
  if (files.length > 0) {
    const data: Record<string, string> = {};
    for (const { key, value } of fileSources(g.k, files)) data[key] = base64(value);
    return secret(g, data, 'kubernetes.io/dockerconfigjson');
  }
  const server = str(flags, 'docker-server') ?? 'https://index.docker.io/v1/';
  const email = str(flags, 'docker-email') ?? '';
  // DockerConfigEntry's fields: username, password, email (omitempty), auth
  const entry: Record<string, string> = { username, password };
  if (email) entry.email = email;
  entry.auth = base64(`${username}:${password}`);
  const json = JSON.stringify({ auths: { [server]: entry } });
  return secret(g, { '.dockerconfigjson': base64(json) }, 'kubernetes.io/dockerconfigjson');
}

/**
 * create_secret_tls.go. kubectl checks the pair with tls.X509KeyPair; the simulation only
 * checks that both files hold PEM blocks of the right kind (no parsing of the DER inside).
 */
export function tlsSecretObject(g: GeneratorInput): KubeObject {
  const cert = str(g.flags, 'cert') ?? '';
  const key = str(g.flags, 'key') ?? '';
  if (cert === '' || key === '') throw new KubectlError('error: key and cert must be specified');
  const readPem = (path: string) => {
    try {
      return g.k.ctx.proc.host.fs.readFile(path.startsWith('/') ? path : `${g.k.ctx.proc.cwd}/${path}`);
    } catch {
      throw new KubectlError(`error: Cannot read file ${path}, open ${path}: no such file or directory`);
    }
  };
  const certPem = readPem(cert);
  const keyPem = readPem(key);
  if (!/-----BEGIN CERTIFICATE-----/.test(certPem))
    throw new KubectlError('error: tls: failed to find any PEM data in certificate input');
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(keyPem))
    throw new KubectlError('error: tls: failed to find any PEM data in key input');
  return secret(g, { 'tls.crt': base64(certPem), 'tls.key': base64(keyPem) }, 'kubernetes.io/tls');
}

const SERVICE_TYPES: Record<string, string> = {
  clusterip: 'ClusterIP',
  nodeport: 'NodePort',
  loadbalancer: 'LoadBalancer',
  externalname: 'ExternalName',
};

/** create_service.go parsePorts: `port[:targetPort]`, targetPort a number or a port name. */
function parsePort(spec: string): { port: number; targetPort: number | string } {
  const [portText, target] = spec.split(':');
  if (!/^[0-9]+$/.test(portText) || Number(portText) > 65535)
    throw new KubectlError(`error: strconv.ParseUint: parsing "${portText}": invalid syntax`);
  const port = Number(portText);
  if (target === undefined) return { port, targetPort: port };
  return { port, targetPort: /^-?[0-9]+$/.test(target) ? Number(target) : target };
}

export function serviceObject(g: GeneratorInput, kind: string): KubeObject {
  const type = SERVICE_TYPES[kind];
  if (type === 'ExternalName') requireFlags(g, ['external-name']);
  const clusterIP = str(g.flags, 'clusterip') ?? '';
  const tcp = list(g.flags, 'tcp');
  if (clusterIP === 'None' && type !== 'ClusterIP')
    throw new KubectlError('error: ClusterIP=None can only be used with ClusterIP service type');
  if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName')
    throw new KubectlError('error: at least one tcp port specifier must be provided');
  const nodePort = Number(str(g.flags, 'node-port') ?? 0);
  const ports = tcp.map((spec) => {
    const { port, targetPort } = parsePort(spec);
    const p: Record<string, unknown> = { name: spec.replaceAll(':', '-'), protocol: 'TCP', port, targetPort };
    if (nodePort) p.nodePort = nodePort;
    return p;
  });
  const spec: Record<string, unknown> = {};
  if (ports.length) spec.ports = ports;
  spec.selector = { app: g.name };
  if (clusterIP) spec.clusterIP = clusterIP;
  spec.type = type;
  const externalName = str(g.flags, 'external-name');
  if (externalName) spec.externalName = externalName;
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: meta(g.name, g.namespace, { app: g.name }),
    spec,
    status: { loadBalancer: {} },
  };
}

export function serviceAccountObject(g: GeneratorInput): KubeObject {
  return { kind: 'ServiceAccount', apiVersion: 'v1', metadata: meta(g.name, g.namespace) };
}

/** create_quota.go: --hard=name=qty,... and --scopes=A,B. */
export function quotaObject(g: GeneratorInput): KubeObject {
  const spec: Record<string, unknown> = {};
  const hardText = str(g.flags, 'hard') ?? '';
  if (hardText) {
    const hard: Record<string, string> = {};
    for (const pair of hardText.split(',')) {
      const eq = pair.indexOf('=');
      if (eq < 0) throw new KubectlError(`error: invalid argument ${pair}`);
      hard[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    spec.hard = hard;
  }
  const scopes = (str(g.flags, 'scopes') ?? '').split(',').filter((s) => s.trim() !== '');
  if (scopes.length) spec.scopes = scopes;
  return { kind: 'ResourceQuota', apiVersion: 'v1', metadata: meta(g.name, g.namespace), spec, status: {} };
}
