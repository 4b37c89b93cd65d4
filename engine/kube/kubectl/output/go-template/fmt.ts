// Go's fmt.Sprint, Sprintln and Sprintf over template values: %v %+v %#v %s %q %d %x %X %o %b %c %f %e %g %t with flags, width and precision, and fmt's %!verb(type=value) complaints.
import { formatFloatG, GoNumber, goQuote, goSprint, goSyntax, isMap } from '../go-values.ts';
import { numberType, numberValue, type Plain } from './values.ts';

/** An operand handed to fmt: a plain value, or `undefined` for a nil interface{}. */
export type FmtArg = Plain | undefined;

function isString(a: FmtArg): boolean {
  return typeof a === 'string';
}

function sprintValue(a: FmtArg): string {
  if (a === undefined || a === null) return '<nil>';
  return goSprint(a);
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: FmtArg[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && !isString(a) && !isString(args[i - 1])) out += ' ';
    out += sprintValue(a);
  });
  return out;
}

/** fmt.Sprintln: always spaces between operands, and a newline. */
export function sprintln(args: FmtArg[]): string {
  return `${args.map(sprintValue).join(' ')}\n`;
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  precision?: number;
  verb: string;
}

function typeOf(a: FmtArg): string {
  if (a === undefined || a === null) return '<nil>';
  if (typeof a === 'string') return 'string';
  if (typeof a === 'boolean') return 'bool';
  if (typeof a === 'number' || a instanceof GoNumber) return numberType(a);
  if (Array.isArray(a)) return '[]interface {}';
  return 'map[string]interface {}';
}

function badVerb(spec: Spec, a: FmtArg): string {
  if (a === undefined || a === null) return `%!${spec.verb}(<nil>)`;
  return `%!${spec.verb}(${typeOf(a)}=${sprintValue(a)})`;
}

function pad(text: string, spec: Spec, zeroOk = false): string {
  const width = spec.width ?? 0;
  const len = Array.from(text).length;
  if (len >= width) return text;
  if (spec.minus) return text + ' '.repeat(width - len);
  if (spec.zero && zeroOk) {
    const sign = /^[+\- ]/.test(text) ? text[0] : '';
    return sign + '0'.repeat(width - len) + text.slice(sign.length);
  }
  return ' '.repeat(width - len) + text;
}

function signed(text: string, negative: boolean, spec: Spec): string {
  if (negative) return `-${text}`;
  if (spec.plus) return `+${text}`;
  if (spec.space) return ` ${text}`;
  return text;
}

function formatInteger(n: bigint, spec: Spec): string {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  let digits: string;
  switch (spec.verb) {
    case 'x':
      digits = abs.toString(16);
      if (spec.sharp) digits = `0x${digits}`;
      break;
    case 'X':
      digits = abs.toString(16).toUpperCase();
      if (spec.sharp) digits = `0X${digits}`;
      break;
    case 'o':
      digits = abs.toString(8);
      if (spec.sharp) digits = `0${digits}`;
      break;
    case 'b':
      digits = abs.toString(2);
      break;
    default:
      digits = abs.toString(10);
  }
  if (spec.precision !== undefined) digits = digits.padStart(spec.precision, '0');
  return pad(signed(digits, negative, spec), spec, spec.precision === undefined);
}

function formatFloat(f: number, spec: Spec): string {
  const negative = f < 0 || Object.is(f, -0);
  const abs = Math.abs(f);
  let text: string;
  if (!Number.isFinite(f)) text = Number.isNaN(f) ? 'NaN' : 'Inf';
  else if (spec.verb === 'f' || spec.verb === 'F') text = abs.toFixed(spec.precision ?? 6);
  else if (spec.verb === 'e' || spec.verb === 'E') {
    const [m, e] = abs.toExponential(spec.precision ?? 6).split('e');
    const exp = Number(e);
    text = `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
    if (spec.verb === 'E') text = text.toUpperCase();
  } else text = formatFloatG(abs);
  if (Number.isNaN(f)) return pad(spec.plus ? '+NaN' : 'NaN', spec);
  return pad(signed(text, negative, spec), spec, true);
}

function formatString(s: string, spec: Spec): string {
  let text = s;
  if (spec.precision !== undefined) text = Array.from(text).slice(0, spec.precision).join('');
  switch (spec.verb) {
    case 'q':
      text = spec.sharp && !text.includes('`') ? `\`${text}\`` : goQuote(text);
      break;
    case 'x':
    case 'X': {
      const hex = Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, '0')).join('');
      text = spec.verb === 'X' ? hex.toUpperCase() : hex;
      break;
    }
  }
  return pad(text, spec);
}

function formatOne(spec: Spec, a: FmtArg): string {
  const v = spec.verb;
  if (a === undefined || a === null) return v === 'v' ? pad('<nil>', spec) : badVerb(spec, a);
  if (v === 'v' && spec.sharp) return pad(goSyntax(a), spec);
  if (typeof a === 'string') {
    if ('vsqxX'.includes(v)) return formatString(a, v === 'v' ? { ...spec, verb: 's' } : spec);
    return badVerb(spec, a);
  }
  if (typeof a === 'boolean') return v === 'v' || v === 't' ? pad(String(a), spec) : badVerb(spec, a);
  if (typeof a === 'number' || a instanceof GoNumber) {
    const n = numberValue(a);
    if (numberType(a) === 'float64') {
      if ('veEfFgG'.includes(v)) return formatFloat(n, v === 'v' ? { ...spec, verb: 'g' } : spec);
      return badVerb(spec, a);
    }
    if (v === 'c') return pad(String.fromCodePoint(n), spec);
    if (v === 'q') return pad(`'${String.fromCodePoint(n)}'`, spec);
    if ('vdxXob'.includes(v)) return formatInteger(BigInt(n), v === 'v' ? { ...spec, verb: 'd' } : spec);
    return badVerb(spec, a);
  }
  if (Array.isArray(a)) return `[${a.map((e) => formatOne(spec, e ?? undefined)).join(' ')}]`;
  if (isMap(a)) {
    const keys = Object.keys(a).sort();
    return `map[${keys.map((k) => `${formatOne(spec, k)}:${formatOne(spec, a[k] ?? undefined)}`).join(' ')}]`;
  }
  return badVerb(spec, a);
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: FmtArg[]): string {
  let out = '';
  let argIndex = 0;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false, verb: '' };
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === '-') spec.minus = true;
      else if (c === '+') spec.plus = true;
      else if (c === '#') spec.sharp = true;
      else if (c === ' ') spec.space = true;
      else if (c === '0') spec.zero = !spec.minus;
      else break;
    }
    const width = /^\d+/.exec(format.slice(i));
    if (width) {
      spec.width = Number(width[0]);
      i += width[0].length;
    }
    if (format[i] === '.') {
      i++;
      const precision = /^\d+/.exec(format.slice(i));
      spec.precision = precision ? Number(precision[0]) : 0;
      if (precision) i += precision[0].length;
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    spec.verb = verb;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argIndex >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const a = args[argIndex++];
    if (verb === 'v' && spec.plus) spec.plus = false;
    out += formatOne(spec, a);
  }
  if (argIndex < args.length) {
    const extra = args
      .slice(argIndex)
      .map((a) => (a === undefined || a === null ? '<nil>' : `${typeOf(a)}=${sprintValue(a)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}
