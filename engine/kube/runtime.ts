// The cluster's event loop in simulated time: timers that fire at a simulated instant,
// work queues that controllers drain, and "settling", which runs the world forward after a
// command until nothing it started is still pending (image pulls, rollouts, terminations).
import type { Budget } from '../core/budget.ts';
import type { Clock } from '../core/clock.ts';
import { StatusError } from './apiserver/errors.ts';

export interface Timer {
  due: number;
  seq: number;
  /** Timers that keep the world from settling (pulls, starts); periodic ones (probes) do not. */
  settles: boolean;
  label: string;
  fire(): void;
  cancelled?: boolean;
}

/** How far settling may run the clock after one command. */
export const SETTLE_HORIZON_MS = 10 * 60 * 1000;
/** Controller steps allowed in one drain before the loop is declared runaway. */
const MAX_STEPS = 2_000_000;

/**
 * One controller step. An API error a controller's sync meets (a conflict, an object that
 * already exists) is the controller's own to log and retry, as client-go controllers do: it
 * never reaches the command that started the settling.
 */
function guarded(step: () => boolean): boolean {
  try {
    return step();
  } catch (e) {
    if (e instanceof StatusError) return true;
    throw e;
  }
}

export class Runtime {
  private readonly clock: Clock;
  private readonly budget: Budget | undefined;
  private readonly timers = new TimerHeap();
  /** Settling timers not yet fired or cancelled. */
  private settling = 0;
  private seq = 0;
  private readonly queues: Array<() => boolean> = [];
  /** The instant being processed while catching up with timers that were due in the past. */
  private current: number | null = null;

  constructor(clock: Clock, budget?: Budget) {
    this.clock = clock;
    this.budget = budget;
  }

  now(): number {
    return this.current ?? this.clock.now();
  }

  /** Registers a work queue: `step` does one item and returns false when empty. */
  addQueue(step: () => boolean): void {
    this.queues.push(step);
  }

  after(ms: number, label: string, fire: () => void, settles = true): Timer {
    const timer: Timer = { due: this.now() + Math.max(0, ms), seq: this.seq++, settles, label, fire };
    this.timers.push(timer);
    if (settles) this.settling++;
    return timer;
  }

  cancel(timer: Timer | undefined): void {
    if (!timer || timer.cancelled) return;
    timer.cancelled = true;
    if (timer.settles) this.settling--;
  }

  /** Runs every controller queue until all are empty. */
  drain(): void {
    let steps = 0;
    let busy = true;
    while (busy) {
      busy = false;
      for (const step of this.queues) {
        while (guarded(step)) {
          busy = true;
          if (++steps > MAX_STEPS) throw new Error('kubernetes controllers did not settle (runaway loop)');
          if ((steps & 1023) === 0) this.budget?.step(1);
        }
      }
    }
  }

  private nextTimer(): Timer | undefined {
    for (;;) {
      const t = this.timers.peek();
      if (!t?.cancelled) return t;
      this.timers.pop();
    }
  }

  private fire(timer: Timer): void {
    this.timers.pop();
    timer.cancelled = true;
    if (timer.settles) this.settling--;
    this.current = Math.max(timer.due, this.current ?? 0);
    try {
      timer.fire();
      this.drain();
    } finally {
      this.current = null;
    }
  }

  /** Fires every timer already due (the clock moved on through `sleep` or other commands). */
  catchUp(): void {
    this.drain();
    for (;;) {
      const t = this.nextTimer();
      if (!t || t.due > this.clock.now()) return;
      this.current = t.due;
      this.fire(t);
    }
  }

  /**
   * Runs the world forward until no settling timer is pending, moving the clock to each
   * timer's instant, at most SETTLE_HORIZON_MS past the start.
   */
  settle(): void {
    this.catchUp();
    const limit = this.clock.now() + SETTLE_HORIZON_MS;
    for (;;) {
      if (this.settling <= 0) return;
      const t = this.nextTimer();
      if (!t || t.due > limit) return;
      if (t.due > this.clock.now()) this.clock.advance(t.due - this.clock.now());
      this.fire(t);
    }
  }

  /** Advances to `until` (or until `done()` holds), firing timers on the way; returns done(). */
  runUntil(until: number, done: () => boolean): boolean {
    this.catchUp();
    for (;;) {
      if (done()) return true;
      const t = this.nextTimer();
      if (!t || t.due > until) {
        if (until > this.clock.now()) this.clock.advance(until - this.clock.now());
        return done();
      }
      if (t.due > this.clock.now()) this.clock.advance(t.due - this.clock.now());
      this.fire(t);
    }
  }
}

/** A binary min-heap of timers ordered by due time, then creation order. */
class TimerHeap {
  private readonly items: Timer[] = [];

  peek(): Timer | undefined {
    return this.items[0];
  }

  push(t: Timer): void {
    const a = this.items;
    a.push(t);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(a[i], a[parent])) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }

  pop(): Timer | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l], a[m])) m = l;
        if (r < a.length && before(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}
