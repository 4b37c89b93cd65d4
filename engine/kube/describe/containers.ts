// The Containers / Init Containers sections of pod and pod-template descriptions: image, ports,
// command, state, resources, probes, environment and mounts.
// Follows describeContainers and its helpers in pkg/describe/describe.go (kubectl v0.32.4) and
// pkg/util/resource.ExtractContainerResourceValue.

import { Quantity, quantityOf } from '../api/quantity.ts';
import type { KubeObject } from '../api/types.ts';
import { type Json, sortedKeys, stringOrNone } from './format.ts';
import { goQuote, goSlice, int, printBool, str } from './gofmt.ts';
import { goSort } from './gosort.ts';
import { formatRFC1123Z, parseGoTime } from './time.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './writer.ts';

/**
 * describeContainers. `pod` is the pod whose fieldRef env values get resolved (EnvValueRetriever);
 * templates pass null, as kubectl passes a nil resolver.
 */
export function describeContainers(
  label: string,
  containers: Json[] | undefined,
  statuses: Json[] | undefined,
  pod: KubeObject | null,
  w: PrefixWriter,
  space: string,
): void {
  const byName = new Map<string, Json>();
  for (const s of statuses ?? []) byName.set(s.name, s);
  const list = containers ?? [];
  w.write(LEVEL_0, `${space}${label}:${list.length === 0 ? ' <none>' : ''}\n`);
  for (const c of list) {
    const status = byName.get(c.name);
    describeBasicInfo(c, status, space, w);
    describeCommand(c, w);
    if (status) describeState(status, w);
    describeResources(c.resources, w, LEVEL_2);
    describeProbes(c, w);
    if ((c.envFrom ?? []).length > 0) describeEnvFrom(c, w);
    describeEnvVars(c, pod, w);
    describeMounts(c, w);
  }
}

function describeBasicInfo(c: Json, status: Json | undefined, space: string, w: PrefixWriter): void {
  w.write(LEVEL_1, `${space ? ' ' : ''}${c.name ?? ''}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${str(status.containerID)}\n`);
  w.write(LEVEL_2, `Image:\t${str(c.image)}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${str(status.imageID)}\n`);
  const ports = (c.ports ?? []).map((p: Json) => `${int(p.containerPort)}/${str(p.protocol)}`).join(', ');
  if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`);
  else w.write(LEVEL_2, `Port:\t${stringOrNone(ports)}\n`);
  const hostPorts = (c.ports ?? []).map((p: Json) => `${int(p.hostPort)}/${str(p.protocol)}`).join(', ');
  if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
  else w.write(LEVEL_2, `Host Port:\t${stringOrNone(hostPorts)}\n`);
  const seccomp = c.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_2, `SeccompProfile:\t${str(seccomp.type)}\n`);
    if (seccomp.type === 'Localhost')
      w.write(LEVEL_3, `LocalhostProfile:\t${str(seccomp.localhostProfile)}\n`);
  }
}

function describeCommand(c: Json, w: PrefixWriter): void {
  for (const [title, items] of [
    ['Command', c.command],
    ['Args', c.args],
  ] as const) {
    if (!items || items.length === 0) continue;
    w.write(LEVEL_2, `${title}:\n`);
    for (const item of items as string[]) {
      for (const line of item.split('\n')) w.write(LEVEL_3, `${line}\n`);
    }
  }
}

/** describeResources: Limits then Requests, each sorted by resource name. */
export function describeResources(resources: Json | undefined, w: PrefixWriter, level: number): void {
  if (!resources) return;
  for (const [title, list] of [
    ['Limits', resources.limits],
    ['Requests', resources.requests],
  ] as const) {
    const names = sortedKeys(list);
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${quantityOf(list[name])}\n`);
  }
}

function describeState(status: Json, w: PrefixWriter): void {
  describeStatus('State', status.state ?? {}, w);
  if (status.lastState?.terminated) describeStatus('Last State', status.lastState, w);
  w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
  w.write(LEVEL_2, `Restart Count:\t${int(status.restartCount)}\n`);
}

function describeStatus(name: string, state: Json, w: PrefixWriter): void {
  if (state.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(parseGoTime(state.running.startedAt))}\n`);
  } else if (state.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${int(t.exitCode)}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${int(t.signal)}\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(parseGoTime(t.startedAt))}\n`);
    w.write(LEVEL_3, `Finished:\t${formatRFC1123Z(parseGoTime(t.finishedAt))}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

function describeProbes(c: Json, w: PrefixWriter): void {
  if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
}

/** IntOrString.String() of a non-pointer field: the zero value prints "0". */
function intOrString(v: unknown): string {
  return v === undefined || v === null ? '0' : String(v);
}

/** url.URL escaping of a path (shouldEscape with encodePath). */
function escapePath(path: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(path)) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~$&+,/:;=@]/.test(ch)) out += ch;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** net.JoinHostPort. */
function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** DescribeProbe: "http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3". */
export function describeProbe(p: Json): string {
  const attrs =
    `delay=${int(p.initialDelaySeconds)}s timeout=${int(p.timeoutSeconds)}s period=${int(p.periodSeconds)}s ` +
    `#success=${int(p.successThreshold)} #failure=${int(p.failureThreshold)}`;
  if (p.exec) return `exec ${goSlice(p.exec.command)} ${attrs}`;
  if (p.httpGet) {
    const h = p.httpGet;
    const port = intOrString(h.port);
    const host = port.length > 0 ? joinHostPort(str(h.host), port) : str(h.host);
    const path = str(h.path);
    let url = '';
    const scheme = str(h.scheme).toLowerCase();
    if (scheme) url += `${scheme}:`;
    if (scheme || host) url += `//${host}`;
    if (path && !path.startsWith('/') && host) url += '/';
    url += escapePath(path);
    return `http-get ${url} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${str(p.tcpSocket.host)}:${intOrString(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${int(p.grpc.port)} ${str(p.grpc.service)} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeEnvFrom(c: Json, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Environment Variables from:\n');
  for (const e of c.envFrom ?? []) {
    let from = '';
    let name = '';
    let optional = false;
    if (e.configMapRef) {
      [from, name, optional] = ['ConfigMap', str(e.configMapRef.name), e.configMapRef.optional === true];
    } else if (e.secretRef) {
      [from, name, optional] = ['Secret', str(e.secretRef.name), e.secretRef.optional === true];
    }
    if (!e.prefix) w.write(LEVEL_3, `${name}\t${from}\tOptional: ${optional}\n`);
    else w.write(LEVEL_3, `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
  }
}

/**
 * EnvValueRetriever: kubectl's scheme converts only metadata.name and metadata.namespace field
 * labels for pods (DefaultMetaV1FieldSelectorConversion), so every other fieldRef shows empty.
 */
function fieldRefValue(pod: KubeObject | null, fieldPath: string): string {
  if (!pod) return '';
  if (fieldPath === 'metadata.name') return pod.metadata.name ?? '';
  if (fieldPath === 'metadata.namespace') return pod.metadata.namespace ?? '';
  return '';
}

/** ExtractContainerResourceValue: ceil(value / divisor) of a container limit or request. */
function resourceFieldValue(ref: Json, c: Json): string {
  const divisorQ = quantityOf(ref.divisor);
  const divisor = divisorQ.isZero() ? Quantity.parse('1') : divisorQ;
  const m = /^(limits|requests)\.(.+)$/.exec(str(ref.resource));
  if (!m) return '';
  const [, kind, name] = m;
  if (!['cpu', 'memory', 'ephemeral-storage'].includes(name) && !name.startsWith('hugepages-')) return '';
  const q = quantityOf((kind === 'limits' ? c.resources?.limits : c.resources?.requests)?.[name]);
  const ratio =
    name === 'cpu'
      ? Number(q.milliValue()) / Number(divisor.milliValue())
      : Number(q.intValue()) / Number(divisor.intValue());
  return String(Math.ceil(ratio));
}

function describeEnvVars(c: Json, pod: KubeObject | null, w: PrefixWriter): void {
  const env: Json[] = c.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    if (!e.valueFrom) {
      str(e.value)
        .split('\n')
        .forEach((line, i) => {
          w.write(LEVEL_3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`);
        });
      continue;
    }
    const v = e.valueFrom;
    if (v.fieldRef) {
      const value = fieldRefValue(pod, str(v.fieldRef.fieldPath));
      w.write(LEVEL_3, `${e.name}:\t${value} (${str(v.fieldRef.apiVersion)}:${str(v.fieldRef.fieldPath)})\n`);
    } else if (v.resourceFieldRef) {
      let value = resourceFieldValue(v.resourceFieldRef, c);
      const resource = str(v.resourceFieldRef.resource);
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory'))
        value = 'node allocatable';
      w.write(LEVEL_3, `${e.name}:\t${value} (${resource})\n`);
    } else if (v.secretKeyRef) {
      const r = v.secretKeyRef;
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${str(r.key)}' in secret '${str(r.name)}'>\tOptional: ${r.optional === true}\n`,
      );
    } else if (v.configMapKeyRef) {
      const r = v.configMapKeyRef;
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${str(r.key)}' of config map '${str(r.name)}'>\tOptional: ${r.optional === true}\n`,
      );
    }
  }
}

function describeMounts(c: Json, w: PrefixWriter): void {
  const mounts: Json[] = c.volumeMounts ?? [];
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  for (const m of goSort([...mounts], (a, b) => str(a.mountPath) < str(b.mountPath))) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${goQuote(m.subPath)}`);
    w.write(LEVEL_3, `${str(m.mountPath)} from ${str(m.name)} (${flags.join(',')})\n`);
  }
  const devices: Json[] = c.volumeDevices ?? [];
  if (devices.length > 0) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    for (const d of goSort([...devices], (a, b) => str(a.devicePath) < str(b.devicePath))) {
      w.write(LEVEL_3, `${str(d.devicePath)} from ${str(d.name)}\n`);
    }
  }
}
