// Which chains jump to which, per table, kept up to date as a batch changes rules, so the
// kernel-style validation of each new rule (validate.ts) does not rescan the whole ruleset.
import type { Chain, Rule, Table } from './state.ts';

export class Callers {
  private readonly byCallee = new Map<string, Map<Chain, number>>();

  constructor(table: Table) {
    for (const c of table.chains) for (const r of c.rules) this.add(c, r);
  }

  add(caller: Chain, rule: Rule): void {
    if (rule.target !== null || !rule.jump) return;
    let callers = this.byCallee.get(rule.jump);
    if (!callers) this.byCallee.set(rule.jump, (callers = new Map()));
    callers.set(caller, (callers.get(caller) ?? 0) + 1);
  }

  remove(caller: Chain, rule: Rule): void {
    if (rule.target !== null || !rule.jump) return;
    const callers = this.byCallee.get(rule.jump);
    const n = callers?.get(caller);
    if (!callers || n === undefined) return;
    if (n <= 1) callers.delete(caller);
    else callers.set(caller, n - 1);
  }

  /** The chains with at least one rule jumping to `name`. */
  of(name: string): Iterable<Chain> {
    return this.byCallee.get(name)?.keys() ?? [];
  }
}
