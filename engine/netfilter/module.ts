// What a match or target extension is (struct xtables_match/xtables_target plus the kernel side):
// its options, argv parser, final check, -S/save and -L printers, and its packet action. Also
// the generic option checks of xtables_option_parse()/xtables_options_fcheck()
// (libxtables/xtoptions.c) that every "x6" extension gets.
import type { HookPoint } from '../net/packet/hooks.ts';
import type { Resolver } from './addr.ts';
import { ParamError } from './errors.ts';
import type { PacketContext, TargetResult } from './packet/context.ts';
import type { IpSpec, TableName } from './state.ts';

/** One option of an extension (struct xt_option_entry). */
export interface OptSpec {
  name: string;
  id: number;
  /** Takes an argument (getopt has_arg 1); false for XTTYPE_NONE. */
  arg: boolean;
  invert?: boolean;
  mand?: boolean;
  multi?: boolean;
  /** Bit masks of option ids this one excludes / also requires. */
  excl?: number;
  also?: number;
}

export interface ParseContext {
  /** The rule's -p/-s/... as parsed so far (entry->ip at the time the option is seen). */
  ip: IpSpec;
  resolver: Resolver;
  /** The next argv element if it is not an option (for --tcp-flags' second argument). */
  takeArg(): string | null;
}

interface ExtensionBase<D> {
  name: string;
  options: OptSpec[];
  /** The old .parse API: no generic once/invert/argument checks. */
  legacy?: boolean;
  init(): D;
  /** Parses one option; `flags` holds the ids seen so far (mflags/tflags). */
  parse(data: D, opt: OptSpec, arg: string | null, invert: boolean, ctx: ParseContext, flags: number): void;
  /** x6_fcheck/final_check, run before the generic mandatory/also/excl checks. */
  check?(data: D, flags: number): void;
  /** The text after "-m name" (or "-j name") in -S and iptables-save. */
  save(data: D, ip: IpSpec): string;
  /** The -L text (each piece starting with a space). */
  print(data: D, ip: IpSpec, numeric: boolean, resolver: Resolver): string;
}

export interface MatchExt<D = unknown> extends ExtensionBase<D> {
  /** Hooks the kernel allows it in (xt_match.hooks); undefined for all. */
  hooks?: HookPoint[];
  /** The match needs connection tracking in the namespace. */
  conntrack?: boolean;
  /**
   * For matches nf_tables stores as native expressions (tcp, udp): folds a second instance in
   * the same rule into the first, as reading the rule back from the kernel does.
   */
  merge?(into: D, from: D): void;
  /** Extra kernel validation (the match's checkentry): the errno text it fails with, or null. */
  kernelCheck?(data: D, ip: IpSpec): string | null;
  match(data: D, pc: PacketContext): boolean;
}

export interface TargetExt<D = unknown> extends ExtensionBase<D> {
  hooks?: HookPoint[];
  tables?: TableName[];
  conntrack?: boolean;
  /** The target column of -L when it differs from the name (NOTRACK shows CT). */
  realName?: string;
  /** Extra kernel validation: the errno text it fails with (REJECT tcp-reset without -p tcp), or null. */
  kernelCheck?(data: D, ip: IpSpec): string | null;
  run(data: D, pc: PacketContext): TargetResult;
}

/** Lets a module keep its own data type while the registry stores them uniformly. */
export function defineMatch<D>(ext: MatchExt<D>): MatchExt {
  return ext as unknown as MatchExt;
}

export function defineTarget<D>(ext: TargetExt<D>): TargetExt {
  return ext as unknown as TargetExt;
}

/** xtables_option_parse()'s checks before an x6 extension sees an option. */
export function optionPrecheck(
  ext: string,
  opt: OptSpec,
  arg: string | null,
  invert: boolean,
  flags: number,
) {
  const bit = 1 << opt.id;
  if ((!opt.multi || (opt.excl ?? 0) & bit) && flags & bit)
    throw new ParamError(`${ext}: option "--${opt.name}" can only be used once.\n`);
  if (invert && !opt.invert) throw new ParamError(`${ext}: option "--${opt.name}" cannot be inverted.\n`);
  if (opt.arg && arg === null) throw new ParamError(`${ext}: option "--${opt.name}" requires an argument.\n`);
}

/** xtables_options_fcheck(): mandatory options, then "also requires" and "cannot be used together". */
export function optionsFcheck(ext: string, flags: number, options: OptSpec[]): void {
  const byId = new Map<number, OptSpec>();
  for (const o of options) if (!byId.has(o.id)) byId.set(o.id, o);
  for (const entry of options) {
    const ef = 1 << entry.id;
    if (entry.mand && !(flags & ef))
      throw new ParamError(`${ext}: option "--${entry.name}" must be specified\n`);
    if (!(flags & ef)) continue;
    for (let i = 0; i < 32; i++) {
      if (i === entry.id) continue;
      const other = byId.get(i);
      if (!other) continue;
      const of = 1 << i;
      if ((entry.also ?? 0) & of && !(flags & of))
        throw new ParamError(`${ext}: option "--${entry.name}" also requires "--${other.name}".\n`);
      if ((entry.excl ?? 0) & of && (flags & (ef | of)) === (ef | of))
        throw new ParamError(
          `${ext}: option "--${entry.name}" cannot be used together with "--${other.name}".\n`,
        );
    }
  }
}
