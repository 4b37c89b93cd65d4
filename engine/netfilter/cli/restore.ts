// iptables-restore (iptables/xtables-restore.c): reads "*table", ":chain policy [p:b]", rule
// lines and COMMIT; each table's lines become one transaction applied at its COMMIT (a flush of
// the table first unless --noflush). -t parses only, -T restores one table, -c keeps counters.
import type { CommandContext } from '../../commands/types.ts';
import type { Resolver } from '../addr.ts';
import { NftError, OTHER_PROBLEM, ParamError, XtablesError } from '../errors.ts';
import { Getopt } from '../getopt.ts';
import { Batch } from '../ruleset.ts';
import { BUILTIN_CHAINS, isTableName, type NfState, type TableName } from '../state.ts';
import { doCommand, ruleKey } from './exec.ts';
import { RESTORE_HELP } from './help.ts';
import { nfStateOf, reportError, resolverOf } from './iptables.ts';
import { assertValidChainName, parseIptables } from './parse.ts';

const PROG = 'iptables-restore';

interface Options {
  counters: boolean;
  verbose: number;
  testing: boolean;
  noflush: boolean;
  table: string | null;
}

/** A change queued for the table's COMMIT (nft_cmd), run then in order (nft_prepare). */
interface Queued {
  lineno: number;
  run(batch: Batch, out: string[]): void;
}

/** add_param_to_argv(): words split on blanks, "double quotes" with backslash escapes. */
export function splitRuleLine(line: string): string[] {
  const words: string[] = [];
  let buf = '';
  let open = false;
  let escaped = false;
  for (const ch of line) {
    if (open) {
      if (escaped) {
        buf += ch;
        escaped = false;
        continue;
      }
      if (ch === '\\') {
        escaped = true;
        continue;
      }
      if (ch !== '"') {
        buf += ch;
        continue;
      }
      open = false;
    } else if (ch === '"') {
      open = true;
      continue;
    }
    if (ch === '"' || ((ch === ' ' || ch === '\t' || ch === '\n') && buf.length)) {
      words.push(buf);
      buf = '';
    } else if (ch !== ' ' && ch !== '\t' && ch !== '\n') buf += ch;
  }
  if (buf.length) words.push(buf);
  return words;
}

class Restore {
  private readonly ctx: CommandContext;
  private readonly opts: Options;
  private readonly state: NfState;
  private readonly resolver: Resolver;
  private queue: Queued[] = [];
  private table: TableName | null = null;
  private inTable = false;
  line = 0;

  constructor(ctx: CommandContext, opts: Options) {
    this.ctx = ctx;
    this.opts = opts;
    this.state = nfStateOf(ctx);
    this.resolver = resolverOf(ctx);
  }

  /** One input line (with its newline); throws what ends the program. */
  parseLine(text: string): void {
    const ctx = this.ctx;
    if (text === '\n') return;
    if (text.startsWith('#')) {
      if (this.opts.verbose) ctx.stdout.write(text);
      return;
    }
    let ok = false;
    if (this.inTable && /^COMMIT(\n|$)/.test(text)) {
      if (!this.opts.testing) this.commit();
      this.queue = [];
      this.inTable = false;
      ok = true;
    } else if (text.startsWith('*') && !this.inTable) {
      const name = text.slice(1).split(/[ \t\n]/)[0];
      if (!name) throw new ParamError(`${PROG}: line ${this.line} table name invalid`);
      if (!isTableName(name)) throw new ParamError(`${PROG}: line ${this.line} table name '${name}' invalid`);
      this.table = name;
      if (this.opts.table !== null && this.opts.table !== name) return;
      if (!this.opts.noflush) this.queueFlush(name);
      this.inTable = true;
      ok = true;
    } else if (text.startsWith(':') && this.inTable) {
      this.chainLine(text);
      ok = true;
    } else if (this.inTable) {
      this.ruleLine(text);
      ok = true;
    }
    if (this.opts.table !== null && this.table !== null && this.table !== this.opts.table) return;
    if (!ok) throw new RestoreFailed(this.line, null);
  }

  private queueFlush(table: TableName): void {
    const verbose = this.opts.verbose > 0;
    this.queue.push({
      lineno: this.line,
      run: (batch) => {
        if (!verbose) return batch.tableFlush(table);
        batch.flush(table, null, true);
        batch.deleteChain(table, null, true);
      },
    });
  }

  private chainLine(text: string): void {
    const [chain, policy, ctrs] = text.slice(1).split(/[ \t\n]+/);
    if (!chain) throw new ParamError(`${PROG}: line ${this.line} chain name invalid`);
    assertValidChainName(chain);
    if (!policy) throw new ParamError(`${PROG}: line ${this.line} policy invalid`);
    const table = this.table!;
    if (BUILTIN_CHAINS[table].includes(chain as never)) {
      let counters = null;
      if (this.opts.counters) {
        const m = ctrs ? /^\[(\d+):(\d+)\]/.exec(ctrs) : null;
        if (!m) throw new ParamError(`invalid policy counters for chain '${chain}'`);
        counters = { packets: BigInt(m[1]), bytes: BigInt(m[2]) };
      }
      this.queue.push({ lineno: this.line, run: (b) => b.setPolicy(table, chain, policy, counters) });
    } else this.queue.push({ lineno: this.line, run: (b) => b.chainRestore(table, chain) });
  }

  private ruleLine(text: string): void {
    let rest = text;
    let pcnt: string | null = null;
    let bcnt: string | null = null;
    if (rest.startsWith('[')) {
      const end = rest.indexOf(']');
      if (end < 0) throw new ParamError(`Bad line ${this.line}: need ]`);
      const m = /^\[([^:\]]*):([^\]]*)\]/.exec(rest);
      if (!m) throw new ParamError(`Bad line ${this.line}: need :`);
      pcnt = m[1];
      bcnt = m[2];
      rest = rest.slice(end + 1);
    }
    const argv = [PROG, '-t', this.table!];
    if (!this.opts.noflush) for (let i = 0; i < this.opts.verbose; i++) argv.push('-v');
    if (this.opts.counters && pcnt !== null && bcnt !== null) argv.push('--set-counters', pcnt, bcnt);
    argv.push(...splitRuleLine(rest));
    const p = parseIptables(argv, {
      resolver: this.resolver,
      restore: true,
      warn: (t) => this.ctx.stderr.write(t),
    });
    this.queue.push({ lineno: this.line, run: (b, out) => doCommand(b, p, out, this.resolver) });
  }

  /** nft_commit(): run the queued changes, then apply them. */
  private commit(): void {
    const batch = new Batch(this.state, ruleKey);
    const out: string[] = [];
    for (const q of this.queue) {
      batch.lineno = q.lineno;
      try {
        q.run(batch, out);
        out.push(...batch.out.splice(0));
      } catch (e) {
        this.ctx.stdout.write(out.join('') + batch.out.join(''));
        if (e instanceof NftError) throw new RestoreFailed(q.lineno, e.message);
        throw e;
      }
    }
    this.ctx.stdout.write(out.join(''));
    batch.commit();
  }

  finish(): void {
    if (this.inTable) throw new CommitExpected(this.line + 1);
  }
}

/** "iptables-restore: line N failed[: errno text.]", exit 1. */
class RestoreFailed extends Error {
  readonly lineno: number;
  readonly reason: string | null;
  constructor(lineno: number, reason: string | null) {
    super('restore failed');
    this.lineno = lineno;
    this.reason = reason;
  }
}

class CommitExpected extends Error {
  readonly lineno: number;
  constructor(lineno: number) {
    super('COMMIT expected');
    this.lineno = lineno;
  }
}

function parseOptions(
  ctx: CommandContext,
): Options | { error: string; status: number } | { file: string; opts: Options } {
  const opts: Options = { counters: false, verbose: 0, testing: false, noflush: false, table: null };
  const long = [
    ['counters', 0, 'c'],
    ['verbose', 0, 'v'],
    ['version', 0, 'V'],
    ['test', 0, 't'],
    ['help', 0, 'h'],
    ['noflush', 0, 'n'],
    ['modprobe', 1, 'M'],
    ['table', 1, 'T'],
    ['ipv4', 0, '4'],
    ['ipv6', 0, '6'],
    ['wait', 2, 'w'],
    ['wait-interval', 2, 'W'],
  ] as const;
  const g = new Getopt<string>(
    ctx.argv,
    'bcvVthnM:T:wW',
    long.map(([name, hasArg, value]) => ({ name, hasArg, value })),
    (c) => c,
  );
  const files: string[] = [];
  for (;;) {
    const r = g.next();
    if (r.kind === 'end') break;
    if (r.kind === 'word') {
      files.push(r.arg);
      continue;
    }
    if (r.kind !== 'option')
      return { error: `${PROG}: ${r.message}\nTry \`${PROG} -h' for more information.\n`, status: 1 };
    switch (r.value) {
      case 'c':
        opts.counters = true;
        break;
      case 'v':
        opts.verbose++;
        break;
      case 't':
        opts.testing = true;
        break;
      case 'n':
        opts.noflush = true;
        break;
      case 'T':
        opts.table = r.arg;
        break;
      case 'V':
        return { error: '', status: -1 };
      case 'b':
        ctx.stderr.write('-b/--binary option is not implemented\n');
        break;
      case 'w':
      case 'W':
        if (r.arg === null && g.hasArg()) g.take();
        break;
      case 'h':
        return { error: RESTORE_HELP, status: 0 };
    }
  }
  if (files.length > 1) return { error: 'Unknown arguments found on commandline\n', status: 1 };
  return files.length ? { file: files[0], opts } : opts;
}

export function iptablesRestore(ctx: CommandContext): number {
  const parsed = parseOptions(ctx);
  if ('status' in parsed) {
    if (parsed.status === -1) {
      ctx.stdout.write(`${PROG} v1.8.9 (nf_tables)\n`);
      return 0;
    }
    ctx.stderr.write(parsed.error);
    return parsed.status;
  }
  const opts = 'file' in parsed ? parsed.opts : parsed;
  let input: string;
  if ('file' in parsed) {
    try {
      input = ctx.proc.host.fs.readFile(parsed.file, ctx.proc.cwd);
    } catch {
      ctx.stderr.write(`Can't open ${parsed.file}: No such file or directory\n`);
      return 1;
    }
  } else input = ctx.stdin.readAll();
  const restore = new Restore(ctx, opts);
  try {
    for (const line of input.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
      restore.line++;
      restore.parseLine(line);
    }
    restore.finish();
    return 0;
  } catch (e) {
    if (e instanceof RestoreFailed) {
      ctx.stderr.write(`${PROG}: line ${e.lineno} failed${e.reason ? `: ${e.reason}.` : ''}\n`);
      return 1;
    }
    if (e instanceof CommitExpected) {
      ctx.stderr.write(`${PROG}: COMMIT expected at line ${e.lineno}\n`);
      return 1;
    }
    if (e instanceof XtablesError && e.status === OTHER_PROBLEM) return reportError(ctx, PROG, e);
    return reportError(ctx, PROG, e, restore.line);
  }
}
