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
  /** True if the default process serves forever (a daemon); false if it exits at once. */
  daemon: boolean;
  /** TCP ports the default process listens on. */
  ports: number[];
  /** Lines the default process writes to its log when it starts. */
  startupLog?: string[];
  /** Environment variables the image sets. */
  env?: Record<string, string>;
}

const KNOWN: Record<string, ImageBehaviour> = {
  'docker.io/library/nginx': {
    defaultArgv: ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'],
    daemon: true,
    ports: [80],
  },
  'docker.io/library/httpd': { defaultArgv: ['httpd-foreground'], daemon: true, ports: [80] },
  'docker.io/library/redis': {
    defaultArgv: ['docker-entrypoint.sh', 'redis-server'],
    daemon: true,
    ports: [6379],
  },
  'docker.io/library/busybox': { defaultArgv: ['sh'], daemon: false, ports: [] },
  'docker.io/library/alpine': { defaultArgv: ['/bin/sh'], daemon: false, ports: [] },
  'docker.io/library/ubuntu': { defaultArgv: ['/bin/bash'], daemon: false, ports: [] },
  'docker.io/library/debian': { defaultArgv: ['bash'], daemon: false, ports: [] },
  'docker.io/library/hello-world': { defaultArgv: ['/hello'], daemon: false, ports: [] },
  'registry.k8s.io/pause': { defaultArgv: ['/pause'], daemon: true, ports: [] },
};

export function behaviourOf(ref: ImageRef): ImageBehaviour {
  // unknown images are assumed to be long-running services
  return KNOWN[ref.repository] ?? { defaultArgv: [], daemon: true, ports: [] };
}
