// The MARK target, revision 2 (extensions/libxt_MARK.c, net/netfilter/xt_mark.c): every form is
// stored as mark = (mark & ~mask) ^ value ("--set-xmark value/mask") and listed as the first
// of and/or/xor/set/xset that describes it.
import { ParamError } from '../errors.ts';
import { defineTarget, type OptSpec, optionPrecheck } from '../module.ts';
import { CONTINUE } from '../packet/context.ts';
import { hex, parseMarkMask, parseUint } from '../xtables.ts';

export interface XmarkData {
  mark: number;
  mask: number;
}

const ANY = 0b11111;

export const XMARK_OPTS: OptSpec[] = [
  { name: 'set-xmark', id: 0, arg: true, excl: ANY },
  { name: 'set-mark', id: 1, arg: true, excl: ANY },
  { name: 'and-mark', id: 2, arg: true, excl: ANY },
  { name: 'or-mark', id: 3, arg: true, excl: ANY },
  { name: 'xor-mark', id: 4, arg: true, excl: ANY },
];

/** mark_tg_parse()/connmark_tg_parse(): the five forms as value/mask. */
export function parseXmark(ext: string, id: number, name: string, arg: string): XmarkData {
  if (id <= 1) {
    const v = parseMarkMask(ext, name, arg);
    return { mark: v.value, mask: id === 0 ? v.mask : (v.value | v.mask) >>> 0 };
  }
  const n = parseUint(ext, name, arg, 0, 0xffffffff);
  if (id === 2) return { mark: 0, mask: ~n >>> 0 };
  if (id === 3) return { mark: n, mask: n };
  return { mark: n, mask: 0 };
}

/** mark_tg_print(): "and", "or", "xor", "set" or "xset". */
export function xmarkText(label: string, d: XmarkData): string {
  if (d.mark === 0) return ` ${label} and ${hex(~d.mask >>> 0)}`;
  if (d.mark === d.mask) return ` ${label} or ${hex(d.mark)}`;
  if (d.mask === 0) return ` ${label} xor ${hex(d.mark)}`;
  if (d.mask === 0xffffffff) return ` ${label} set ${hex(d.mark)}`;
  return ` ${label} xset ${hex(d.mark)}/${hex(d.mask)}`;
}

export const applyXmark = (value: number, d: XmarkData): number => ((value & ~d.mask) ^ d.mark) >>> 0;

export const markTarget = defineTarget<XmarkData>({
  name: 'MARK',
  options: XMARK_OPTS,
  init: () => ({ mark: 0, mask: 0 }),
  parse(d, opt, arg, invert, _ctx, flags) {
    optionPrecheck('MARK', opt, arg, invert, flags);
    Object.assign(d, parseXmark('MARK', opt.id, opt.name, arg!));
  },
  check(_d, flags) {
    if (flags === 0)
      throw new ParamError('MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required');
  },
  save: (d) => ` --set-xmark ${hex(d.mark)}/${hex(d.mask)}`,
  print: (d) => xmarkText('MARK', d),
  run(d, pc) {
    pc.pkt.mark = applyXmark(pc.pkt.mark, d);
    return CONTINUE;
  },
});
