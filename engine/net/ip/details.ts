// The -d (details) tail of a link (ip/ipaddress.c print_linkinfo with show_details): promiscuity,
// MTU range, the kind's attributes (veth, bridge, bridge_slave) and queue/offload sizes, as
// kernel 6.18 reports them for these devices.
import { bridgePorts } from '../netlink.ts';
import type { Link } from '../state.ts';

const LIMITS = 'gso_max_size 65536 gso_max_segs 65535';

/** `8000.2:0:0:0:0:30`: priority, then the bridge address with unpadded hex bytes. */
function bridgeId(bridge: Link): string {
  const set = bridge.macFixed || bridgePorts(bridge).length > 0 || bridge.hadPorts;
  const mac = set ? bridge.mac : [0, 0, 0, 0, 0, 0];
  return `8000.${mac.map((b) => b.toString(16)).join(':')}`;
}

function queues(link: Link): string {
  const n = link.kind === 'veth' ? 2 : 1;
  // A bridge's TSO limit follows its ports (veth allows 524280); alone it is 65536.
  const tso =
    link.kind === 'bridge' && !bridgePorts(link).some((p) => p.kind === 'veth') && !link.hadPorts
      ? 65536
      : 524280;
  return `numtxqueues ${n} numrxqueues ${n} ${LIMITS} tso_max_size ${tso} tso_max_segs 65535 gro_max_size 65536 `;
}

function bridgeAttrs(bridge: Link): string {
  const id = bridgeId(bridge);
  return (
    `bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority 32768 vlan_filtering 0 bridge_id ${id} designated_root ${id} ` +
    'root_port 0 root_path_cost 0 topology_change 0 topology_change_detected 0 hello_timer    0.00 tcn_timer    0.00 topology_change_timer    0.00 gc_timer    0.00 ' +
    'group_fwd_mask 0 group_address 01:80:c2:00:00:00 mcast_snooping 1 no_linklocal_learn 0 mcast_vlan_snooping 0 mcast_router 1 mcast_query_use_ifaddr 0 mcast_querier 0 ' +
    'mcast_hash_elasticity 16 mcast_hash_max 4096 mcast_last_member_count 2 mcast_startup_query_count 2 mcast_last_member_interval 100 mcast_membership_interval 26000 ' +
    'mcast_querier_interval 25500 mcast_query_interval 12500 mcast_query_response_interval 1000 mcast_startup_query_interval 3124 mcast_stats_enabled 0 ' +
    'mcast_igmp_version 2 mcast_mld_version 1 nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0 '
  );
}

function slaveAttrs(port: Link, bridge: Link): string {
  const portNo = bridgePorts(bridge).indexOf(port) + 1;
  const id = bridgeId(bridge);
  return (
    `bridge_slave state ${port.portState} priority 32 cost 2 hairpin off guard off root_block off fastleave off learning on flood on ` +
    `port_id 0x${(0x8000 + portNo).toString(16)} port_no 0x${portNo.toString(16)} designated_port ${0x8000 + portNo} designated_cost 0 designated_bridge ${id} designated_root ${id} ` +
    'hold_timer    0.00 message_age_timer    0.00 forward_delay_timer    0.00 topology_change_ack 0 config_pending 0 proxy_arp off proxy_arp_wifi off mcast_router 1 ' +
    'mcast_fast_leave off mcast_flood on bcast_flood on mcast_to_unicast off neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 vlan_tunnel off isolated off locked off '
  );
}

/**
 * Text appended after the link/ether line and the lines after it. `forAddr` drops
 * `addrgenmode eui64` for bridge ports, as `ip -d addr` does.
 */
export function detailLines(link: Link, forAddr: boolean): { suffix: string; lines: string[] } {
  const range = link.kind === 'loopback' ? 'minmtu 0 maxmtu 0' : 'minmtu 68 maxmtu 65535';
  const suffix = ` promiscuity ${link.promiscuity}  allmulti ${link.allmulti} ${range} `;
  const master = link.master !== null ? link.ns.links.get(link.master) : undefined;
  const addrgen = forAddr && master ? '' : 'addrgenmode eui64 ';
  if (link.kind === 'loopback') return { suffix: `${suffix}${addrgen}${queues(link)}`, lines: [] };
  const kind = link.kind === 'bridge' ? bridgeAttrs(link) : `${link.kind} `;
  if (master)
    return { suffix, lines: [`    ${kind}`, `    ${slaveAttrs(link, master)}${addrgen}${queues(link)}`] };
  return { suffix, lines: [`    ${kind}${addrgen}${queues(link)}`] };
}
