// cat: concatenates files and standard input (`-`), with -n, -b, -E, -A and GNU's errors.
import { FsError } from '../../fs/errors.ts';
import type { CommandContext } from '../types.ts';

export function cat(ctx: CommandContext): number {
  let number = false;
  let numberNonBlank = false;
  let showEnds = false;
  const files: string[] = [];
  for (const a of ctx.argv.slice(1)) {
    if (a === '-' || !a.startsWith('-')) files.push(a);
    else if (a === '-n' || a === '--number') number = true;
    else if (a === '-b' || a === '--number-nonblank') numberNonBlank = true;
    else if (a === '-E' || a === '--show-ends' || a === '-A') showEnds = true;
    else if (/^-[nbEA]+$/.test(a)) {
      number ||= a.includes('n');
      numberNonBlank ||= a.includes('b');
      showEnds ||= a.includes('E') || a.includes('A');
    } else {
      ctx.stderr.write(`cat: invalid option -- '${a.slice(1, 2)}'\nTry 'cat --help' for more information.\n`);
      return 1;
    }
  }
  if (files.length === 0) files.push('-');
  let status = 0;
  let lineNo = 0;
  for (const f of files) {
    let text: string;
    if (f === '-') text = ctx.stdin.readAll();
    else {
      try {
        text = ctx.proc.host.fs.readFile(f, ctx.proc.cwd, ctx.proc);
      } catch (e) {
        if (e instanceof FsError) {
          ctx.stderr.write(`cat: ${f}: ${e.message}\n`);
          status = 1;
          continue;
        }
        throw e;
      }
    }
    if (number || numberNonBlank || showEnds) {
      const lines = text.split('\n');
      const trailing = text.endsWith('\n');
      if (trailing) lines.pop();
      text =
        lines
          .map((l, i) => {
            const body = showEnds && (i < lines.length - 1 || trailing) ? `${l}$` : l;
            if (numberNonBlank ? l !== '' : number) return `${String(++lineNo).padStart(6)}\t${body}`;
            return body;
          })
          .join('\n') + (trailing ? '\n' : '');
    }
    ctx.stdout.write(text);
  }
  return status;
}
