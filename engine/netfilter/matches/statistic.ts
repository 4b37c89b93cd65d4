// The statistic match (extensions/libxt_statistic.c, net/netfilter/xt_statistic.c): random mode
// stores the probability as lround(p * 2^31) and prints it with 11 decimals; nth mode counts
// packets per rule. Random draws come from the world's seeded generator.
import { ParamError } from '../errors.ts';
import { defineMatch, type OptSpec, optionPrecheck } from '../module.ts';
import { parseUint } from '../xtables.ts';

interface StatisticData {
  mode: 'random' | 'nth';
  invert: boolean;
  /** lround(p * 0x80000000). */
  probability: number;
  /** --every minus one, as the kernel keeps it. */
  every: number;
  packet: number;
  /** The nth counter (the kernel's master->count). */
  count: number;
}

const F_PROBABILITY = 1 << 1;
const F_EVERY = 1 << 2;
const F_PACKET = 1 << 3;

const OPTS: OptSpec[] = [
  { name: 'mode', id: 0, arg: true, mand: true },
  { name: 'probability', id: 1, arg: true, invert: true, excl: F_EVERY | F_PACKET },
  { name: 'every', id: 2, arg: true, invert: true, excl: F_PROBABILITY, also: F_PACKET },
  { name: 'packet', id: 3, arg: true, excl: F_PROBABILITY, also: F_EVERY },
];

/** XTTYPE_DOUBLE: strtod of the whole argument within [0, 1]. */
function parseProbability(arg: string): number {
  const p = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(arg) ? Number(arg) : Number.NaN;
  if (!(p >= 0 && p <= 1))
    throw new ParamError('statistic: bad value for option "--probability", or out of range (0-1).\n');
  return p;
}

function modeText(d: StatisticData, prefix: string): string {
  const inv = d.invert ? ' !' : '';
  if (d.mode === 'random')
    return ` ${prefix}mode random${inv} ${prefix}probability ${(d.probability / 0x80000000).toFixed(11)}`;
  let s = ` ${prefix}mode nth${inv} ${prefix}every ${d.every + 1}`;
  if (d.packet || prefix) s += ` ${prefix}packet ${d.packet}`;
  return s;
}

export const statisticMatch = defineMatch<StatisticData>({
  name: 'statistic',
  options: OPTS,
  init: () => ({ mode: 'random', invert: false, probability: 0, every: 0, packet: 0, count: 0 }),
  parse(d, opt, arg, invert, _ctx, flags) {
    if (invert) d.invert = true;
    optionPrecheck('statistic', opt, arg, invert, flags);
    if (opt.id === 0) {
      if (arg === 'random' || arg === 'nth') d.mode = arg;
      else throw new ParamError(`Bad mode "${arg}"`);
    } else if (opt.id === 1) d.probability = Math.round(0x80000000 * parseProbability(arg!));
    else if (opt.id === 2) d.every = parseUint('statistic', opt.name, arg!, 1, 0xffffffff) - 1;
    else d.packet = parseUint('statistic', opt.name, arg!, 0, 0xffffffff);
  },
  check(d, flags) {
    if (d.mode === 'random' && !(flags & F_PROBABILITY))
      throw new ParamError('--probability must be specified when using random mode');
    if (d.mode === 'nth' && !(flags & (F_EVERY | F_PACKET)))
      throw new ParamError('--every and --packet must be specified when using nth mode');
    if (d.packet > d.every) throw new ParamError('the --packet p must be 0 <= p <= n-1');
    d.count = d.every - d.packet;
  },
  save: (d) => modeText(d, '--'),
  print: (d) => ` statistic${modeText(d, '')}`,
  match(d, pc) {
    if (d.mode === 'random') {
      // statistic_mt(): (get_random_u32() & 0x7FFFFFFF) < probability.
      return (pc.random.u32() & 0x7fffffff) < d.probability !== d.invert;
    }
    // The counter runs from every-packet up to every; the packet that wraps it matches.
    d.count = d.count >= d.every ? 0 : d.count + 1;
    return (d.count === 0) !== d.invert;
  },
});
