// The CONNMARK target, revision 1 (extensions/libxt_CONNMARK.c, net/netfilter/xt_connmark.c):
// sets the connection mark like MARK does the packet's, or copies between them with masks
// (--save-mark: ctmark = (ctmark & ~ctmask) ^ (mark & nfmask); --restore-mark the reverse).
import { ParamError } from '../errors.ts';
import { defineTarget, type OptSpec, optionPrecheck } from '../module.ts';
import { CONTINUE } from '../packet/context.ts';
import { hex, parseUint } from '../xtables.ts';
import { applyXmark, parseXmark, XMARK_OPTS, xmarkText } from './mark.ts';

interface ConnmarkData {
  mode: 'set' | 'save' | 'restore';
  ctmark: number;
  ctmask: number;
  nfmask: number;
}

const F_OP_ANY = 0b1111111;
const F_MASK = 1 << 9;

const OPTS: OptSpec[] = [
  ...XMARK_OPTS.map((o) => ({ ...o, excl: F_OP_ANY })),
  { name: 'save-mark', id: 5, arg: false, excl: F_OP_ANY },
  { name: 'restore-mark', id: 6, arg: false, excl: F_OP_ANY },
  { name: 'ctmask', id: 7, arg: true, excl: F_MASK },
  { name: 'nfmask', id: 8, arg: true, excl: F_MASK },
  { name: 'mask', id: 9, arg: true, excl: (1 << 7) | (1 << 8) },
];

function maskPair(mode: string, d: ConnmarkData): string {
  if (d.nfmask === 0xffffffff && d.ctmask === 0xffffffff) return ` CONNMARK ${mode}`;
  if (d.nfmask === d.ctmask) return ` CONNMARK ${mode} mask ${hex(d.nfmask)}`;
  return mode === 'save'
    ? ` CONNMARK save nfmask ${hex(d.nfmask)} ctmask ~${hex(d.ctmask)}`
    : ` CONNMARK restore ctmask ${hex(d.ctmask)} nfmask ~${hex(d.nfmask)}`;
}

export const connmarkTarget = defineTarget<ConnmarkData>({
  name: 'CONNMARK',
  options: OPTS,
  conntrack: true,
  init: () => ({ mode: 'set', ctmark: 0, ctmask: 0xffffffff, nfmask: 0xffffffff }),
  parse(d, opt, arg, invert, _ctx, flags) {
    optionPrecheck('CONNMARK', opt, arg, invert, flags);
    if (opt.id <= 4) {
      const x = parseXmark('CONNMARK', opt.id, opt.name, arg!);
      d.mode = 'set';
      d.ctmark = x.mark;
      d.ctmask = x.mask;
    } else if (opt.id === 5) d.mode = 'save';
    else if (opt.id === 6) d.mode = 'restore';
    else {
      const n = parseUint('CONNMARK', opt.name, arg!, 0, 0xffffffff);
      if (opt.id !== 8) d.ctmask = n;
      if (opt.id !== 7) d.nfmask = n;
    }
  },
  check(_d, flags) {
    if (!(flags & F_OP_ANY)) throw new ParamError('CONNMARK target: No operation specified');
  },
  save(d) {
    if (d.mode === 'set') return ` --set-xmark ${hex(d.ctmark)}/${hex(d.ctmask)}`;
    return ` --${d.mode}-mark --nfmask ${hex(d.nfmask)} --ctmask ${hex(d.ctmask)}`;
  },
  print: (d) =>
    d.mode === 'set' ? xmarkText('CONNMARK', { mark: d.ctmark, mask: d.ctmask }) : maskPair(d.mode, d),
  run(d, pc) {
    const ct = pc.ct;
    if (!ct) return CONTINUE;
    if (d.mode === 'set') ct.mark = applyXmark(ct.mark, { mark: d.ctmark, mask: d.ctmask });
    else if (d.mode === 'save') ct.mark = ((ct.mark & ~d.ctmask) ^ (pc.pkt.mark & d.nfmask)) >>> 0;
    else pc.pkt.mark = ((pc.pkt.mark & ~d.nfmask) ^ (ct.mark & d.ctmask)) >>> 0;
    return CONTINUE;
  },
});
