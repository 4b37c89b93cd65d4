// The CT target and its NOTRACK alias (extensions/libxt_CT.c, net/netfilter/xt_CT.c): in the raw
// table, marks packets as untracked (--notrack) or puts them in a conntrack zone. -L shows
// target CT for both; NOTRACK keeps its own name in -S and iptables-save.

import { ParamError } from '../errors.ts';
import { defineTarget, type OptSpec, optionPrecheck } from '../module.ts';
import { CONTINUE } from '../packet/context.ts';
import { strtoui } from '../xtables.ts';

interface CtData {
  notrack: boolean;
  /** The NOTRACK spelling (XT_CT_NOTRACK_ALIAS). */
  alias: boolean;
  zone: number;
  helper: string;
  timeout: string;
}

const OPTS: OptSpec[] = [
  { name: 'notrack', id: 0, arg: false },
  { name: 'helper', id: 1, arg: true },
  { name: 'zone', id: 4, arg: true },
  { name: 'timeout', id: 7, arg: true },
];

function text(d: CtData, prefix: string): string {
  let s = '';
  if (d.notrack) s += ` ${prefix}notrack`;
  if (d.helper) s += ` ${prefix}helper ${d.helper}`;
  if (d.timeout) s += ` ${prefix}timeout ${d.timeout}`;
  if (d.zone) s += ` ${prefix}zone ${d.zone}`;
  return s;
}

const base = {
  tables: ['raw' as const],
  init: (): CtData => ({ notrack: false, alias: false, zone: 0, helper: '', timeout: '' }),
  run(d: CtData, pc: { untracked: boolean }) {
    if (d.notrack) pc.untracked = true;
    return CONTINUE;
  },
};

export const ctTarget = defineTarget<CtData>({
  ...base,
  name: 'CT',
  options: OPTS,
  // The simulated kernel has no conntrack helpers or timeout policies to attach.
  kernelCheck: (d) => (d.helper || d.timeout ? 'No such file or directory' : null),
  parse(d, opt, arg, invert, _ctx, flags) {
    optionPrecheck('CT', opt, arg, invert, flags);
    if (opt.id === 0) d.notrack = true;
    else if (opt.id === 1) d.helper = arg!;
    else if (opt.id === 4) {
      const zone = strtoui(arg!, 0, 0xffff);
      if (zone === null) throw new ParamError(`Cannot parse ${arg} as a zone ID`);
      d.zone = zone;
    } else d.timeout = arg!;
  },
  save: (d) => text(d, '--'),
  print: (d) => ` CT${text(d, '')}`,
});

export const notrackTarget = defineTarget<CtData>({
  ...base,
  name: 'NOTRACK',
  realName: 'CT',
  options: [],
  init: () => ({ notrack: true, alias: true, zone: 0, helper: '', timeout: '' }),
  parse() {},
  save: () => '',
  print: () => ' NOTRACK',
});
