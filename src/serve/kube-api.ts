// `labbook serve --kube-api`: a simulated kind cluster served over HTTP on loopback with the
// subset of the Kubernetes API that kubectl uses (discovery, /version, /openapi/v3, CRUD,
// PATCH, watch, subresources), plus the kubeconfig pointing kubectl at it. Simulated time
// jumps when a write settles the cluster (controllers run until idle, at most 10 simulated
// minutes) and, with `--clock wall` (the command's default), also flows with the wall clock.
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createWorld, Session, type World } from '../../engine/index.ts';
import { StatusError } from '../../engine/kube/apiserver/errors.ts';
import type { Cluster } from '../../engine/kube/cluster.ts';
import { type KindCluster, kubeWorld } from '../../engine/kube/world-clusters.ts';
import { serveAggregatedDiscovery } from './aggregated-discovery.ts';
import { discoveryDocument } from './discovery.ts';
import { attachExecStreams } from './exec-stream.ts';
import { handleResource, statusBody } from './handlers.ts';
import { servePodLog } from './logs.ts';
import { openapiDocument } from './openapi.ts';
import { parseResourcePath } from './routes.ts';
import { isWatch, serveWatch } from './watch.ts';

export interface KubeApiOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** Seed of the simulated world. */
  seed?: string;
  /** kind cluster name (default "kind"). */
  name?: string;
  /** Serve an existing world's kind cluster instead of creating one. */
  session?: Session;
  /**
   * How simulated time moves besides the settling after each write: `writes` (only then, the
   * default: reproducible answers) or `wall` (also with the wall clock, as a real cluster's
   * time passes while a client sleeps).
   */
  clock?: 'writes' | 'wall';
}

export interface KubeApiServer {
  url: string;
  port: number;
  session: Session;
  world: World;
  kind: KindCluster;
  cluster: Cluster;
  /** The kubeconfig text pointing at this server (cluster, user and context kind-NAME). */
  kubeconfig(): string;
  close(): Promise<void>;
}

/** Starts the server with a kind cluster created in a fresh world (or the given session's). */
export async function startKubeApi(options: KubeApiOptions = {}): Promise<KubeApiServer> {
  const name = options.name ?? 'kind';
  const session =
    options.session ??
    new Session(
      // a server runs indefinitely: no per-block step or simulated-time budget
      createWorld({
        seed: options.seed ?? 'labbook-serve',
        limits: { steps: Number.MAX_SAFE_INTEGER, simulatedMs: Number.MAX_SAFE_INTEGER },
      }),
    );
  if (!kubeWorld(session.world).clusters.has(name)) {
    const created = session.run(`kind create cluster --name ${name}`);
    if (created.status !== 0) throw new Error(`kind create cluster failed:\n${created.output}`);
  }
  const kind = kubeWorld(session.world).clusters.get(name) as KindCluster;
  const cluster = kind.cluster;
  const advertise = kind.nodes.find((n) => n.role === 'control-plane')?.ip ?? '127.0.0.1';
  const followWallClock = wallClockFollower(cluster, options.clock === 'wall');
  const server = createServer((req, res) => {
    collectBody(req).then((body) => {
      try {
        followWallClock.tick();
        respond(cluster, advertise, req, res, body);
      } catch (e) {
        // an engine failure answers this request with a 500 Status; the server goes on
        const message = e instanceof Error ? e.message : String(e);
        if (!res.headersSent) sendJson(res, 500, statusBody(new StatusError(500, 'InternalError', message)));
        else res.end();
      }
    });
  });
  attachExecStreams(server, cluster);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    session,
    world: session.world,
    kind,
    cluster,
    kubeconfig: () => kubeconfigText(`kind-${name}`, url),
    close: () => {
      followWallClock.stop();
      return closeServer(server);
    },
  };
}

/**
 * With `wall`, the cluster's timers run as wall-clock time passes (checked every 250 ms and
 * before each request); settling after writes still jumps ahead, and the wall clock then adds
 * to wherever simulated time stands.
 */
function wallClockFollower(cluster: Cluster, enabled: boolean): { tick(): void; stop(): void } {
  if (!enabled) return { tick() {}, stop() {} };
  let last = Date.now();
  const tick = () => {
    const now = Date.now();
    const elapsed = now - last;
    last = now;
    if (elapsed > 0) cluster.runtime.runUntil(cluster.now() + elapsed, () => false);
  };
  const timer = setInterval(tick, 250);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function collectBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, warnings: string[] = []): void {
  // apimachinery util/net NewWarningHeader: code 299, agent "-", the text quoted
  const warning = warnings.map((w) => `299 - "${w.replace(/["\\]/g, (c) => `\\${c}`)}"`);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    ...(warning.length ? { Warning: warning } : {}),
  });
  res.end(JSON.stringify(body));
}

function respond(
  cluster: Cluster,
  advertise: string,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';
  if (method === 'GET') {
    if (serveAggregatedDiscovery(cluster, path, req, res)) return;
    const doc = discoveryDocument(cluster, path, advertise) ?? openapiDocument(cluster, path);
    if (doc !== undefined) {
      sendJson(res, 200, doc);
      return;
    }
  }
  const route = parseResourcePath(cluster, path);
  if (!route) {
    // the API server's mux answers unknown paths with a plain-text 404
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('404 page not found\n');
    return;
  }
  const request = {
    method,
    query: url.searchParams,
    accept: req.headers.accept,
    contentType: req.headers['content-type'],
    headers: req.headers,
    body: body.toString('utf8'),
    raw: new Uint8Array(body),
  };
  if (method === 'GET' && route.type.resource === 'pods' && route.subresource === 'log') {
    try {
      cluster.runtime.catchUp();
      servePodLog(cluster, route, request, res);
    } catch (e) {
      if (e instanceof StatusError) sendJson(res, e.code, statusBody(e));
      else throw e;
    }
    return;
  }
  if (method === 'GET' && isWatch(url.searchParams)) {
    try {
      cluster.runtime.catchUp();
      serveWatch(cluster, route, request, res);
    } catch (e) {
      if (e instanceof StatusError) sendJson(res, e.code, statusBody(e));
      else throw e;
    }
    return;
  }
  const answer = handleResource(cluster, route, request);
  sendJson(res, answer.status, answer.body, answer.warnings);
}

/** A kubeconfig with one cluster, user and context, no TLS and no credentials. */
export function kubeconfigText(name: string, url: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: ${url}
  name: ${name}
contexts:
- context:
    cluster: ${name}
    user: ${name}
  name: ${name}
current-context: ${name}
preferences: {}
users:
- name: ${name}
  user: {}
`;
}

const SERVE_USAGE = `usage: labbook serve --kube-api [--port N] [--kubeconfig FILE] [--seed SEED] [--name NAME] [--clock wall|writes]
`;

/** The `labbook serve` command: runs until interrupted. */
export async function serveCommand(args: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args,
      options: {
        'kube-api': { type: 'boolean', default: false },
        port: { type: 'string', default: '0' },
        kubeconfig: { type: 'string' },
        seed: { type: 'string' },
        name: { type: 'string', default: 'kind' },
        clock: { type: 'string', default: 'wall' },
      },
    }).values;
  } catch (e) {
    process.stderr.write(`labbook serve: ${(e as Error).message}\n${SERVE_USAGE}`);
    return 2;
  }
  if (
    !values['kube-api'] ||
    !/^\d+$/.test(String(values.port)) ||
    !['wall', 'writes'].includes(String(values.clock))
  ) {
    process.stderr.write(SERVE_USAGE);
    return 2;
  }
  let server: KubeApiServer;
  try {
    server = await startKubeApi({
      port: Number(values.port),
      seed: values.seed as string | undefined,
      name: values.name as string,
      clock: values.clock as 'wall' | 'writes',
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EADDRINUSE' ? `port ${values.port} is already in use` : err.message;
    process.stderr.write(`labbook serve: cannot listen on 127.0.0.1:${values.port}: ${why}\n`);
    return 1;
  }
  const file =
    (values.kubeconfig as string | undefined) ?? join(tmpdir(), `labbook-kube-api-${server.port}.kubeconfig`);
  try {
    writeFileSync(file, server.kubeconfig());
  } catch (e) {
    await server.close();
    process.stderr.write(`labbook serve: cannot write the kubeconfig ${file}: ${(e as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`Serving the simulated cluster "kind-${values.name}" at ${server.url}\n`);
  process.stdout.write(`export KUBECONFIG=${file}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
