// The end of do_parse() and ipv4_post_parse() (iptables/xshared.c): the extensions' final
// checks, the nat/DROP and command checks, source and destination addresses (one rule per
// combination), the command/option table, chain-name and interface-direction checks; plus the
// small parsing helpers the option loop shares.
import { type AddrMask, ipparseMultiple, type Resolver } from '../addr.ts';
import { ParamError } from '../errors.ts';
import { type MatchExt, optionsFcheck, type TargetExt } from '../module.ts';
import { isTargetName, STANDARD_VERDICTS } from '../registry.ts';
import { clonePlain, type ExtEntry, type IpSpec, type Rule } from '../state.ts';
import { CMD, generic_opt_check, OPT } from './commands.ts';
import type { ParsedCommand } from './parse.ts';

export interface LoadedExt {
  ext: MatchExt | TargetExt;
  isTarget: boolean;
  data: unknown;
  /** Option ids seen so far (mflags/tflags). */
  flags: number;
}

/** What the option loop collected. */
export interface ParseState {
  p: ParsedCommand;
  ip: IpSpec;
  options: number;
  invert: boolean;
  shost: string | null;
  dhost: string | null;
  jumpto: string;
  gotoSet: boolean;
  target: LoadedExt | null;
  matches: LoadedExt[];
  pcnt: bigint;
  bcnt: bigint;
  waitSet: boolean;
  waitIntervalSet: boolean;
}

export function postParse(st: ParseState, resolver: Resolver): ParsedCommand {
  const { p, ip, options, invert, jumpto, gotoSet, target, matches, pcnt, bcnt } = st;
  let { shost, dhost } = st;
  if (p.table === 'nat' && (p.policy === 'DROP' || jumpto === 'DROP'))
    throw new ParamError(
      '\nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n',
    );
  if (!st.waitSet && st.waitIntervalSet)
    throw new ParamError('--wait-interval only makes sense with --wait\n');

  for (const m of matches) finalCheck(m);
  if (target) finalCheck(target);

  if (!p.command) throw new ParamError('no command specified');
  if (invert) throw new ParamError('nothing appropriate following !');

  // ipv4_post_parse(): addresses default to 0.0.0.0/0 for rule commands.
  const ruleCmd = CMD.REPLACE | CMD.INSERT | CMD.DELETE | CMD.APPEND | CMD.CHECK;
  if (p.command & ruleCmd) {
    shost ??= '0.0.0.0/0';
    dhost ??= '0.0.0.0/0';
  }
  const saddrs: AddrMask[] = shost !== null ? ipparseMultiple(shost, resolver) : [{ addr: 0, mask: 0 }];
  const daddrs: AddrMask[] = dhost !== null ? ipparseMultiple(dhost, resolver) : [{ addr: 0, mask: 0 }];
  if ((saddrs.length > 1 || daddrs.length > 1) && (ip.invSrc || ip.invDst))
    throw new ParamError('! not allowed with multiple source or destination IP addresses');
  if (p.command === CMD.REPLACE && (saddrs.length !== 1 || daddrs.length !== 1))
    throw new ParamError('Replacement rule does not specify a unique address');

  generic_opt_check(p.command, options);

  if (p.chain !== null && p.chain.length >= 29)
    throw new ParamError(`chain name \`${p.chain}' too long (must be under 29 chars)`);
  if (p.command & (CMD.APPEND | CMD.DELETE | CMD.DELETE_NUM | CMD.CHECK | CMD.INSERT | CMD.REPLACE)) {
    if ((p.chain === 'PREROUTING' || p.chain === 'INPUT') && options & OPT.VIANAMEOUT)
      throw new ParamError(`Can't use -o with ${p.chain}\n`);
    if ((p.chain === 'POSTROUTING' || p.chain === 'OUTPUT') && options & OPT.VIANAMEIN)
      throw new ParamError(`Can't use -i with ${p.chain}\n`);
  }

  if (p.command & ruleCmd) {
    const entries = (list: LoadedExt[]): ExtEntry[] => {
      const out: ExtEntry[] = [];
      for (const m of list) {
        const ext = m.ext as MatchExt;
        const first = ext.merge ? out.find((e) => e.name === ext.name) : undefined;
        if (first) ext.merge!(first.data, m.data);
        else out.push({ name: m.ext.name, data: clonePlain(m.data) });
      }
      return out;
    };
    for (const s of saddrs)
      for (const d of daddrs) {
        const rule: Rule = {
          ip: { ...ip, src: s.addr, smsk: s.mask, dst: d.addr, dmsk: d.mask },
          matches: clonePlain(entries(matches)),
          jump: jumpto,
          goto: gotoSet,
          target: target ? clonePlain({ name: target.ext.name, data: target.data }) : null,
          counters: { packets: pcnt, bytes: bcnt },
        };
        p.rules.push(rule);
      }
  } else if (p.counters) p.rules.push(dummyCounterRule(pcnt, bcnt));
  return p;
}

/** A rule that only carries -c's counters (for -P, which takes and ignores them). */
function dummyCounterRule(packets: bigint, bytes: bigint): Rule {
  return { ip: emptyIp(), matches: [], jump: '', goto: false, target: null, counters: { packets, bytes } };
}

/** Field of ipt_ip.invflags each option may set (inverse_for_options[]). */
type InvField = 'invSrc' | 'invDst' | 'invProto' | 'invIn' | 'invOut' | 'invFrag';
export const INVERSE_FIELD: Record<number, InvField | undefined> = {
  [OPT.SOURCE]: 'invSrc',
  [OPT.DESTINATION]: 'invDst',
  [OPT.PROTOCOL]: 'invProto',
  [OPT.VIANAMEIN]: 'invIn',
  [OPT.VIANAMEOUT]: 'invOut',
  [OPT.FRAGMENT]: 'invFrag',
};

/** xtables_option_mfcall()/tfcall(): the extension's check, then the generic option checks. */
function finalCheck(m: LoadedExt): void {
  m.ext.check?.(m.data, m.flags);
  if (!m.ext.legacy) optionsFcheck(m.ext.name, m.flags, m.ext.options);
}

/** assert_valid_chain_name(). */
export function assertValidChainName(name: string): void {
  if (name.length >= 29) throw new ParamError(`chain name \`${name}' too long (must be under 29 chars)`);
  if (name[0] === '-' || name[0] === '!')
    throw new ParamError(`chain name not allowed to start with \`${name[0]}'`);
  if (isTargetName(name)) throw new ParamError('chain name may not clash with target name');
  if (/\s/.test(name)) throw new ParamError(`Invalid chain name \`${name}'`);
}

/** True for -j names that are verdicts rather than chains or extension targets. */
export function isVerdict(jump: string): boolean {
  return STANDARD_VERDICTS.includes(jump);
}

const U64 = 1n << 64n;

/** sscanf("%llu"): leading digits, wrapping like strtoull. */
export function scanCounter(text: string): bigint | null {
  const m = /^\s*([+-]?)(\d+)/.exec(text);
  if (!m) return null;
  const v = BigInt(m[2]) % U64;
  return m[1] === '-' ? (U64 - v) % U64 : v;
}

export function emptyIp(): IpSpec {
  return {
    src: 0,
    smsk: 0,
    dst: 0,
    dmsk: 0,
    iniface: '',
    outiface: '',
    proto: 0,
    frag: false,
    invSrc: false,
    invDst: false,
    invIn: false,
    invOut: false,
    invProto: false,
    invFrag: false,
  };
}
