// The ingress-nginx controller (registry.k8s.io/ingress-nginx/controller, as kind's
// deploy-ingress-nginx.yaml runs it): nginx on port 80 of the controller pod routing requests
// by the Ingresses of its class to the Services' endpoint pod IPs (not their ClusterIPs, as
// the Lua balancer does), its "Sync" events, and the status syncer publishing
// --publish-status-address into the Ingresses' status.loadBalancer.
import { parseIpv4 } from '../../../net/inet.ts';
import { hostNet } from '../../../net/netlink.ts';
import { type HttpRequest, parseRequest } from '../../../net/server/handlers.ts';
import type { ServerConn, TcpHandler } from '../../../net/server/listen.ts';
import type { Netns } from '../../../net/state.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Cluster } from '../../cluster.ts';
import { podNetworkHosts } from '../../kubelet/pod-network.ts';
import { registerImageProgram, type ServerContext } from '../../kubelet/servers.ts';
import { closeUpstream, exchange, openUpstream, type Upstream } from '../relay.ts';
import { errorResponse, proxiedResponse, STATUS_404, STATUS_502, STATUS_503 } from './responses.ts';
import { type ClassConfig, handlesIngress, type IngressBackend, routesOf, selectRoute } from './routing.ts';

export const CONTROLLER_REPOSITORY = 'registry.k8s.io/ingress-nginx/controller';
/** store.go's recorder: EventSource{Component: "nginx-ingress-controller"}. */
const EVENT_SOURCE = { component: 'nginx-ingress-controller' };
/** status.go UpdateInterval: the status is checked every 60 seconds (and once at start). */
const STATUS_INTERVAL_MS = 60_000;
/** status.go Run: the sync queue runs each second; the first sync is queued at start. */
const FIRST_STATUS_SYNC_MS = 1_000;

/** The controller's flags (cmd/nginx/flags.go) the model honours. */
interface ControllerFlags extends ClassConfig {
  publishStatusAddress: string;
}

function flagOf(argv: string[], name: string): string | undefined {
  let value: string | undefined;
  for (const a of argv) if (a.startsWith(`--${name}=`)) value = a.slice(name.length + 3);
  return value;
}

function parseFlags(argv: string[]): ControllerFlags {
  const without =
    flagOf(argv, 'watch-ingress-without-class') ??
    (argv.includes('--watch-ingress-without-class') ? 'true' : 'false');
  return {
    ingressClass: flagOf(argv, 'ingress-class') ?? 'nginx',
    controllerClass: flagOf(argv, 'controller-class') ?? 'k8s.io/ingress-nginx',
    watchWithoutClass: without === 'true',
    publishStatusAddress: flagOf(argv, 'publish-status-address') ?? '',
  };
}

/** A running controller process: its pod, flags, and the status syncer's timer. */
interface Instance {
  key: string;
  namespace: string;
  flags: ControllerFlags;
  stopped: boolean;
}

/** status.go nameOrIPToLoadBalancerIngress over the comma-separated --publish-status-address. */
function publishedAddresses(flag: string): Array<{ ip?: string; hostname?: string }> {
  return flag
    .split(/,\s*/)
    .filter((a) => a !== '')
    .map((a) => (parseIpv4(a) !== null ? { ip: a } : { hostname: a }));
}

export function startIngressNginx(cluster: Cluster): void {
  const ingressType = cluster.type('ingresses');
  const classType = cluster.type('ingressclasses');
  const instances = new Map<string, Instance>();

  const handled = (flags: ControllerFlags): KubeObject[] => {
    const classes = cluster.store.scan(classType);
    return cluster.store.scan(ingressType).filter((i) => handlesIngress(i, classes, flags));
  };
  const running = () => [...instances.values()].filter((i) => !i.stopped);

  const sync = (ing: KubeObject) =>
    cluster.events.record({
      object: ing,
      type: 'Normal',
      reason: 'Sync',
      message: 'Scheduled for sync',
      source: EVENT_SOURCE,
    });

  // the informer's add and update handlers (store.go): a Sync event for each change it sees
  cluster.store.watch((event) => {
    if (event.resource !== ingressType || event.type === 'DELETED') return;
    const instance = running()[0];
    if (!instance) return;
    const classes = cluster.store.scan(classType);
    if (handlesIngress(event.object, classes, instance.flags)) sync(event.object);
  });

  /** statusSync.sync: every handled Ingress whose status differs gets the published addresses. */
  const syncStatus = (instance: Instance) => {
    if (instance.stopped) return;
    const addresses = publishedAddresses(instance.flags.publishStatusAddress);
    for (const ing of handled(instance.flags)) {
      const current = ing.status?.loadBalancer?.ingress ?? [];
      if (JSON.stringify(current) === JSON.stringify(addresses)) continue;
      const next = structuredClone(ing);
      next.status = { ...(next.status ?? {}), loadBalancer: { ingress: addresses } };
      try {
        cluster.store.update(next, { status: true });
      } catch {
        // a conflicting write: the next round retries
      }
    }
  };
  const scheduleStatus = (instance: Instance, afterMs: number) =>
    cluster.runtime.after(
      afterMs,
      `ingress-nginx status ${instance.key}`,
      () => {
        if (instance.stopped) return;
        syncStatus(instance);
        scheduleStatus(instance, STATUS_INTERVAL_MS);
      },
      afterMs <= FIRST_STATUS_SYNC_MS,
    );

  registerImageProgram(cluster, CONTROLLER_REPOSITORY, {
    serve(argv: string[], ctx: ServerContext) {
      const flags = parseFlags(argv);
      const namespace = ctx.env.POD_NAMESPACE ?? 'default';
      const key = `${namespace}/${ctx.hostname}`;
      const previous = instances.get(key);
      if (previous) previous.stopped = true;
      const instance: Instance = { key, namespace, flags, stopped: false };
      instances.set(key, instance);
      // the informers' initial list: an add (and a Sync event) for every Ingress of the class
      for (const ing of handled(flags)) sync(ing);
      scheduleStatus(instance, FIRST_STATUS_SYNC_MS);
      return [{ port: 80, handler: nginxHandler(cluster, flags, ctx) }];
    },
  });
}

/** The pod's own namespace on its node, found by the address a connection arrived at. */
function podNamespace(
  cluster: Cluster,
  nodeName: string,
  local: number,
): Omit<Upstream, 'addr' | 'port'> | null {
  const hosts = podNetworkHosts(cluster);
  const host = hosts?.hostOf(nodeName);
  if (!hosts || !host) return null;
  const stack = hostNet(hosts.world, host);
  const owns = (ns: Netns) =>
    [...ns.links.values()].some((l) => l.addrs.some((a) => a.family === 4 && a.local === local));
  const ns = stack.named.map((n) => n.ns).find(owns) ?? (owns(stack.root) ? stack.root : null);
  return ns ? { world: hosts.world, host, ns } : null;
}

/** The ready endpoints (pod IP and port) of a Service port, from its Endpoints object. */
function endpointsOf(cluster: Cluster, backend: IngressBackend): Array<{ ip: string; port: number }> {
  const svc = cluster.store.peek(cluster.type('services'), backend.namespace, backend.service);
  if (!svc) return [];
  const port = (svc.spec?.ports ?? []).find(
    (p: { port: number; name?: string }) => p.port === backend.port || p.name === backend.port,
  );
  if (!port) return [];
  const ep = cluster.store.peek(cluster.type('endpoints'), backend.namespace, backend.service);
  const out: Array<{ ip: string; port: number }> = [];
  for (const subset of (ep?.subsets ?? []) as Array<{
    addresses?: Array<{ ip: string }>;
    ports?: Array<{ name?: string; port: number }>;
  }>) {
    const match = (subset.ports ?? []).find((p: { name?: string }) => (p.name ?? '') === (port.name ?? ''));
    if (!match) continue;
    for (const a of subset.addresses ?? []) out.push({ ip: a.ip, port: match.port });
  }
  return out;
}

/** The request nginx sends upstream (proxy_http_version 1.1, the client's Host). */
function upstreamRequest(req: HttpRequest, host: string): string {
  return `${req.method} ${req.target} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: ${req.headers.get('user-agent') ?? ''}\r\nAccept: ${req.headers.get('accept') ?? '*/*'}\r\n\r\n`;
}

function nginxHandler(cluster: Cluster, flags: ControllerFlags, ctx: ServerContext): TcpHandler {
  const pending = new WeakMap<ServerConn, string>();
  let roundRobin = 0;
  const answer = (req: HttpRequest, conn: ServerConn): string => {
    const headOnly = req.method === 'HEAD';
    const keepAlive = req.keepAlive;
    const host = (req.headers.get('host') ?? '').replace(/:\d+$/, '');
    const classes = cluster.store.scan(cluster.type('ingressclasses'));
    const ingresses = cluster.store
      .scan(cluster.type('ingresses'))
      .filter((i) => handlesIngress(i, classes, flags));
    const route = selectRoute(routesOf(ingresses), host, req.target.split('?')[0]);
    const now = ctx.now();
    if (!route) return errorResponse(STATUS_404, now, keepAlive, headOnly);
    const endpoints = endpointsOf(cluster, route.backend);
    if (endpoints.length === 0) return errorResponse(STATUS_503, now, keepAlive, headOnly);
    const pick = endpoints[roundRobin++ % endpoints.length];
    const pod = cluster.store.peek(cluster.type('pods'), ctx.env.POD_NAMESPACE ?? 'default', ctx.hostname);
    const from = podNamespace(cluster, pod?.spec?.nodeName ?? '', conn.local);
    const addr = parseIpv4(pick.ip);
    if (!from || addr === null) return errorResponse(STATUS_502, now, keepAlive, headOnly);
    const up: Upstream = { ...from, addr, port: pick.port };
    const stream = openUpstream(up);
    if (!stream) return errorResponse(STATUS_502, ctx.now(), keepAlive, headOnly);
    const got = exchange(up, stream, upstreamRequest(req, req.headers.get('host') ?? host), headOnly);
    closeUpstream(stream);
    return (
      proxiedResponse(got, ctx.now(), keepAlive, headOnly) ??
      errorResponse(STATUS_502, ctx.now(), keepAlive, headOnly)
    );
  };
  return {
    onData(conn, data) {
      let buffered = (pending.get(conn) ?? '') + data;
      for (let end = buffered.indexOf('\r\n\r\n'); end >= 0; end = buffered.indexOf('\r\n\r\n')) {
        const req = parseRequest(buffered.slice(0, end + 4));
        buffered = buffered.slice(end + 4);
        conn.write(answer(req, conn));
        if (!req.keepAlive) {
          conn.close();
          break;
        }
      }
      pending.set(conn, buffered);
    },
  };
}
