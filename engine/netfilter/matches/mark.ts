// The mark and connmark matches, revision 1 (extensions/libxt_mark.c, libxt_connmark.c;
// net/netfilter/xt_mark.c, xt_connmark.c): (mark & mask) == value, of the packet or of its
// connection, with "mark match 0x1/0xff" in -L and "--mark 0x1/0xff" in -S.
import { defineMatch, type OptSpec, optionPrecheck } from '../module.ts';
import { markMaskText, parseMarkMask } from '../xtables.ts';

interface MarkData {
  mark: number;
  mask: number;
  invert: boolean;
}

const OPTS: OptSpec[] = [{ name: 'mark', id: 0, arg: true, mand: true, invert: true }];

function parse(ext: string) {
  return (d: MarkData, opt: OptSpec, arg: string | null, invert: boolean, _ctx: unknown, flags: number) => {
    optionPrecheck(ext, opt, arg, invert, flags);
    const v = parseMarkMask(ext, opt.name, arg!);
    d.mark = v.value;
    d.mask = v.mask;
    if (invert) d.invert = true;
  };
}

const init = (): MarkData => ({ mark: 0, mask: 0xffffffff, invert: false });
const save = (d: MarkData) => `${d.invert ? ' !' : ''} --mark${markMaskText(d.mark, d.mask)}`;
const hit = (value: number, d: MarkData) => ((value & d.mask) >>> 0 === d.mark) !== d.invert;

export const markMatch = defineMatch<MarkData>({
  name: 'mark',
  options: OPTS,
  init,
  parse: parse('mark'),
  save,
  print: (d) => ` mark match${d.invert ? ' !' : ''}${markMaskText(d.mark, d.mask)}`,
  match: (d, pc) => hit(pc.pkt.mark, d),
});

export const connmarkMatch = defineMatch<MarkData>({
  name: 'connmark',
  options: OPTS,
  conntrack: true,
  init,
  parse: parse('connmark'),
  save,
  print: (d) => ` connmark match ${d.invert ? '!' : ''}${markMaskText(d.mark, d.mask)}`,
  match: (d, pc) => pc.ct !== null && hit(pc.ct.mark, d),
});
