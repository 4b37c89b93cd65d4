// nl: numbers lines (-b a|t|n|pREGEX, -n ln|rn|rz, -w, -s, -v, -i), non-empty lines by default.

import type { CommandContext } from '../types.ts';
import { parseOrReport, usageError } from './args.ts';
import { readOrReport, splitLines } from './files.ts';
import { compileRegex, RegexError } from './regex.ts';

export function nl(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'b:n:w:s:v:i:h:f:d:pl:',
    long: {
      'body-numbering:': 'b',
      'number-format:': 'n',
      'number-width:': 'w',
      'number-separator:': 's',
      'starting-line-number:': 'v',
      'line-increment:': 'i',
    },
  });
  if (!parsed) return 1;
  let style = 't';
  let format = 'rn';
  let width = 6;
  let sep = '\t';
  let n = 1;
  let incr = 1;
  let re: RegExp | null = null;
  for (const [k, v] of parsed.options) {
    const value = v!;
    if (k === 'b') {
      if (value.startsWith('p')) {
        try {
          re = compileRegex(value.slice(1), { extended: false });
        } catch (e) {
          if (e instanceof RegexError) {
            ctx.stderr.write(`nl: ${e.message}\n`);
            return 1;
          }
          throw e;
        }
        style = 'p';
      } else if (['a', 't', 'n'].includes(value)) style = value;
      else return usageError(ctx, `invalid body numbering style: '${value}'`);
    } else if (k === 'n') {
      if (!['ln', 'rn', 'rz'].includes(value))
        return usageError(ctx, `invalid line numbering format: '${value}'`);
      format = value;
    } else if (k === 'w') {
      if (!/^\d+$/.test(value) || Number(value) < 1) {
        ctx.stderr.write(`nl: invalid line number field width: '${value}': Numerical result out of range\n`);
        return 1;
      }
      width = Number(value);
    } else if (k === 's') sep = value;
    else if (k === 'v') n = Number(value);
    else if (k === 'i') incr = Number(value);
  }
  const files = parsed.operands.length > 0 ? parsed.operands : ['-'];
  let status = 0;
  for (const f of files) {
    const text = readOrReport(ctx, f);
    if (text === null) {
      status = 1;
      continue;
    }
    const { lines, terminated } = splitLines(text);
    let out = '';
    lines.forEach((line, i) => {
      const numbered =
        style === 'a' || (style === 't' && line !== '') || (style === 'p' && re !== null && re.test(line));
      const end = i < lines.length - 1 || terminated ? '\n' : '\n';
      if (numbered) {
        const digits = String(n);
        const field =
          format === 'ln'
            ? digits.padEnd(width)
            : format === 'rz'
              ? n < 0
                ? `-${String(-n).padStart(width - 1, '0')}`
                : digits.padStart(width, '0')
              : digits.padStart(width);
        out += `${field}${sep}${line}${end}`;
        n += incr;
      } else out += `${' '.repeat(width + sep.length)}${line}${end}`;
    });
    ctx.stdout.write(out);
  }
  return status;
}
