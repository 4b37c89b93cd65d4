// GNU getopt(3) as iputils uses it: short options from an optstring ("c:" takes an argument),
// clustered flags (-qc2), arguments attached or separate, operands anywhere (permutation) and
// `--`. Errors carry glibc's messages.

export interface ParsedOption {
  opt: string;
  arg: string | null;
}

export class GetoptError extends Error {}

export function getopt(
  args: string[],
  optstring: string,
  prog: string,
): { options: ParsedOption[]; operands: string[] } {
  const options: ParsedOption[] = [];
  const operands: string[] = [];
  const takesArg = (c: string) => {
    const i = optstring.indexOf(c);
    return i >= 0 && optstring[i + 1] === ':';
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (c === ':' || !optstring.includes(c)) throw new GetoptError(`${prog}: invalid option -- '${c}'`);
      if (!takesArg(c)) {
        options.push({ opt: c, arg: null });
        continue;
      }
      let arg: string;
      if (j + 1 < a.length) arg = a.slice(j + 1);
      else if (i + 1 < args.length) arg = args[++i];
      else throw new GetoptError(`${prog}: option requires an argument -- '${c}'`);
      options.push({ opt: c, arg });
      break;
    }
  }
  return { options, operands };
}

/** C strtol() on a whole string: null unless it is entirely a base-10 integer. */
export function parseLong(text: string): { value: number; range: boolean } | null {
  const m = /^\s*([+-]?\d+)$/.exec(text);
  if (!m) return null;
  const big = BigInt(m[1]);
  return { value: Number(big), range: big <= 9223372036854775807n && big >= -9223372036854775808n };
}

/** iputils strtol_or_err(): the value, or the message it exits with (status 1). */
export function strtolOrErr(
  prog: string,
  text: string,
  what: string,
  min: number,
  max: number,
): number | string {
  const parsed = parseLong(text);
  if (!parsed) return `${prog}: ${what}: '${text}'`;
  if (!parsed.range) return `${prog}: ${what}: '${text}': Numerical result out of range`;
  if (parsed.value < min || parsed.value > max) {
    const maxText = max === Number.MAX_SAFE_INTEGER ? '9223372036854775807' : String(max);
    return `${prog}: ${what}: '${text}': out of range: ${min} <= value <= ${maxText}`;
  }
  return parsed.value;
}

/** C strtod(): the longest numeric prefix and what follows it. */
export function parseDoublePrefix(text: string): { value: number; rest: string } {
  const m = /^\s*[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/.exec(text);
  if (!m) return { value: 0, rest: text };
  return { value: Number(m[0]), rest: text.slice(m[0].length) };
}
