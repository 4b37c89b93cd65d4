// Runs a parsed iptables command against a transaction (do_commandx in iptables/xtables.c):
// rule and chain changes go into the Batch, listings are printed from the current tables.
// iptables runs one command per batch; iptables-restore feeds every line of a table into one.
import type { Resolver } from '../addr.ts';
import { VERSION_PROBLEM, XtablesError } from '../errors.ts';
import { listedChains, listRules, listTable } from '../print/list.ts';
import { saveRuleBody, verboseRule } from '../print/rule.ts';
import type { Batch } from '../ruleset.ts';
import { isTableName, type Rule, type TableName } from '../state.ts';
import { CMD } from './commands.ts';
import type { ParsedCommand } from './parse.ts';

/** Rules compare by their canonical -S text (nft_rule_find / is_same). */
export const ruleKey = (rule: Rule): string => saveRuleBody(rule);

export function checkTable(name: string): TableName {
  if (!isTableName(name)) throw new XtablesError(VERSION_PROBLEM, `table '${name}' does not exist`);
  return name;
}

const listedNames = (batch: Batch, table: TableName): string[] =>
  listedChains(batch.draft[table], table).map((c) => c.name);

/** Executes `p`; what it prints goes to `out` (stdout) in order. */
export function doCommand(batch: Batch, p: ParsedCommand, out: string[], resolver: Resolver): void {
  const table = checkTable(p.table);
  const verbose = p.verbose > 0;
  const chain = p.chain!;
  const flushOut = () => {
    out.push(...batch.out);
    batch.out.length = 0;
  };
  const printRule = (r: Rule) => {
    if (verbose) batch.out.push(verboseRule(r, resolver));
  };
  const list = () => {
    const format = { numeric: p.numeric, verbose, exact: p.exact, lineNumbers: p.lineNumbers };
    out.push(listTable(batch.draft[table], table, p.chain, p.rulenum, format, resolver));
  };
  switch (p.command) {
    case CMD.APPEND:
      for (const r of p.rules) batch.append(table, chain, r, () => printRule(r));
      break;
    case CMD.INSERT:
      for (const r of p.rules) batch.insert(table, chain, r, p.rulenum, () => printRule(r));
      break;
    case CMD.REPLACE:
      batch.replace(table, chain, p.rules[0], p.rulenum, () => printRule(p.rules[0]));
      break;
    case CMD.DELETE:
      for (const r of p.rules) batch.deleteRule(table, chain, r, printRule);
      break;
    case CMD.DELETE_NUM:
      batch.deleteNum(table, chain, p.rulenum);
      break;
    case CMD.CHECK:
      for (const r of p.rules) batch.check(table, chain, r, printRule);
      break;
    case CMD.FLUSH:
      batch.flush(table, p.chain, verbose);
      break;
    case CMD.ZERO:
      batch.zero(table, p.chain, verbose);
      break;
    case CMD.ZERO_NUM:
      batch.zeroNum(table, chain, p.rulenum);
      break;
    case CMD.LIST:
    case CMD.LIST | CMD.ZERO:
    case CMD.LIST | CMD.ZERO_NUM:
      list();
      if (p.command & CMD.ZERO) batch.zero(table, p.chain, verbose, listedNames(batch, table));
      if (p.command & CMD.ZERO_NUM) batch.zeroNum(table, chain, p.rulenum);
      break;
    case CMD.LIST_RULES:
    case CMD.LIST_RULES | CMD.ZERO:
    case CMD.LIST_RULES | CMD.ZERO_NUM:
      out.push(listRules(batch.draft[table], table, p.chain, p.rulenum, verbose));
      if (p.command & CMD.ZERO) batch.zero(table, p.chain, verbose, listedNames(batch, table));
      if (p.command & CMD.ZERO_NUM) batch.zeroNum(table, chain, p.rulenum);
      break;
    case CMD.NEW_CHAIN:
      batch.newChain(table, chain);
      break;
    case CMD.DELETE_CHAIN:
      batch.deleteChain(table, p.chain, verbose);
      break;
    case CMD.RENAME_CHAIN:
      batch.rename(table, chain, p.newname!);
      break;
    case CMD.SET_POLICY:
      batch.setPolicy(table, chain, p.policy!, null);
      break;
  }
  flushOut();
}
