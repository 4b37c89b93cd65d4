// A shell's variables, functions, positional parameters and options, with function-local
// scopes and a cheap copy for subshells (pipelines, `( )`, `$( )`).

export type Value = string | string[] | Map<string, string>;

export interface Var {
  value: Value;
  exported: boolean;
  readonly: boolean;
}

export interface ShellOptions {
  errexit: boolean;
  nounset: boolean;
  xtrace: boolean;
  pipefail: boolean;
  noglob: boolean;
}

export class ShellState {
  readonly globals: Map<string, Var>;
  /** One map per active function call, innermost last. */
  readonly frames: Map<string, Var>[];
  readonly functions: Map<string, unknown>;
  positional: string[];
  name: string;
  options: ShellOptions;
  lastStatus = 0;

  constructor(init?: {
    globals?: Map<string, Var>;
    functions?: Map<string, unknown>;
    name?: string;
    positional?: string[];
  }) {
    this.globals = init?.globals ?? new Map();
    this.functions = init?.functions ?? new Map();
    this.frames = [];
    this.positional = init?.positional ?? [];
    this.name = init?.name ?? 'bash';
    this.options = { errexit: false, nounset: false, xtrace: false, pipefail: false, noglob: false };
  }

  lookup(name: string): Var | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const v = this.frames[i].get(name);
      if (v) return v;
    }
    return this.globals.get(name);
  }

  /** The scalar value of a variable (element 0 of an array), or undefined when unset. */
  get(name: string): string | undefined {
    const v = this.lookup(name);
    if (!v) return undefined;
    if (typeof v.value === 'string') return v.value;
    if (Array.isArray(v.value)) return v.value[0];
    return v.value.get('0');
  }

  /** Sets a variable where it lives (local frame or global); throws on readonly. */
  set(name: string, value: Value, opts: { export?: boolean; local?: boolean } = {}): void {
    let v = opts.local ? this.frames[this.frames.length - 1]?.get(name) : this.lookup(name);
    if (v?.readonly) throw new ReadonlyError(name);
    if (!v) {
      v = { value, exported: false, readonly: false };
      const target =
        opts.local && this.frames.length > 0 ? this.frames[this.frames.length - 1] : this.globals;
      target.set(name, v);
    } else {
      v.value = value;
    }
    if (opts.export) v.exported = true;
  }

  unset(name: string): void {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const v = this.frames[i].get(name);
      if (v) {
        if (v.readonly) throw new ReadonlyError(name);
        this.frames[i].delete(name);
        return;
      }
    }
    const g = this.globals.get(name);
    if (g?.readonly) throw new ReadonlyError(name);
    this.globals.delete(name);
  }

  /** The environment a child process inherits: exported scalars. */
  exported(): Map<string, string> {
    const env = new Map<string, string>();
    const add = (vars: Map<string, Var>) => {
      for (const [k, v] of vars) {
        if (v.exported && typeof v.value === 'string') env.set(k, v.value);
        else if (v.exported === false && env.has(k)) env.delete(k);
      }
    };
    add(this.globals);
    for (const frame of this.frames) add(frame);
    return env;
  }

  /** An independent copy for a subshell. */
  clone(): ShellState {
    const copyVars = (m: Map<string, Var>) => {
      const out = new Map<string, Var>();
      for (const [k, v] of m) {
        const value = Array.isArray(v.value)
          ? [...v.value]
          : v.value instanceof Map
            ? new Map(v.value)
            : v.value;
        out.set(k, { ...v, value });
      }
      return out;
    };
    const copy = new ShellState({
      globals: copyVars(this.globals),
      functions: new Map(this.functions),
      name: this.name,
      positional: [...this.positional],
    });
    for (const f of this.frames) copy.frames.push(copyVars(f));
    copy.options = { ...this.options };
    copy.lastStatus = this.lastStatus;
    return copy;
  }
}

export class ReadonlyError extends Error {
  readonly variable: string;
  constructor(name: string) {
    super(`${name}: readonly variable`);
    this.variable = name;
  }
}
