// printf as bash's builtin: conversions %s %b %q %c %d %i %u %o %x %X %e %f %g %%, flags,
// width and precision (also `*`), the format reused until the arguments run out.

import type { CommandContext } from '../types.ts';
import { backslashEscapes } from './echo.ts';
import { normalizeBytes, rawByte } from './files.ts';
import { formatFloat as cFloat, padField as pad } from './format.ts';

function shellQuote(s: string): string {
  if (s === '') return "''";
  if (/^[\w@%+=:,./-]+$/.test(s)) return s;
  return s.replace(/[^\w@%+=:,./-]/g, '\\$&');
}

function toNumber(ctx: CommandContext, arg: string | undefined, errors: { status: number }): number {
  if (arg === undefined || arg === '') return 0;
  if (/^['"]/.test(arg)) return arg.length > 1 ? arg.codePointAt(1)! : 0;
  const t = arg.trim();
  let n: number;
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(t)) n = Number.parseInt(t, 16);
  else if (/^[-+]?0[0-7]+$/.test(t)) n = Number.parseInt(t, 8);
  else if (/^[-+]?\d+$/.test(t)) n = Number.parseInt(t, 10);
  else if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) n = Number(t);
  else {
    ctx.stderr.write(`bash: printf: ${arg}: invalid number\n`);
    errors.status = 1;
    const lead = /^[-+]?\d+/.exec(t);
    return lead ? Number(lead[0]) : 0;
  }
  return n;
}

export function printf(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  if (args[0] === '--') args.shift();
  if (args.length === 0) {
    ctx.stderr.write('bash: printf: usage: printf [-v var] format [arguments]\n');
    return 2;
  }
  const format = args.shift()!;
  const errors = { status: 0 };
  let out = '';
  let argIndex = 0;
  const next = () => args[argIndex++];
  do {
    let consumed = false;
    for (let i = 0; i < format.length; i++) {
      const c = format[i];
      if (c === '\\') {
        const m = /^\\(0[0-7]{0,3}|[0-7]{1,3}|x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|.)/.exec(format.slice(i))!;
        const esc = m[1];
        out +=
          /^[0-7]/.test(esc) && esc[0] !== '0'
            ? rawByte(Number.parseInt(esc, 8) & 0xff)
            : backslashEscapes(`\\${esc}`).text;
        i += m[0].length - 1;
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([diouxXeEfFgGsbcq%])/.exec(format.slice(i));
      if (!m) {
        ctx.stderr.write(`bash: printf: \`${format.slice(i + 1, i + 2)}': invalid format character\n`);
        ctx.stdout.write(out);
        return 1;
      }
      i += m[0].length - 1;
      const [, flags, widthText, precText, conv] = m;
      if (conv === '%') {
        out += '%';
        continue;
      }
      consumed = true;
      const width = widthText === '*' ? toNumber(ctx, next(), errors) : widthText ? Number(widthText) : 0;
      const prec =
        precText === '*'
          ? toNumber(ctx, next(), errors)
          : precText !== undefined
            ? Number(precText || 0)
            : -1;
      const left = flags.includes('-') || width < 0;
      const zero = flags.includes('0') && !left;
      const arg = next();
      let s: string;
      switch (conv) {
        case 's':
          s = arg ?? '';
          if (prec >= 0) s = s.slice(0, prec);
          break;
        case 'b': {
          const r = backslashEscapes(arg ?? '');
          s = r.text;
          if (r.stop) {
            ctx.stdout.write(normalizeBytes(out + pad(s, Math.abs(width), left, false)));
            return errors.status;
          }
          break;
        }
        case 'q':
          s = shellQuote(arg ?? '');
          break;
        case 'c':
          s = (arg ?? '').slice(0, 1);
          break;
        case 'd':
        case 'i':
        case 'u': {
          const n = Math.trunc(toNumber(ctx, arg, errors));
          s = String(Math.abs(n));
          if (prec >= 0) s = s.padStart(prec, '0');
          s = (n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s;
          break;
        }
        case 'o':
        case 'x':
        case 'X': {
          const n = Math.trunc(toNumber(ctx, arg, errors));
          const v = n < 0 ? BigInt.asUintN(64, BigInt(n)) : BigInt(n);
          s = v.toString(conv === 'o' ? 8 : 16);
          if (conv === 'X') s = s.toUpperCase();
          if (prec >= 0) s = s.padStart(prec, '0');
          if (flags.includes('#') && n !== 0) s = (conv === 'o' ? '0' : conv === 'x' ? '0x' : '0X') + s;
          break;
        }
        default: {
          const n = toNumber(ctx, arg, errors);
          s = cFloat(n, conv, prec, flags.includes('#'));
          if (n >= 0 && flags.includes('+')) s = `+${s}`;
          else if (n >= 0 && flags.includes(' ')) s = ` ${s}`;
        }
      }
      out += pad(
        s,
        Math.abs(width),
        left,
        zero && conv !== 's' && conv !== 'c' && conv !== 'b' && conv !== 'q',
      );
    }
    if (!consumed) break;
  } while (argIndex < args.length);
  ctx.stdout.write(normalizeBytes(out));
  return errors.status;
}
