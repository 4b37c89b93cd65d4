// The offline catalog of well-known manifest URLs that `kubectl apply -f URL` reads: each URL
// with the exact bytes its server returns (taken from the project's repository at a tag).
import { DEPLOY_INGRESS_NGINX_YAML, INGRESS_USAGE_YAML } from './kind-ingress-examples.ts';

/** A published manifest: its bytes and the git blob they were taken from. */
export interface CatalogEntry {
  text: string;
  /** Repository, tag and path of the source file. */
  origin: string;
  /** `git hash-object` of the bytes (sha1 of "blob <len>\0" + bytes), for checking them. */
  gitBlob: string;
}

/** kind's site serves site/static/ at https://kind.sigs.k8s.io/ (hugo staticDir). */
const CATALOG: Record<string, CatalogEntry> = {
  'https://kind.sigs.k8s.io/examples/ingress/deploy-ingress-nginx.yaml': {
    text: DEPLOY_INGRESS_NGINX_YAML,
    origin: 'kubernetes-sigs/kind@v0.27.0:site/static/examples/ingress/deploy-ingress-nginx.yaml',
    gitBlob: '58185aad8deeb83eda0f2a20fbf99131efe017f0',
  },
  'https://kind.sigs.k8s.io/examples/ingress/usage.yaml': {
    text: INGRESS_USAGE_YAML,
    origin: 'kubernetes-sigs/kind@v0.27.0:site/static/examples/ingress/usage.yaml',
    gitBlob: '6e8e614be711bfdae523ff445247a7792c3d7202',
  },
};

/** The catalog entry for a URL, or undefined when the engine has no copy of it. */
export function catalogEntry(url: string): CatalogEntry | undefined {
  return Object.hasOwn(CATALOG, url) ? CATALOG[url] : undefined;
}

/** Every URL the catalog holds. */
export function catalogUrls(): string[] {
  return Object.keys(CATALOG);
}

/** Whether kubectl's resource builder takes a -f argument as a URL (builder.go: http:// or https://). */
export function isManifestUrl(file: string): boolean {
  return file.startsWith('http://') || file.startsWith('https://');
}

/**
 * What kubectl prints when a URL is not in the catalog: the simulated host has no resolver
 * (no /etc/resolv.conf), so Go's resolver asks 127.0.0.1:53 and [::1]:53 and is refused
 * ("dial tcp: lookup HOST on [::1]:53: read udp ...: read: connection refused"); kubectl's
 * StandardErrorMessage (cmd/util/helpers.go) turns a *url.Error mentioning "connection refused"
 * into this line. Recorded with kubectl v1.32.4:
 *   unshare --net --mount sh -c 'ip link set lo up; mount --bind /dev/null /etc/resolv.conf;
 *     kubectl apply -f https://kind.sigs.k8s.io/examples/ingress/deploy-ingress-nginx.yaml'
 * → "The connection to the server kind.sigs.k8s.io was refused - did you specify the right
 *   host or port?", exit status 1.
 */
export function unreachableUrlMessage(url: string): string {
  const host = url.replace(/^https?:\/\//, '').split(/[/?#]/)[0];
  return `The connection to the server ${host} was refused - did you specify the right host or port?`;
}
