// The actions probes and lifecycle hooks take against a running container (pkg/probe/exec,
// pkg/probe/http, pkg/probe/tcp, pkg/kubelet/lifecycle/handlers.go): run a command in it, GET a
// URL from it, open a TCP connection to it; each gives a result and the output the kubelet
// puts into its events.
import type { ContainerFs } from './container-fs.ts';
import type { Listener } from './images.ts';
import { canRun } from './process.ts';

// biome-ignore lint/suspicious/noExplicitAny: handler specs are open JSON
type Json = any;

export type ProbeOutcome = 'success' | 'warning' | 'failure' | 'unknown';

export interface HandlerResult {
  outcome: ProbeOutcome;
  /** What probe events quote: command output, or the Go error / status text. */
  output: string;
}

/** The running container a handler acts on. */
export interface HandlerTarget {
  podIP: string;
  spec: Record<string, Json>;
  env: Record<string, string>;
  fs: ContainerFs;
  listener: Listener | null | 'any';
  /** Simulated ms since the container started. */
  uptimeMs: number;
  nowMs: number;
}

/** A port given by number or by the name of one of the container's ports. */
function resolvePort(port: Json, spec: Record<string, Json>): number | null {
  if (typeof port === 'number') return port;
  const text = String(port ?? '');
  if (/^\d+$/.test(text)) return Number(text);
  const named = (spec.ports ?? []).find((p: { name?: string }) => p.name === text);
  return named ? Number(named.containerPort) : null;
}

function listens(target: HandlerTarget, port: number): boolean {
  const l = target.listener;
  return l === 'any' || (l?.ports.includes(port) ?? false);
}

/** net.Dial's error for a closed port: "dial tcp 10.244.0.5:8080: connect: connection refused". */
function refused(host: string, port: number): string {
  return `dial tcp ${host}:${port}: connect: connection refused`;
}

/** exec: the command's combined output; a non-zero exit status is a failure. */
export function execAction(target: HandlerTarget, command: string[]): HandlerResult {
  // a program the engine does not have (redis-cli, pg_isready) is the image's: taken to succeed
  if (!canRun(command)) return { outcome: 'success', output: '' };
  const run = target.fs.exec(command, target.env, target.nowMs);
  const output = run.log.map((l) => l.text).join('');
  return { outcome: run.exitCode === 0 ? 'success' : 'failure', output };
}

/** The URL the kubelet builds: scheme://host:port + path (url.URL{Host: JoinHostPort}). */
function urlOf(action: Json, host: string, port: number): string {
  const scheme = String(action.scheme ?? 'HTTP').toLowerCase();
  const path = action.path ?? '';
  const prefixed = path && !path.startsWith('/') ? `/${path}` : path;
  return `${scheme}://${host}:${port}${prefixed}`;
}

/** httpGet: 2xx succeeds, 3xx is a warning, anything else fails (pkg/probe/http/http.go). */
export function httpGetAction(target: HandlerTarget, action: Json): HandlerResult {
  const host = action.host || target.podIP;
  const port = resolvePort(action.port, target.spec);
  if (port === null)
    return { outcome: 'unknown', output: `couldn't find port: ${action.port} in ${target.spec.name}` };
  const url = urlOf(action, host, port);
  if (!listens(target, port)) return { outcome: 'failure', output: `Get "${url}": ${refused(host, port)}` };
  const l = target.listener;
  const status = l !== 'any' && l?.httpStatus ? l.httpStatus(action.path || '/', target.uptimeMs) : 200;
  if (status >= 200 && status < 300) return { outcome: 'success', output: '' };
  if (status >= 300 && status < 400) return { outcome: 'warning', output: '' };
  return { outcome: 'failure', output: `HTTP probe failed with statuscode: ${status}` };
}

/** tcpSocket: connecting is all (pkg/probe/tcp/tcp.go). */
export function tcpSocketAction(target: HandlerTarget, action: Json): HandlerResult {
  const host = action.host || target.podIP;
  const port = resolvePort(action.port, target.spec);
  if (port === null)
    return { outcome: 'unknown', output: `couldn't find port: ${action.port} in ${target.spec.name}` };
  if (!listens(target, port)) return { outcome: 'failure', output: refused(host, port) };
  return { outcome: 'success', output: '' };
}

/** Runs whichever action a probe or hook specifies. */
export function runAction(target: HandlerTarget, handler: Json): HandlerResult {
  if (handler.exec) return execAction(target, handler.exec.command ?? []);
  if (handler.httpGet) return httpGetAction(target, handler.httpGet);
  if (handler.tcpSocket) return tcpSocketAction(target, handler.tcpSocket);
  return { outcome: 'unknown', output: '' };
}
