// cat: concatenates files and standard input (`-`), with -n, -b, -s, -E, -T, -v and their
// combinations -A, -e, -t, and GNU's errors.

import type { CommandContext } from '../types.ts';
import { parseOrReport } from './args.ts';
import { readSource, toBytes } from './files.ts';

/** cat -v notation: ^X for control characters, M- for bytes above 127. */
function showNonprinting(line: string, tabs: boolean): string {
  if (!/[^\x20-\x7e\t]/.test(line) && !tabs) return line;
  let out = '';
  for (const b of toBytes(line)) {
    let c = b;
    let prefix = '';
    if (c >= 128) {
      prefix = 'M-';
      c -= 128;
    }
    if (c === 9 && !prefix) out += tabs ? '^I' : '\t';
    else if (c < 32) out += `${prefix}^${String.fromCharCode(c + 64)}`;
    else if (c === 127) out += `${prefix}^?`;
    else out += prefix + String.fromCharCode(c);
  }
  return out;
}

export function cat(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'AbeEnstTuv',
    long: {
      'show-all': 'A',
      'number-nonblank': 'b',
      'show-ends': 'E',
      number: 'n',
      'squeeze-blank': 's',
      'show-tabs': 'T',
      'show-nonprinting': 'v',
    },
  });
  if (!parsed) return 1;
  let number = false;
  let numberNonBlank = false;
  let squeeze = false;
  let ends = false;
  let tabs = false;
  let nonprinting = false;
  for (const [k] of parsed.options) {
    if (k === 'n') number = true;
    else if (k === 'b') numberNonBlank = true;
    else if (k === 's') squeeze = true;
    else if (k === 'E') ends = true;
    else if (k === 'T') tabs = true;
    else if (k === 'v') nonprinting = true;
    else if (k === 'A') nonprinting = ends = tabs = true;
    else if (k === 'e') nonprinting = ends = true;
    else if (k === 't') nonprinting = tabs = true;
  }
  const files = parsed.operands.length > 0 ? parsed.operands : ['-'];
  const plain = !number && !numberNonBlank && !squeeze && !ends && !tabs && !nonprinting;
  let status = 0;
  let lineNo = 0;
  let prevBlank = false;
  for (const f of files) {
    const r = readSource(ctx, f);
    if (!r.ok) {
      ctx.stderr.write(`cat: ${f}: ${r.error}\n`);
      status = 1;
      continue;
    }
    if (plain) {
      ctx.stdout.write(r.text);
      continue;
    }
    const lines = r.text.split('\n');
    const trailing = r.text.endsWith('\n');
    if (trailing) lines.pop();
    let out = '';
    lines.forEach((l, i) => {
      const terminated = i < lines.length - 1 || trailing;
      const blank = l === '';
      if (squeeze && blank && prevBlank && terminated) return;
      prevBlank = blank && terminated;
      let body = nonprinting ? showNonprinting(l, tabs) : tabs ? l.replace(/\t/g, '^I') : l;
      if (ends && terminated) body += '$';
      if (numberNonBlank ? !blank : number) body = `${String(++lineNo).padStart(6)}\t${body}`;
      out += body + (terminated ? '\n' : '');
    });
    ctx.stdout.write(out);
  }
  return status;
}
