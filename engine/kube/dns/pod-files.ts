// The files the kubelet and containerd give every container for name resolution: /etc/hosts
// (kubelet_pods.go managedHostsFileContent) and /etc/resolv.conf (pkg/kubelet/network/dns
// GetPodDNS for the pod's dnsPolicy and dnsConfig, written by containerd's resolv.conf
// renderer: search, nameserver lines, options). On a kind node the kubelet's --resolv-conf is
// the node's /etc/resolv.conf: docker's embedded DNS (127.0.0.11, `options ndots:0`, no search
// list) rewritten by kind's entrypoint to the docker network's gateway.
import type { KubeObject } from '../api/types.ts';
import { KIND_SUBNET } from '../kind/network.ts';
import { CLUSTER_DOMAIN } from './kubernetes-plugin.ts';

/** The kubelet's clusterDNS on kind: the kube-dns Service's ClusterIP (kubeadm: .10 of the service CIDR). */
export const CLUSTER_DNS_IP = '10.96.0.10';

/** The node's resolv.conf as the kubelet parses it (parseResolvConf). */
export const NODE_RESOLV = { servers: [KIND_SUBNET.gateway], searches: [] as string[], options: ['ndots:0'] };

interface DnsConfig {
  servers: string[];
  searches: string[];
  options: string[];
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

/** mergeDNSOptions: options by name, the pod's dnsConfig winning, `name:value` or bare `name`. */
function mergeOptions(existing: string[], extra: Array<{ name: string; value?: string }>): string[] {
  const byName = new Map<string, string>();
  for (const op of existing) {
    const i = op.indexOf(':');
    if (i >= 0) byName.set(op.slice(0, i), op.slice(i + 1));
    else byName.set(op, '');
  }
  for (const op of extra) byName.set(op.name, op.value ?? '');
  // Go ranges over a map here: the order is unspecified; insertion order stands in for it
  return [...byName].map(([name, value]) => (value ? `${name}:${value}` : name));
}

/** GetPodDNS: nameservers, search list and options for the pod. */
export function podDnsConfig(pod: KubeObject): DnsConfig {
  const spec = pod.spec ?? {};
  const namespace = pod.metadata.namespace ?? 'default';
  const policy = spec.dnsPolicy ?? 'ClusterFirst';
  let config: DnsConfig = { ...NODE_RESOLV, searches: [...NODE_RESOLV.searches] };
  const clusterFirst =
    policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && spec.hostNetwork !== true);
  if (policy === 'None') config = { servers: [], searches: [], options: [] };
  else if (clusterFirst) {
    config = {
      servers: [CLUSTER_DNS_IP],
      searches: unique([
        `${namespace}.svc.${CLUSTER_DOMAIN}`,
        `svc.${CLUSTER_DOMAIN}`,
        CLUSTER_DOMAIN,
        ...config.searches,
      ]),
      options: ['ndots:5'],
    };
  }
  const extra = spec.dnsConfig;
  if (extra) {
    config = {
      servers: unique([...config.servers, ...(extra.nameservers ?? [])]),
      searches: unique([...config.searches, ...(extra.searches ?? [])]),
      options: mergeOptions(config.options, extra.options ?? []),
    };
  }
  // formDNSConfigFitsLimits: at most 3 nameservers (MaxDNSNameservers) and 32 search domains
  return { ...config, servers: config.servers.slice(0, 3), searches: config.searches.slice(0, 32) };
}

/** containerd's resolv.conf for the sandbox. */
export function resolvConfContent(pod: KubeObject): string {
  const { servers, searches, options } = podDnsConfig(pod);
  let text = '';
  if (searches.length > 0) text += `search ${searches.join(' ')}\n`;
  if (servers.length > 0) text += `nameserver ${servers.join('\nnameserver ')}\n`;
  if (options.length > 0) text += `options ${options.join(' ')}\n`;
  return text;
}

/**
 * managedHostsFileContent for a pod on the pod network: the header, the default entries, the
 * pod's own line (its IP, then `<hostname>.<subdomain>.<ns>.svc.<domain>` when it has a
 * subdomain, then the hostname) and hostAliases.
 */
export function hostsFileContent(pod: KubeObject, podIp: string): string {
  const spec = pod.spec ?? {};
  const hostname: string = spec.hostname ?? pod.metadata.name ?? '';
  let text =
    '# Kubernetes-managed hosts file.\n' +
    '127.0.0.1\tlocalhost\n' +
    '::1\tlocalhost ip6-localhost ip6-loopback\n' +
    'fe00::0\tip6-localnet\n' +
    'fe00::0\tip6-mcastprefix\n' +
    'fe00::1\tip6-allnodes\n' +
    'fe00::2\tip6-allrouters\n';
  if (podIp) {
    const subdomain: string | undefined = spec.subdomain;
    const fqdn = subdomain
      ? `${hostname}.${subdomain}.${pod.metadata.namespace ?? 'default'}.svc.${CLUSTER_DOMAIN}\t`
      : '';
    text += `${podIp}\t${fqdn}${hostname}\n`;
  }
  const aliases: Array<{ ip: string; hostnames?: string[] }> = spec.hostAliases ?? [];
  if (aliases.length > 0) {
    text += '\n# Entries added by HostAliases.\n';
    for (const a of aliases) text += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
  }
  return text;
}
