// GNU getopt_long as coreutils use it: clustered short options, `--long[=value]` with unique
// abbreviations, operands permuted after options unless `--`, and the exact error texts.
import type { CommandContext } from '../types.ts';

export interface OptionSpec {
  /** getopt string: a letter, `:` after it when it takes a value, `::` for an optional one. */
  short: string;
  /** Long name -> key (a short letter or any name); `:` after the name when it takes a value,
   * `::` when the value is optional (only as `--name=value`). */
  long?: Record<string, string>;
  /** Stop at the first operand (POSIX order) instead of permuting. */
  stopAtOperand?: boolean;
}

export interface ParsedArgs {
  /** Options in command-line order as [key, value]; value is undefined when none was given. */
  options: Array<[string, string | undefined]>;
  operands: string[];
}

export class UsageError extends Error {}

/** Prints "NAME: message" and the "Try 'NAME --help'" hint; returns `status`. */
export function usageError(ctx: CommandContext, message: string, status = 1): number {
  const name = ctx.argv[0];
  ctx.stderr.write(`${name}: ${message}\nTry '${name} --help' for more information.\n`);
  return status;
}

function shortArity(spec: string, letter: string): number {
  const i = spec.indexOf(letter);
  if (i < 0 || letter === ':') return -1;
  if (spec[i + 1] !== ':') return 0;
  return spec[i + 2] === ':' ? 2 : 1;
}

/** Parses argv[1..]; throws UsageError with getopt's message for a bad option. */
export function parseOptions(argv: string[], spec: OptionSpec): ParsedArgs {
  const options: Array<[string, string | undefined]> = [];
  const operands: string[] = [];
  const longs = Object.entries(spec.long ?? {}).map(([raw, key]) => {
    const arity = raw.endsWith('::') ? 2 : raw.endsWith(':') ? 1 : 0;
    return { name: raw.replace(/:+$/, ''), key, arity };
  });
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const value = eq < 0 ? undefined : a.slice(eq + 1);
      let match = longs.find((l) => l.name === name);
      if (!match) {
        const candidates = longs.filter((l) => l.name.startsWith(name));
        const distinct = candidates.filter(
          (c, j) => candidates.findIndex((d) => d.key === c.key && d.arity === c.arity) === j,
        );
        if (distinct.length > 1) {
          throw new UsageError(
            `option '${a.slice(0, eq < 0 ? undefined : eq)}' is ambiguous; possibilities:${candidates.map((c) => ` '--${c.name}'`).join('')}`,
          );
        }
        match = distinct[0];
      }
      if (!match) throw new UsageError(`unrecognized option '${a}'`);
      if (match.arity === 0 && value !== undefined)
        throw new UsageError(`option '--${match.name}' doesn't allow an argument`);
      if (match.arity === 1 && value === undefined) {
        if (i + 1 >= args.length) throw new UsageError(`option '--${match.name}' requires an argument`);
        options.push([match.key, args[++i]]);
      } else options.push([match.key, value]);
      continue;
    }
    if (a.startsWith('-') && a !== '-') {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const arity = shortArity(spec.short, c);
        if (arity < 0) throw new UsageError(`invalid option -- '${c}'`);
        if (arity === 0) {
          options.push([c, undefined]);
          continue;
        }
        const rest = a.slice(j + 1);
        if (rest !== '') options.push([c, rest]);
        else if (arity === 2) options.push([c, undefined]);
        else if (i + 1 < args.length) options.push([c, args[++i]]);
        else throw new UsageError(`option requires an argument -- '${c}'`);
        break;
      }
      continue;
    }
    if (spec.stopAtOperand) {
      operands.push(...args.slice(i));
      break;
    }
    operands.push(a);
  }
  return { options, operands };
}

/** parseOptions that reports a UsageError GNU-style and returns null (status in `fail.status`). */
export function parseOrReport(
  ctx: CommandContext,
  spec: OptionSpec,
  status = 1,
  argv: string[] = ctx.argv,
): ParsedArgs | null {
  try {
    return parseOptions(argv, spec);
  } catch (e) {
    if (e instanceof UsageError) {
      usageError(ctx, e.message, status);
      return null;
    }
    throw e;
  }
}
