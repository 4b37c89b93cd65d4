// Which backend ingress-nginx sends a request to: the Ingresses of its class (ingressClassName
// "nginx", or none with --watch-ingress-without-class), a server per host (rules without a host
// join the catch-all server "_"), and within a server nginx's location choice: exact (Exact
// pathType, `location = /p`) first, then the longest prefix (Prefix `/p` matches /p and /p/...,
// element-wise; ImplementationSpecific is a plain nginx prefix location).
import type { KubeObject } from '../../api/types.ts';

export interface IngressBackend {
  namespace: string;
  service: string;
  /** spec...backend.service.port: a number or a name. */
  port: number | string;
}

export interface IngressRoute {
  host: string;
  path: string;
  pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  backend: IngressBackend;
}

/** The controller's flags that decide which Ingresses it takes (the kind manifest's values). */
export interface ClassConfig {
  ingressClass: string;
  controllerClass: string;
  watchWithoutClass: boolean;
}

/**
 * Whether the controller handles the Ingress (store.go GetIngressClass, v1.12.0-beta.0): its
 * ingressClassName names an IngressClass whose spec.controller is the controller's (the lister
 * holds only those), else the kubernetes.io/ingress.class annotation equals --ingress-class,
 * else --watch-ingress-without-class. (A default IngressClass is the API server's admission
 * plugin's business: it sets ingressClassName at creation.)
 */
export function handlesIngress(ing: KubeObject, classes: KubeObject[], cfg: ClassConfig): boolean {
  const name = ing.spec?.ingressClassName;
  if (name)
    return classes.some((c) => c.metadata.name === name && c.spec?.controller === cfg.controllerClass);
  const annotation = ing.metadata.annotations?.['kubernetes.io/ingress.class'];
  if (annotation !== undefined) return annotation === cfg.ingressClass;
  return cfg.watchWithoutClass;
}

/** The routes of the handled Ingresses, oldest Ingress first (its rules win a tie). */
export function routesOf(ingresses: KubeObject[]): IngressRoute[] {
  const routes: IngressRoute[] = [];
  const sorted = [...ingresses].sort((a, b) =>
    (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''),
  );
  for (const ing of sorted) {
    const namespace = ing.metadata.namespace ?? 'default';
    for (const rule of ing.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) {
        const svc = p.backend?.service;
        if (!svc) continue;
        routes.push({
          host: rule.host ?? '',
          path: p.path || '/',
          pathType: p.pathType ?? 'ImplementationSpecific',
          backend: { namespace, service: svc.name, port: svc.port?.number ?? svc.port?.name ?? 80 },
        });
      }
    }
    // spec.defaultBackend becomes the catch-all server's `location /` when no rule claims it
    const def = ing.spec?.defaultBackend?.service;
    if (def)
      routes.push({
        host: '',
        path: '/',
        pathType: 'Prefix',
        backend: { namespace, service: def.name, port: def.port?.number ?? def.port?.name ?? 80 },
      });
  }
  return routes;
}

/** A host of a rule matches the request's Host: exactly, or `*.x` one leading label. */
function hostMatches(ruleHost: string, host: string): boolean {
  if (ruleHost.startsWith('*.')) {
    const rest = ruleHost.slice(1);
    return host.endsWith(rest) && !host.slice(0, -rest.length).includes('.') && host.length > rest.length;
  }
  return ruleHost === host;
}

function pathMatches(route: IngressRoute, path: string): boolean {
  if (route.pathType === 'Exact') return path === route.path;
  if (route.pathType === 'Prefix') {
    const prefix = route.path.replace(/\/+$/, '');
    return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
  }
  return path.startsWith(route.path);
}

/**
 * The route for a request to `host` (the Host header without its port) and `path` (without
 * the query): the server for the host, else the catch-all; in it an exact match, else the
 * longest matching prefix. Null: the default backend answers (404).
 */
export function selectRoute(routes: IngressRoute[], host: string, path: string): IngressRoute | null {
  const named = routes.filter((r) => r.host !== '' && hostMatches(r.host, host));
  // an exact server name beats a wildcard one (nginx server_name order)
  const exactHost = named.filter((r) => r.host === host);
  const server = exactHost.length ? exactHost : named.length ? named : routes.filter((r) => r.host === '');
  const exact = server.find((r) => r.pathType === 'Exact' && r.path === path);
  if (exact) return exact;
  let best: IngressRoute | null = null;
  for (const r of server) {
    if (r.pathType === 'Exact' || !pathMatches(r, path)) continue;
    if (!best || r.path.length > best.path.length) best = r;
  }
  return best;
}
