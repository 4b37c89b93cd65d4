// The mac match (extensions/libxt_mac.c, net/netfilter/xt_mac.c): the Ethernet source address
// of a received frame, allowed only where frames arrive (PREROUTING, INPUT, FORWARD).
import { formatMac, type Mac, parseMac } from '../../net/mac.ts';
import { ParamError } from '../errors.ts';
import { defineMatch, optionPrecheck } from '../module.ts';

interface MacData {
  src: Mac;
  invert: boolean;
}

export const macMatch = defineMatch<MacData>({
  name: 'mac',
  options: [{ name: 'mac-source', id: 0, arg: true, mand: true, invert: true }],
  hooks: ['PREROUTING', 'INPUT', 'FORWARD'],
  init: () => ({ src: [0, 0, 0, 0, 0, 0], invert: false }),
  parse(d, opt, arg, invert, _ctx, flags) {
    optionPrecheck('mac', opt, arg, invert, flags);
    // ether_aton(): six hex bytes of one or two digits.
    const mac = parseMac(arg!);
    if (!mac) throw new ParamError('Invalid MAC address specified.');
    d.src = mac;
    if (invert) d.invert = true;
  },
  save: (d) => `${d.invert ? ' !' : ''} --mac-source ${formatMac(d.src)}`,
  print: (d) => ` MAC ${d.invert ? '! ' : ''}${formatMac(d.src)}`,
  match(d, pc) {
    // The sender of a frame on a veth is its peer; elsewhere the source is unknown here.
    const src = pc.inDev?.peer?.mac ?? null;
    if (!src) return d.invert;
    return src.every((b, i) => b === d.src[i]) !== d.invert;
  },
});
