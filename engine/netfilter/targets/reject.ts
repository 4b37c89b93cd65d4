// The REJECT target (extensions/libipt_REJECT.c, net/ipv4/netfilter/ipt_REJECT.c): drops the
// packet and answers with an ICMP destination-unreachable of the chosen code or a TCP reset.
// The kernel accepts it only in the filter table, and tcp-reset only with -p tcp.
import { UNREACH } from '../../net/packet/types.ts';
import { ParamError } from '../errors.ts';
import { defineTarget, optionPrecheck } from '../module.ts';

interface RejectData {
  with: number;
}

/** reject_table[] in enum ipt_reject_with order: name, alias, ICMP code (or -1 for a reset). */
const REJECT_TABLE: Array<[string, string, number] | null> = [
  ['icmp-net-unreachable', 'net-unreach', UNREACH.net],
  ['icmp-host-unreachable', 'host-unreach', UNREACH.host],
  ['icmp-proto-unreachable', 'proto-unreach', UNREACH.proto],
  ['icmp-port-unreachable', 'port-unreach', UNREACH.port],
  null,
  ['icmp-net-prohibited', 'net-prohib', UNREACH.netProhibited],
  ['icmp-host-prohibited', 'host-prohib', UNREACH.hostProhibited],
  ['tcp-reset', 'tcp-rst', -1],
  ['icmp-admin-prohibited', 'admin-prohib', UNREACH.pktFiltered],
];

const PORT_UNREACHABLE = 3;
const TCP_RESET = 7;

export const rejectTarget = defineTarget<RejectData>({
  name: 'REJECT',
  options: [{ name: 'reject-with', id: 0, arg: true }],
  tables: ['filter', 'security'],
  hooks: ['INPUT', 'FORWARD', 'OUTPUT'],
  init: () => ({ with: PORT_UNREACHABLE }),
  parse(d, opt, arg, invert, _ctx, flags) {
    optionPrecheck('REJECT', opt, arg, invert, flags);
    const a = arg!.toLowerCase();
    const i = REJECT_TABLE.findIndex((e) => e !== null && (e[0].startsWith(a) || e[1].startsWith(a)));
    if (i < 0) throw new ParamError(`unknown reject type "${arg}"`);
    d.with = i;
  },
  kernelCheck: (d, ip) =>
    d.with !== TCP_RESET || (ip.proto === 6 && !ip.invProto) ? null : 'Invalid argument',
  save: (d) => ` --reject-with ${REJECT_TABLE[d.with]![0]}`,
  print: (d) => ` reject-with ${REJECT_TABLE[d.with]![0]}`,
  run(d) {
    const code = REJECT_TABLE[d.with]![2];
    return { kind: 'reject', with: code < 0 ? 'tcp-reset' : { icmpCode: code } };
  },
});
