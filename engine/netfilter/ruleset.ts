// Changes to the ruleset as one nf_tables transaction (iptables/nft.c + the kernel's batch):
// each operation works on a draft copy and fails at once with an errno (nft_strerror text), the
// kernel's own checks (invalid rules, busy chains) are collected and reported at commit, and
// only a commit without errors replaces the namespace's tables. Base chains come into existence
// when first used (nft_xt_builtin_init); listings show missing ones as ACCEPT with no rules.
import type { HookPoint } from '../net/packet/hooks.ts';
import { Callers } from './callers.ts';
import { isVerdict } from './cli/parse.ts';
import {
  BAD_RULE_MSG,
  ENOENT_MSG,
  kernelError,
  NftError,
  ParamError,
  RESOURCE_PROBLEM,
  XtablesError,
} from './errors.ts';
import { syncRecentTables } from './matches/recent.ts';
import { findMatch, findTarget } from './registry.ts';
import {
  BUILTIN_CHAINS,
  type Chain,
  type Counters,
  type NfState,
  newChain,
  type Policy,
  type Rule,
  type Table,
  type TableName,
  zeroCounters,
} from './state.ts';
import { chainHooks, ruleValid } from './validate.ts';

/** The canonical text rules are compared by (-D by specification, -C). */
export type RuleKey = (rule: Rule) => string;

interface KernelFailure {
  op: string;
  errnoText: string;
  what: string;
  lineno: number;
}

export class Batch {
  private readonly state: NfState;
  readonly draft: Partial<Record<TableName, Table>>;
  private failure: KernelFailure | null = null;
  /** What verbose operations print (stdout), in order. */
  readonly out: string[] = [];
  /** iptables-restore's line for kernel errors (0 outside restore). */
  lineno = 0;
  private readonly key: RuleKey;
  private changed = false;
  /** Jump index per table, built on first use and kept in step with every rule change. */
  private readonly callers = new Map<TableName, Callers>();
  /** Chain-name index per table; rebuilt when the chain list or a chain name changes. */
  private readonly names = new Map<
    TableName,
    { chains: Chain[]; size: number; version: number; byName: Map<string, Chain[]> }
  >();
  private namesVersion = 0;

  constructor(state: NfState, key: RuleKey) {
    this.state = state;
    this.draft = draftOf(state.tables);
    this.key = key;
  }

  /** A chain iptables can see: not a base chain renamed away from its hook's name. */
  find(table: TableName, name: string): Chain | null {
    const t = this.draft[table];
    if (!t) return null;
    let index = this.names.get(table);
    if (
      !index ||
      index.chains !== t.chains ||
      index.size > t.chains.length ||
      index.version !== this.namesVersion
    ) {
      index = { chains: t.chains, size: 0, version: this.namesVersion, byName: new Map() };
      this.names.set(table, index);
    }
    // Chains are only ever appended to the same array between rebuilds: index the new tail.
    for (; index.size < t.chains.length; index.size++) {
      const c = t.chains[index.size];
      const same = index.byName.get(c.name);
      if (same) same.push(c);
      else index.byName.set(c.name, [c]);
    }
    return index.byName.get(name)?.find((c) => c.hook === null || c.hook === c.name) ?? null;
  }

  private callersOf(table: TableName): Callers {
    let callers = this.callers.get(table);
    if (!callers) {
      callers = new Callers(this.draft[table] ?? { name: table, chains: [] });
      this.callers.set(table, callers);
    }
    return callers;
  }

  /** Records a rule entering or leaving a chain in the jump index (if it has been built). */
  private track(table: TableName, chain: Chain, rule: Rule, added: boolean): void {
    const callers = this.callers.get(table);
    if (!callers) return;
    if (added) callers.add(chain, rule);
    else callers.remove(chain, rule);
  }

  /** nft_xt_builtin_table_init(). */
  ensureTable(name: TableName): Table {
    this.changed = true;
    this.draft[name] ??= { name, chains: [] };
    return this.draft[name]!;
  }

  /** nft_xt_builtin_init(): the table, and the named base chain (or all of them). */
  builtinInit(table: TableName, chain: string | null): void {
    const t = this.ensureTable(table);
    for (const hook of BUILTIN_CHAINS[table]) {
      if (chain !== null && chain !== hook) continue;
      if (!t.chains.some((c) => c.hook === hook && c.name === hook)) t.chains.push(newChain(hook, hook));
    }
  }

  private need(table: TableName, name: string, message = ENOENT_MSG): Chain {
    const c = this.find(table, name);
    if (!c) throw new NftError(message);
    return c;
  }

  private validate(op: string, table: TableName, chain: Chain, rule: Rule): void {
    if (this.failure) return;
    const t = this.draft[table]!;
    const callers = this.callersOf(table);
    const hooks: Set<HookPoint> = chainHooks(chain, (name) => callers.of(name));
    const errnoText = ruleValid(t, rule, hooks, (name) => {
      const c = this.find(table, name);
      return c && c.hook === null ? c : undefined;
    });
    if (errnoText) this.failure = { op, errnoText, what: `rule in chain ${chain.name}`, lineno: this.lineno };
  }

  /** assert_chain_exists() for a rule's jump. */
  private assertJump(table: TableName, rule: Rule): void {
    if (rule.target || !rule.jump || (isVerdict(rule.jump) && !rule.goto)) return;
    if (!this.find(table, rule.jump)) throw new ParamError(`Chain '${rule.jump}' does not exist`);
  }

  append(table: TableName, chain: string, rule: Rule, verbose: () => void): void {
    this.assertJump(table, rule);
    this.builtinInit(table, chain);
    const c = this.need(table, chain);
    c.rules.push(rule);
    this.track(table, c, rule, true);
    verbose();
    this.validate('RULE_APPEND', table, c, rule);
  }

  insert(table: TableName, chain: string, rule: Rule, rulenum: number, verbose: () => void): void {
    this.assertJump(table, rule);
    this.builtinInit(table, chain);
    const c = this.need(table, chain);
    if (rulenum > c.rules.length + 1) throw new NftError('Index of insertion too big');
    if (rulenum === c.rules.length + 1 && rulenum > 1) {
      this.append(table, chain, rule, verbose);
      return;
    }
    c.rules.splice(rulenum - 1, 0, rule);
    this.track(table, c, rule, true);
    verbose();
    this.validate('RULE_INSERT', table, c, rule);
  }

  replace(table: TableName, chain: string, rule: Rule, rulenum: number, verbose: () => void): void {
    this.assertJump(table, rule);
    const c = this.need(table, chain);
    if (c.rules.length === 0) throw new NftError(ENOENT_MSG);
    if (rulenum > c.rules.length) throw new NftError('Index of replacement too big');
    this.track(table, c, c.rules[rulenum - 1], false);
    c.rules[rulenum - 1] = rule;
    this.track(table, c, rule, true);
    this.changed = true;
    verbose();
    this.validate('RULE_REPLACE', table, c, rule);
  }

  /** -D by specification: the first rule that compares equal. */
  deleteRule(table: TableName, chain: string, rule: Rule, verbose: (r: Rule) => void): void {
    this.assertJump(table, rule);
    const c = this.need(table, chain, BAD_RULE_MSG);
    const want = this.key(rule);
    const i = c.rules.findIndex((r) => this.key(r) === want);
    if (i < 0) throw new NftError(BAD_RULE_MSG);
    const [removed] = c.rules.splice(i, 1);
    this.track(table, c, removed, false);
    this.changed = true;
    verbose(removed);
  }

  deleteNum(table: TableName, chain: string, rulenum: number): void {
    const c = this.need(table, chain);
    if (rulenum > c.rules.length) throw new NftError('Index of deletion too big');
    const [removed] = c.rules.splice(rulenum - 1, 1);
    this.track(table, c, removed, false);
    this.changed = true;
  }

  check(table: TableName, chain: string, rule: Rule, verbose: (r: Rule) => void): void {
    this.assertJump(table, rule);
    const c = this.find(table, chain);
    const want = this.key(rule);
    const found = c?.rules.find((r) => this.key(r) === want);
    if (!found) throw new NftError(BAD_RULE_MSG);
    verbose(found);
  }

  /** Chains of a table in listing order (base chains, then user chains by name). */
  chainsOf(table: TableName): Chain[] {
    const t = this.draft[table];
    if (!t) return [];
    const base = BUILTIN_CHAINS[table]
      .map((hook) => t.chains.find((c) => c.hook === hook && c.name === hook))
      .filter((c): c is Chain => !!c);
    const user = t.chains
      .filter((c) => c.hook === null)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return [...base, ...user];
  }

  flush(table: TableName, chain: string | null, verbose: boolean): void {
    if (chain !== null || verbose) this.builtinInit(table, chain);
    else if (!this.draft[table]) return;
    const chains = chain !== null ? [this.need(table, chain)] : this.chainsOf(table);
    for (const c of chains) {
      if (verbose) this.out.push(`Flushing chain \`${c.name}'\n`);
      for (const r of c.rules) this.track(table, c, r, false);
      c.rules = [];
    }
    this.changed = true;
  }

  /** -Z; after -L the listed (faked) base chains are zeroed too, which only shows with -v. */
  zero(table: TableName, chain: string | null, verbose: boolean, listed: string[] = []): void {
    const chains = chain !== null ? [this.need(table, chain)] : this.chainsOf(table);
    if (chain === null && listed.length) {
      for (const name of listed) {
        const c = chains.find((x) => x.name === name);
        if (verbose) this.out.push(`Zeroing chain \`${name}'\n`);
        if (!c) continue;
        c.counters = zeroCounters();
        if (c.hook !== null) c.stats = true;
        c.rules = c.rules.map(zeroedRule);
      }
      this.changed = true;
      return;
    }
    for (const c of chains) {
      if (verbose) this.out.push(`Zeroing chain \`${c.name}'\n`);
      c.counters = zeroCounters();
      if (c.hook !== null) c.stats = true;
      c.rules = c.rules.map(zeroedRule);
    }
    this.changed = true;
  }

  zeroNum(table: TableName, chain: string, rulenum: number): void {
    const c = this.need(table, chain);
    const r = c.rules[rulenum - 1];
    if (r) c.rules[rulenum - 1] = zeroedRule(r);
    this.changed = true;
  }

  newChain(table: TableName, name: string): void {
    const t = this.ensureTable(table);
    if (BUILTIN_CHAINS[table].includes(name as HookPoint) || t.chains.some((c) => c.name === name))
      throw new NftError('Chain already exists');
    t.chains.push(newChain(name, null));
  }

  /** nft_chain_del(): one chain, or every user chain and every deletable base chain. */
  deleteChain(table: TableName, name: string | null, verbose: boolean): void {
    const t = this.draft[table];
    const chains = name !== null ? [this.need(table, name)] : this.chainsOf(table);
    for (const c of chains) {
      if (c.hook !== null) {
        const deletable = c.policy === 'ACCEPT' && c.rules.length === 0;
        if (!deletable) {
          if (name !== null) throw new NftError('Directory not empty');
          continue;
        }
      } else if (verbose) this.out.push(`Deleting chain \`${c.name}'\n`);
      if (!this.failure && (c.rules.length > 0 || this.referenced(t!, c.name)))
        this.failure = {
          op: 'CHAIN_DEL',
          errnoText: 'Device or resource busy',
          what: `chain ${c.name}`,
          lineno: this.lineno,
        };
      for (const r of c.rules) this.track(table, c, r, false);
      t!.chains = t!.chains.filter((x) => x !== c);
    }
    this.changed = true;
  }

  private referenced(t: Table, name: string): boolean {
    return t.chains.some((c) => c.rules.some((r) => r.target === null && r.jump === name));
  }

  rename(table: TableName, oldName: string, newName: string): void {
    const t = this.draft[table];
    if (BUILTIN_CHAINS[table].includes(newName as HookPoint) || t?.chains.some((c) => c.name === newName))
      throw new NftError('File exists');
    const c = this.need(table, oldName);
    for (const chain of t!.chains)
      chain.rules = chain.rules.map((r) =>
        r.target === null && r.jump === oldName ? { ...r, jump: newName } : r,
      );
    c.name = newName;
    // Jumps were renamed in place: rebuild both indexes for this table when next needed.
    this.callers.delete(table);
    this.namesVersion++;
    this.changed = true;
  }

  /** nft_chain_set(): a base chain's policy; its counters are reset (or set from a restore). */
  setPolicy(table: TableName, chain: string, policy: string, counters: Counters | null): void {
    if (policy !== 'ACCEPT' && policy !== 'DROP') throw new NftError('Bad policy name', true);
    if (!BUILTIN_CHAINS[table].includes(chain as HookPoint)) throw new NftError('Bad built-in chain name');
    this.builtinInit(table, chain);
    const c = this.need(table, chain);
    c.policy = policy as Policy;
    c.counters = counters ? { ...counters } : zeroCounters();
    c.stats = true;
  }

  /** iptables-restore: forget a table (nft_table_flush deletes it; chains come back as used). */
  tableFlush(table: TableName): void {
    delete this.draft[table];
    this.callers.delete(table);
    this.changed = true;
  }

  /** iptables-restore ":name - [p:b]" for a user chain: create it, or flush an existing one. */
  chainRestore(table: TableName, name: string): void {
    const t = this.ensureTable(table);
    const c = this.find(table, name);
    if (c && c.hook === null) {
      for (const r of c.rules) this.track(table, c, r, false);
      c.rules = [];
    } else t.chains.push(newChain(name, null));
  }

  /** Applies the draft, or throws the first kernel error (nothing applied). */
  commit(): void {
    if (this.failure) {
      const f = this.failure;
      if (f.lineno)
        throw new XtablesError(
          RESOURCE_PROBLEM,
          `\nline ${f.lineno}: ${f.op} failed (${f.errnoText}): ${f.what}`,
        );
      throw kernelError(f.op, f.errnoText, f.what);
    }
    if (!this.changed) return;
    this.state.tables = this.draft;
    syncRecentTables(this.state);
    if (this.draft.nat) this.state.tracking = true;
    // Once on, tracking stays on: only look for a rule that needs it while it is off.
    if (!this.state.tracking)
      for (const t of Object.values(this.draft))
        for (const c of t.chains) for (const r of c.rules) if (needsConntrack(r)) this.state.tracking = true;
  }
}

/**
 * The batch's working copy: new table and chain objects (each chain with its own rule list and
 * counters) around the committed rules themselves, which the batch never changes in place (it
 * puts changed copies in their slots). Copying every rule deeply made each iptables command
 * cost time in proportion to the whole ruleset (seconds at kube-proxy's 300,000 rules).
 */
function draftOf(tables: NfState['tables']): Partial<Record<TableName, Table>> {
  const draft: Partial<Record<TableName, Table>> = {};
  for (const [name, t] of Object.entries(tables) as Array<[TableName, Table | undefined]>) {
    if (!t) continue;
    draft[name] = {
      ...t,
      chains: t.chains.map((c) => ({ ...c, counters: { ...c.counters }, rules: [...c.rules] })),
    };
  }
  return draft;
}

function zeroedRule(rule: Rule): Rule {
  return { ...rule, counters: zeroCounters() };
}

/** Whether a rule makes the namespace track connections (nf_ct_netns_get of its extensions). */
function needsConntrack(rule: Rule): boolean {
  if (rule.matches.some((m) => findMatch(m.name)?.conntrack)) return true;
  return rule.target !== null && findTarget(rule.target.name)?.conntrack === true;
}
