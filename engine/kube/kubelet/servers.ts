// The TCP servers a container's process runs, listening in its pod's network namespace on the
// node host while the container runs: nginx's default site (or the files mounted over its
// document root), agnhost's serve-hostname and netexec, and hashicorp/http-echo. Programs
// not listed here listen nowhere; images.ts listenerOf() still answers probes for them.
import { listenTcp, type TcpHandler, type TcpListener } from '../../net/server/listen.ts';
import { NGINX_INDEX_HTML, NGINX_VERSION, type NginxFile, nginxHandler } from '../../net/server/nginx.ts';
import type { Cluster } from '../cluster.ts';
import { goHttpHandler } from './go-http.ts';
import type { ImageRef } from './images.ts';
import { type ContainerNet, podNetworkHosts } from './pod-network.ts';

/** A port the container's process listens on and the program answering there. */
export interface ServedPort {
  port: number;
  handler: TcpHandler;
}

/** What the process needs to answer: its hostname (os.Hostname(): the pod name), the clock. */
export interface ServerContext {
  hostname: string;
  now: () => number;
  /** Files the pod's volumes put in the container (path → content), and when. */
  mounts: Record<string, string>;
  mountPaths: string[];
  startedMs: number;
  env: Record<string, string>;
}

// ---- nginx ----------------------------------------------------------------------------------

/**
 * nginx releases whose docs/html pages are those of release-1.27.5 (index.html is unchanged
 * from release-1.21.2, commit b381cbc08, to release-1.29.5; checked in github:nginx/nginx), with
 * the committer time of each release tag's commit in seconds: the mtime the image's index.html
 * carries (1.27.5's, 1744804871 = Wed, 16 Apr 2025 12:01:11 GMT, is what test/engine/net-clients
 * takes for the nginx model's Last-Modified).
 */
const NGINX_RELEASES: Record<string, number> = {
  '1.25.0': 1684854499,
  '1.25.1': 1686668889,
  '1.25.2': 1692118984,
  '1.25.3': 1698155206,
  '1.25.4': 1707911746,
  '1.25.5': 1713277670,
  '1.26.0': 1713879608,
  '1.26.1': 1716902814,
  '1.26.2': 1723472745,
  '1.26.3': 1738773647,
  '1.27.0': 1716902378,
  '1.27.1': 1723472452,
  '1.27.2': 1727881999,
  '1.27.3': 1732636500,
  '1.27.4': 1738772022,
  '1.27.5': 1744804871,
  '1.28.0': 1745408934,
};

/** Branches whose last release is known (a later branch replaced them): the tag X.Y means it. */
const NGINX_BRANCH_LAST: Record<string, string> = { '1.25': '1.25.5', '1.26': '1.26.3', '1.27': '1.27.5' };

/** Floating tags of the era the engine's nginx model stands for (mainline 1.27.5). */
const NGINX_FLOATING = new Set([
  'latest',
  'mainline',
  '1',
  'alpine',
  'mainline-alpine',
  'perl',
  'alpine-slim',
]);

/** docs/html/50x.html at release-1.27.5 (the default.conf's error_page for 5xx). */
const NGINX_50X_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

/**
 * The nginx version an image tag stands for, or null when the engine cannot tell which pages
 * it serves: a full version (with a variant suffix such as -alpine or -bookworm) among the
 * releases above, X.Y of a finished branch (its last release), or a floating tag (1.27.5).
 */
export function nginxVersionOf(tag: string): string | null {
  if (NGINX_FLOATING.has(tag)) return NGINX_VERSION;
  const m = /^(\d+\.\d+)(\.\d+)?(?:-[a-z0-9-]+)?$/.exec(tag);
  if (!m) return null;
  const version = m[2] ? `${m[1]}${m[2]}` : NGINX_BRANCH_LAST[m[1]];
  return version && version in NGINX_RELEASES ? version : null;
}

/** nginx's document root in the image (the stock default.conf's `root /usr/share/nginx/html`). */
const NGINX_ROOT = '/usr/share/nginx/html';

/** conf/mime.types of release-1.27.5 for common extensions; nginx.conf's default_type otherwise. */
const MIME: Record<string, string> = {
  html: 'text/html',
  htm: 'text/html',
  shtml: 'text/html',
  css: 'text/css',
  js: 'application/javascript',
  txt: 'text/plain',
  json: 'application/json',
};

function mimeOf(path: string): string {
  const ext = path.slice(path.lastIndexOf('/') + 1).split('.');
  return (ext.length > 1 && MIME[ext[ext.length - 1].toLowerCase()]) || 'application/octet-stream';
}

/**
 * The files nginx serves: the image's pages, or, when a volume is mounted over the document
 * root, the files the volume brings (written when the pod started).
 */
function nginxFiles(version: string, ctx: ServerContext): Map<string, NginxFile> {
  const files = new Map<string, NginxFile>();
  const shadowed = ctx.mountPaths.some((p) => p.replace(/\/$/, '') === NGINX_ROOT);
  if (!shadowed) {
    const mtimeMs = NGINX_RELEASES[version] * 1000;
    files.set('/index.html', { body: NGINX_INDEX_HTML, mtimeMs });
    files.set('/50x.html', { body: NGINX_50X_HTML, mtimeMs });
  }
  for (const [path, body] of Object.entries(ctx.mounts)) {
    if (!path.startsWith(`${NGINX_ROOT}/`)) continue;
    const rel = path.slice(NGINX_ROOT.length);
    files.set(rel, { body, mtimeMs: ctx.startedMs, contentType: mimeOf(rel) });
  }
  return files;
}

// ---- argument parsing -----------------------------------------------------------------------

/**
 * A flag's value as Go's flag and spf13/pflag read it: `-name=v`, `--name=v`, `-name v`,
 * `--name v`; the last one given wins. Undefined when absent.
 */
function flagValue(args: string[], name: string, singleDash: boolean): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const prefixes = singleDash ? [`-${name}`, `--${name}`] : [`--${name}`];
    for (const p of prefixes) {
      if (a === p && i + 1 < args.length) value = args[++i];
      else if (a.startsWith(`${p}=`)) value = a.slice(p.length + 1);
    }
  }
  return value;
}

/** A pflag boolean: `--name` or `--name=true|false`. */
function boolFlag(args: string[], name: string, fallback: boolean): boolean {
  let value = fallback;
  for (const a of args) {
    if (a === `--${name}`) value = true;
    else if (a.startsWith(`--${name}=`))
      value = ['true', '1', 't', 'T', 'TRUE', 'True'].includes(a.slice(name.length + 3));
  }
  return value;
}

function portFrom(text: string | undefined, fallback: number): number | null {
  if (text === undefined) return fallback;
  const port = Number(text.slice(text.lastIndexOf(':') + 1));
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
}

// ---- agnhost ----------------------------------------------------------------------------------

/**
 * agnhost serve-hostname (test/images/agnhost/serve-hostname/serve_hostname.go): --port 9376;
 * HTTP by default, answering every path with the hostname and no newline (--close adds a
 * `Connection: close` header); with --tcp --http=false a raw TCP server that writes the
 * hostname and closes. --udp has no UDP server here; HTTP with --tcp or --udp is a fatal error.
 */
function serveHostname(args: string[], ctx: ServerContext): ServedPort[] {
  const tcp = boolFlag(args, 'tcp', false);
  const udp = boolFlag(args, 'udp', false);
  const http = boolFlag(args, 'http', true);
  const port = portFrom(flagValue(args, 'port', false), 9376);
  if (port === null || (http && (tcp || udp))) return [];
  if (tcp)
    return [
      {
        port,
        handler: {
          onOpen(conn) {
            conn.write(ctx.hostname);
            conn.close();
          },
          onData() {},
        },
      },
    ];
  if (!http) return [];
  const close = boolFlag(args, 'close', false);
  const handler = goHttpHandler(ctx.now, () => ({
    status: 200,
    headers: close ? { Connection: 'close' } : ({} as Record<string, string>),
    body: ctx.hostname,
  }));
  return [{ port, handler }];
}

/** Go's url.QueryUnescape for a query value: %XX and + as space; null when malformed. */
function queryValue(target: string, name: string): string | null {
  const query = target.includes('?') ? target.slice(target.indexOf('?') + 1) : '';
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (key !== name) continue;
    try {
      return decodeURIComponent((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' '));
    } catch {
      return null;
    }
  }
  return '';
}

/**
 * agnhost netexec (test/images/agnhost/netexec/netexec.go): HTTP on --http-port (8080) with
 * /hostname and /hostName (the hostname), /clientip (the peer as "ip:port"), /echo?msg= (the
 * message; the `code` parameter is not modelled) and /healthz (200, empty). Other paths reach
 * its root handler, whose "NOW: <Go time.Time>" the engine does not model: the connection is
 * closed unanswered. Its UDP server (8081) is not modelled either.
 */
function netexec(args: string[], ctx: ServerContext): ServedPort[] {
  const port = portFrom(flagValue(args, 'http-port', false), 8080);
  if (port === null || flagValue(args, 'tls-cert-file', false) || flagValue(args, 'http-override', false))
    return [];
  const handler = goHttpHandler(ctx.now, (req, conn) => {
    const path = req.target.split('?')[0];
    const ok = (body: string) => ({ status: 200, headers: {}, body });
    if (path === '/hostname' || path === '/hostName') return ok(ctx.hostname);
    if (path === '/clientip') return ok(`${ipv4(conn.remote)}:${conn.remotePort}`);
    if (path === '/healthz') return ok('');
    if (path === '/echo') {
      const msg = queryValue(req.target, 'msg');
      if (msg !== null && queryValue(req.target, 'code') === '') return ok(msg);
    }
    return null;
  });
  return [{ port, handler }];
}

function ipv4(addr: number): string {
  return [24, 16, 8, 0].map((s) => (addr >>> s) & 255).join('.');
}

function agnhost(argv: string[], ctx: ServerContext): ServedPort[] {
  // the image's ENTRYPOINT is /agnhost; a command may name it, args alone start at the subcommand
  const base = (a: string) => a.slice(a.lastIndexOf('/') + 1);
  const args = argv.length > 0 && base(argv[0]) === 'agnhost' ? argv.slice(1) : argv;
  if (args[0] === 'serve-hostname') return serveHostname(args.slice(1), ctx);
  if (args[0] === 'netexec') return netexec(args.slice(1), ctx);
  return [];
}

/** Whether Go's flag package leaves arguments after the flags (-version is a bool flag). */
function hasPositional(args: string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return i + 1 < args.length;
    if (!a.startsWith('-') || a === '-') return true;
    if (!a.includes('=') && !/^--?version$/.test(a)) i++;
  }
  return false;
}

// ---- hashicorp/http-echo ------------------------------------------------------------------------

/** Tags of hashicorp/http-echo whose source is v1.0.0 (version/VERSION 1.0.0, built with it). */
const HTTP_ECHO_TAGS = new Set(['latest', '1.0', '1.0.0']);

/**
 * hashicorp/http-echo v1.0.0 (main.go, handlers.go): -listen (":5678"), -text or $ECHO_TEXT
 * (required), -status-code (200). "/health" answers {"status":"ok"} and every other path the
 * text, each with a newline and the X-App-Name / X-App-Version headers.
 */
function httpEcho(argv: string[], ctx: ServerContext): ServedPort[] {
  const args = argv.length > 0 && argv[0].endsWith('http-echo') ? argv.slice(1) : argv;
  const text = flagValue(args, 'text', true) || ctx.env.ECHO_TEXT || '';
  const port = portFrom(flagValue(args, 'listen', true), 5678);
  const status = Number(flagValue(args, 'status-code', true) ?? '200');
  // flag.Args(): anything after the flags makes it exit with "Too many arguments!"
  if (!text || port === null || !Number.isInteger(status) || hasPositional(args)) return [];
  const headers = { 'X-App-Name': 'http-echo', 'X-App-Version': '1.0.0' };
  const handler = goHttpHandler(ctx.now, (req) => {
    if (req.target.split('?')[0] === '/health') return { status: 200, headers, body: '{"status":"ok"}\n' };
    return { status, headers, body: `${text}\n` };
  });
  return [{ port, handler }];
}

// ---- what a container serves --------------------------------------------------------------------

// ---- programs add-ons model (engine/kube/addons) ------------------------------------------------

/** A program an add-on models for an image repository: what it serves, or a run that ends. */
export interface ImageProgram {
  serve?(argv: string[], ctx: ServerContext): ServedPort[];
  /** A batch program: how long after its start it exits, with which status (null: it runs on). */
  run?(argv: string[], ctx: ServerContext): { exitAfterMs: number; exitCode: number } | null;
}

const PROGRAMS_KEY = 'image-programs';

/** Registers the program containers of `repository` run on this cluster's nodes. */
export function registerImageProgram(cluster: Cluster, repository: string, program: ImageProgram): void {
  let programs = cluster.components.get(PROGRAMS_KEY) as Map<string, ImageProgram> | undefined;
  if (!programs) {
    programs = new Map();
    cluster.components.set(PROGRAMS_KEY, programs);
  }
  programs.set(repository, program);
}

/** The program an add-on registered for the image repository, if any. */
export function imageProgram(cluster: Cluster, repository: string): ImageProgram | undefined {
  return (cluster.components.get(PROGRAMS_KEY) as Map<string, ImageProgram> | undefined)?.get(repository);
}

/**
 * The ports the process of a container of image `ref` running `argv` listens on, with what
 * answers there. `explicit`: the pod gave a command or args (a shell in an nginx image serves
 * nothing). Programs add-ons registered on `cluster` come first.
 */
export function servedPorts(
  ref: ImageRef,
  argv: string[],
  explicit: boolean,
  ctx: ServerContext,
  cluster?: Cluster,
): ServedPort[] {
  const program = cluster ? imageProgram(cluster, ref.repository) : undefined;
  if (program?.serve) return program.serve(argv, ctx);
  const runs = (name: string) => !explicit || argv.some((a) => a.slice(a.lastIndexOf('/') + 1) === name);
  switch (ref.repository) {
    case 'docker.io/library/nginx': {
      const version = nginxVersionOf(ref.tag);
      if (!version || !runs('nginx')) return [];
      return [{ port: 80, handler: nginxHandler(nginxFiles(version, ctx), ctx.now, version) }];
    }
    case 'registry.k8s.io/e2e-test-images/agnhost':
      return agnhost(argv, ctx);
    case 'docker.io/hashicorp/http-echo':
      return HTTP_ECHO_TAGS.has(ref.tag) ? httpEcho(argv, ctx) : [];
  }
  return [];
}

/** The listeners of one running container; stop() closes them all. */
export interface ContainerServers {
  listeners: TcpListener[];
  stop(): void;
}

/**
 * listen()s each served port in the container's network namespace on node `nodeName`'s host
 * (the node's own namespace for hostNetwork pods). A port something already listens on (another
 * container of the pod) is skipped, as the process would fail to bind it. Null without a node host.
 */
export function startServers(
  cluster: Cluster,
  nodeName: string,
  net: ContainerNet | undefined,
  ports: ServedPort[],
): ContainerServers | null {
  const hosts = podNetworkHosts(cluster);
  const host = hosts?.hostOf(nodeName);
  if (!hosts || !host || !net || ports.length === 0) return null;
  const ns = net.ns ?? net.stack.root;
  const listeners: TcpListener[] = [];
  for (const { port, handler } of ports) {
    try {
      listeners.push(listenTcp(hosts.world, host, ns, port, handler));
    } catch {
      // EADDRINUSE: the port is taken in this namespace
    }
  }
  return {
    listeners,
    stop() {
      for (const l of listeners.splice(0)) l.close();
    },
  };
}
