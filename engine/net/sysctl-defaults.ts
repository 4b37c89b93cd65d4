// Default sysctl values of a new network namespace and of each new link in it, keyed by their
// path under /proc/sys. Per-link values start from the namespace's conf/default values.
import type { Netns } from './state.ts';

export function defaultSysctls(init: boolean): Map<string, string> {
  const sysctls = new Map([
    ['net/ipv4/ip_forward', '0'],
    ['net/ipv4/conf/all/forwarding', '0'],
    ['net/ipv4/conf/default/forwarding', '0'],
    ['net/ipv4/conf/all/promote_secondaries', '0'],
    ['net/ipv4/conf/default/promote_secondaries', '0'],
    ['net/ipv4/conf/all/rp_filter', '0'],
    ['net/ipv4/conf/default/rp_filter', '0'],
    ['net/ipv4/ping_group_range', '0\t2147483647'],
    ['net/ipv4/icmp_ratelimit', '1000'],
    ['net/ipv4/icmp_ratemask', '6168'],
    ['net/ipv6/conf/all/forwarding', '0'],
    ['net/ipv6/conf/default/forwarding', '0'],
    ['net/ipv6/conf/all/disable_ipv6', '0'],
    ['net/ipv6/conf/default/disable_ipv6', '0'],
    ['net/core/somaxconn', '4096'],
    ['net/ipv4/tcp_syn_retries', '6'],
  ]);
  // Registered for init_net only (nf_log_net_init(), net/netfilter/nf_log.c).
  if (init) sysctls.set('net/netfilter/nf_log_all_netns', '0');
  return sysctls;
}

export function linkSysctls(ns: Netns, name: string): Array<[string, string]> {
  const from = (key: string, fallback: string) => ns.sysctl.get(key) ?? fallback;
  return [
    [`net/ipv4/conf/${name}/forwarding`, from('net/ipv4/conf/default/forwarding', '0')],
    [`net/ipv4/conf/${name}/promote_secondaries`, from('net/ipv4/conf/default/promote_secondaries', '0')],
    [`net/ipv4/conf/${name}/rp_filter`, from('net/ipv4/conf/default/rp_filter', '0')],
    [`net/ipv6/conf/${name}/forwarding`, from('net/ipv6/conf/default/forwarding', '0')],
    [`net/ipv6/conf/${name}/disable_ipv6`, from('net/ipv6/conf/default/disable_ipv6', '0')],
  ];
}
