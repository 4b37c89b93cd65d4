// The iptables command line, parsed the way do_parse() does (iptables/xshared.c): GNU getopt
// with options merged in as -m/-j load extensions, the implicit protocol match, "!" before an
// option, the final checks of each extension, then addresses and the command/option table.
// The result is a typed command; nothing here touches the ruleset.
import type { Resolver } from '../addr.ts';
import { BadArgument, ParamError, TryHelp } from '../errors.ts';
import { Getopt, type LongOption } from '../getopt.ts';
import type { MatchExt, OptSpec, ParseContext } from '../module.ts';
import { findMatch, findTarget, isKnownMatch } from '../registry.ts';
import type { Rule } from '../state.ts';
import { parseInterface, parseProtocol, protoToName } from '../xtables.ts';
import { BASE_LONGOPTS, CMD, type Command, cmd2char, OPT, OPTSTRING, opt2char } from './commands.ts';
import {
  assertValidChainName,
  emptyIp,
  INVERSE_FIELD,
  type LoadedExt,
  postParse,
  scanCounter,
} from './post-parse.ts';

export { assertValidChainName, isVerdict } from './post-parse.ts';

/** Which extension instance an option belongs to. */
type OptionOwner = { kind: 'base'; c: string } | { kind: 'ext'; ext: LoadedExt; opt: OptSpec };

export interface ParsedCommand {
  command: Command;
  table: string;
  chain: string | null;
  newname: string | null;
  policy: string | null;
  rulenum: number;
  verbose: number;
  numeric: boolean;
  exact: boolean;
  lineNumbers: boolean;
  /** -c was given (its counters are in each rule). */
  counters: boolean;
  /** One rule per source × destination address. */
  rules: Rule[];
}

export interface ParseOptions {
  resolver: Resolver;
  /** iptables-restore parses each rule line with this set. */
  restore?: boolean;
  /** Where warnings go immediately (stderr). */
  warn(text: string): void;
}

/** -V: the caller prints this and exits 0. */
export class VersionRequest extends Error {}

/** -h: the caller prints the usage and exits 0. */
export class HelpRequest extends Error {}

export function parseIptables(argv: string[], opts: ParseOptions): ParsedCommand {
  const p: ParsedCommand = {
    command: 0,
    table: 'filter',
    chain: null,
    newname: null,
    policy: null,
    rulenum: 0,
    verbose: 0,
    numeric: false,
    exact: false,
    lineNumbers: false,
    counters: false,
    rules: [],
  };
  const ip = emptyIp();
  let options = 0;
  let invert = false;
  let tableSet = false;
  let protocol: string | null = null;
  let protoUsed = false;
  let shost: string | null = null;
  let dhost: string | null = null;
  let jumpto = '';
  let gotoSet = false;
  let target: LoadedExt | null = null;
  let waitSet = false;
  let waitIntervalSet = false;
  let pcnt = 0n;
  let bcnt = 0n;
  const matches: LoadedExt[] = [];
  const loadedNames = new Set<string>();

  const base: Array<LongOption<OptionOwner>> = BASE_LONGOPTS.map(([name, hasArg, c]) => ({
    name,
    hasArg,
    value: { kind: 'base', c },
  }));
  const g = new Getopt<OptionOwner>(argv, OPTSTRING, base, (c) => ({ kind: 'base', c }));
  const extOpts: Array<LongOption<OptionOwner>> = [];

  /** xtables_merge_options(): base options first, then the newest extension's, then older ones. */
  const merge = (loaded: LoadedExt) => {
    const fresh = loaded.ext.options.map((opt) => ({
      name: opt.name,
      hasArg: (opt.arg ? 1 : 0) as 0 | 1,
      value: { kind: 'ext', ext: loaded, opt } as OptionOwner,
    }));
    extOpts.unshift(...fresh);
    g.longopts = [...base, ...extOpts];
  };

  const setOption = (bit: number, inv: boolean) => {
    if (options & bit) throw new ParamError(`multiple -${opt2char(bit)} flags not allowed`);
    options |= bit;
    if (inv) {
      const field = INVERSE_FIELD[bit];
      if (!field) throw new ParamError(`cannot have ! before -${opt2char(bit)}`);
      ip[field] = true;
    }
  };

  const addCommand = (newcmd: Command, others: number) => {
    if (invert) throw new ParamError("unexpected '!' flag");
    if (p.command & ~others)
      throw new ParamError(`Cannot use -${cmd2char(newcmd)} with -${cmd2char(p.command & ~others)}`);
    p.command |= newcmd;
  };

  const parseRulenum = (text: string): number => {
    const n = /^\s*\+?\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(n >= 1 && n <= 0x7fffffff)) throw new ParamError(`Invalid rule number \`${text}'`);
    return n;
  };

  const optionalChain = (arg: string | null) => {
    if (arg !== null) p.chain = arg;
    else if (g.hasArg()) p.chain = g.take();
  };

  const ctx: ParseContext = {
    ip,
    resolver: opts.resolver,
    takeArg: () => (g.hasArg() ? g.take() : null),
  };

  const loadMatch = (ext: MatchExt): LoadedExt => {
    const loaded: LoadedExt = { ext, isTarget: false, data: ext.init(), flags: 0 };
    matches.push(loaded);
    loadedNames.add(ext.name);
    merge(loaded);
    return loaded;
  };

  /** find_proto(): the match named after the -p protocol, if there is one. */
  const protoMatch = (): MatchExt | null => {
    if (protocol === null) return null;
    const n = /^\d+$/.test(protocol) ? Number(protocol) : null;
    const name = n !== null ? (n <= 255 ? protoToName(n, (options & OPT.NUMERIC) !== 0) : null) : protocol;
    return name ? findMatch(name) : null;
  };

  /** command_default(): an extension's option, the implicit protocol match, or an error. */
  const commandDefault = (
    owner: OptionOwner | null,
    arg: string | null,
    kind: 'option' | 'unknown' | 'missing',
  ) => {
    if (owner?.kind === 'ext') {
      const loaded = owner.ext;
      const opt = loaded.ext.options.find((o) => o.id === owner.opt.id) ?? owner.opt;
      loaded.ext.parse(loaded.data, loaded.ext.legacy ? owner.opt : opt, arg, invert, ctx, loaded.flags);
      loaded.flags |= 1 << opt.id;
      return false;
    }
    const m = protoMatch();
    if (m && (!loadedNames.has(m.name) || !protoUsed)) {
      protoUsed = true;
      loadMatch(m);
      g.rewind();
      return true;
    }
    if (kind === 'missing') throw new ParamError(`option "${argv[g.optind - 1]}" requires an argument`);
    if (kind === 'unknown') throw new ParamError(`unknown option "${argv[g.optind - 1]}"`);
    throw new ParamError(`Unknown arg "${arg}"`);
  };

  for (;;) {
    const r = g.next();
    if (r.kind === 'end') break;
    if (r.kind === 'word') {
      if (r.arg === '!') {
        if (invert) throw new ParamError('multiple consecutive ! not allowed');
        invert = true;
        continue;
      }
      throw new BadArgument(r.arg);
    }
    if (r.kind !== 'option' || r.value.kind === 'ext') {
      const owner = r.kind === 'option' ? r.value : null;
      if (commandDefault(owner, r.kind === 'option' ? r.arg : null, r.kind)) continue;
      invert = false;
      continue;
    }
    const arg = r.arg;
    switch (r.value.c) {
      case 'A':
        addCommand(CMD.APPEND, 0);
        p.chain = arg;
        break;
      case 'C':
        addCommand(CMD.CHECK, 0);
        p.chain = arg;
        break;
      case 'D':
        addCommand(CMD.DELETE, 0);
        p.chain = arg;
        if (g.hasArg()) {
          p.rulenum = parseRulenum(g.take());
          p.command = CMD.DELETE_NUM;
        }
        break;
      case 'R':
        addCommand(CMD.REPLACE, 0);
        p.chain = arg;
        if (!g.hasArg()) throw new ParamError('-R requires a rule number');
        p.rulenum = parseRulenum(g.take());
        break;
      case 'I':
        addCommand(CMD.INSERT, 0);
        p.chain = arg;
        p.rulenum = g.hasArg() ? parseRulenum(g.take()) : 1;
        break;
      case 'L':
      case 'S':
        addCommand(r.value.c === 'L' ? CMD.LIST : CMD.LIST_RULES, CMD.ZERO | CMD.ZERO_NUM);
        optionalChain(arg);
        if (g.hasArg()) p.rulenum = parseRulenum(g.take());
        break;
      case 'F':
        addCommand(CMD.FLUSH, 0);
        optionalChain(arg);
        break;
      case 'Z':
        addCommand(CMD.ZERO, CMD.LIST | CMD.LIST_RULES);
        optionalChain(arg);
        if (g.hasArg()) {
          p.rulenum = parseRulenum(g.take());
          // do_parse() assigns here: "-L -Z CHAIN N" only zeroes.
          p.command = CMD.ZERO_NUM;
        }
        break;
      case 'N':
        assertValidChainName(arg!);
        addCommand(CMD.NEW_CHAIN, 0);
        p.chain = arg;
        break;
      case 'X':
        addCommand(CMD.DELETE_CHAIN, 0);
        optionalChain(arg);
        break;
      case 'E':
        addCommand(CMD.RENAME_CHAIN, 0);
        p.chain = arg;
        if (!g.hasArg()) throw new ParamError('-E requires old-chain-name and new-chain-name');
        p.newname = g.take();
        break;
      case 'P':
        addCommand(CMD.SET_POLICY, 0);
        p.chain = arg;
        if (!g.hasArg()) throw new ParamError('-P requires a chain and a policy');
        p.policy = g.take();
        break;
      case 'h':
        throw new HelpRequest();
      case 'p': {
        setOption(OPT.PROTOCOL, invert);
        const text = argv[g.optind - 1].toLowerCase();
        argv[g.optind - 1] = text;
        protocol = text;
        ip.proto = parseProtocol(text);
        if (ip.proto === 0 && ip.invProto) throw new ParamError('rule would never match protocol');
        break;
      }
      case 's':
        setOption(OPT.SOURCE, invert);
        shost = argv[g.optind - 1];
        break;
      case 'd':
        setOption(OPT.DESTINATION, invert);
        dhost = argv[g.optind - 1];
        break;
      case 'g':
        setOption(OPT.JUMP, invert);
        gotoSet = true;
        jumpto = checkTargetName(arg!);
        break;
      case 'j': {
        setOption(OPT.JUMP, invert);
        jumpto = checkTargetName(argv[g.optind - 1]);
        const ext = findTarget(jumpto);
        if (ext) {
          target = { ext, isTarget: true, data: ext.init(), flags: 0 };
          merge(target);
        }
        break;
      }
      case 'i':
      case 'o': {
        if (arg === '') throw new ParamError('Empty interface is likely to be undesired');
        const isIn = r.value.c === 'i';
        setOption(isIn ? OPT.VIANAMEIN : OPT.VIANAMEOUT, invert);
        // "+" matches every interface: nf_tables stores no match, so it reads back as none.
        const typed = parseInterface(argv[g.optind - 1]);
        const name = typed === '+' ? '' : typed;
        if (isIn) ip.iniface = name;
        else ip.outiface = name;
        break;
      }
      case 'f':
        setOption(OPT.FRAGMENT, invert);
        ip.frag = true;
        break;
      case 'v':
        if (!p.verbose) setOption(OPT.VERBOSE, invert);
        p.verbose++;
        break;
      case 'm': {
        if (invert) throw new ParamError('unexpected ! flag before --match');
        const ext = findMatch(arg!);
        if (!ext) {
          const why = isKnownMatch(arg!) ? 'not supported by this simulation' : 'No such file or directory';
          throw new ParamError(`Couldn't load match \`${arg}':${why}\n`);
        }
        loadMatch(ext);
        break;
      }
      case 'n':
        setOption(OPT.NUMERIC, invert);
        p.numeric = true;
        break;
      case 't':
        if (invert) throw new ParamError('unexpected ! flag before --table');
        if (opts.restore && tableSet)
          throw new ParamError('The -t option cannot be used in iptables-restore.\n');
        p.table = arg!;
        tableSet = true;
        break;
      case 'x':
        setOption(OPT.EXPANDED, invert);
        p.exact = true;
        break;
      case 'V':
        throw new VersionRequest(invert ? 'Not' : '');
      case 'w': {
        if (opts.restore) throw new ParamError("You cannot use `-w' from iptables-restore");
        const w = arg ?? (g.hasArg() ? g.take() : null);
        if (w !== null && !/^\s*[+-]?(0[xX][0-9a-fA-F]+|\d+)/.test(w))
          throw new ParamError('wait seconds not numeric');
        waitSet = true;
        break;
      }
      case 'W': {
        if (opts.restore) throw new ParamError("You cannot use `-W' from iptables-restore");
        const w = arg ?? (g.hasArg() ? g.take() : null);
        if (w === null) throw new ParamError('wait interval value required');
        const m = /^\s*\+?(\d+)/.exec(w);
        if (!m) throw new ParamError('wait interval not numeric');
        if (Number(m[1]) > 999999) throw new ParamError(`too long usec wait ${m[1]} > 999999 usec`);
        opts.warn('Ignoring deprecated --wait-interval option.\n');
        waitIntervalSet = true;
        break;
      }
      case '0':
        setOption(OPT.LINENUMBERS, invert);
        p.lineNumbers = true;
        break;
      case 'M':
        break;
      case 'c': {
        setOption(OPT.COUNTERS, invert);
        const text = arg!;
        const comma = text.indexOf(',', 1);
        let btext: string | null = comma >= 0 ? text.slice(comma + 1) : null;
        if (btext === null && g.hasArg()) btext = g.take();
        if (btext === null) throw new ParamError('-c requires packet and byte counter');
        const pc = scanCounter(text);
        if (pc === null) throw new ParamError('-c packet counter not numeric');
        const bc = scanCounter(btext);
        if (bc === null) throw new ParamError('-c byte counter not numeric');
        pcnt = pc;
        bcnt = bc;
        p.counters = true;
        break;
      }
      case '4':
        break;
      case '6':
        throw new TryHelp();
      default:
        commandDefault(null, arg, 'option');
    }
    invert = false;
  }

  return postParse(
    {
      p,
      ip,
      options,
      invert,
      shost,
      dhost,
      jumpto,
      gotoSet,
      target,
      matches,
      pcnt,
      bcnt,
      waitSet,
      waitIntervalSet,
    },
    opts.resolver,
  );
}

/** xt_parse_target(). */
function checkTargetName(name: string): string {
  if (name.length < 1) throw new ParamError('Invalid target name (too short)');
  if (name.length >= 29) throw new ParamError(`Invalid target name \`${name}' (28 chars max)`);
  if (/\s/.test(name)) throw new ParamError(`Invalid target name \`${name}'`);
  return name;
}
