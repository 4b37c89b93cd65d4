// The kubeconfig file kind writes and kubectl reads ($KUBECONFIG or ~/.kube/config):
// clusters, users and contexts merged by name, as clientcmd stores them.
import { parse, stringify } from 'yaml';

export interface NamedCluster {
  name: string;
  cluster: { server: string; 'certificate-authority-data'?: string; [k: string]: unknown };
}
export interface NamedContext {
  name: string;
  context: { cluster: string; user: string; namespace?: string };
}
export interface NamedUser {
  name: string;
  user: Record<string, unknown>;
}

export interface KubeConfig {
  apiVersion: 'v1';
  kind: 'Config';
  clusters: NamedCluster[];
  contexts: NamedContext[];
  'current-context': string;
  preferences: Record<string, unknown>;
  users: NamedUser[];
}

export function emptyConfig(): KubeConfig {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [],
    contexts: [],
    'current-context': '',
    preferences: {},
    users: [],
  };
}

export class KubeConfigError extends Error {}

export function parseKubeConfig(text: string): KubeConfig {
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    throw new KubeConfigError(e instanceof Error ? e.message : String(e));
  }
  const cfg = { ...emptyConfig(), ...((data as object) ?? {}) } as KubeConfig;
  cfg.clusters ??= [];
  cfg.contexts ??= [];
  cfg.users ??= [];
  cfg['current-context'] ??= '';
  return cfg;
}

/** Written in clientcmd's field order: apiVersion, clusters, contexts, current-context, kind, preferences, users. */
export function formatKubeConfig(cfg: KubeConfig): string {
  const ordered = {
    apiVersion: 'v1',
    clusters: cfg.clusters,
    contexts: cfg.contexts,
    'current-context': cfg['current-context'],
    kind: 'Config',
    preferences: cfg.preferences ?? {},
    users: cfg.users,
  };
  return stringify(ordered, { indent: 2, indentSeq: false, lineWidth: 0 });
}

function upsert<T extends { name: string }>(list: T[], item: T): void {
  const i = list.findIndex((x) => x.name === item.name);
  if (i >= 0) list[i] = item;
  else list.push(item);
}

/** kind's kubeconfig export: a kind-NAME cluster, user and context, made current. */
export function addKindContext(
  cfg: KubeConfig,
  clusterName: string,
  server: string,
  blobs: { ca: string; cert: string; key: string },
): KubeConfig {
  const name = `kind-${clusterName}`;
  upsert(cfg.clusters, { name, cluster: { 'certificate-authority-data': blobs.ca, server } });
  upsert(cfg.contexts, { name, context: { cluster: name, user: name } });
  upsert(cfg.users, { name, user: { 'client-certificate-data': blobs.cert, 'client-key-data': blobs.key } });
  cfg['current-context'] = name;
  return cfg;
}

export function removeKindContext(cfg: KubeConfig, clusterName: string): KubeConfig {
  const name = `kind-${clusterName}`;
  cfg.clusters = cfg.clusters.filter((c) => c.name !== name);
  cfg.contexts = cfg.contexts.filter((c) => c.name !== name);
  cfg.users = cfg.users.filter((c) => c.name !== name);
  if (cfg['current-context'] === name) cfg['current-context'] = '';
  return cfg;
}
