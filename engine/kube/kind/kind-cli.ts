// The `kind` command (v0.27): create, delete and list clusters whose nodes are simulated
// containers, writing the kind-NAME context into the kubeconfig, with kind's own messages.
import { parse as parseYaml } from 'yaml';
import { KERNEL_RELEASE } from '../../commands/coreutils/system.ts';
import type { CommandContext } from '../../commands/types.ts';
import type { Vfs } from '../../fs/vfs.ts';
import { createHost } from '../../host.ts';
import type { World } from '../../world.ts';
import { type PortMapping, publishPortMappings } from '../addons/host-ports.ts';
import { Cluster } from '../cluster.ts';
import { registerPodNetworkHosts } from '../kubelet/pod-network.ts';
import { startNetworkPolicies } from '../netpol/agent.ts';
import { startKubeProxies } from '../proxy/kube-proxy.ts';
import { type KindNode, kubeWorld } from '../world-clusters.ts';
import { NODE_IMAGE, type NodeSpec, planNodes, startControlPlane } from './bootstrap.ts';
import {
  addKindContext,
  emptyConfig,
  formatKubeConfig,
  parseKubeConfig,
  removeKindContext,
} from './kubeconfig.ts';
import { connectNode, disconnectNode, ensureKindNetwork, syncPodCIDRRoutes } from './network.ts';

const SALUTATIONS = [
  'Have a nice day! 👋',
  'Thanks for using kind! 😊',
  'Not sure what to do next? 😅  Check out https://kind.sigs.k8s.io/docs/user/quick-start/',
  'Have a question, bug, or feature request? Let us know! https://kind.sigs.k8s.io/#community 🙂',
];

export function kubeconfigPath(ctx: CommandContext, explicit?: string): string {
  if (explicit) return explicit;
  const env = ctx.env.get('KUBECONFIG');
  if (env) return env.split(':')[0];
  return `${ctx.env.get('HOME') ?? '/root'}/.kube/config`;
}

function flag(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args[i + 1];
    if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
  }
  return undefined;
}

function base64(bytes: number[]): string {
  return btoa(String.fromCharCode(...bytes));
}

export function kind(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  const words = args.filter(
    (a, i) => !a.startsWith('-') && !(i > 0 && /^--(name|config|image|wait|kubeconfig)$/.test(args[i - 1])),
  );
  const [verb, noun] = words;
  const err = ctx.stderr;
  if (verb === 'version') {
    ctx.stdout.write('kind v0.27.0 go1.23.6 linux/amd64\n');
    return 0;
  }
  if (verb === 'create' && noun === 'cluster') return create(ctx, args);
  if (verb === 'delete' && noun === 'cluster') return remove(ctx, args);
  if (verb === 'get' && noun === 'clusters') {
    const names = [...kubeWorld(ctx.world).clusters.keys()].sort();
    if (names.length === 0) err.write('No kind clusters found.\n');
    for (const n of names) ctx.stdout.write(`${n}\n`);
    return 0;
  }
  if (verb === 'get' && noun === 'nodes') {
    const name = flag(args, '--name') ?? 'kind';
    const c = kubeWorld(ctx.world).clusters.get(name);
    if (!c) {
      err.write(`No kind nodes found for cluster "${name}".\n`);
      return 0;
    }
    for (const n of c.nodes) ctx.stdout.write(`${n.name}\n`);
    return 0;
  }
  err.write(`ERROR: unknown command "${words.join(' ')}" for "kind"\n`);
  return 1;
}

function create(ctx: CommandContext, args: string[]): number {
  const world = ctx.world;
  const clusters = kubeWorld(world).clusters;
  let specs: NodeSpec[] = [{ role: 'control-plane' }];
  let portMappings: PortMapping[][] = [];
  let name = flag(args, '--name');
  const configFile = flag(args, '--config');
  if (configFile) {
    const path = configFile.startsWith('/') ? configFile : `${ctx.proc.cwd}/${configFile}`;
    let text: string;
    try {
      // `--config=-` reads standard input (kind's docs: cat <<EOF | kind create cluster --config=-)
      text = configFile === '-' ? ctx.stdin.readAll() : ctx.proc.host.fs.readFile(path);
    } catch {
      ctx.stderr.write(
        `ERROR: failed to create cluster: error reading file: open ${configFile}: no such file or directory\n`,
      );
      return 1;
    }
    let cfg: {
      kind?: string;
      apiVersion?: string;
      name?: string;
      nodes?: Array<{ role?: string; labels?: Record<string, string>; extraPortMappings?: PortMapping[] }>;
    };
    try {
      cfg = parseYaml(text) ?? {};
    } catch (e) {
      ctx.stderr.write(`ERROR: failed to create cluster: ${e instanceof Error ? e.message : e}\n`);
      return 1;
    }
    if (cfg.kind !== 'Cluster' || cfg.apiVersion !== 'kind.x-k8s.io/v1alpha4') {
      ctx.stderr.write(`ERROR: failed to create cluster: unknown apiVersion: ${cfg.apiVersion ?? ''}\n`);
      return 1;
    }
    name ??= cfg.name;
    if (cfg.nodes?.length) {
      portMappings = cfg.nodes.map((n) => n.extraPortMappings ?? []);
      specs = cfg.nodes.map((n) => ({
        role: n.role === 'worker' ? 'worker' : 'control-plane',
        labels: n.labels,
      }));
    }
  }
  name ??= 'kind';
  if (clusters.has(name)) {
    ctx.stderr.write(
      `ERROR: failed to create cluster: node(s) already exist for a cluster with the name "${name}"\n`,
    );
    return 1;
  }
  const lines = createKindCluster(world, {
    name,
    specs,
    fs: ctx.proc.host.fs,
    kubeconfig: kubeconfigPath(ctx, flag(args, '--kubeconfig')),
  });
  // docker run -p for each node's extraPortMappings (docker-proxy on the docker host)
  const created = clusters.get(name);
  portMappings.forEach((mappings, i) => {
    const node = created?.nodes[i];
    if (node && mappings.length) publishPortMappings(world, node, mappings);
  });
  ctx.stderr.write(lines);
  return 0;
}

export interface KindClusterRequest {
  name: string;
  specs: NodeSpec[];
  /** The file system and path of the kubeconfig that gets the kind-NAME context. */
  fs: Vfs;
  kubeconfig: string;
}

/** Creates a cluster as `kind create cluster` does and returns what kind prints (on stderr). */
export function createKindCluster(world: World, request: KindClusterRequest): string {
  const { name, specs, fs } = request;
  const clusters = kubeWorld(world).clusters;
  let out = '';
  const random = world.random.fork(`kind:${name}`);
  const port = 32768 + random.int(28000);
  const cluster = new Cluster({
    name,
    clock: world.clock,
    random,
    budget: world.budget,
    server: `https://127.0.0.1:${port}`,
  });
  const plans = planNodes(name, specs);
  const blob = (n: number) => base64(random.bytes(n));
  const caPem = `-----BEGIN CERTIFICATE-----\n${blob(48)
    .match(/.{1,64}/g)
    ?.join('\n')}\n-----END CERTIFICATE-----\n`;
  const log = (line: string) => {
    out += `${line}\n`;
  };
  log(`Creating cluster "${name}" ...`);
  log(` ✓ Ensuring node image (${NODE_IMAGE.split('@sha256:')[0]}) 🖼`);
  log(` ✓ Preparing nodes ${'📦 '.repeat(specs.length)}`);
  log(' ✓ Writing configuration 📜');
  // kind's node containers take a few seconds per step; the clock moves with them
  world.clock.advance(15_000);
  const nodes: KindNode[] = plans.map((p) => {
    const host = createHost(p.name, world.clock);
    world.hosts.set(p.name, host);
    const id = Array.from({ length: 64 }, () => random.int(16).toString(16)).join('');
    return { name: p.name, role: p.role, host, ip: p.ip, containerId: id, createdMs: world.clock.now() };
  });
  // the node containers join the docker network `kind`; kindnetd routes the pod CIDRs
  const network = ensureKindNetwork(world, world.mainHost);
  for (const n of nodes) connectNode(world, network, n.host, n.ip);
  syncPodCIDRRoutes(
    world,
    nodes.map((n, i) => ({ host: n.host, ip: n.ip, podCIDR: plans[i].podCIDR })),
  );
  registerPodNetworkHosts(cluster, { world, hostOf: (node) => world.hosts.get(node) });
  startControlPlane(cluster, plans, { cpus: 2, memoryKi: 8_131_240, kernel: KERNEL_RELEASE }, caPem);
  startKubeProxies(cluster, world, nodes);
  startNetworkPolicies(cluster, world, nodes);
  log(' ✓ Starting control-plane 🕹️');
  log(' ✓ Installing CNI 🔌');
  log(' ✓ Installing StorageClass 💾');
  if (specs.length > 1) log(' ✓ Joining worker nodes 🚜');
  cluster.runtime.settle();
  clusters.set(name, { cluster, nodes, port });
  const path = request.kubeconfig;
  let cfg = emptyConfig();
  try {
    cfg = parseKubeConfig(fs.readFile(path));
  } catch {
    // a missing or unreadable kubeconfig is replaced
  }
  addKindContext(cfg, name, cluster.server, { ca: btoa(caPem), cert: blob(96), key: blob(96) });
  fs.mkdir(path.slice(0, path.lastIndexOf('/')), { parents: true });
  fs.writeFile(path, formatKubeConfig(cfg));
  fs.chmod(path, 0o600);
  log(`Set kubectl context to "kind-${name}"`);
  log(`You can now use your cluster with:\n\nkubectl cluster-info --context kind-${name}`);
  log('');
  log(SALUTATIONS[random.int(SALUTATIONS.length)]);
  return out;
}

function remove(ctx: CommandContext, args: string[]): number {
  const name = flag(args, '--name') ?? 'kind';
  const clusters = kubeWorld(ctx.world).clusters;
  ctx.stderr.write(`Deleting cluster "${name}" ...\n`);
  const c = clusters.get(name);
  if (!c) return 0;
  clusters.delete(name);
  for (const n of c.nodes) {
    disconnectNode(ctx.world, n.host);
    ctx.world.hosts.delete(n.name);
  }
  const path = kubeconfigPath(ctx, flag(args, '--kubeconfig'));
  try {
    const cfg = removeKindContext(parseKubeConfig(ctx.proc.host.fs.readFile(path)), name);
    ctx.proc.host.fs.writeFile(path, formatKubeConfig(cfg));
  } catch {
    // nothing to clean up
  }
  ctx.stderr.write(`Deleted nodes: [${c.nodes.map((n) => JSON.stringify(n.name)).join(' ')}]\n`);
  return 0;
}
