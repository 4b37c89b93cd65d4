// kube-proxy 1.32's iptables mode as a pure function (pkg/proxy/iptables/proxier.go
// syncProxyRules): from Services, EndpointSlices and the node's facts to the
// iptables-restore input it writes with --noflush (filter table, then nat). Service ports are
// processed in name order (Go iterates a map; the order within each chain is what differs).
import type { KubeObject } from '../api/types.ts';
import { categorizeEndpoints, externallyAccessible } from './categorize.ts';
import { isServiceChainName } from './chain-names.ts';
import {
  type EndpointInfo,
  endpointsByServicePort,
  type ServicePortInfo,
  servicePortKey,
  servicePorts,
} from './service-ports.ts';

export interface ProxierConfig {
  nodeName: string;
  nodeIP: string;
  /** detect-local-mode ClusterCIDR: the cluster CIDR (kind: 10.244.0.0/16); null = not implemented. */
  clusterCIDR: string | null;
  /** fmt.Sprintf("%#08x", 1<<masqueradeBit): 0x4000 for the default bit 14. */
  masqueradeMark: string;
  masqueradeAll: boolean;
  localhostNodePorts: boolean;
  /** iptables.HasRandomFully(): MASQUERADE gets --random-fully. */
  randomFully: boolean;
  /** nfacct counters that exist (nfacct.Ensure succeeded). */
  nfacctInvalidDropped: boolean;
  nfacctLocalhostNodePorts: boolean;
  /** sysctl nf_conntrack_tcp_be_liberal != 0: no INVALID drop rule. */
  conntrackTCPLiberal: boolean;
}

/** Chains and rules of kube-proxy's jump rules in built-in chains (iptablesJumpChains, then iptablesKubeletJumpChains). */
export interface JumpRule {
  table: 'filter' | 'nat';
  chain: string;
  src: string;
  args: string[];
}

const SERVICES = 'KUBE-SERVICES';
const EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
const NODEPORTS = 'KUBE-NODEPORTS';
const POSTROUTING = 'KUBE-POSTROUTING';
const MARK_MASQ = 'KUBE-MARK-MASQ';
const FORWARD = 'KUBE-FORWARD';
const PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
const KUBELET_FIREWALL = 'KUBE-FIREWALL';
const LARGE_CLUSTER_ENDPOINTS = 1000;
const NFACCT_INVALID = 'ct_state_invalid_dropped_pkts';
const NFACCT_LOCALHOST_NP = 'localhost_nps_accepted_pkts';

function jump(
  table: JumpRule['table'],
  chain: string,
  src: string,
  comment: string,
  extra: string[] = [],
): JumpRule {
  const args = [...extra];
  if (comment) args.push('-m', 'comment', '--comment', comment);
  args.push('-j', chain);
  return { table, chain, src, args };
}

const CT_NEW = ['-m', 'conntrack', '--ctstate', 'NEW'];

/** The order kube-proxy ensures (prepends) its jumps on a full sync. */
export const JUMP_RULES: JumpRule[] = [
  jump('filter', EXTERNAL_SERVICES, 'INPUT', 'kubernetes externally-visible service portals', CT_NEW),
  jump('filter', EXTERNAL_SERVICES, 'FORWARD', 'kubernetes externally-visible service portals', CT_NEW),
  jump('filter', NODEPORTS, 'INPUT', 'kubernetes health check service ports'),
  jump('filter', SERVICES, 'FORWARD', 'kubernetes service portals', CT_NEW),
  jump('filter', SERVICES, 'OUTPUT', 'kubernetes service portals', CT_NEW),
  jump('filter', FORWARD, 'FORWARD', 'kubernetes forwarding rules'),
  jump('filter', PROXY_FIREWALL, 'INPUT', 'kubernetes load balancer firewall', CT_NEW),
  jump('filter', PROXY_FIREWALL, 'OUTPUT', 'kubernetes load balancer firewall', CT_NEW),
  jump('filter', PROXY_FIREWALL, 'FORWARD', 'kubernetes load balancer firewall', CT_NEW),
  jump('nat', SERVICES, 'OUTPUT', 'kubernetes service portals'),
  jump('nat', SERVICES, 'PREROUTING', 'kubernetes service portals'),
  jump('nat', POSTROUTING, 'POSTROUTING', 'kubernetes postrouting rules'),
  jump('filter', KUBELET_FIREWALL, 'INPUT', ''),
  jump('filter', KUBELET_FIREWALL, 'OUTPUT', ''),
];

/** computeProbability: fmt.Sprintf("%0.10f", 1.0/n). */
export function probability(n: number): string {
  return (1 / n).toFixed(10);
}

const q = (text: string) => `"${text}"`;
const chainLine = (chain: string) => `:${chain} - [0:0]`;

class Lines {
  readonly lines: string[] = [];
  write(...words: Array<string | string[]>): void {
    this.lines.push(words.flat().join(' '));
  }
}

/** The iptables-restore payload of one full sync; existingNatChains is what `iptables-save -t nat` listed. */
export function syncProxyRules(
  services: KubeObject[],
  slices: KubeObject[],
  config: ProxierConfig,
  existingNatChains: string[] = [],
): string {
  const filterChains = new Lines();
  const filterRules = new Lines();
  const natChains = new Lines();
  const natRules = new Lines();
  const mark = config.masqueradeMark;
  for (const c of [SERVICES, EXTERNAL_SERVICES, FORWARD, NODEPORTS, PROXY_FIREWALL])
    filterChains.write(chainLine(c));
  for (const c of [SERVICES, NODEPORTS, POSTROUTING, MARK_MASQ]) natChains.write(chainLine(c));
  natRules.write('-A', POSTROUTING, '-m', 'mark', '!', '--mark', `${mark}/${mark}`, '-j', 'RETURN');
  natRules.write('-A', POSTROUTING, '-j', 'MARK', '--xor-mark', mark);
  natRules.write(
    '-A',
    POSTROUTING,
    '-m',
    'comment',
    '--comment',
    q('kubernetes service traffic requiring SNAT'),
    '-j',
    'MASQUERADE',
    config.randomFully ? ['--random-fully'] : [],
  );
  natRules.write('-A', MARK_MASQ, '-j', 'MARK', '--or-mark', mark);
  if (config.localhostNodePorts) {
    filterChains.write(chainLine(KUBELET_FIREWALL));
    filterRules.write(
      '-A',
      KUBELET_FIREWALL,
      '-m',
      'comment',
      '--comment',
      q('block incoming localnet connections'),
      '-d',
      '127.0.0.0/8',
      '!',
      '-s',
      '127.0.0.0/8',
      '-m',
      'conntrack',
      '!',
      '--ctstate',
      'RELATED,ESTABLISHED,DNAT',
      '-j',
      'DROP',
    );
  }

  const ports = servicePorts(services).sort((a, b) =>
    a.name < b.name
      ? -1
      : a.name > b.name
        ? 1
        : a.protocol < b.protocol
          ? -1
          : a.protocol > b.protocol
            ? 1
            : 0,
  );
  const endpoints = endpointsByServicePort(slices, config.nodeName);
  const total = ports.reduce((n, sp) => n + (endpoints.get(servicePortKey(sp))?.length ?? 0), 0);
  const large = total > LARGE_CLUSTER_ENDPOINTS;
  const active = new Set<string>();
  const ctx: SyncContext = { config, filterRules, natChains, natRules, active, large };
  for (const sp of ports) writeServicePort(ctx, sp, endpoints.get(servicePortKey(sp)) ?? []);

  for (const chain of existingNatChains) {
    if (active.has(chain) || !isServiceChainName(chain)) continue;
    natChains.write(chainLine(chain));
    natRules.write('-X', chain);
  }
  // nodePortAddresses unset (kind): MatchAll, so one rule on LOCAL destinations.
  natRules.write(
    '-A',
    SERVICES,
    '-m',
    'comment',
    '--comment',
    q('kubernetes service nodeports; NOTE: this must be the last rule in this chain'),
    '-m',
    'addrtype',
    '--dst-type',
    'LOCAL',
    config.localhostNodePorts ? [] : ['!', '-d', '127.0.0.0/8'],
    '-j',
    NODEPORTS,
  );
  if (!config.conntrackTCPLiberal) {
    filterRules.write(
      '-A',
      FORWARD,
      '-m',
      'conntrack',
      '--ctstate',
      'INVALID',
      config.nfacctInvalidDropped ? ['-m', 'nfacct', '--nfacct-name', NFACCT_INVALID] : [],
      '-j',
      'DROP',
    );
  }
  filterRules.write(
    '-A',
    FORWARD,
    '-m',
    'comment',
    '--comment',
    q('kubernetes forwarding rules'),
    '-m',
    'mark',
    '--mark',
    `${mark}/${mark}`,
    '-j',
    'ACCEPT',
  );
  filterRules.write(
    '-A',
    FORWARD,
    '-m',
    'comment',
    '--comment',
    q('kubernetes forwarding conntrack rule'),
    '-m',
    'conntrack',
    '--ctstate',
    'RELATED,ESTABLISHED',
    '-j',
    'ACCEPT',
  );
  const body = (lines: Lines) => lines.lines.map((l) => `${l}\n`).join('');
  return (
    `*filter\n${body(filterChains)}${body(filterRules)}COMMIT\n` +
    `*nat\n${body(natChains)}${body(natRules)}COMMIT\n`
  );
}

interface SyncContext {
  config: ProxierConfig;
  filterRules: Lines;
  natChains: Lines;
  natRules: Lines;
  active: Set<string>;
  large: boolean;
}

function writeServicePort(ctx: SyncContext, sp: ServicePortInfo, all: EndpointInfo[]): void {
  const { config, filterRules, natChains, natRules, active } = ctx;
  const { proto, name } = sp;
  const eps = categorizeEndpoints(all, sp);
  const { cluster: clusterChain, local: localChain, external: extChain, firewall: fwChain } = sp.chains;
  const usesClusterChain = eps.cluster.length > 0 && (!sp.internalPolicyLocal || externallyAccessible(sp));
  const usesLocalChain =
    eps.local.length > 0 && (sp.internalPolicyLocal || (sp.externalPolicyLocal && externallyAccessible(sp)));
  const hasEndpoints = eps.hasAny;
  const internalChain = sp.internalPolicyLocal ? localChain : clusterChain;
  const hasInternal = hasEndpoints && !(sp.internalPolicyLocal && eps.local.length === 0);
  const externalPolicyChain = sp.externalPolicyLocal ? localChain : clusterChain;
  const hasExternal = hasEndpoints && !(sp.externalPolicyLocal && eps.local.length === 0);
  const usesExtChain = hasEndpoints && externallyAccessible(sp);
  const usesFwChain = hasEndpoints && sp.loadBalancerVIPs.length > 0 && sp.sourceRanges.length > 0;
  const lbChain = usesFwChain ? fwChain : extChain;

  let internalTarget = '';
  let internalComment = '';
  let externalTarget = '';
  let externalComment = '';
  if (!hasEndpoints) {
    internalTarget = externalTarget = 'REJECT';
    internalComment = externalComment = q(`${name} has no endpoints`);
  } else {
    if (!hasInternal) {
      internalTarget = 'DROP';
      internalComment = q(`${name} has no local endpoints`);
    }
    if (!hasExternal) {
      externalTarget = 'DROP';
      externalComment = q(`${name} has no local endpoints`);
    }
  }
  const port = String(sp.port);
  const dest = (ip: string) => ['-m', proto, '-p', proto, '-d', ip, '--dport', port];

  if (hasInternal) {
    natRules.write(
      '-A',
      'KUBE-SERVICES',
      '-m',
      'comment',
      '--comment',
      q(`${name} cluster IP`),
      dest(sp.clusterIP),
      '-j',
      internalChain,
    );
  } else {
    filterRules.write(
      '-A',
      'KUBE-SERVICES',
      '-m',
      'comment',
      '--comment',
      internalComment,
      dest(sp.clusterIP),
      '-j',
      internalTarget,
    );
  }
  for (const ip of sp.externalIPs) {
    if (hasEndpoints)
      natRules.write(
        '-A',
        'KUBE-SERVICES',
        '-m',
        'comment',
        '--comment',
        q(`${name} external IP`),
        dest(ip),
        '-j',
        extChain,
      );
    if (!hasExternal)
      filterRules.write(
        '-A',
        'KUBE-EXTERNAL-SERVICES',
        '-m',
        'comment',
        '--comment',
        externalComment,
        dest(ip),
        '-j',
        externalTarget,
      );
  }
  for (const ip of sp.loadBalancerVIPs) {
    if (hasEndpoints)
      natRules.write(
        '-A',
        'KUBE-SERVICES',
        '-m',
        'comment',
        '--comment',
        q(`${name} loadbalancer IP`),
        dest(ip),
        '-j',
        lbChain,
      );
    if (usesFwChain)
      filterRules.write(
        '-A',
        'KUBE-PROXY-FIREWALL',
        '-m',
        'comment',
        '--comment',
        q(`${name} traffic not accepted by ${fwChain}`),
        dest(ip),
        '-j',
        'DROP',
      );
  }
  if (!hasExternal)
    for (const ip of sp.loadBalancerVIPs)
      filterRules.write(
        '-A',
        'KUBE-EXTERNAL-SERVICES',
        '-m',
        'comment',
        '--comment',
        externalComment,
        dest(ip),
        '-j',
        externalTarget,
      );

  if (sp.nodePort !== 0) {
    const np = String(sp.nodePort);
    if (hasEndpoints) {
      if (config.localhostNodePorts && config.nfacctLocalhostNodePorts) {
        natRules.write(
          '-A',
          'KUBE-NODEPORTS',
          '-m',
          'comment',
          '--comment',
          name,
          '-m',
          proto,
          '-p',
          proto,
          '-d',
          '127.0.0.0/8',
          '--dport',
          np,
          '-m',
          'nfacct',
          '--nfacct-name',
          NFACCT_LOCALHOST_NP,
          '-j',
          extChain,
        );
      }
      natRules.write(
        '-A',
        'KUBE-NODEPORTS',
        '-m',
        'comment',
        '--comment',
        name,
        '-m',
        proto,
        '-p',
        proto,
        '--dport',
        np,
        '-j',
        extChain,
      );
    }
    if (!hasExternal)
      filterRules.write(
        '-A',
        'KUBE-EXTERNAL-SERVICES',
        '-m',
        'comment',
        '--comment',
        externalComment,
        '-m',
        'addrtype',
        '--dst-type',
        'LOCAL',
        '-m',
        proto,
        '-p',
        proto,
        '--dport',
        np,
        '-j',
        externalTarget,
      );
  }
  if (sp.healthCheckNodePort !== 0) {
    filterRules.write(
      '-A',
      'KUBE-NODEPORTS',
      '-m',
      'comment',
      '--comment',
      q(`${name} health check node port`),
      '-m',
      'tcp',
      '-p',
      'tcp',
      '--dport',
      String(sp.healthCheckNodePort),
      '-j',
      'ACCEPT',
    );
  }

  if (hasInternal) {
    const args = ['-m', 'comment', '--comment', q(`${name} cluster IP`), ...dest(sp.clusterIP)];
    if (config.masqueradeAll) natRules.write('-A', internalChain, args, '-j', 'KUBE-MARK-MASQ');
    else if (config.clusterCIDR)
      natRules.write('-A', internalChain, args, '!', '-s', config.clusterCIDR, '-j', 'KUBE-MARK-MASQ');
  }

  if (usesExtChain) {
    natChains.write(chainLine(extChain));
    active.add(extChain);
    if (!sp.externalPolicyLocal) {
      natRules.write(
        '-A',
        extChain,
        '-m',
        'comment',
        '--comment',
        q(`masquerade traffic for ${name} external destinations`),
        '-j',
        'KUBE-MARK-MASQ',
      );
    } else {
      if (config.clusterCIDR)
        natRules.write(
          '-A',
          extChain,
          '-m',
          'comment',
          '--comment',
          q(`pod traffic for ${name} external destinations`),
          '-s',
          config.clusterCIDR,
          '-j',
          clusterChain,
        );
      natRules.write(
        '-A',
        extChain,
        '-m',
        'comment',
        '--comment',
        q(`masquerade LOCAL traffic for ${name} external destinations`),
        '-m',
        'addrtype',
        '--src-type',
        'LOCAL',
        '-j',
        'KUBE-MARK-MASQ',
      );
      natRules.write(
        '-A',
        extChain,
        '-m',
        'comment',
        '--comment',
        q(`route LOCAL traffic for ${name} external destinations`),
        '-m',
        'addrtype',
        '--src-type',
        'LOCAL',
        '-j',
        clusterChain,
      );
    }
    if (hasExternal) natRules.write('-A', extChain, '-j', externalPolicyChain);
  }

  if (usesFwChain) {
    natChains.write(chainLine(fwChain));
    active.add(fwChain);
    const head = ['-A', fwChain, '-m', 'comment', '--comment', q(`${name} loadbalancer IP`)];
    let allowFromNode = false;
    for (const cidr of sp.sourceRanges) {
      natRules.write(head, '-s', cidr, '-j', extChain);
      if (cidrContains(cidr, config.nodeIP)) allowFromNode = true;
    }
    if (allowFromNode) for (const ip of sp.loadBalancerVIPs) natRules.write(head, '-s', ip, '-j', extChain);
    natRules.write(
      '-A',
      fwChain,
      '-m',
      'comment',
      '--comment',
      q(`other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL`),
    );
  }

  if (usesClusterChain) {
    natChains.write(chainLine(clusterChain));
    active.add(clusterChain);
    writeServiceToEndpointRules(ctx, sp, clusterChain, eps.cluster);
  }
  if (usesLocalChain) {
    natChains.write(chainLine(localChain));
    active.add(localChain);
    writeServiceToEndpointRules(ctx, sp, localChain, eps.local);
  }
  for (const ep of eps.allReachable) {
    natChains.write(chainLine(ep.chain));
    active.add(ep.chain);
    const head = ['-A', ep.chain, ctx.large ? [] : ['-m', 'comment', '--comment', name]].flat();
    natRules.write(head, '-s', ep.ip, '-j', 'KUBE-MARK-MASQ');
    const affinity = sp.clientIPAffinity ? ['-m', 'recent', '--name', ep.chain, '--set'] : [];
    natRules.write(head, affinity, '-m', proto, '-p', proto, '-j', 'DNAT', '--to-destination', ep.key);
  }
}

function writeServiceToEndpointRules(
  ctx: SyncContext,
  sp: ServicePortInfo,
  chain: string,
  eps: EndpointInfo[],
): void {
  const comment = (ep: EndpointInfo) =>
    ctx.large ? [] : ['-m', 'comment', '--comment', q(`${sp.name} -> ${ep.key}`)];
  if (sp.clientIPAffinity) {
    for (const ep of eps) {
      ctx.natRules.write(
        '-A',
        chain,
        comment(ep),
        '-m',
        'recent',
        '--name',
        ep.chain,
        '--rcheck',
        '--seconds',
        String(sp.stickyMaxAgeSeconds),
        '--reap',
        '-j',
        ep.chain,
      );
    }
  }
  eps.forEach((ep, i) => {
    const stat =
      i < eps.length - 1
        ? ['-m', 'statistic', '--mode', 'random', '--probability', probability(eps.length - i)]
        : [];
    ctx.natRules.write('-A', chain, comment(ep), stat, '-j', ep.chain);
  });
}

function ipToNumber(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

function cidrContains(cidr: string, ip: string): boolean {
  if (!ip) return false;
  const [base, bits] = cidr.split('/');
  const len = Number(bits);
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return (ipToNumber(base) & mask) >>> 0 === (ipToNumber(ip) & mask) >>> 0;
}
