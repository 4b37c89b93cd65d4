// Container images as a node sees them: normalised references (docker.io/library/nginx:latest),
// digests and sizes derived from the name, pull times, and what well-known images run when
// a pod gives no command: a server that keeps running, or a shell that exits at once.
import { fnv32a } from '../workloads/hash.ts';

export interface ImageRef {
  /** As written in the pod spec. */
  spec: string;
  /** Fully qualified, as containerd reports it in status.image. */
  full: string;
  repository: string;
  tag: string;
}

/** Normalises like the docker reference library: default registry, library/, :latest. */
export function parseImage(spec: string): ImageRef | null {
  if (!spec || /\s/.test(spec) || /[A-Z]/.test(spec.split('@')[0].split(':')[0])) return null;
  let rest = spec;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at);
    rest = rest.slice(0, at);
  }
  let tag = '';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  const hasRegistry =
    parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost');
  let repository = rest;
  if (!hasRegistry) repository = parts.length === 1 ? `docker.io/library/${rest}` : `docker.io/${rest}`;
  if (!tag && !digest) tag = 'latest';
  const full = digest ? `${repository}${digest}` : `${repository}:${tag}`;
  return { spec, full, repository, tag };
}

function hex(seed: string, length: number): string {
  let out = '';
  let i = 0;
  while (out.length < length) out += fnv32a(`${seed}#${i++}`).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

export function imageDigest(ref: ImageRef): string {
  return `${ref.repository}@sha256:${hex(ref.full, 64)}`;
}

export function imageSize(ref: ImageRef): number {
  return 5_000_000 + (fnv32a(ref.full) % 140_000_000);
}

/** Simulated pull time in ms: between 1 and 9 seconds, fixed per image. */
export function pullMillis(ref: ImageRef): number {
  return 1000 + (fnv32a(`pull:${ref.full}`) % 8000);
}

/** Go's time.Duration.String() for whole milliseconds: "2.5s", "850ms", "1m2.5s". */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const minutes = Math.floor(ms / 60000);
  const seconds = (ms % 60000) / 1000;
  const s = `${Number(seconds.toFixed(3))}s`;
  return minutes > 0 ? `${minutes}m${s}` : s;
}

export interface ImageBehaviour {
  /** The entrypoint+cmd the image runs without command/args, as a shell-like argv. */
  defaultArgv: string[];
  /** How many leading words of defaultArgv are the image's ENTRYPOINT (args replace the rest). */
  entrypoint?: number;
  /** True if the default process serves forever (a daemon); false if it exits at once. */
  daemon: boolean;
  /** TCP ports the default process listens on. */
  ports: number[];
  /** Lines the default process writes to its log when it starts. */
  startupLog?: string[];
  /** Environment variables the image sets. */
  env?: Record<string, string>;
  /** Directories the image's file system has besides the usual ones. */
  dirs?: string[];
}

/** Directories every image's root file system is taken to have. */
const COMMON_DIRS = ['/usr/share', '/usr/lib', '/var/lib', '/var/cache', '/var/run'];

/** The directories to create in a container of this image before its process starts. */
export function imageDirs(ref: ImageRef): string[] {
  return [...COMMON_DIRS, ...(behaviourOf(ref).dirs ?? [])];
}

const KNOWN: Record<string, ImageBehaviour> = {
  'docker.io/library/nginx': {
    defaultArgv: ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'],
    entrypoint: 1,
    daemon: true,
    ports: [80],
    dirs: ['/usr/share/nginx/html', '/etc/nginx/conf.d', '/var/cache/nginx', '/var/log/nginx'],
  },
  'docker.io/library/httpd': {
    defaultArgv: ['httpd-foreground'],
    daemon: true,
    ports: [80],
    dirs: ['/usr/local/apache2/htdocs', '/usr/local/apache2/conf'],
  },
  'docker.io/library/redis': {
    defaultArgv: ['docker-entrypoint.sh', 'redis-server'],
    entrypoint: 1,
    daemon: true,
    ports: [6379],
  },
  'docker.io/library/busybox': { defaultArgv: ['sh'], daemon: false, ports: [] },
  'docker.io/library/alpine': { defaultArgv: ['/bin/sh'], daemon: false, ports: [] },
  'docker.io/library/ubuntu': { defaultArgv: ['/bin/bash'], daemon: false, ports: [] },
  'docker.io/library/debian': { defaultArgv: ['bash'], daemon: false, ports: [] },
  'docker.io/library/hello-world': { defaultArgv: ['/hello'], daemon: false, ports: [] },
  'registry.k8s.io/pause': { defaultArgv: ['/pause'], entrypoint: 1, daemon: true, ports: [] },
  'registry.k8s.io/busybox': { defaultArgv: ['sh'], daemon: false, ports: [] },
};

export function behaviourOf(ref: ImageRef): ImageBehaviour {
  // unknown images are assumed to be long-running services
  return KNOWN[ref.repository] ?? { defaultArgv: [], daemon: true, ports: [] };
}

/** What a container's process serves: TCP ports, and for HTTP servers the status per path. */
export interface Listener {
  ports: number[];
  /** HTTP status for a GET of `path` when the process has run `uptimeMs`; absent: not modelled. */
  httpStatus?: (path: string, uptimeMs: number) => number;
}

/** Paths the stock configuration serves from its document root (anything else is a 404). */
function staticSite(paths: string[]): (path: string) => number {
  return (path) => (paths.includes(path.split('?')[0] || '/') ? 200 : 404);
}

// nginx's default.conf: location / { root /usr/share/nginx/html; index index.html; }, and
// error_page 500 502 503 504 /50x.html; both files ship in the image.
const NGINX = staticSite(['/', '/index.html', '/50x.html']);
// httpd's htdocs holds index.html ("It works!") only.
const HTTPD = staticSite(['/', '/index.html']);

/**
 * agnhost liveness (test/images/agnhost/liveness/server.go): :8080, /healthz answers 200 for
 * the first 10 seconds and 500 after; /started 200; /redirect 302; other paths 404.
 */
function agnhostLiveness(path: string, uptimeMs: number): number {
  const p = path.split('?')[0];
  if (p === '/healthz') return uptimeMs > 10_000 ? 500 : 200;
  if (p === '/started') return 200;
  if (p === '/redirect') return 302;
  return 404;
}

/**
 * Who listens in a container running `argv` of image `ref`: a Listener, null when nothing
 * listens (a shell, a batch command), or 'any' for programs the engine does not know, which
 * are taken to answer whatever is asked of them.
 */
export function listenerOf(ref: ImageRef, argv: string[], explicit: boolean): Listener | null | 'any' {
  const runs = (...names: string[]) =>
    !explicit || argv.some((a) => names.includes(a.slice(a.lastIndexOf('/') + 1)));
  switch (ref.repository) {
    case 'docker.io/library/nginx':
      return runs('nginx') ? { ports: [80], httpStatus: (p) => NGINX(p) } : null;
    case 'docker.io/library/httpd':
      return runs('httpd', 'httpd-foreground') ? { ports: [80], httpStatus: (p) => HTTPD(p) } : null;
    case 'docker.io/library/redis':
      return runs('redis-server') ? { ports: [6379] } : null;
    case 'registry.k8s.io/e2e-test-images/agnhost':
      return argv[0] === 'liveness' ? { ports: [8080], httpStatus: agnhostLiveness } : 'any';
    case 'registry.k8s.io/goproxy':
      return { ports: [8080] };
    case 'docker.io/polinux/stress':
      return null;
  }
  return KNOWN[ref.repository] ? null : 'any';
}

/** Bytes a suffixed size of stress(1) means: b, k, m, g in powers of 1024. */
function stressBytes(text: string): number {
  const m = /^(\d+)([bkmgBKMG]?)$/.exec(text);
  if (!m) return 0;
  const unit = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase()] ?? 1;
  return Number(m[1]) * unit;
}

/**
 * Memory the process will try to hold, in bytes, when the engine can tell: `stress --vm N
 * --vm-bytes B` (polinux/stress, as in the docs' "Assign Memory Resources") keeps N×B.
 */
export function memoryDemand(ref: ImageRef, argv: string[]): number | null {
  if (ref.repository !== 'docker.io/polinux/stress') return null;
  const i = argv.findIndex((a) => a.slice(a.lastIndexOf('/') + 1) === 'stress');
  if (i < 0) return null;
  let workers = 0;
  let bytes = 256 * 1024 ** 2;
  const args = argv.slice(i + 1);
  for (let j = 0; j < args.length; j++) {
    if (args[j] === '--vm' || args[j] === '-m') workers = Number(args[++j]) || 0;
    else if (args[j] === '--vm-bytes') bytes = stressBytes(args[++j] ?? '');
  }
  return workers * bytes;
}
