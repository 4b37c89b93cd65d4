// Cluster DNS as a kind cluster has it: what the kubelet needs (the pod's /etc/resolv.conf and
// /etc/hosts, CoreDNS started in the coredns image's containers), the stub resolver the TCP
// tools use after /etc/hosts (the client tools are in commands.ts).
import type { KubeObject } from '../api/types.ts';
import { hostsFileContent, resolvConfContent } from './pod-files.ts';
import { installDnsResolver } from './resolver.ts';

export { isCoreDnsImage, startCoreDns, stopCoreDns } from './coredns-server.ts';

installDnsResolver();

/**
 * The name-resolution files of a container: /etc/resolv.conf always, /etc/hosts (the
 * kubelet-managed one) for pods on the pod network; hostNetwork pods keep the node's.
 */
export function podDnsFiles(pod: KubeObject, podIp: string): Record<string, string> {
  const files: Record<string, string> = { '/etc/resolv.conf': resolvConfContent(pod) };
  if (pod.spec?.hostNetwork !== true) files['/etc/hosts'] = hostsFileContent(pod, podIp);
  return files;
}
