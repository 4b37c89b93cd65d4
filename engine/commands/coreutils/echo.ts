// echo as bash's builtin prints it: -n, -e, -E (combinable), escapes only with -e.

import type { CommandContext } from '../types.ts';
import { normalizeBytes, rawByte } from './files.ts';

/** Interprets echo -e / printf %b escapes; returns the text and whether \c stopped output. */
export function backslashEscapes(text: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\' || i === text.length - 1) {
      out += c;
      continue;
    }
    const n = text[++i];
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      e: '\x1b',
      E: '\x1b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
    };
    if (n in simple) out += simple[n];
    else if (n === 'c') return { text: out, stop: true };
    else if (n === '0') {
      const m = /^[0-7]{0,3}/.exec(text.slice(i + 1))![0];
      out += rawByte(Number.parseInt(m || '0', 8) & 0xff);
      i += m.length;
    } else if (n === 'x') {
      const m = /^[0-9a-fA-F]{0,2}/.exec(text.slice(i + 1))![0];
      if (m) {
        out += rawByte(Number.parseInt(m, 16));
        i += m.length;
      } else out += '\\x';
    } else if (n === 'u' || n === 'U') {
      const m = new RegExp(`^[0-9a-fA-F]{0,${n === 'u' ? 4 : 8}}`).exec(text.slice(i + 1))![0];
      if (m) {
        out += String.fromCodePoint(Number.parseInt(m, 16));
        i += m.length;
      } else out += `\\${n}`;
    } else out += `\\${n}`;
  }
  return { text: out, stop: false };
}

export function echo(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args.length > 0 && /^-[neE]+$/.test(args[0])) {
    const flags = args.shift()!;
    for (const f of flags.slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = args.join(' ');
  if (escapes) {
    const r = backslashEscapes(text);
    text = normalizeBytes(r.text);
    if (r.stop) {
      ctx.stdout.write(text);
      return 0;
    }
  }
  ctx.stdout.write(newline ? `${text}\n` : text);
  return 0;
}
