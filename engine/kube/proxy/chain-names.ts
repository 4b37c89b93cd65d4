// kube-proxy's per-service chain names (pkg/proxy/iptables/proxier.go portProtoHash and
// servicePortEndpointChainName): a prefix and the first 16 characters of
// base32(sha256(servicePortName + protocol [+ endpoint])).
import { base32, sha256 } from './sha256.ts';

const encoder = new TextEncoder();

function hash16(text: string): string {
  return base32(sha256(encoder.encode(text))).slice(0, 16);
}

/** proxy.ServicePortName.String(): "ns/name" plus ":port" when the port is named. */
export function servicePortNameString(namespace: string, name: string, port: string): string {
  return `${namespace}/${name}${port ? `:${port}` : ''}`;
}

/** The names of one service port's chains; protocol is lower case ("tcp"). */
export interface ServiceChains {
  cluster: string;
  local: string;
  firewall: string;
  external: string;
}

export function serviceChains(portName: string, protocol: string): ServiceChains {
  const h = hash16(portName + protocol);
  return {
    cluster: `KUBE-SVC-${h}`,
    local: `KUBE-SVL-${h}`,
    firewall: `KUBE-FW-${h}`,
    external: `KUBE-EXT-${h}`,
  };
}

/** KUBE-SEP-…: the chain of one endpoint ("ip:port") of a service port. */
export function endpointChain(portName: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${hash16(portName + protocol + endpoint)}`;
}

const SERVICE_CHAIN_PREFIXES = ['KUBE-SVC-', 'KUBE-SVL-', 'KUBE-SEP-', 'KUBE-FW-', 'KUBE-EXT-'];

/** isServiceChainName: the chains kube-proxy deletes when no service uses them any more. */
export function isServiceChainName(chain: string): boolean {
  return SERVICE_CHAIN_PREFIXES.some((p) => chain.startsWith(p));
}
