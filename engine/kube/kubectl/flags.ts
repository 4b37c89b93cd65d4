// A pflag-like command-line parser for kubectl: long and short flags, `--f=v`, `--f v`,
// `-n v`, `-nv`, grouped booleans, repeated flags and `--` — with pflag's error texts.

export interface FlagSpec {
  name: string;
  short?: string;
  /** bool flags take no value (but accept --flag=false); others need one. */
  type: 'bool' | 'string' | 'int' | 'strings';
}

export interface ParsedFlags {
  values: Map<string, string[]>;
  args: string[];
  /** Words after `--` (kubectl exec/run commands). */
  rest: string[] | null;
}

export class FlagError extends Error {}

export function parseFlags(argv: string[], specs: FlagSpec[]): ParsedFlags {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const values = new Map<string, string[]>();
  const args: string[] = [];
  let rest: string[] | null = null;
  const put = (spec: FlagSpec, value: string) => {
    const list = values.get(spec.name) ?? [];
    if (spec.type === 'strings') list.push(...value.split(',').filter((v) => v !== ''));
    else list.push(value);
    values.set(spec.name, list);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      rest = argv.slice(i + 1);
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) put(spec, a.slice(eq + 1));
      else if (spec.type === 'bool') put(spec, 'true');
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        put(spec, argv[++i]);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const spec = byShort.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        if (spec.type === 'bool') {
          if (a[j + 1] === '=') {
            put(spec, a.slice(j + 2));
            break;
          }
          put(spec, 'true');
          continue;
        }
        let value = a.slice(j + 1);
        if (value.startsWith('=')) value = value.slice(1);
        if (value === '') {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
          value = argv[++i];
        }
        put(spec, value);
        break;
      }
      continue;
    }
    args.push(a);
  }
  return { values, args, rest };
}

export function str(flags: ParsedFlags, name: string): string | undefined {
  const v = flags.values.get(name);
  return v ? v[v.length - 1] : undefined;
}

export function list(flags: ParsedFlags, name: string): string[] {
  return flags.values.get(name) ?? [];
}

export function bool(flags: ParsedFlags, name: string): boolean {
  const v = str(flags, name);
  return v !== undefined && v !== 'false';
}
