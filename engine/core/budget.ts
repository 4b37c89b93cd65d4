// Budgets that stop runaway notes: a step count, a span of simulated time and an output cap
// per block. Exceeding one throws BudgetExceeded, which ends the block but never the check.

export interface BudgetLimits {
  /** Commands, loop iterations and other interpreter steps allowed per block. */
  steps: number;
  /** Simulated milliseconds a block may consume. */
  simulatedMs: number;
  /** Characters of output a block may produce. */
  outputChars: number;
}

export const DEFAULT_LIMITS: BudgetLimits = {
  steps: 200_000,
  simulatedMs: 24 * 3600 * 1000,
  outputChars: 8 * 1024 * 1024,
};

export class BudgetExceeded extends Error {
  readonly kind: 'steps' | 'time' | 'output';
  constructor(kind: 'steps' | 'time' | 'output', message: string) {
    super(message);
    this.name = 'BudgetExceeded';
    this.kind = kind;
  }
}

export class Budget {
  readonly limits: BudgetLimits;
  private steps = 0;
  private output = 0;
  private startMs = 0;

  constructor(limits: BudgetLimits = DEFAULT_LIMITS) {
    this.limits = limits;
  }

  /** Starts a new block's allowance at simulated time `nowMs`. */
  reset(nowMs: number): void {
    this.steps = 0;
    this.output = 0;
    this.startMs = nowMs;
  }

  step(count = 1): void {
    this.steps += count;
    if (this.steps > this.limits.steps) {
      throw new BudgetExceeded(
        'steps',
        `step budget exceeded: more than ${this.limits.steps} steps (an endless loop?)`,
      );
    }
  }

  checkTime(nowMs: number): void {
    if (nowMs - this.startMs > this.limits.simulatedMs) {
      const hours = this.limits.simulatedMs / 3_600_000;
      throw new BudgetExceeded('time', `time budget exceeded: more than ${hours}h of simulated time`);
    }
  }

  written(chars: number): void {
    this.output += chars;
    if (this.output > this.limits.outputChars) {
      throw new BudgetExceeded(
        'output',
        `output budget exceeded: more than ${this.limits.outputChars} characters`,
      );
    }
  }
}
