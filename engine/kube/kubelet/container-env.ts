// What a container sees of its pod: environment variables (env, envFrom, ConfigMap and
// Secret keys, downward API fields, service links) and files of mounted ConfigMaps/Secrets.
import type { KubeObject } from '../api/types.ts';

// biome-ignore lint/suspicious/noExplicitAny: container specs are open JSON
type Json = any;

export interface Lookup {
  configMap(namespace: string, name: string): KubeObject | undefined;
  secret(namespace: string, name: string): KubeObject | undefined;
}

function decode(b64: string): string {
  try {
    const bin = atob(b64);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return '';
  }
}

function fieldRef(pod: KubeObject, path: string): string {
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
      return pod.status?.hostIP ?? '';
    case 'status.podIP':
      return pod.status?.podIP ?? '';
  }
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (pod.metadata[m[1] as 'labels'] as Record<string, string> | undefined)?.[m[2]] ?? '';
  return '';
}

/** The container's environment in the order the kubelet builds it (envFrom, then env). */
export function containerEnv(
  pod: KubeObject,
  container: Record<string, Json>,
  lookup: Lookup,
): Record<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = lookup.configMap(ns, from.configMapRef.name);
      for (const [k, v] of Object.entries((cm?.data as Record<string, string>) ?? {})) env[prefix + k] = v;
    }
    if (from.secretRef) {
      const s = lookup.secret(ns, from.secretRef.name);
      for (const [k, v] of Object.entries((s?.data as Record<string, string>) ?? {}))
        env[prefix + k] = decode(v);
    }
  }
  for (const e of container.env ?? []) {
    if (e.value !== undefined) env[e.name] = expand(String(e.value), env);
    else if (e.valueFrom?.configMapKeyRef) {
      const r = e.valueFrom.configMapKeyRef;
      const data = lookup.configMap(ns, r.name)?.data as Record<string, string> | undefined;
      env[e.name] = data?.[r.key] ?? '';
    } else if (e.valueFrom?.secretKeyRef) {
      const r = e.valueFrom.secretKeyRef;
      const data = lookup.secret(ns, r.name)?.data as Record<string, string> | undefined;
      env[e.name] = decode(data?.[r.key] ?? '');
    } else if (e.valueFrom?.fieldRef) env[e.name] = fieldRef(pod, e.valueFrom.fieldRef.fieldPath);
    else env[e.name] = '';
  }
  return env;
}

/** $(VAR) references to earlier variables, as the kubelet expands them; $$ escapes. */
function expand(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name) => {
    if (m === '$$') return '$';
    return name in env ? env[name] : m;
  });
}

/** Files that ConfigMap, Secret and projected volumes put into the container. */
export function mountedFiles(
  pod: KubeObject,
  container: Record<string, Json>,
  lookup: Lookup,
): Record<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const files: Record<string, string> = {};
  const volumes = new Map<string, Json>((pod.spec?.volumes ?? []).map((v: Json) => [v.name, v]));
  for (const mount of container.volumeMounts ?? []) {
    const vol = volumes.get(mount.name);
    if (!vol) continue;
    const base = String(mount.mountPath).replace(/\/$/, '');
    const put = (
      data: Record<string, string>,
      items: Array<{ key: string; path: string }> | undefined,
      transform: (v: string) => string,
    ) => {
      const entries = items?.length ? items.map((i) => [i.path, data[i.key]] as const) : Object.entries(data);
      for (const [k, v] of entries)
        if (v !== undefined) files[mount.subPath ? base : `${base}/${k}`] = transform(v);
    };
    if (vol.configMap) {
      const cm = lookup.configMap(ns, vol.configMap.name);
      put((cm?.data as Record<string, string>) ?? {}, vol.configMap.items, (v) => v);
    } else if (vol.secret) {
      const s = lookup.secret(ns, vol.secret.secretName);
      put((s?.data as Record<string, string>) ?? {}, vol.secret.items, decode);
    }
  }
  return files;
}
