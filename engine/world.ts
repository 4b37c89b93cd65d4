// The world a note runs in: hosts, the simulated clock, the seeded random source, budgets
// and the table of commands its shells can run.

import { defaultCommands } from './commands/table.ts';
import type { CommandTable } from './commands/types.ts';
import { Budget, type BudgetLimits, DEFAULT_LIMITS } from './core/budget.ts';
import { type Clock, createClock } from './core/clock.ts';
import { createRandom, type Random } from './core/random.ts';
import { createHost, type Host } from './host.ts';

export interface WorldOptions {
  seed?: number | string;
  limits?: Partial<BudgetLimits>;
  /** Name of the first host (also its hostname). */
  hostname?: string;
}

export interface World {
  readonly clock: Clock;
  readonly random: Random;
  readonly budget: Budget;
  readonly hosts: Map<string, Host>;
  readonly commands: CommandTable;
  /** The host a new shell starts on. */
  readonly mainHost: Host;
  /** World-wide subsystem state keyed by name (e.g. "kube"); each subsystem owns its key. */
  readonly subsystems: Map<string, unknown>;
}

export function createWorld(options: WorldOptions = {}): World {
  const clock = createClock();
  const hosts = new Map<string, Host>();
  const mainHost = createHost(options.hostname ?? 'labbook', clock);
  hosts.set(mainHost.id, mainHost);
  return {
    clock,
    random: createRandom(options.seed ?? 'labbook'),
    budget: new Budget({ ...DEFAULT_LIMITS, ...options.limits }),
    hosts,
    commands: defaultCommands(),
    mainHost,
    subsystems: new Map(),
  };
}
